"""Which routes are open to a procurement, in proportion to its value and the kind of service.

Routes are dated data (`RouteRule`, seeded from docs/RULES.md) and their bounds are the thresholds
in force on the day (`plans.ProcurementThreshold`), so nothing here is a number from the law.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from jointly.plans.models import ThresholdKind
from jointly.plans.selectors import threshold_in_force

from .models import RouteKind, RouteRule

Bound = RouteRule.Bound


@dataclass(frozen=True)
class Advice:
    route: str
    label: str
    open: bool
    reason: str  # plain words: why it is open, or why not
    rule: RouteRule


@dataclass(frozen=True)
class Thresholds:
    publication: Decimal | None
    procurement: Decimal | None  # for the kind of service: light-touch or other services


def thresholds(*, light_touch: bool, on: datetime.date) -> Thresholds:
    publication = threshold_in_force(kind=ThresholdKind.PUBLICATION, on=on)
    upper = threshold_in_force(kind=ThresholdKind.LIGHT_TOUCH if light_touch else ThresholdKind.OTHER_SERVICES, on=on)
    return Thresholds(publication.amount if publication else None, upper.amount if upper else None)


def above_threshold(value: Decimal, *, light_touch: bool, on: datetime.date) -> bool:
    """Is the value at or above the procurement threshold for its kind of service on the day?"""
    limit = thresholds(light_touch=light_touch, on=on).procurement
    return limit is not None and value >= limit


def rules_in_force(on: datetime.date) -> list[RouteRule]:
    """The latest rule of each route that had taken effect by the day, simplest route first."""
    latest: dict[str, RouteRule] = {}
    for rule in RouteRule.objects.filter(effective_from__lte=on).order_by("route", "-effective_from"):
        latest.setdefault(rule.route, rule)
    return sorted(latest.values(), key=lambda rule: (rule.order, rule.route))


def rule_for(route: str, on: datetime.date) -> RouteRule | None:
    return RouteRule.objects.filter(route=route, effective_from__lte=on).order_by("-effective_from").first()


def _money(amount: Decimal) -> str:
    return f"£{amount:,.0f}"


def _bound(bound: str, limits: Thresholds) -> Decimal | None:
    return {Bound.PUBLICATION: limits.publication, Bound.PROCUREMENT: limits.procurement}.get(bound)


def why_not(rule: RouteRule, *, value: Decimal, light_touch: bool, health_care: bool, limits: Thresholds) -> str:
    """Why the route is closed to this procurement, in plain words, or "" when it is open."""
    if rule.health_care is True and not health_care:
        return "Only for health care services, under the Provider Selection Regime."
    if rule.health_care is False and health_care:
        return "Health care services follow the Provider Selection Regime instead."
    if rule.light_touch is True and not light_touch:
        return "Only for light-touch services (social, health, education and children's services)."
    if rule.light_touch is False and light_touch:
        return "Not for light-touch services."
    lower, upper = _bound(rule.lower, limits), _bound(rule.upper, limits)
    if (rule.lower != Bound.NONE and lower is None) or (rule.upper != Bound.NONE and upper is None):
        return "No threshold is recorded for the day: an administrator must add the thresholds in force."
    if lower is not None and value < lower:
        return f"Only from {_money(lower)} including VAT."
    if upper is not None and value >= upper:
        return f"Only below {_money(upper)} including VAT."
    if rule.max_value is not None and value > rule.max_value:
        return f"Only up to {_money(rule.max_value)} including VAT."
    return ""


def _open_reason(rule: RouteRule) -> str:
    extras = []
    if rule.min_response_days:
        extras.append(f"at least {rule.min_response_days} days to respond by law")
    if rule.justification_required:
        extras.append("needs a recorded justification")
    if rule.transparency_notice_first:
        extras.append("a transparency notice first")
    if rule.standstill_applies:
        extras.append(f"a standstill of {rule.standstill_working_days} working days before signing")
    if not rule.pre_qualification_allowed and not rule.run_as_grant:
        extras.append("no pre-qualification stage")
    if rule.run_as_grant:
        extras.append("run as a grant programme by the grants team")
    return rule.summary + (" It has " + ", ".join(extras) + "." if extras else "")


def advise(value, light_touch: bool, health_care: bool = False, on: datetime.date | None = None) -> list[Advice]:
    """Every route in force on the day, each open or not for this value and kind of service, with the reason."""
    on = on or timezone.localdate()
    value = Decimal(value)
    limits = thresholds(light_touch=light_touch, on=on)
    advice = []
    for rule in rules_in_force(on):
        refusal = why_not(rule, value=value, light_touch=light_touch, health_care=health_care, limits=limits)
        advice.append(Advice(rule.route, RouteKind(rule.route).label, not refusal, refusal or _open_reason(rule), rule))
    return advice


def open_routes(value, light_touch: bool, health_care: bool = False, on: datetime.date | None = None) -> list[Advice]:
    return [item for item in advise(value, light_touch, health_care, on) if item.open]
