"""Every published procurement as OCDS 1.1 releases, with the UK extension's fields.

One `ocid` (Opportunity.ocid, set once at creation) runs from planning to award: each
opportunity gives a planning release (from its forward-plan intention), a tender release once
published, and an award release once the award is decided (issue 10, item 6, where installed).
Issue 11 adds the contract stage.

Disclosure: only published opportunities (never drafts), and only what their public pages show:
no bid's content, ever; the budget only where the trust chose to publish it; an award's supplier
and value only once the award is decided.
"""

from __future__ import annotations

from django.apps import apps
from django.utils import timezone

from .models import Notice, Opportunity, RouteKind

VERSION = "1.1"
UK_EXTENSION = "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json"
# Fields the contract stage uses beyond the core schema: a contract's suppliers (each consortium
# member) and its agreed metrics with the KPI results reported against them.
EXTENSIONS = [
    UK_EXTENSION,
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_contract_suppliers_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/master/extension.json",
]
PUBLISHED_STATES = (
    Opportunity.Status.OPEN,
    Opportunity.Status.EVALUATION,
    Opportunity.Status.STANDSTILL,
    Opportunity.Status.AWARDED,
    Opportunity.Status.CANCELLED,
)

# OCDS's closed method codelist, by route.
_METHOD = {
    RouteKind.QUOTATION: "selective",
    RouteKind.BELOW_THRESHOLD_OPEN: "open",
    RouteKind.OPEN: "open",
    RouteKind.COMPETITIVE_FLEXIBLE: "selective",
    RouteKind.LIGHT_TOUCH: "open",
    RouteKind.DIRECT_AWARD: "direct",
    RouteKind.PSR_DIRECT_A: "direct",
    RouteKind.PSR_DIRECT_B: "direct",
    RouteKind.PSR_DIRECT_C: "direct",
    RouteKind.PSR_MOST_SUITABLE: "limited",
    RouteKind.PSR_COMPETITIVE: "open",
}
_TENDER_STATUS = {
    Opportunity.Status.OPEN: "active",
    Opportunity.Status.EVALUATION: "active",
    Opportunity.Status.STANDSTILL: "complete",
    Opportunity.Status.AWARDED: "complete",
    Opportunity.Status.CANCELLED: "cancelled",
}


# Later stages add their releases for the same ocid (issue 11: the contract and implementation stages):
# each is a function of (opportunity, base, buyer_party) giving a list of releases. Registered at ready()
# by the apps above procurement, which procurement cannot import.
_RELEASE_PARTS: list = []


def register_release_part(part):
    """Add a later stage's releases to every opportunity's; idempotent, so a reloaded app registers once."""
    if part not in _RELEASE_PARTS:
        _RELEASE_PARTS.append(part)
    return part


def published_opportunities():
    """What the open data may show: never a draft. The query every reader goes through."""
    return (
        Opportunity.objects.filter(status__in=PUBLISHED_STATES, published_at__isnull=False)
        .select_related("trust", "intention")
        .prefetch_related("lots", "criteria", "notices")
        .order_by("published_at", "pk")
    )


def _iso(moment) -> str:
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def _value(amount) -> dict:
    # Jointly keeps amounts including VAT: the UK extension's gross amount.
    return {"amountGross": float(amount), "currency": "GBP"}


def _buyer(trust) -> dict:
    return {"id": f"jointly-trust-{trust.slug}", "name": trust.name}


def organisation_party_id(organisation) -> str:
    if organisation.ppon:
        return f"GB-PPON-{organisation.ppon}"
    if organisation.charity_number:
        return f"GB-CHC-{organisation.charity_number}"
    if organisation.company_number:
        return f"GB-COH-{organisation.company_number}"
    return f"jointly-organisation-{organisation.slug}"


def _supplier_party(organisation) -> dict:
    party = {"id": organisation_party_id(organisation), "name": organisation.name, "roles": ["supplier"]}
    identifier = party["id"].rsplit("-", 1)
    if not party["id"].startswith("jointly-"):
        party["identifier"] = {"scheme": identifier[0], "id": identifier[1], "legalName": organisation.name}
    details = {}
    size = getattr(organisation, "size_band", "")
    if size:
        details["scale"] = "large" if size == "large" else "sme"
    sector = getattr(organisation, "sector", "")
    details["vcse"] = sector in ("vcs", "social_enterprise")
    party["details"] = details
    return party


def _awards(opportunity) -> list:
    """The decided awards (issue 10, item 6), where that part is installed; none before the decision."""
    if opportunity.status not in (Opportunity.Status.STANDSTILL, Opportunity.Status.AWARDED):
        return []
    try:
        award_model = apps.get_model("procurement", "Award")
    except LookupError:
        return []
    return list(award_model.objects.filter(decision__opportunity=opportunity).select_related("organisation", "lot", "decision").order_by("pk"))


def _documents(opportunity) -> list[dict]:
    documents = []
    for notice in opportunity.notices.all():
        if notice.status != Notice.Status.PUBLISHED:
            continue
        documents.append(
            {
                "id": f"notice-{notice.kind}",
                "documentType": "tenderNotice" if notice.kind == "UK4" else "awardNotice" if notice.kind in ("UK6", "UK7") else "notice",
                "noticeType": notice.kind,
                "title": notice.get_kind_display(),
                "datePublished": f"{notice.published_on.isoformat()}T00:00:00Z",
                "language": "en",
            }
        )
    return documents


