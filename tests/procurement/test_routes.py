"""Route advice: which routes are open for a value, a kind of service and a day, with reasons; the rules are dated data."""

import datetime
from decimal import Decimal

import pytest

from jointly.plans.models import ProcurementThreshold, ThresholdKind
from jointly.procurement import routes
from jointly.procurement.models import RouteKind, RouteRule

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 1)


def _open(value, light_touch=True, health_care=False, on=DAY):
    return {item.route for item in routes.open_routes(Decimal(value), light_touch, health_care, on)}


def test_every_route_is_seeded_with_its_summary():
    seeded = set(RouteRule.objects.values_list("route", flat=True))
    assert seeded == set(RouteKind.values)
    assert all(rule.summary for rule in RouteRule.objects.all())


def test_a_small_light_touch_service_is_advised_grants_and_quotation():
    assert _open("20000") == {RouteKind.SMALL_GRANT, RouteKind.GRANT_ROUND, RouteKind.QUOTATION, RouteKind.DIRECT_AWARD}


def test_the_small_grant_ceiling_is_data():
    assert RouteKind.SMALL_GRANT not in _open("35000.01")
    assert RouteKind.SMALL_GRANT in _open("35000")
    RouteRule.objects.filter(route=RouteKind.SMALL_GRANT).update(max_value=Decimal("50000"))
    assert RouteKind.SMALL_GRANT in _open("40000")


def test_below_the_light_touch_threshold_only_the_below_threshold_competition():
    found = _open("400000")
    assert RouteKind.BELOW_THRESHOLD_OPEN in found
    assert not found & {RouteKind.OPEN, RouteKind.LIGHT_TOUCH, RouteKind.COMPETITIVE_FLEXIBLE, RouteKind.QUOTATION}


def test_the_same_value_is_above_threshold_for_other_services():
    found = _open("400000", light_touch=False)
    assert {RouteKind.OPEN, RouteKind.COMPETITIVE_FLEXIBLE} <= found
    assert RouteKind.BELOW_THRESHOLD_OPEN not in found
    assert RouteKind.LIGHT_TOUCH not in found


def test_above_the_light_touch_threshold_the_light_touch_procedure_opens():
    assert {RouteKind.LIGHT_TOUCH, RouteKind.OPEN, RouteKind.COMPETITIVE_FLEXIBLE} <= _open("700000")


def test_health_care_follows_the_provider_selection_regime_only():
    found = _open("700000", health_care=True)
    assert {r for r in found if not r.startswith("psr_")} == {RouteKind.GRANT_ROUND}
    assert {RouteKind.PSR_DIRECT_A, RouteKind.PSR_DIRECT_C, RouteKind.PSR_MOST_SUITABLE, RouteKind.PSR_COMPETITIVE} <= found
    assert not {r for r in _open("700000") if r.startswith("psr_")}


def test_every_closed_route_says_why_in_plain_words():
    advice = {item.route: item for item in routes.advise(Decimal("400000"), True, False, DAY)}
    assert advice[RouteKind.QUOTATION].reason == "Only below £30,000 including VAT."
    assert advice[RouteKind.LIGHT_TOUCH].reason == "Only from £663,540 including VAT."
    assert advice[RouteKind.PSR_COMPETITIVE].reason == "Only for health care services, under the Provider Selection Regime."
    assert "at least 25 days" in {i.route: i for i in routes.advise(Decimal("400000"), False, False, DAY)}[RouteKind.OPEN].reason


def test_the_thresholds_in_force_on_the_day_decide():
    ProcurementThreshold.objects.create(kind=ThresholdKind.LIGHT_TOUCH, amount=Decimal("700000"), effective_from=datetime.date(2028, 1, 1))
    assert RouteKind.LIGHT_TOUCH in _open("690000", on=datetime.date(2027, 12, 31))
    assert RouteKind.LIGHT_TOUCH not in _open("690000", on=datetime.date(2028, 1, 1))


def test_a_new_rule_takes_effect_on_its_date():
    old = RouteRule.objects.get(route=RouteKind.OPEN)
    RouteRule.objects.create(
        route=RouteKind.OPEN,
        effective_from=datetime.date(2027, 1, 1),
        lower=old.lower,
        light_touch=None,
        health_care=False,
        min_response_days=30,
        summary="New open procedure.",
    )
    assert routes.rule_for(RouteKind.OPEN, datetime.date(2026, 12, 31)).min_response_days == 25
    assert routes.rule_for(RouteKind.OPEN, datetime.date(2027, 1, 1)).min_response_days == 30
    assert len([r for r in routes.rules_in_force(datetime.date(2027, 1, 1)) if r.route == RouteKind.OPEN]) == 1


def test_no_route_is_in_force_before_the_act():
    assert {item.route for item in routes.advise(Decimal("1000"), True, False, datetime.date(2023, 6, 1))} == set()
