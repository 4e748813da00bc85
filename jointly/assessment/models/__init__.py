from .documents import Finding, NeedsAssessment
from .evidence import EvidenceItem, EvidenceKind
from .priorities import Priority, PriorityTarget, TargetDirection
from .report_cards import MeasureCategory, PerformanceMeasure, ReportCard, ReportCardAction, ReportCardPartner

__all__ = [
    "EvidenceItem",
    "EvidenceKind",
    "Finding",
    "MeasureCategory",
    "NeedsAssessment",
    "PerformanceMeasure",
    "Priority",
    "PriorityTarget",
    "ReportCard",
    "ReportCardAction",
    "ReportCardPartner",
    "TargetDirection",
]