def _planning(opportunity) -> dict:
    intention = opportunity.intention
    planning = {"rationale": intention.description or intention.title}
    if opportunity.budget_published and opportunity.budget is not None:
        planning["budget"] = {"description": "The budget the trust published.", "amount": _value(opportunity.budget)}
    return planning


def _tender(opportunity) -> dict:
    tender = {
        "id": f"{opportunity.ocid}-tender",
        "title": opportunity.title,
        "description": opportunity.description or opportunity.title,
        "status": _TENDER_STATUS.get(opportunity.status, "active"),
        "procurementMethod": _METHOD.get(opportunity.route, "open"),
        "procurementMethodDetails": opportunity.get_route_display(),
        "mainProcurementCategory": "services",
        "awardCriteria": "ratedCriteria",
        "tenderPeriod": {"startDate": _iso(opportunity.published_at)},
    }
    if opportunity.closes_at:
        tender["tenderPeriod"]["endDate"] = _iso(opportunity.closes_at)
    if opportunity.budget_published and opportunity.budget is not None:
        tender["value"] = _value(opportunity.budget)
    criteria = list(opportunity.criteria.all())
    if criteria:
        tender["awardCriteriaDetails"] = "; ".join(f"{criterion.title}: {criterion.weight}%" for criterion in criteria)
    light_touch = getattr(opportunity, "light_touch", None)
    if light_touch is None:
        light_touch = opportunity.intention.light_touch
    if light_touch:
        tender["specialRegime"] = ["lightTouch"]
    lots = []
    for lot in opportunity.lots.all():
        entry = {"id": str(lot.number), "title": lot.title, "suitability": {"sme": lot.suitable_for_sme, "vcse": lot.suitable_for_vcse}}
        if lot.description:
            entry["description"] = lot.description
        if lot.value is not None and opportunity.budget_published:
            entry["value"] = _value(lot.value)
        lots.append(entry)
    if lots:
        tender["lots"] = lots
    if opportunity.status == Opportunity.Status.CANCELLED and opportunity.cancelled_reason:
        tender["statusDetails"] = opportunity.cancelled_reason
    documents = _documents(opportunity)
    if documents:
        tender["documents"] = documents
    return tender


def _award_entries(opportunity, awards) -> list[dict]:
    entries = []
    for award in awards:
        decision = award.decision
        entry = {
            "id": f"{opportunity.ocid}-award-{award.pk}",
            "title": f"Lot {award.lot.number}: {award.lot.title}" if award.lot_id else opportunity.title,
            "status": "active" if opportunity.status == Opportunity.Status.AWARDED else "pending",
            "date": _iso(decision.decided_at),
            "value": _value(award.value),
            "suppliers": [{"id": organisation_party_id(award.organisation), "name": award.organisation.name}],
        }
        if award.lot_id:
            entry["relatedLots"] = [str(award.lot.number)]
        if getattr(decision, "standstill_ends_on", None):
            entry["standstillPeriod"] = {"endDate": f"{decision.standstill_ends_on.isoformat()}T23:59:59Z"}
        if getattr(decision, "summaries_sent_at", None):
            entry["assessmentSummariesDateSent"] = _iso(decision.summaries_sent_at)
        entries.append(entry)
    return entries


def releases(opportunity) -> list[dict]:
    """The opportunity's releases, planning first, all under its one ocid."""
    buyer = _buyer(opportunity.trust)
    buyer_party = {**buyer, "roles": ["buyer", "procuringEntity"]}
    base = {"ocid": opportunity.ocid, "initiationType": "tender", "language": "en", "buyer": buyer}
    planning_date = opportunity.intention.published_on
    planning = {
        **base,
        "id": f"{opportunity.ocid}-planning",
        "date": f"{planning_date.isoformat()}T00:00:00Z" if planning_date else _iso(opportunity.created_at),
        "tag": ["planning"],
        "parties": [buyer_party],
        "planning": _planning(opportunity),
    }
    tender = {
        **base,
        "id": f"{opportunity.ocid}-tender",
        "date": _iso(opportunity.published_at),
        "tag": ["tenderCancellation"] if opportunity.status == Opportunity.Status.CANCELLED else ["tender"],
        "parties": [buyer_party],
        "planning": _planning(opportunity),
        "tender": _tender(opportunity),
    }
    out = [planning, tender]
    awards = _awards(opportunity)
    if awards:
        suppliers = {organisation_party_id(award.organisation): _supplier_party(award.organisation) for award in awards}
        out.append(
            {
                **base,
                "id": f"{opportunity.ocid}-award",
                "date": _iso(awards[0].decision.decided_at),
                "tag": ["award"],
                "parties": [buyer_party, *suppliers.values()],
                "tender": _tender(opportunity),
                "awards": _award_entries(opportunity, awards),
            }
        )
    for part in _RELEASE_PARTS:
        out.extend(part(opportunity, base=base, buyer_party=buyer_party))
    return out


def package(opportunities, *, uri: str, publisher: str = "Jointly") -> dict:
    rows = [release for opportunity in opportunities for release in releases(opportunity)]
    published = max((row["date"] for row in rows), default=_iso(timezone.now()))
    return {
        "uri": uri,
        "version": VERSION,
        "extensions": EXTENSIONS,
        "publishedDate": published,
        "publisher": {"name": publisher},
        "license": "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "publicationPolicy": uri,
        "releases": rows,
    }
