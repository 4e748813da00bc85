"""Who may see and change opportunities, their lots, criteria and questions."""

from jointly.accounts.disclosure import disclose
from jointly.accounts.permissions import Perm

from .models import Criterion, Lot, Opportunity, Question

disclose(Opportunity, see=Perm.PROCUREMENT_VIEW)
for _model in (Lot, Criterion, Question):
    disclose(_model, parent=lambda part: part.opportunity)
