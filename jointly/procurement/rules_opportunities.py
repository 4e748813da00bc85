"""Who may see opportunities and their parts (decision 0013).

A draft is for those who see procurement in its trust; a published opportunity is public (its
page shows everything published). Clarifications' history holds the question as asked and who
asked it, so it is for procurement staff only; the public reads the published wording.
"""

from jointly.accounts.disclosure import disclose
from jointly.accounts.permissions import Decision, Perm, decide

from .models import (
    Clarification,
    ConflictsAssessment,
    Criterion,
    LocalPolicy,
    Lot,
    Opportunity,
    Outcome,
    Question,
    RouteRule,
    ScaleDescriptor,
    SocialValueConsideration,
)


def _opportunity_record(user, opportunity) -> Decision:
    if opportunity.status == Opportunity.Status.DRAFT:
        return decide(user, Perm.PROCUREMENT_VIEW, opportunity)
    return Decision(True)


disclose(Opportunity, see=_opportunity_record)
for _model in (Lot, Criterion, Question, Outcome, ScaleDescriptor):
    disclose(_model, parent=lambda part: part.opportunity)
# The procurement's own records of its gates: for procurement staff, published or not.
for _model in (ConflictsAssessment, SocialValueConsideration, Clarification):
    disclose(_model, see=Perm.PROCUREMENT_VIEW, parent=lambda part: part.opportunity)
disclose(LocalPolicy, see=Perm.PROCUREMENT_VIEW)
# The routes in force are public law and local configuration.
disclose(RouteRule)
