"""Reads for the resource envelope."""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from jointly.assessment.models import Priority
from jointly.needs.models import OutcomeArea
from jointly.partnerships.models import Organisation, Trust
from jointly.providers.models import DirectoryService

from .models import Budget, FundingStream, PooledFund, SpendRecord


def years_for(*, trust: Trust) -> list[str]:
    """Financial years with any spend, budget or fund, newest first."""
    # order_by() first: the models' default ordering would otherwise join into the DISTINCT.
    years = set(SpendRecord.objects.filter(trust=trust).order_by().values_list("year", flat=True).distinct())
    years |= set(Budget.objects.filter(trust=trust).order_by().values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


def budgets_for(*, trust: Trust, year: str | None = None):
    qs = Budget.objects.filter(trust=trust).select_related("organisation")
    return qs.filter(year=year) if year else qs


def funding_streams_for(*, trust: Trust):
    return FundingStream.objects.filter(trust=trust).select_related("funder")


def funds_for(*, trust: Trust, year: str | None = None):
    qs = (
        PooledFund.objects.filter(trust=trust)
        .select_related("host")
        .annotate(total=Sum("contributions__amount"), partners=Count("contributions__organisation", distinct=True))
    )
    return qs.filter(year=year) if year else qs


def spend_for(*, trust: Trust, year: str = "", outcome: str = "", sector: str = ""):
    qs = SpendRecord.objects.filter(trust=trust).select_related("partner", "provider", "outcome_area", "priority", "place", "service")
    if year:
        qs = qs.filter(year=year)
    if outcome:
        qs = qs.filter(outcome_area__slug=outcome)
    if sector:
        qs = qs.filter(provider_sector=sector)
    return qs


def spend_total(queryset):
    return queryset.aggregate(total=Sum("amount"))["total"]


def directory_services_for(*, trust: Trust):
    """The directory services of the trust's partners, by organisation: what spend can be linked to."""
    return (
        DirectoryService.objects.filter(organisation__partnerships__trust=trust)
        .select_related("organisation")
        .order_by("organisation__name", "name", "pk")
    )


def partner_organisations(*, trust: Trust):
    return Organisation.objects.filter(partnerships__trust=trust).order_by("name")


def outcome_areas_for(*, trust: Trust):
    return OutcomeArea.objects.filter(Q(trust__isnull=True) | Q(trust=trust))


def priorities_for(*, trust: Trust):
    """Priorities spend can be set against: any the trust has not retired."""
    return Priority.objects.filter(trust=trust).exclude(status=Priority.Status.RETIRED).order_by("title")
