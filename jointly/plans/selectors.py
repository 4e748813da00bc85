"""Reads for the forward plan and make-or-buy appraisals."""

from __future__ import annotations

import datetime

from django.db.models import DateField, QuerySet
from django.db.models.functions import Coalesce

from . import fcr
from .models import CommissioningIntention, CostOption, MakeOrBuyAppraisal, ProcurementThreshold

QUARTER_MONTHS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}


def threshold_in_force(*, kind: str, on: datetime.date) -> ProcurementThreshold | None:
    """The threshold of this kind in force on a date: the latest one that had taken effect by then."""
    return ProcurementThreshold.objects.filter(kind=kind, effective_from__lte=on).order_by("-effective_from").first()


def _with_key_date(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        plan_date=Coalesce(
            "tender_opens_on", "award_on", "service_starts_on", "current_contract_ends_on", "engagement_starts_on", output_field=DateField()
        )
    )


def quarter_label(value: datetime.date | None) -> str:
    if value is None:
        return ""
    return f"{value.year}-Q{(value.month - 1) // 3 + 1}"


def _quarter_range(quarter: str) -> tuple[datetime.date, datetime.date] | None:
    try:
        year_text, q_text = quarter.split("-Q")
        year, q = int(year_text), int(q_text)
        first, last = QUARTER_MONTHS[q]
    except (ValueError, KeyError):
        return None
    start = datetime.date(year, first, 1)
    end = datetime.date(year + (last == 12), 1 if last == 12 else last + 1, 1) - datetime.timedelta(days=1)
    return start, end


def published_intentions(*, trusts, kind: str = "", route: str = "", quarter: str = "", band: str = "") -> QuerySet:
    """The open forward plan of one or more trusts, filtered as asked; unknown filter values are ignored."""
    queryset = (
        _with_key_date(CommissioningIntention.objects.filter(trust__in=trusts, status=CommissioningIntention.Status.PUBLISHED))
        .select_related("trust", "outcome_area")
        .prefetch_related("priorities")
    )
    if kind in dict(CommissioningIntention._meta.get_field("kind").flatchoices):
        queryset = queryset.filter(kind=kind)
    if route in dict(CommissioningIntention._meta.get_field("route").flatchoices):
        queryset = queryset.filter(route=route)
    if band in dict(CommissioningIntention._meta.get_field("value_band").flatchoices):
        queryset = queryset.filter(value_band=band)
    span = _quarter_range(quarter) if quarter else None
    if span:
        queryset = queryset.filter(plan_date__range=span)
    return queryset.order_by(Coalesce("plan_date", datetime.date.max), "trust__name", "title", "pk")


def plan_quarters(*, trusts) -> list[str]:
    dates = (
        _with_key_date(CommissioningIntention.objects.filter(trust__in=trusts, status=CommissioningIntention.Status.PUBLISHED))
        .exclude(plan_date=None)
        .values_list("plan_date", flat=True)
    )
    return sorted({quarter_label(value) for value in dates})


def intentions_for(*, trust, status: str = "") -> QuerySet:
    queryset = _with_key_date(CommissioningIntention.objects.filter(trust=trust)).select_related("outcome_area")
    if status in dict(CommissioningIntention.Status.choices):
        queryset = queryset.filter(status=status)
    return queryset.order_by("status", Coalesce("plan_date", datetime.date.max), "title", "pk")


def appraisals_for(*, trust) -> QuerySet:
    return MakeOrBuyAppraisal.objects.filter(trust=trust).select_related("decided_by", "intention")


def option_cost(option: CostOption) -> fcr.FullCost:
    """The full cost of one option: from its overhead pools, or as quoted."""
    if option.quoted_full_cost is not None:
        return fcr.quoted_cost(total=option.quoted_full_cost, units=option.units_per_year)
    pools = [fcr.Pool(key=s.pool, cost=s.pool_cost, driver_total=s.driver_total, driver_service=s.driver_service) for s in option.overheads.all()]
    return fcr.full_cost(direct=option.direct_costs or 0, pools=pools, units=option.units_per_year)


def appraisal_comparison(appraisal: MakeOrBuyAppraisal) -> list[tuple[CostOption, fcr.FullCost]]:
    options = appraisal.options.select_related("provider").prefetch_related("overheads")
    return [(option, option_cost(option)) for option in options]


def forward_plans_by_region() -> list:
    """Regions with their trusts, each trust carrying `published` (how many intentions its plan holds): three queries."""
    from django.db.models import Count, Prefetch, Q

    from jointly.partnerships.models import Region, Trust

    published = Count("intentions", filter=Q(intentions__status=CommissioningIntention.Status.PUBLISHED))
    trusts = Trust.objects.annotate(published=published).order_by("name")
    return list(Region.objects.prefetch_related(Prefetch("trusts", queryset=trusts)).order_by("name"))
