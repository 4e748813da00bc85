"""Placements as each person may see them: staff by trust (PLACEMENTS_MANAGE) or a budget they hold,
providers the requests sent to them (without the child's personal details)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from jointly.accounts.models import Assignment
from jointly.accounts.permissions import Perm, get_object_for
from jointly.audit.models import AuditEntry

from .models import BudgetLine, Framework, FrameworkProvider, IndividualBudget, Offer, PlacementRequest
from .rules import framework_decision, provider_request_decision


def frameworks_of(trust) -> QuerySet:
    """The frameworks the trust commissions through, with their live providers counted."""
    return (
        Framework.objects.filter(users__trust=trust)
        .select_related("trust")
        .annotate(provider_count=Count("providers", filter=Q(providers__left_on__isnull=True), distinct=True))
        .order_by("name", "pk")
    )


def framework_for(user, trust, pk) -> Framework:
    """A framework the trust uses, with its providers and users; 404 otherwise."""
    framework = get_object_or_404(
        Framework.objects.filter(users__trust=trust)
        .select_related("trust", "contract", "award")
        .prefetch_related(
            Prefetch("providers", queryset=FrameworkProvider.objects.select_related("organisation")),
            "users__trust",
        ),
        pk=pk,
    )
    decision = framework_decision(user, framework)
    if not decision.visible:
        raise Http404("Not found.")
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    return framework


def _requests() -> QuerySet:
    return PlacementRequest.objects.select_related("trust", "framework", "budget", "buyer", "contract")


def requests_of(trust) -> QuerySet:
    return _requests().filter(trust=trust).annotate(offer_count=Count("offers", filter=~Q(offers__status=Offer.Status.WITHDRAWN)))


def request_for(user, pk, perm: Perm = Perm.PLACEMENTS_MANAGE) -> PlacementRequest:
    """One request for a staff page or call: 404 if not the person's to see, 403 if not theirs to manage."""
    return get_object_for(user, perm, _requests(), pk=pk)


def offers_compared(request: PlacementRequest) -> list[Offer]:
    """Every offer, cheapest first, with its total over the request's duration."""
    offers = list(request.offers.select_related("organisation").order_by("weekly_price", "pk"))
    for offer in offers:
        offer.total = offer.total_for(request.duration_weeks)
        offer.within_budget = offer.weekly_price <= request.weekly_budget
    return offers


def requests_sent_to(organisation_id) -> QuerySet:
    """The requests sent to the organisation, with its own offer on each (providers' list)."""
    return (
        PlacementRequest.objects.filter(recipients__organisation_id=organisation_id)
        .exclude(status=PlacementRequest.Status.DRAFT)
        .select_related("trust", "framework")
        .prefetch_related(Prefetch("offers", queryset=Offer.objects.filter(organisation_id=organisation_id), to_attr="own_offers"))
        .order_by("-sent_at", "-pk")
        .distinct()
    )


def request_for_provider(user, pk) -> PlacementRequest:
    """A request as its recipient sees it: 404 unless it was sent to the person's organisation."""
    request = PlacementRequest.objects.select_related("trust", "framework").filter(pk=pk).exclude(status=PlacementRequest.Status.DRAFT).first()
    if request is None:
        raise Http404("Not found.")
    decision = provider_request_decision(user, request)
    if not decision.visible:
        raise Http404("Not found.")
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    return request


def own_offer(request: PlacementRequest, organisation_id) -> Offer | None:
    return request.offers.filter(organisation_id=organisation_id).first()


def budgets_of(trust) -> QuerySet:
    return IndividualBudget.objects.filter(trust=trust).select_related("holder").order_by("reference")


def budgets_held_by(user) -> QuerySet:
    """The budgets the person holds as lead professional (live assignments)."""
    if not user.is_authenticated:
        return IndividualBudget.objects.none()
    held = Assignment.objects.filter(
        person=user,
        kind=Assignment.Kind.LEAD_PROFESSIONAL,
        content_type=ContentType.objects.get_for_model(IndividualBudget),
        ended_at__isnull=True,
    ).values_list("object_id", flat=True)
    return IndividualBudget.objects.filter(pk__in=[int(pk) for pk in held]).select_related("trust", "holder").order_by("reference")


def budget_for(user, pk) -> IndividualBudget:
    return get_object_for(user, Perm.PLACEMENTS_MANAGE, IndividualBudget.objects.select_related("trust", "holder"), pk=pk)


def budget_lines(budget: IndividualBudget) -> QuerySet:
    return budget.lines.select_related("commitment", "offer__organisation").order_by("on_date", "pk")


def commitments_of(budget: IndividualBudget) -> QuerySet:
    return budget.lines.filter(kind=BudgetLine.Kind.COMMITMENT).order_by("on_date", "pk")


def budget_revisions(budget: IndividualBudget) -> QuerySet:
    """The budget's revisions, newest first, from the audit trail (each entry's reason says from, to and why)."""
    return (
        AuditEntry.objects.filter(
            object_type=IndividualBudget._meta.label_lower,
            object_id=str(budget.pk),
            action=AuditEntry.Action.UPDATE,
            reason__startswith="Budget revised",
        )
        .select_related("actor")
        .order_by("-at", "-id")
    )
