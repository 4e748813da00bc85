"""Who sees the needs assessment's records (decision 0013): its readers see drafts too (decision 0004)."""

from jointly.accounts.disclosure import disclose
from jointly.accounts.permissions import Perm

from .models import (
    EvidenceItem,
    Finding,
    NeedsAssessment,
    PerformanceMeasure,
    Priority,
    PriorityTarget,
    ReportCard,
    ReportCardAction,
    ReportCardPartner,
)

for _model in (NeedsAssessment, EvidenceItem, Priority, ReportCard):
    disclose(_model, see=Perm.ASSESSMENT_VIEW)
disclose(Finding, parent=lambda finding: finding.assessment)
disclose(PriorityTarget, parent=lambda target: target.priority)
for _model in (ReportCardPartner, ReportCardAction, PerformanceMeasure):
    disclose(_model, parent=lambda row: row.report_card)
