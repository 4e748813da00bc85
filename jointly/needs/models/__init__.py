from .framework import IndicatorDefinition, OutcomeArea, Polarity, ValueType
from .imports import ImportRun
from .observations import Breakdown, Observation

__all__ = [
    "Breakdown",
    "ImportRun",
    "IndicatorDefinition",
    "Observation",
    "OutcomeArea",
    "Polarity",
    "ValueType",
]
