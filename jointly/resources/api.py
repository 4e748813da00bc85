"""API endpoints for budgets, funds, spend and the VCS-investment report.

Same permissions as the pages: another trust's records are "not found", a
role without the permission is "forbidden". Amounts are strings of pounds
and pence ("12500.00") so no precision is lost in JSON.
"""

import datetime
from decimal import Decimal
from uuid import UUID

from ninja import Router, Schema
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm, get_object_for
from jointly.core.pagination import PageNumberPagination
from jointly.partnerships.models import Trust

from . import selectors
from .models import PooledFund
from .reports import VcsInvestment

router = Router(tags=["resources"])


class BudgetOut(Schema):
    id: int
    partner: str
    year: str
    amount: Decimal
    notes: str

    @staticmethod
    def resolve_partner(budget):
        return budget.organisation.slug


class FundingStreamOut(Schema):
    id: int
    name: str
    funder: str
    amount: Decimal
    conditions: str
    starts_on: datetime.date
    ends_on: datetime.date
    ring_fenced: bool

    @staticmethod
    def resolve_funder(stream):
        return stream.funder.slug


class ContributionOut(Schema):
    partner: str
    amount: Decimal
    in_kind: bool


class FundOut(Schema):
    id: int
    name: str
    kind: str
    legal_basis: str
    host: str
    year: str
    governance_agreement: str
    agreement_signed_on: datetime.date | None
    risk_share: str
    contributions: list[ContributionOut]

    @staticmethod
    def resolve_host(fund):
        return fund.host.slug

    @staticmethod
    def resolve_contributions(fund):
        return [{"partner": c.organisation.slug, "amount": c.amount, "in_kind": c.in_kind} for c in fund.contributions.all()]


class SpendOut(Schema):
    id: int
    year: str
    partner: str
    provider: str
    provider_sector: str
    kind: str
    service_name: str
    service_id: UUID | None = None
    outcome_area: str | None
    priority_id: int | None
    tier: str
    purpose: str
    place: str | None
    amount: Decimal

    @staticmethod
    def resolve_partner(record):
        return record.partner.slug

    @staticmethod
    def resolve_provider(record):
        return record.provider.slug

    @staticmethod
    def resolve_service_id(record):
        """The directory service's Open Referral UK id, when the spend is linked to one."""
        return record.service.uuid if record.service_id else None

    @staticmethod
    def resolve_outcome_area(record):
        return record.outcome_area.slug if record.outcome_area_id else None

    @staticmethod
    def resolve_place(record):
        return record.place.code if record.place_id else None


class VcsRowOut(Schema):
    trust: str
    year: str
    vcs_spend: Decimal
    all_spend: Decimal
    vcs_share_percent: Decimal | None


def _trust(request, slug: str) -> Trust:
    return get_object_for(request.user, Perm.RESOURCES_VIEW, Trust.objects.all(), slug=slug)


@router.get("/trusts/{slug}/budgets", response=list[BudgetOut])
def list_budgets(request, slug: str, year: str = ""):
    return list(selectors.budgets_for(trust=_trust(request, slug), year=year or None))


@router.get("/trusts/{slug}/funding-streams", response=list[FundingStreamOut])
def list_funding_streams(request, slug: str):
    return list(selectors.funding_streams_for(trust=_trust(request, slug)))


@router.get("/trusts/{slug}/funds", response=list[FundOut])
def list_funds(request, slug: str, year: str = ""):
    trust = _trust(request, slug)
    funds = PooledFund.objects.filter(trust=trust).select_related("host").prefetch_related("contributions__organisation")
    return list(funds.filter(year=year) if year else funds)


@router.get("/trusts/{slug}/spend", response=list[SpendOut])
@paginate(PageNumberPagination, page_size=100)
def list_spend(request, slug: str, year: str = "", outcome: str = "", sector: str = ""):
    """Spend records, filterable by financial year, outcome area (slug) and the provider's sector."""
    return selectors.spend_for(trust=_trust(request, slug), year=year, outcome=outcome, sector=sector)


@router.get("/trusts/{slug}/vcs-investment", response=list[VcsRowOut])
def vcs_investment(request, slug: str):
    """Spend with the voluntary, community and social enterprise sector (VCSE: charities, community groups, social
    enterprises, co-operatives and mutuals) and its share of all spend, by year."""
    trust = _trust(request, slug)
    report = VcsInvestment(trusts=[trust], scope_name=trust.name)
    return [
        {"trust": trust.slug, "year": year, "vcs_spend": vcs, "all_spend": total, "vcs_share_percent": part}
        for _, year, vcs, total, part in report.rows
    ]
