"""The area profile and an indicator page pass axe-core (WCAG 2.2 AA), with every chart kind on show."""

import pytest

from jointly.accounts.models import Role
from jointly.needs.models import Breakdown, Polarity
from jointly.needs.models.observations import breakdown_key
from jointly.places.models import Area
from tests.conftest import _person
from tests.needs.profile_data import area, geography, indicator, observe, outcome

from .helpers import assert_accessible, sign_in_session

pytestmark = pytest.mark.browser

SQUARE = [[-4.2, 50.3], [-4.1, 50.3], [-4.1, 50.4], [-4.2, 50.4], [-4.2, 50.3]]


def test_profile_and_indicator_pages_are_accessible(transactional_db, trust, new_page, live_server):
    places = geography(trust)
    ind = indicator("Attainment 8", outcome_area=outcome(), polarity=Polarity.HIGHER_BETTER)
    for year, value in zip(range(2019, 2024), [40, 43, 44, 47, 48], strict=True):
        observe(ind, places["area"], year, value, lower_95=value - 1, upper_95=value + 1)
        observe(ind, places["england"], year, 45, lower_95=44.8, upper_95=45.2)
        observe(ind, places["region"], year, 44)
    for n, neighbour in enumerate(places["neighbours"]):
        observe(ind, neighbour, 2023, 40 + n)
    hidden = indicator("Children in need", polarity=Polarity.LOWER_BETTER)
    observe(hidden, places["area"], 2023, None, suppression="c")
    group = Breakdown.objects.create(key=breakdown_key({"sex": "Girls"}), dimensions={"sex": "Girls"})
    observe(ind, places["area"], 2023, 50, breakdown=group)
    for n in range(3):
        shape = {"type": "Polygon", "coordinates": [[[x + 0.1 * n, y] for x, y in SQUARE]]}
        ward = area(f"Ward {n}", Area.Kind.WARD, parent=places["area"], prefix="E05", shape=shape)
        if n:
            observe(ind, ward, 2023, 40 + n)
    analyst = _person(Role.PERFORMANCE_ANALYST, trust)
    page = new_page()
    sign_in_session(page.context, analyst, live_server.url)
    page.goto(f"/needs/trusts/{trust.slug}/profile/")
    assert page.get_by_role("heading", name="Area profile: Plymouth").is_visible()
    assert_accessible(page, "(area profile)")
    page.goto(f"/needs/trusts/{trust.slug}/indicators/{ind.pk}/")
    assert page.locator("figure").count() == 4
    assert_accessible(page, "(indicator page)")
