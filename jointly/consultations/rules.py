"""Who sees a consultation's records (decision 0013): a draft only its writers; the rest its results' readers."""

from jointly.accounts.disclosure import disclose, draft_only_to
from jointly.accounts.permissions import Perm

from .models import Coding, Consultation, Question, Theme, YouSaidWeDid

disclose(Consultation, see=draft_only_to(Perm.CONSULTATION_MANAGE, Perm.CONSULTATION_VIEW_RESULTS))
for _model in (Question, Theme, YouSaidWeDid):
    disclose(_model, parent=lambda row: row.consultation)
# How answers were coded is part of the results (the answers themselves are never audited: decision 0006).
disclose(Coding, see=Perm.CONSULTATION_VIEW_RESULTS, parent=lambda coding: coding.theme.consultation)
