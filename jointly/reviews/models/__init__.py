from .reviews import ImprovementAction, ImprovementPlan, PlanComment, Review

__all__ = ["Review", "ImprovementPlan", "ImprovementAction", "PlanComment"]
