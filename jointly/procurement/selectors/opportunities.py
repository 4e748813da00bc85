"""Reads for opportunities: the trust's own list, the public lists, one opportunity with everything published."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from ..models import Clarification, Criterion, Lot, Opportunity, Question, RouteKind

Status = Opportunity.Status
PUBLIC_STATUSES = [Status.OPEN, Status.EVALUATION, Status.STANDSTILL, Status.AWARDED, Status.CANCELLED]


def opportunities_for(*, trust, status: str = "") -> QuerySet:
    """The trust's opportunities, drafts included, with the counts its list shows."""
    queryset = (
        Opportunity.objects.filter(trust=trust)
        .select_related("intention")
        .annotate(unanswered=Count("clarifications", filter=Q(clarifications__status=Clarification.Status.ASKED), distinct=True))
    )
    if status in Status.values:
        queryset = queryset.filter(status=status)
    return queryset.order_by("status", "-created_at", "-pk")


def _suitability(queryset: QuerySet, suitable: str) -> QuerySet:
    if suitable == "sme":
        return queryset.filter(Exists(Lot.objects.filter(opportunity=OuterRef("pk"), suitable_for_sme=True)))
    if suitable == "vcse":
        return queryset.filter(Exists(Lot.objects.filter(opportunity=OuterRef("pk"), suitable_for_vcse=True)))
    return queryset


def public_opportunities(*, when: str = "open", trust_slug: str = "", route: str = "", suitable: str = "") -> QuerySet:
    """Published opportunities for everyone: open now ("open", soonest closing first) or past their closing
    time ("closed", latest first). What is coming is in the forward plans (`upcoming_intentions`)."""
    now = timezone.now()
    queryset = Opportunity.objects.filter(status__in=PUBLIC_STATUSES).select_related("trust")
    if when == "closed":
        queryset = queryset.exclude(status=Status.OPEN, closes_at__gt=now)
    else:
        queryset = queryset.filter(status=Status.OPEN, closes_at__gt=now)
    if trust_slug:
        queryset = queryset.filter(trust__slug=trust_slug)
    if route in RouteKind.values:
        queryset = queryset.filter(route=route)
    queryset = _suitability(queryset, suitable)
    queryset = queryset.annotate(
        sme_lots=Count("lots", filter=Q(lots__suitable_for_sme=True), distinct=True),
        vcse_lots=Count("lots", filter=Q(lots__suitable_for_vcse=True), distinct=True),
    )
    return queryset.order_by("closes_at", "pk") if when != "closed" else queryset.order_by("-closes_at", "-pk")


def upcoming_intentions(*, trust_slug: str = "", limit: int = 20):
    """Published intentions with no published opportunity yet: what is coming to market."""
    from jointly.plans.models import CommissioningIntention

    queryset = (
        CommissioningIntention.objects.filter(status=CommissioningIntention.Status.PUBLISHED, tender_opens_on__gte=timezone.localdate())
        .exclude(opportunities__status__in=PUBLIC_STATUSES)
        .select_related("trust")
    )
    if trust_slug:
        queryset = queryset.filter(trust__slug=trust_slug)
    return queryset.order_by("tender_opens_on", "pk")[:limit]


def opportunity_detail(queryset: QuerySet | None = None) -> QuerySet:
    """One opportunity with every part its page shows, in a fixed number of queries."""
    queryset = queryset if queryset is not None else Opportunity.objects.all()
    return queryset.select_related("trust", "intention", "social_value").prefetch_related(
        "outcomes",
        "lots",
        Prefetch("criteria", queryset=Criterion.objects.select_related("lot")),
        Prefetch("questions", queryset=Question.objects.select_related("criterion")),
        "scale",
    )


def published_opportunity(*, trust_slug: str, pk: int) -> Opportunity | None:
    return opportunity_detail(Opportunity.objects.filter(status__in=PUBLIC_STATUSES)).filter(trust__slug=trust_slug, pk=pk).first()


def answered_clarifications(opportunity) -> QuerySet:
    """The answered questions, as published: never with who asked."""
    return (
        Clarification.objects.filter(opportunity=opportunity, status=Clarification.Status.ANSWERED)
        .only("pk", "opportunity_id", "published_question", "answer", "answered_at", "status")
        .order_by("answered_at", "pk")
    )


def clarifications_for_staff(opportunity) -> QuerySet:
    return Clarification.objects.filter(opportunity=opportunity).order_by("status", "asked_at", "pk")


def latest_conflicts_assessment(opportunity):
    return opportunity.conflicts_assessments.select_related("assessed_by").first()
