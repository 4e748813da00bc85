"""The demo's illustrative ward estimates: labelled as made up, spread around the real authority rate, the same every load."""

import pytest

from jointly.needs import demo
from jointly.needs.models import IndicatorDefinition, Observation, Polarity
from jointly.partnerships import demo as partnerships_demo
from jointly.places.models import Area

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not (demo.DFE / demo.FSM_FILE).exists(), reason="The shared DfE data is not here."),
]


def _ward(code, name, parent):
    return Area.objects.create(code=code, name=name, kind=Area.Kind.WARD, boundary_year=2013, parent=parent)


def test_ward_factors_are_fixed_and_the_estimates_average_the_authority_rate():
    assert demo.ward_need_factor("E05008941") == demo.ward_need_factor("E05008941")
    assert all(0.7 <= demo.ward_need_factor(f"E0500{n:04d}") <= 1.3 for n in range(200))
    estimates = demo.ward_need_estimates(50.0, ["E05000001", "E05000002", "E05000003"])
    # Each is 50 x factor / mean factor, so their mean is 50 (give or take rounding to one decimal place).
    assert abs(sum(estimates.values()) / 3 - 50.0) < 0.1
    assert len(set(estimates.values())) == 3


def test_the_demo_stores_honestly_labelled_ward_estimates_for_demo_wards_only():
    partnerships_demo.load()
    plymouth = Area.objects.get(code="E06000026")
    devon = Area.objects.get(code="E10000008")
    exeter = Area.objects.create(code="E07000041", name="Exeter", kind=Area.Kind.DISTRICT, boundary_year=2013, parent=devon)
    wards = [_ward("E05008941", "Budshead", plymouth), _ward("E05008942", "Compton", plymouth), _ward("E05003501", "Alphington", exeter)]
    elsewhere = _ward(
        "E05000026", "Abbey", Area.objects.create(code="E09000002", name="Barking and Dagenham", kind=Area.Kind.UPPER_TIER, boundary_year=2013)
    )

    assert demo.ward_need_load() == 3
    indicator = IndicatorDefinition.objects.get(code=demo.WARD_NEED_CODE)
    assert indicator.name.endswith("(illustrative ward estimates)")
    assert indicator.polarity == Polarity.LOWER_BETTER
    assert "made-up figures" in indicator.source.lower() and "not published statistics" in indicator.source
    assert "made up for the demonstration" in indicator.method and "not published statistics" in indicator.method
    assert indicator.outcome_area.slug == "achieve-economic-well-being"
    values = dict(Observation.objects.filter(indicator=indicator).values_list("area__code", "value"))
    # Plymouth's published 2021/22 rate for children in need (fsm_la.csv) is 64.7%, Devon's 64.8%.
    assert values["E06000026"] == 64.7 and values["E10000008"] == 64.8
    assert values["E05008941"] == demo.ward_need_estimates(64.7, ["E05008941", "E05008942"])["E05008941"]
    assert values["E05003501"] == 64.8  # A county with one ward: the factors average 1, so the ward has the county's rate.
    assert elsewhere.code not in values
    notes = set(Observation.objects.filter(indicator=indicator, area__in=wards).values_list("note", flat=True))
    assert notes == {"Illustrative estimate, not a published statistic"}

    before = sorted(Observation.objects.filter(indicator=indicator).values_list("area__code", "period_key", "value"))
    assert demo.ward_need_load() == 3
    assert sorted(Observation.objects.filter(indicator=indicator).values_list("area__code", "period_key", "value")) == before
    assert IndicatorDefinition.objects.filter(code=demo.WARD_NEED_CODE).count() == 1
