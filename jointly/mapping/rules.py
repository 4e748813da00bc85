"""Who sees the service map and its efficacy judgements (decision 0013)."""

from jointly.accounts.disclosure import disclose
from jointly.accounts.permissions import Perm

from .models import EfficacyJudgement, MapEntry, MappedPriority, PriorityGroup

disclose(MapEntry, see=Perm.MAP_VIEW)
disclose(PriorityGroup, see=Perm.MAP_VIEW)
for _model in (MappedPriority, EfficacyJudgement):
    disclose(_model, parent=lambda row: row.entry)
