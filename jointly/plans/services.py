"""Writes for commissioning intentions and the forward plan. Every rule is checked here, with a message for people."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.transitions import edit, transition

from . import fcr
from .models import CommissioningIntention, CostOption, MakeOrBuyAppraisal, OverheadShare, PlanChange, ThresholdKind, ValueBand
from .selectors import threshold_in_force

Status = CommissioningIntention.Status

# The key dates in the order they must come, with the words used in messages.
DATE_ORDER = [
    ("published_on", "the intention is published"),
    ("engagement_starts_on", "engagement starts"),
    ("tender_opens_on", "the tender opens"),
    ("award_on", "the contract is awarded"),
    ("service_starts_on", "the service starts"),
]
DATE_FIELDS = [name for name, _ in DATE_ORDER] + ["current_contract_ends_on"]
# A change to any of these, once published, is a new version of the intention: subscribers are told.
SIGNIFICANT = ["title", "kind", "route", "estimated_annual_value", "total_value", "light_touch", *DATE_FIELDS[1:]]
EDITABLE = ["title", "description", "kind", "route", "outcome_area", "estimated_annual_value", "total_value", "light_touch", *DATE_FIELDS[1:]]


def money(value, *, field: str, what: str) -> Decimal:
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "").replace("£", "").strip())
    except (InvalidOperation, ValueError):
        raise FieldErrors({field: f"Enter {what} in pounds, like 125000"}) from None
    if not amount.is_finite():
        raise FieldErrors({field: f"Enter {what} in pounds, like 125000"})
    if amount < 0:
        raise FieldErrors({field: f"Enter {what} as £0 or more"})
    if amount.as_tuple().exponent < -2:
        raise FieldErrors({field: f"Enter {what} to the nearest penny"})
    if amount >= Decimal("1e12"):
        raise FieldErrors({field: f"Enter {what} under £1,000,000,000,000"})
    return amount.quantize(Decimal("0.01"))


def date_order_problems(dates: dict[str, datetime.date | None]) -> dict[str, str]:
    """Each key date that comes before one that should precede it, with the reason."""
    problems = {}
    earlier = None
    for name, words in DATE_ORDER:
        value = dates.get(name)
        if value is None:
            continue
        if earlier and value < earlier[1]:
            problems[name] = f"The date {words} must be on or after the date {earlier[2]}"
        else:
            earlier = (name, value, words)
    starts, ends = dates.get("service_starts_on"), dates.get("current_contract_ends_on")
    if starts and ends and starts <= ends and "service_starts_on" not in problems:
        problems["service_starts_on"] = "The new service must start after the current contract ends"
    return problems


def procurement_start(intention_or_dates) -> datetime.date:
    """The day the procurement starts, whose thresholds apply: the tender, else engagement, else today."""
    get = intention_or_dates.get if isinstance(intention_or_dates, dict) else lambda name: getattr(intention_or_dates, name)
    return get("tender_opens_on") or get("engagement_starts_on") or timezone.localdate()


def value_band(*, total_value: Decimal, light_touch: bool, on: datetime.date) -> str:
    """The value band from the thresholds in force on the day (values include VAT)."""
    publication = threshold_in_force(kind=ThresholdKind.PUBLICATION, on=on)
    upper = threshold_in_force(kind=ThresholdKind.LIGHT_TOUCH if light_touch else ThresholdKind.OTHER_SERVICES, on=on)
    if publication is None or upper is None:
        raise FieldErrors(
            {"total_value": f"No procurement threshold is recorded for {on:%-d %B %Y}: an administrator must add the thresholds in force"}
        )
    if total_value < publication.amount:
        return ValueBand.UNDER_PUBLICATION
    if total_value < upper.amount:
        return ValueBand.BELOW_THRESHOLD
    return ValueBand.ABOVE_THRESHOLD


def _check_priorities(trust, priorities) -> list:
    priorities = list(priorities or [])
    strangers = [p for p in priorities if p.trust_id != trust.pk]
    if strangers:
        raise FieldErrors({"priorities": f"{strangers[0].title} is another trust's priority: choose this trust's priorities"})
    return priorities


def _clean(trust, data: dict) -> dict:
    errors = {}
    for field, what in (("estimated_annual_value", "the estimated annual value"), ("total_value", "the estimated total value")):
        try:
            data[field] = money(data[field], field=field, what=what)
        except FieldErrors as error:
            errors.update(error.errors)
    if not errors and data["total_value"] < data["estimated_annual_value"]:
        errors["total_value"] = "The total value over the whole term cannot be less than one year's value"
    if not (data.get("title") or "").strip():
        errors["title"] = "Enter a title for the intention"
    if data.get("kind") not in dict(CommissioningIntention._meta.get_field("kind").flatchoices):
        errors["kind"] = "Select commission, re-commission, decommission or commission differently"
    if data.get("route") not in dict(CommissioningIntention._meta.get_field("route").flatchoices):
        errors["route"] = "Select the likely route"
    outcome = data.get("outcome_area")
    if outcome is not None and outcome.trust_id not in (None, trust.pk):
        errors["outcome_area"] = "Choose one of this trust's outcome areas"
    errors.update(date_order_problems(data))
    if errors:
        raise FieldErrors(errors)
    data["value_band"] = value_band(total_value=data["total_value"], light_touch=data.get("light_touch", True), on=procurement_start(data))
    return data


@transaction.atomic
def intention_create(
    *,
    trust,
    by,
    title: str,
    kind: str,
    route: str,
    estimated_annual_value,
    total_value,
    description: str = "",
    light_touch: bool = True,
    outcome_area=None,
    priorities=(),
    **dates,
) -> CommissioningIntention:
    unknown = set(dates) - set(DATE_FIELDS[1:])
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    priorities = _check_priorities(trust, priorities)
    data = _clean(
        trust,
        {
            "title": title.strip(),
            "description": description,
            "kind": kind,
            "route": route,
            "outcome_area": outcome_area,
            "estimated_annual_value": estimated_annual_value,
            "total_value": total_value,
            "light_touch": light_touch,
            **dates,
        },
    )
    intention = CommissioningIntention.objects.create(trust=trust, created_by=by, **data)
    intention.priorities.set(priorities)
    return intention


def intention_update(*, intention: CommissioningIntention, by, priorities=None, version: str | None = None, **changes) -> CommissioningIntention:
    """Change an intention. A significant change to a published one is a new version, and goes in the digest.

    `version` is the intention's version_of() when the form was shown: a change made since is refused.
    """
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    with edit(intention, version=version) as row:
        data = {name: getattr(row, name) for name in EDITABLE}
        data["published_on"] = row.published_on
        data.update(changes)
        data = _clean(row.trust, data)
        old_priorities = set(row.priorities.values_list("pk", flat=True))
        new_priorities = _check_priorities(row.trust, priorities) if priorities is not None else None
        significant = [name for name in SIGNIFICANT if getattr(row, name) != data[name]]
        if new_priorities is not None and {p.pk for p in new_priorities} != old_priorities:
            significant.append("priorities")
        for name in EDITABLE + ["value_band"]:
            setattr(row, name, data[name])
        if row.status == Status.PUBLISHED and significant:
            row.version += 1
            labels = [CommissioningIntention._meta.get_field(n).verbose_name if n != "priorities" else "priorities" for n in significant]
            PlanChange.objects.create(
                trust=row.trust,
                intention=row,
                kind=PlanChange.Kind.CHANGED,
                version=row.version,
                summary=("Changed: " + ", ".join(str(label) for label in labels))[:500],
            )
        if new_priorities is not None:
            row.priorities.set(new_priorities)
    return row


def _publishable_dates(row: CommissioningIntention) -> dict:
    dates = {name: getattr(row, name) for name in DATE_FIELDS}
    dates["published_on"] = row.published_on or timezone.localdate()
    problems = date_order_problems(dates)
    if problems:
        raise FieldErrors({field: message + ": change the dates before publishing" for field, message in problems.items()})
    return dates


def _check_publishable(row: CommissioningIntention) -> None:
    _publishable_dates(row)


@transaction.atomic
def intention_publish(*, intention: CommissioningIntention, by, reason: str = "") -> CommissioningIntention:
    published_on = _publishable_dates(intention)["published_on"]
    # The dates are checked again on the locked row, in case they changed since they were read.
    intention = transition(
        instance=intention,
        move="publish",
        by=by,
        reason=reason or "Published in the forward plan",
        changes={"published_on": published_on},
        check=_check_publishable,
    )
    PlanChange.objects.create(
        trust=intention.trust, intention=intention, kind=PlanChange.Kind.PUBLISHED, version=intention.version, summary="Published"
    )
    return intention


@transaction.atomic
def intention_withdraw(*, intention: CommissioningIntention, by, reason: str) -> CommissioningIntention:
    if not (reason or "").strip():
        raise FieldErrors({"reason": "Enter why the intention is withdrawn: it is published with the plan"})
    intention = transition(instance=intention, move="withdraw", by=by, reason=reason.strip(), changes={"withdrawn_reason": reason.strip()})
    # Only publishing sets published_on, so it tells whether the plan's readers saw the intention.
    if intention.published_on is not None:
        PlanChange.objects.create(
            trust=intention.trust,
            intention=intention,
            kind=PlanChange.Kind.WITHDRAWN,
            version=intention.version,
            summary=f"Withdrawn: {reason.strip()}"[:500],
        )
    return intention


# --- Make or buy ---------------------------------------------------------------


def appraisal_create(*, trust, by, service_name: str, unit_name: str, intention=None) -> MakeOrBuyAppraisal:
    errors = {}
    if not service_name.strip():
        errors["service_name"] = "Enter the name of the service"
    if not unit_name.strip():
        errors["unit_name"] = "Enter what one unit of service is, like 'family supported for a year'"
    if intention is not None and intention.trust_id != trust.pk:
        errors["intention"] = "Choose one of this trust's commissioning intentions"
    if errors:
        raise FieldErrors(errors)
    return MakeOrBuyAppraisal.objects.create(trust=trust, service_name=service_name.strip(), unit_name=unit_name.strip(), intention=intention)


@transaction.atomic
def option_add(
    *, appraisal, name: str, kind: str, units_per_year, direct_costs=None, quoted_full_cost=None, provider=None, overheads: dict | None = None
) -> CostOption:
    """Add a costed option. In-house options are always counted with full cost recovery; external ones may be quoted."""
    with edit(appraisal):  # Locks the appraisal and refuses once it is decided.
        return _option_add(
            appraisal=appraisal,
            name=name,
            kind=kind,
            units_per_year=units_per_year,
            direct_costs=direct_costs,
            quoted_full_cost=quoted_full_cost,
            provider=provider,
            overheads=overheads,
        )


def _option_add(*, appraisal, name, kind, units_per_year, direct_costs, quoted_full_cost, provider, overheads) -> CostOption:
    errors = {}
    if not (name or "").strip():
        errors["name"] = "Enter a name for the option"
    if kind not in dict(CostOption.Kind.choices):
        errors["kind"] = "Select in-house or external"
    try:
        units = money(units_per_year, field="units_per_year", what="the number of units a year")
        if units <= 0:
            errors["units_per_year"] = "Enter the number of units a year, more than 0"
    except FieldErrors as error:
        errors.update(error.errors)
    quoted = None if quoted_full_cost in (None, "") else quoted_full_cost
    direct = None if direct_costs in (None, "") else direct_costs
    if kind == CostOption.Kind.IN_HOUSE and quoted is not None:
        errors["quoted_full_cost"] = "Count an in-house service with full cost recovery, not a quoted price: the same method as external bids"
    if quoted is None and direct is None:
        errors["direct_costs"] = "Enter the direct costs, or for an external bid its quoted full cost"
    if quoted is not None and (direct is not None or overheads):
        errors["quoted_full_cost"] = "Enter either a quoted full cost or direct costs with overheads, not both"
    for field, value, what in (("direct_costs", direct, "the direct costs"), ("quoted_full_cost", quoted, "the quoted full cost")):
        if value is not None and field not in errors:
            try:
                money(value, field=field, what=what)
            except FieldErrors as error:
                errors.update(error.errors)
    pools = []
    for key, (cost, total, share) in (overheads or {}).items():
        try:
            pool = fcr.Pool(
                key=key,
                cost=money(cost, field=key, what="the pool's cost"),
                driver_total=money(total, field=key, what="the organisation's driver"),
                driver_service=money(share, field=key, what="the service's driver"),
            )
            fcr.pool_share(pool)
            pools.append(pool)
        except (FieldErrors, fcr.CostingError) as error:
            errors[key] = str(error)
    if errors:
        raise FieldErrors(errors)
    option = CostOption.objects.create(
        appraisal=appraisal,
        name=name.strip(),
        kind=kind,
        provider=provider,
        units_per_year=units,
        direct_costs=None if direct is None else money(direct, field="direct_costs", what="the direct costs"),
        quoted_full_cost=None if quoted is None else money(quoted, field="quoted_full_cost", what="the quoted full cost"),
    )
    for pool in pools:
        OverheadShare.objects.create(
            option=option, pool=pool.key, pool_cost=pool.cost, driver_total=pool.driver_total, driver_service=pool.driver_service
        )
    return option


@transaction.atomic
def appraisal_decide(*, appraisal, by, decision: str, reasons: str) -> MakeOrBuyAppraisal:
    errors = {}
    if decision not in dict(MakeOrBuyAppraisal.Decision.choices):
        errors["decision"] = "Select in-house, external or mixed"
    if not (reasons or "").strip():
        errors["reasons"] = "Enter the reasons for the decision"
    kinds = set(appraisal.options.values_list("kind", flat=True))
    if kinds != {CostOption.Kind.IN_HOUSE, CostOption.Kind.EXTERNAL}:
        errors["decision"] = "Cost the in-house service and at least one external option before deciding"
    if errors:
        raise FieldErrors(errors)
    return transition(
        instance=appraisal,
        move="decide",
        by=by,
        reason=reasons.strip(),
        changes={"decision": decision, "reasons": reasons.strip(), "decided_by": by, "decided_at": timezone.now()},
    )
