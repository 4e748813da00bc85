from .framework import IndicatorDefinition, IntervalMethod, OutcomeArea, Polarity, ValueType
from .imports import ImportRun
from .observations import Breakdown, Observation

__all__ = [
    "Breakdown",
    "ImportRun",
    "IndicatorDefinition",
    "IntervalMethod",
    "Observation",
    "OutcomeArea",
    "Polarity",
    "ValueType",
]
