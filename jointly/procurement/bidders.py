"""Reads for the bidders' view: what fits a provider, its passport, its bids and feedback, its ratings.

An opportunity fits an organisation when its intention's outcome area is one its active directory
services work towards (or the intention names none) and the trust's area is one the organisation
serves (a service's or its directory entry's area, or a place inside the trust's area). With no
outcome areas or no places in the directory, that half of the test is left out; with neither,
nothing is said to fit and the page offers every open opportunity instead.

A bid is the bidder's own to see at any time (rules_bids); nothing here reads anyone else's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from jointly.passport import selectors as passport_selectors
from jointly.places.models import Area
from jointly.plans.models import CommissioningIntention
from jointly.providers.models import DirectoryService, ProviderProfile, ServiceLocation, ServiceOutcome

from .models import Bid, Opportunity, ProcessRating

# Once these, an opportunity's process can be rated by those who bid.
RATEABLE = frozenset({Opportunity.Status.EVALUATION, Opportunity.Status.STANDSTILL, Opportunity.Status.AWARDED, Opportunity.Status.CANCELLED})


@dataclass(frozen=True)
class Fit:
    outcome_ids: frozenset[int]
    area_ids: frozenset[int]

    @property
    def known(self) -> bool:
        return bool(self.outcome_ids or self.area_ids)

    def q(self) -> Q:
        """A filter for opportunities."""
        query = Q()
        if self.outcome_ids:
            query &= Q(intention__outcome_area_id__in=self.outcome_ids) | Q(intention__outcome_area__isnull=True)
        if self.area_ids:
            query &= Q(trust__area_id__in=self.area_ids)
        return query


def fit_of(organisation) -> Fit:
    """The outcome areas and places the organisation's directory says it serves (places widened to the
    authorities they lie in, so a ward-level service fits its authority's trust)."""
    services = DirectoryService.objects.filter(organisation=organisation, status=DirectoryService.Status.ACTIVE)
    outcomes = frozenset(ServiceOutcome.objects.filter(service__in=services).values_list("outcome_id", flat=True))
    area_ids = set(DirectoryService.areas.through.objects.filter(directoryservice__in=services).values_list("area_id", flat=True))
    area_ids |= set(ProviderProfile.areas.through.objects.filter(providerprofile__organisation=organisation).values_list("area_id", flat=True))
    area_ids |= set(ServiceLocation.objects.filter(service__in=services, area__isnull=False).values_list("area_id", flat=True))
    if area_ids:
        for parent, grandparent in Area.objects.filter(id__in=area_ids).values_list("parent_id", "parent__parent_id"):
            area_ids |= {pk for pk in (parent, grandparent) if pk}
    return Fit(outcomes, frozenset(area_ids))


def open_opportunities(organisation, *, fit: Fit | None = None, every: bool = False, now=None):
    """Open opportunities still taking bids: those that fit (or every one, when asked)."""
    now = now or timezone.now()
    opportunities = Opportunity.objects.filter(status=Opportunity.Status.OPEN, closes_at__gt=now).select_related("trust", "intention__outcome_area")
    if not every:
        fit = fit or fit_of(organisation)
        if not fit.known:
            return opportunities.none()
        opportunities = opportunities.filter(fit.q())
    return opportunities.order_by("closes_at", "pk")


def upcoming_intentions(organisation, *, fit: Fit | None = None, every: bool = False, today=None):
    """Published intentions whose tender is still to open and that have no opportunity published yet."""
    today = today or timezone.localdate()
    published = Opportunity.objects.filter(intention=OuterRef("pk")).exclude(status=Opportunity.Status.DRAFT)
    intentions = (
        CommissioningIntention.objects.filter(status=CommissioningIntention.Status.PUBLISHED, tender_opens_on__gte=today)
        .exclude(Exists(published))
        .select_related("trust", "outcome_area")
    )
    if not every:
        fit = fit or fit_of(organisation)
        if not fit.known:
            return intentions.none()
        query = Q()
        if fit.outcome_ids:
            query &= Q(outcome_area_id__in=fit.outcome_ids) | Q(outcome_area__isnull=True)
        if fit.area_ids:
            query &= Q(trust__area_id__in=fit.area_ids)
        intentions = intentions.filter(query)
    return intentions.order_by("tender_opens_on", "pk")


def _summary_model():
    """Evaluation's assessment summaries (one per bid), where that part of the stage is installed."""
    try:
        return Bid._meta.get_field("assessment_summary").related_model
    except FieldDoesNotExist:
        return None


@dataclass
class BidLine:
    bid: Bid
    summary: object | None
    rating: ProcessRating | None
    can_rate: bool

    @property
    def summary_url(self) -> str:
        """The summary's own page, where the evaluation part has one."""
        if self.summary is None:
            return ""
        try:
            return reverse("evaluation:assessment-summary", args=[self.summary.pk])
        except NoReverseMatch:
            return ""

    @property
    def won(self) -> bool | None:
        content = getattr(self.summary, "content", None)
        return content.get("won") if isinstance(content, dict) else None


def bids_of(organisation, *, now=None) -> list[BidLine]:
    """The organisation's bids (as bidder or consortium lead), newest opportunity first, with feedback and rating."""
    now = now or timezone.now()
    bids = list(
        Bid.objects.filter(Q(organisation=organisation) | Q(members__organisation=organisation))
        .distinct()
        .select_related("opportunity__trust", "lot", "organisation")
        .order_by("-opportunity__closes_at", "-pk")
    )
    ratings = {rating.opportunity_id: rating for rating in ProcessRating.objects.filter(organisation=organisation)}
    # Feedback is shown once it has been sent to the bidder, never before.
    summary_model = _summary_model()
    summaries = {}
    if summary_model is not None and bids:
        summaries = {summary.bid_id: summary for summary in summary_model.objects.filter(bid__in=bids, sent_at__isnull=False)}
    lines, seen = [], set()
    for bid in bids:
        opportunity = bid.opportunity
        rated = ratings.get(opportunity.pk)
        first = opportunity.pk not in seen
        seen.add(opportunity.pk)
        # The lead rates the process; a consortium member sees the bid and its feedback.
        may_rate = first and rated is None and _closed(opportunity, now) and bid.organisation_id == organisation.pk
        lines.append(BidLine(bid, summaries.get(bid.pk), rated if first else None, may_rate))
    return lines


def _closed(opportunity, now) -> bool:
    return opportunity.status in RATEABLE and opportunity.closes_at is not None and opportunity.closes_at <= now


def rating_refusal(opportunity, organisation, *, now=None) -> str | None:
    """Why the organisation cannot rate this opportunity's process now, or None."""
    now = now or timezone.now()
    if not Bid.objects.filter(opportunity=opportunity, organisation=organisation).exists():
        return "Only organisations that bid can rate the process of an opportunity"
    if not _closed(opportunity, now):
        return "You can rate the process once the opportunity has closed"
    if ProcessRating.objects.filter(opportunity=opportunity, organisation=organisation).exists():
        return "Your organisation has already rated this process"
    return None


def ratings_for_trust(trust):
    """Each of the trust's opportunities that has ratings, with how many and the average; then the comments."""
    per_opportunity = (
        Opportunity.objects.filter(trust=trust, process_ratings__isnull=False)
        .annotate(ratings=Count("process_ratings"), average=Avg("process_ratings__rating"))
        .order_by("-closes_at", "pk")
    )
    comments = ProcessRating.objects.filter(opportunity__trust=trust).exclude(comment="").select_related("opportunity").order_by("-rated_at")
    return list(per_opportunity), list(comments)


def passport_status(organisation):
    return passport_selectors.status_of(organisation)
