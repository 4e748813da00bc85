"""Who sees budgets, funds and spend (decision 0013)."""

from jointly.accounts.disclosure import disclose
from jointly.accounts.permissions import Perm

from .models import Budget, Contribution, FundingStream, PooledFund, SpendRecord

for _model in (Budget, FundingStream, PooledFund, SpendRecord):
    disclose(_model, see=Perm.RESOURCES_VIEW)
disclose(Contribution, parent=lambda contribution: contribution.fund)
