"""Reads for the needs assessment, evidence, report cards and priorities."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet, TextField
from django.db.models.functions import Cast

from jointly.accounts.models import Role
from jointly.accounts.permissions import trust_ids_for
from jointly.partnerships.sectors import third_sector_q

from .models import EvidenceItem, NeedsAssessment, PerformanceMeasure, Priority, PriorityTarget, ReportCard
from .models.report_cards import MEASURE_ORDER

# Evidence "from the VCSE": the one third-sector rule (partnerships.sectors), social enterprises,
# co-operatives and mutuals included, read through the item's source organisation.
FROM_VCSE = third_sector_q("source_organisation__sector", "source_organisation__legal_form")


def _scoped(queryset, user, field="trust_id"):
    ids = trust_ids_for(user)
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


# --- Evidence -------------------------------------------------------------------


def evidence_visible_to(*, user) -> QuerySet[EvidenceItem]:
    """Staff see their trusts' evidence; a provider sees only what its own organisation contributed."""
    items = _scoped(EvidenceItem.objects.select_related("source_organisation", "trust", "consultation"), user)
    if user.role == Role.PROVIDER_USER:
        items = items.filter(source_organisation_id=user.organisation_id)
    return items


def evidence_list(
    *, user, trust=None, kind: str = "", outcome_area: str = "", group: str = "", sector: str = "", status: str = ""
) -> QuerySet[EvidenceItem]:
    items = evidence_visible_to(user=user).prefetch_related("outcome_areas", "places")
    if trust is not None:
        items = items.filter(trust=trust)
    if kind:
        items = items.filter(kind=kind)
    if outcome_area:
        items = items.filter(outcome_areas__slug=outcome_area)
    if group:
        # Groups are a JSON list of codes; the quoted code matches the whole code only.
        items = items.annotate(groups_text=Cast("groups", TextField())).filter(groups_text__contains=f'"{group}"')
    if sector == "vcs":
        items = items.filter(FROM_VCSE)
    elif sector == "other":
        items = items.exclude(FROM_VCSE)
    if status:
        items = items.filter(status=status)
    return items.distinct().order_by("-dated", "title")


@dataclass(frozen=True)
class Share:
    label: str
    vcs: int
    total: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.vcs / self.total, 1) if self.total else None


def vcs_share(*, trust) -> tuple[Share, list[Share]]:
    """The share of the trust's accepted evidence contributed by VCSE organisations: overall, and per outcome area.

    An item tagged to two outcome areas counts once in each area's share and
    once overall. Submitted and declined items are not in the assessment and
    do not count.
    """
    accepted = EvidenceItem.objects.filter(trust=trust, status=EvidenceItem.Status.ACCEPTED)
    is_vcs = FROM_VCSE
    overall = accepted.aggregate(total=Count("id"), vcs=Count("id", filter=is_vcs))
    through = EvidenceItem.outcome_areas.through
    rows = (
        through.objects.filter(evidenceitem__in=accepted)
        .values("outcomearea__name", "outcomearea__order")
        .annotate(
            total=Count("evidenceitem_id"),
            vcs=Count(
                "evidenceitem_id",
                filter=third_sector_q("evidenceitem__source_organisation__sector", "evidenceitem__source_organisation__legal_form"),
            ),
        )
        .order_by("outcomearea__order", "outcomearea__name")
    )
    per_area = [Share(row["outcomearea__name"], row["vcs"], row["total"]) for row in rows]
    return Share("All evidence", overall["vcs"], overall["total"]), per_area


# --- Priorities -----------------------------------------------------------------


def priorities_visible_to(*, user) -> QuerySet[Priority]:
    return _scoped(Priority.objects.select_related("trust", "outcome_area", "approved_by_body"), user)


def priority_list(*, user, trust=None, status: str = "", period: str = "") -> QuerySet[Priority]:
    priorities = priorities_visible_to(user=user).prefetch_related(Prefetch("targets", queryset=PriorityTarget.objects.select_related("indicator")))
    if trust is not None:
        priorities = priorities.filter(trust=trust)
    if status:
        priorities = priorities.filter(status=status)
    if period:
        priorities = priorities.filter(period=period)
    return priorities.order_by("trust__name", "-period", "outcome_area__order", "title")


# --- Report cards ---------------------------------------------------------------


def report_cards_visible_to(*, user) -> QuerySet[ReportCard]:
    return _scoped(ReportCard.objects.select_related("trust", "priority", "outcome_area"), user)


def measures_by_category(card: ReportCard) -> list[tuple[str, list[PerformanceMeasure]]]:
    """Performance measures in the RBA order: how much, how well, is anyone better off."""
    groups: dict[str, list[PerformanceMeasure]] = {}
    for measure in card.measures.all():
        groups.setdefault(measure.category, []).append(measure)
    ordered = sorted(groups.items(), key=lambda item: MEASURE_ORDER.get(item[0], 99))
    labels = dict(PerformanceMeasure._meta.get_field("category").choices)
    return [(labels[category], measures) for category, measures in ordered]


# --- Needs assessments ----------------------------------------------------------


def assessments_visible_to(*, user) -> QuerySet[NeedsAssessment]:
    return _scoped(NeedsAssessment.objects.select_related("trust", "published_by"), user)


def published_assessments(*, trust=None) -> QuerySet[NeedsAssessment]:
    """Published versions are public documents: anyone may read them, without an account."""
    published = NeedsAssessment.objects.filter(status=NeedsAssessment.Status.PUBLISHED).select_related("trust")
    if trust is not None:
        published = published.filter(trust=trust)
    return published.order_by("trust__name", "-period", "-version")
