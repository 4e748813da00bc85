"""Who may see and act on monitoring returns.

A return is its provider's (RETURN_SUBMIT, the organisation's own people, whatever trust let its
contracts) and the staff's of every trust whose contract it covers (RETURNS_REVIEW to review): another
provider's return, or a return covering no contract of the person's trusts, is "not found". Each trust
rates only its own contracts' parts. Ratings of a commissioner are read by that trust's staff without
the raters' names (the pages never show them), and by the organisation that rated.
"""

from __future__ import annotations

from jointly.accounts.disclosure import disclose
from jointly.accounts.models import Role
from jointly.accounts.permissions import NOT_FOUND, Decision, Perm, decide, has_perm, trust_ids_for

from .models import Adoption, CommissionerRating, MonitoringReturn, ReturnLine, ReturnPart, ReturnTemplate, TemplateQuestion, TemplateVersion

PROVIDER_PERMS = frozenset({Perm.RETURN_SUBMIT, Perm.CONTRACTS_VIEW})


def return_trust_ids(monitoring_return: MonitoringReturn) -> set[int]:
    """The trusts of the contracts the return covers (from prefetched parts when there are any)."""
    cache = getattr(monitoring_return, "_prefetched_objects_cache", {})
    if "parts" in cache:
        return {part.contract.trust_id for part in cache["parts"]}
    return set(ReturnPart.objects.filter(monitoring_return=monitoring_return).values_list("contract__trust_id", flat=True))


def return_decision(user, perm: Perm, monitoring_return: MonitoringReturn) -> Decision:
    """May the person do this on the return? Not visible (404) unless it is theirs or their trusts'."""
    if not user.is_authenticated or not user.is_active:
        return Decision(False, "Sign in to continue.", visible=False)
    if user.role == Role.PROVIDER_USER:
        if not user.organisation_id or user.organisation_id != monitoring_return.organisation_id:
            return NOT_FOUND
        if perm not in PROVIDER_PERMS:
            return Decision(False, "Only the commissioners of these contracts can do that.")
        return decide(user, perm)
    scope = trust_ids_for(user)
    if scope is not None and not (scope & return_trust_ids(monitoring_return)):
        return NOT_FOUND
    if perm == Perm.RETURN_SUBMIT:
        return Decision(False, "Only the provider's own people can complete its return.")
    return decide(user, perm)


def _template_record(user, template: ReturnTemplate) -> Decision:
    if template.trust_id:
        return decide(user, Perm.CONTRACTS_VIEW, template.trust)
    return Decision(True) if has_perm(user, Perm.CONTRACTS_VIEW) or has_perm(user, Perm.RETURN_SUBMIT) else Decision(False, "Not yours to see.")


def _rating_record(user, rating: CommissionerRating) -> Decision:
    if user.is_authenticated and user.organisation_id == rating.organisation_id:
        return Decision(True)
    return decide(user, Perm.RETURNS_REVIEW, rating.trust)


disclose(ReturnTemplate, see=_template_record)
disclose(TemplateVersion, parent=lambda version: version.template)
disclose(TemplateQuestion, parent=lambda question: question.version)
disclose(Adoption, parent=lambda adoption: adoption.template)
disclose(MonitoringReturn, see=lambda user, monitoring_return: return_decision(user, Perm.CONTRACTS_VIEW, monitoring_return))
disclose(ReturnPart, parent=lambda part: part.monitoring_return)
disclose(ReturnLine, parent=lambda line: line.monitoring_return)
disclose(CommissionerRating, see=_rating_record)
