"""Who sees reviews and improvement plans: as the contract says (staff by trust and role, the parties'
own people), through contracts.rules.contract_decision."""

from jointly.accounts.disclosure import disclose

from .models import ImprovementAction, ImprovementPlan, PlanComment, Review

disclose(Review, parent=lambda review: review.contract)
disclose(ImprovementPlan, parent=lambda plan: plan.contract)
disclose(ImprovementAction, parent=lambda action: action.plan)
disclose(PlanComment, parent=lambda comment: comment.plan)
