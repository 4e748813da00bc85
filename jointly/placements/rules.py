"""Who may see placements' records. Placements hold sensitive data about one child, so seeing contracts
(CONTRACTS_VIEW) is not enough: staff need PLACEMENTS_MANAGE in the trust, or a lead professional's
assignment on the child's budget; a provider sees only the requests sent to its own organisation,
and never the child's personal details."""

from jointly.accounts.disclosure import disclose
from jointly.accounts.models import Role
from jointly.accounts.permissions import NOT_FOUND, Decision, Perm, decide, has_perm, trust_ids_for

from .models import (
    BudgetLine,
    ChildDetails,
    Framework,
    FrameworkProvider,
    FrameworkTrust,
    IndividualBudget,
    Offer,
    PlacementRecipient,
    PlacementRequest,
    ProcessingAssessment,
)


def framework_decision(user, framework: Framework) -> Decision:
    """A framework is its using trusts' (PLACEMENTS_MANAGE), whichever trust leads it."""
    if not user.is_authenticated or not user.is_active:
        return Decision(False, "Sign in to continue.", visible=False)
    trust_ids = trust_ids_for(user)
    using = set(framework.users.values_list("trust_id", flat=True))
    if trust_ids is not None and not (using & trust_ids):
        return NOT_FOUND
    return decide(user, Perm.PLACEMENTS_MANAGE)


def provider_request_decision(user, request: PlacementRequest) -> Decision:
    """A provider's people see a request sent to their organisation, from any trust; nothing else exists for them."""
    if not user.is_authenticated or not user.is_active:
        return Decision(False, "Sign in to continue.", visible=False)
    if not has_perm(user, Perm.PLACEMENT_OFFER):
        return decide(user, Perm.PLACEMENT_OFFER)
    if not user.organisation_id or not request.recipients.filter(organisation_id=user.organisation_id).exists():
        return NOT_FOUND
    return Decision(True)


def _offer_record(user, offer: Offer) -> Decision:
    if user.is_authenticated and user.organisation_id and user.organisation_id == offer.organisation_id and user.role == Role.PROVIDER_USER:
        return Decision(True)
    return decide(user, Perm.PLACEMENTS_MANAGE, offer.request)


disclose(Framework, see=lambda user, framework: framework_decision(user, framework))
for _model in (FrameworkTrust, FrameworkProvider):
    disclose(_model, parent=lambda part: part.framework)
disclose(ProcessingAssessment, see=Perm.PLACEMENTS_MANAGE)
disclose(IndividualBudget, see=Perm.PLACEMENTS_MANAGE)
disclose(BudgetLine, parent=lambda line: line.budget)
disclose(PlacementRequest, see=Perm.PLACEMENTS_MANAGE)
for _model in (ChildDetails, PlacementRecipient):
    disclose(_model, parent=lambda part: part.request)
disclose(Offer, see=_offer_record)
