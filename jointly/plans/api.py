"""API for the forward plan and make-or-buy.

Published intentions are open to everyone (auth=None), like the pages. Drafts,
withdrawn intentions and appraisals need an account with the same permissions
as the staff pages. Amounts are strings of pounds and pence, including VAT.
"""

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm, get_object_for
from jointly.core.pagination import PageNumberPagination
from jointly.partnerships.models import Region, Trust

from . import selectors

router = Router(tags=["forward plan"])


class IntentionOut(Schema):
    id: int
    trust: str
    title: str
    description: str
    kind: str
    route: str
    value_band: str
    estimated_annual_value_inc_vat: Decimal
    total_value_inc_vat: Decimal
    light_touch: bool
    priority_ids: list[int]
    outcome_area: str | None
    published_on: datetime.date | None
    engagement_starts_on: datetime.date | None
    tender_opens_on: datetime.date | None
    award_on: datetime.date | None
    service_starts_on: datetime.date | None
    current_contract_ends_on: datetime.date | None
    version: int

    @staticmethod
    def resolve_trust(item):
        return item.trust.slug

    @staticmethod
    def resolve_estimated_annual_value_inc_vat(item):
        return item.estimated_annual_value

    @staticmethod
    def resolve_total_value_inc_vat(item):
        return item.total_value

    @staticmethod
    def resolve_priority_ids(item):
        return [p.pk for p in item.priorities.all()]

    @staticmethod
    def resolve_outcome_area(item):
        return item.outcome_area.slug if item.outcome_area_id else None


class StaffIntentionOut(IntentionOut):
    status: str
    withdrawn_reason: str


class OptionOut(Schema):
    id: int
    name: str
    kind: str
    provider: str | None
    direct_costs: Decimal
    overheads: Decimal
    full_cost: Decimal
    units_per_year: Decimal
    full_cost_per_unit: Decimal
    quoted: bool


class AppraisalOut(Schema):
    id: int
    service_name: str
    unit_name: str
    status: str
    decision: str
    reasons: str
    decided_at: datetime.datetime | None
    options: list[OptionOut]


@router.get("/plans/{slug}/forward-plan", response=list[IntentionOut], auth=None)
@paginate(PageNumberPagination, page_size=100)
def forward_plan(request, slug: str, kind: str = "", route: str = "", quarter: str = "", band: str = ""):
    """A trust's published forward plan of commissioning intentions. Open: no account needed."""
    trust = get_object_or_404(Trust, slug=slug)
    return selectors.published_intentions(trusts=[trust], kind=kind, route=route, quarter=quarter, band=band)


@router.get("/plans/regions/{region_slug}/forward-plan", response=list[IntentionOut], auth=None)
@paginate(PageNumberPagination, page_size=100)
def region_forward_plan(request, region_slug: str, kind: str = "", route: str = "", quarter: str = "", band: str = ""):
    region = get_object_or_404(Region, slug=region_slug)
    return selectors.published_intentions(trusts=Trust.objects.filter(region=region), kind=kind, route=route, quarter=quarter, band=band)


@router.get("/plans/{slug}/intentions", response=list[StaffIntentionOut])
@paginate(PageNumberPagination, page_size=100)
def intentions(request, slug: str, status: str = ""):
    """Every intention of the trust, drafts included (staff with the plans permission)."""
    trust = get_object_for(request.user, Perm.PLANS_VIEW, Trust.objects.all(), slug=slug)
    return selectors.intentions_for(trust=trust, status=status).select_related("trust").prefetch_related("priorities")


@router.get("/plans/{slug}/make-or-buy", response=list[AppraisalOut])
def appraisals(request, slug: str):
    trust = get_object_for(request.user, Perm.PLANS_VIEW, Trust.objects.all(), slug=slug)
    out = []
    for appraisal in selectors.appraisals_for(trust=trust):
        options = [
            {
                "id": o.pk,
                "name": o.name,
                "kind": o.kind,
                "provider": o.provider.slug if o.provider_id else None,
                "direct_costs": c.direct,
                "overheads": c.overheads,
                "full_cost": c.total,
                "units_per_year": c.units,
                "full_cost_per_unit": c.per_unit,
                "quoted": c.quoted,
            }
            for o, c in selectors.appraisal_comparison(appraisal)
        ]
        out.append(
            {
                "id": appraisal.pk,
                "service_name": appraisal.service_name,
                "unit_name": appraisal.unit_name,
                "status": appraisal.status,
                "decision": appraisal.decision,
                "reasons": appraisal.reasons,
                "decided_at": appraisal.decided_at,
                "options": options,
            }
        )
    return out
