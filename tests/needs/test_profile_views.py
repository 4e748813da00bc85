"""The profile and indicator pages and the downloads: who may see them, what they show, and a bounded query count."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from jointly.needs.models import Breakdown, Polarity
from jointly.needs.models.observations import breakdown_key
from jointly.places.models import Area

from ..conftest import signed_in_client
from ..downloads import FORMULA, NEUTRALISED, csv_cells, xlsx_cells
from .profile_data import area, bulk_observations, geography, indicator, observe, outcome

pytestmark = pytest.mark.django_db

SQUARE = {"type": "Polygon", "coordinates": [[[-4.2, 50.3], [-4.1, 50.3], [-4.1, 50.4], [-4.2, 50.4], [-4.2, 50.3]]]}


@pytest.fixture
def places(trust):
    return geography(trust)


@pytest.fixture
def attainment(places):
    ind = indicator("Attainment 8", outcome_area=outcome(), polarity=Polarity.HIGHER_BETTER)
    for year, value in zip(range(2019, 2024), [40, 42, 44, 46, 48], strict=True):
        observe(ind, places["area"], year, value, lower_95=value - 1, upper_95=value + 1)
        observe(ind, places["england"], year, 45, lower_95=44.8, upper_95=45.2)
        observe(ind, places["region"], year, 44)
    for n, neighbour in enumerate(places["neighbours"]):
        observe(ind, neighbour, 2023, 40 + n)
    observe(ind, places["neighbours"][9], 2022, None, suppression="c")
    return ind


def _urls(trust, ind):
    base = f"/needs/trusts/{trust.slug}"
    return [f"{base}/profile/", f"{base}/profile.csv", f"{base}/profile.xlsx", f"{base}/indicators/{ind.pk}/"]


@pytest.mark.parametrize(
    "person", ["commissioner", "analyst", "board_member", "provider_user", "evaluator", "participant", "regional_lead", "administrator"]
)
def test_members_of_the_trust_may_see_every_view(request, trust, attainment, person):
    client = signed_in_client(request.getfixturevalue(person))
    for url in _urls(trust, attainment):
        assert client.get(url).status_code == 200, url


def test_another_trusts_user_gets_not_found(trust, attainment, other_commissioner_client):
    for url in _urls(trust, attainment):
        assert other_commissioner_client.get(url).status_code == 404, url


def test_anonymous_people_are_sent_to_sign_in(trust, attainment, anonymous_client):
    for url in _urls(trust, attainment):
        response = anonymous_client.get(url)
        assert response.status_code == 302 and "login" in response.url or "sign-in" in response.url, url


def test_another_trusts_unpublished_indicator_is_not_found(trust, other_trust, places, commissioner_client):
    theirs = indicator("Their local measure", published=False, trust=other_trust)
    observe(theirs, places["area"], 2023, 1)
    assert commissioner_client.get(f"/needs/trusts/{trust.slug}/indicators/{theirs.pk}/").status_code == 404
    assert commissioner_client.get(f"/needs/trusts/{trust.slug}/indicators/999999/").status_code == 404


def test_trust_page_links_to_the_profile(trust, commissioner_client):
    page = commissioner_client.get(f"/partnerships/trusts/{trust.slug}/").content.decode()
    assert f"/needs/trusts/{trust.slug}/profile/" in page


def test_profile_page_shows_values_comparison_rank_and_charts(trust, attainment, commissioner_client):
    page = commissioner_client.get(f"/needs/trusts/{trust.slug}/profile/").content.decode()
    assert "Attainment 8" in page and "Be healthy" in page
    assert "Better" in page and "govuk-tag--green" in page
    assert "2 of 11" in page  # 48 is beaten only by neighbour 10 (49) among the area and its ten neighbours
    assert page.count('role="img"') >= 2 and 'aria-label="Spine chart of Attainment 8' in page
    assert "confidence limits" in page  # the stated rule


def test_profile_of_300_indicators_renders_in_a_bounded_number_of_queries(trust, commissioner_client, places, django_assert_max_num_queries):
    comparators = [places["area"], places["england"], places["region"], *places["neighbours"]]
    indicators = [indicator(f"Indicator {n:03d}") for n in range(300)]
    bulk_observations(indicators, comparators, range(2019, 2024), value=lambda i, a, y: 40.0 + (i.pk % 7) + (a.pk % 5))
    # Session, person and second factor (3); the request's savepoint (2); trust, memberships, ancestors,
    # neighbour list (2), indicators, cells, England's range (7); the session saved (3). None per indicator.
    with django_assert_max_num_queries(16):
        response = commissioner_client.get(f"/needs/trusts/{trust.slug}/profile/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('href="/needs/trusts/plymouth/indicators/') == 300


def _page_rows(page: str) -> list[str]:
    return re.findall(r'/indicators/\d+/">([^<]+)</a>', page)


def test_csv_and_xlsx_have_the_same_rows_as_the_page(trust, attainment, places, commissioner_client):
    hidden = indicator("Children looked after")
    observe(hidden, places["area"], 2023, None, suppression="c")
    page = commissioner_client.get(f"/needs/trusts/{trust.slug}/profile/").content.decode()
    rows = list(csv.reader(io.StringIO(commissioner_client.get(f"/needs/trusts/{trust.slug}/profile.csv").content.decode())))
    book = load_workbook(io.BytesIO(commissioner_client.get(f"/needs/trusts/{trust.slug}/profile.xlsx").content), read_only=True)
    sheet = [[cell if cell is not None else "" for cell in row] for row in book["Area profile"].iter_rows(values_only=True)]
    # The same rows, except that the spreadsheet's figures are numbers, not text.
    assert rows == [[f"{cell:g}" if isinstance(cell, int | float) else cell for cell in row] for row in sheet]
    header, body = rows[0], rows[1:]
    assert isinstance(sheet[1][header.index("Value")], int | float) and isinstance(sheet[1][header.index("England")], int | float)
    assert [row[header.index("Indicator")] for row in body] == _page_rows(page)
    by_name = {row[1]: dict(zip(header, row, strict=True)) for row in body}
    assert by_name["Attainment 8"]["Value"] == "48" and by_name["Attainment 8"]["England"] == "45"
    assert by_name["Attainment 8"]["Compared with England"] == "Better"
    assert by_name["Attainment 8"]["Rank among neighbours"] == "2 of 11"
    assert by_name["Attainment 8"]["Projected next period (95% band)"] == "2024: 50 (50 to 50)"  # 40, 42 … 48 is a line
    assert suppressed_text_is_not_projected(by_name)
    for shown in (by_name["Attainment 8"]["Value"], by_name["Attainment 8"]["Rank among neighbours"], "2024: 50 (50 to 50)"):
        assert shown in page
    suppressed = by_name["Children looked after"]
    assert suppressed["Value"] == "c (suppressed to protect confidentiality)"
    assert suppressed["Value"] in page
    assert suppressed["RAG"] == "Grey"


def test_csv_and_xlsx_neutralise_a_name_a_spreadsheet_would_run(trust, places, commissioner_client):
    change = indicator(FORMULA, unit="-5 children")
    observe(change, places["area"], 2023, -5)
    observe(change, places["england"], 2023, -2.5)
    rows = csv_cells(commissioner_client.get(f"/needs/trusts/{trust.slug}/profile.csv"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["Indicator"], row["Unit"]) == (NEUTRALISED, "'-5 children")
    assert (row["Value"], row["England"]) == ("-5", "-2.5")  # a negative figure is a number, not a formula: no quote
    header, cells = xlsx_cells(commissioner_client.get(f"/needs/trusts/{trust.slug}/profile.xlsx"), "Area profile")
    by_heading = dict(zip((cell.value for cell in header), cells, strict=True))
    name = by_heading["Indicator"]
    assert (name.data_type, name.value, name.quotePrefix) == ("s", FORMULA, True)
    assert (by_heading["Unit"].value, by_heading["Unit"].quotePrefix) == ("-5 children", True)


def suppressed_text_is_not_projected(by_name) -> bool:
    return by_name["Children looked after"]["Projected next period (95% band)"].startswith("Not projected")


def _figures(page: str) -> list[str]:
    return re.findall(r"<figure.*?</figure>", page, flags=re.S)


def test_indicator_page_charts_are_figures_with_captions_labels_and_tables(trust, attainment, places, commissioner_client):
    total = Breakdown.total()
    assert total.is_total
    for sex, value in (("Girls", 50), ("Boys", 46)):
        group = Breakdown.objects.create(key=breakdown_key({"sex": sex}), dimensions={"sex": sex})
        observe(attainment, places["area"], 2023, value, breakdown=group)
    page = commissioner_client.get(f"/needs/trusts/{trust.slug}/indicators/{attainment.pk}/").content.decode()
    figures = _figures(page)
    assert len(figures) == 3  # trend, neighbours, sex
    for figure in figures:
        assert "<figcaption" in figure
        assert re.search(r'<svg role="img" aria-label="[^"]{20,}"', figure)
        assert "<caption" in figure and 'scope="col"' in figure and 'scope="row"' in figure
        assert "<details" in figure  # native, works without JavaScript
    trend, comparison, sex = figures
    assert "A straight line fitted to the last 5 values" in trend
    assert "2024 (projected)" in trend and "50 (95% band" in trend  # an exact line 40..48 goes on to 50
    assert "stroke-dasharray" in trend
    assert "Neighbour 10" in comparison and "c (suppressed" not in comparison  # the suppressed cell is 2022
    assert "England: 45" in comparison
    assert "Girls" in sex and "Boys" in sex and "Sex" in sex
    assert "There is no ward-level data" in page


def test_ward_map_is_drawn_from_ward_shapes_with_a_key_and_hatching(trust, attainment, places, commissioner_client):
    inside = area("Stoke", Area.Kind.WARD, parent=places["area"], prefix="E05", shape=SQUARE)
    shifted = {"type": "Polygon", "coordinates": [[[x + 0.1, y] for x, y in SQUARE["coordinates"][0]]]}
    no_data = area("Efford", Area.Kind.WARD, parent=places["area"], prefix="E05", shape=shifted)
    observe(attainment, inside, 2023, 51)
    page = commissioner_client.get(f"/needs/trusts/{trust.slug}/indicators/{attainment.pk}/").content.decode()
    wards = _figures(page)[-1]
    assert '<path d="M' in wards and "url(#no-data)" in wards
    assert "<title>Efford: no data</title>" in wards and "<title>Stoke: 51</title>" in wards
    assert "No data, or not published" in wards and "Crown copyright" in wards
    assert no_data.name in wards


def test_wards_without_shapes_are_a_table_not_an_error(trust, attainment, places, commissioner_client):
    ward = area("Shapeless", Area.Kind.WARD, parent=places["area"], prefix="E05")
    observe(attainment, ward, 2023, 12)
    response = commissioner_client.get(f"/needs/trusts/{trust.slug}/indicators/{attainment.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "No ward boundaries are held" in page and "Shapeless" in page


def test_the_profile_api_gives_the_same_figures_as_the_page(trust, attainment, places, commissioner_client):
    body = commissioner_client.get(f"/api/v1/trusts/{trust.slug}/profile").json()
    assert (body["trust"], body["area_code"], len(body["neighbour_codes"])) == (trust.slug, trust.area.code, 10)
    assert body["england_code"] == places["england"].code and body["region_code"] == places["region"].code
    [row] = body["rows"]
    assert (row["indicator"], row["period"], row["value"], row["england"], row["region"]) == ("Attainment 8", "2023", 48, 45, 44)
    assert (row["lower_95"], row["upper_95"], row["interval_method"]) == (47, 49, "published")
    assert [point["value"] for point in row["trend"]] == [40, 42, 44, 46, 48]
    assert (row["compared_with_england"], row["rag"]) == ("better", "green")
    # Ten neighbours at 40..49 in 2023 and the area at 48: the neighbour at 49 is better, so the area ranks second of eleven.
    assert (row["neighbours_with_value"], row["rank_among_neighbours"], row["ranked_of"]) == (10, 2, 11)
    page_csv = list(csv.reader(io.StringIO(commissioner_client.get(f"/needs/trusts/{trust.slug}/profile.csv").content.decode())))
    assert page_csv[1][13] == "Better" and page_csv[1][5] == "48"


def test_the_profile_api_is_for_the_trusts_members(trust, attainment, other_commissioner_client, provider_client, client):
    url = f"/api/v1/trusts/{trust.slug}/profile"
    assert provider_client.get(url).status_code == 200
    assert other_commissioner_client.get(url).status_code == 404
    assert client.get(url).status_code == 401


# --- Indicators that say what they are --------------------------------------------------------

MISSING_CAUTION = "Do not compare these figures between authorities: recording differs."


@pytest.fixture
def suspensions(places):
    """A demo-like indicator: published to 2 places, with a cohort, a caution, and England and region withheld in 2023."""
    ind = indicator(
        "Looked-after pupils with one or more suspensions (%)",
        polarity=Polarity.LOWER_BETTER,
        cohort="looked-after children (looked after for 12 months or more at 31 March)",
        caution=MISSING_CAUTION,
        decimal_places=2,
    )
    for year, value in zip(range(2017, 2024), [9.35, 9.8, 10.25, 10.97, 11.5, 12.75, 13.03], strict=True):
        observe(ind, places["area"], year, value, count=value * 2, denominator=200)
    observe(ind, places["england"], 2022, 9.8)
    observe(ind, places["england"], 2023, None, suppression="x")
    observe(ind, places["region"], 2023, None, suppression="c")
    observe(ind, places["neighbours"][0], 2023, 12.5)
    return ind


def _illustrative(places):
    from jointly.places.models import StatisticalNeighbour

    StatisticalNeighbour.objects.filter(authority=places["area"]).update(source="illustrative_statistical_neighbours.csv (sha256 abc)")


def test_the_profile_shows_cohort_caution_published_places_and_illustrative_neighbours(trust, suspensions, places, commissioner_client):
    _illustrative(places)
    page = commissioner_client.get(f"/needs/trusts/{trust.slug}/profile/").content.decode()
    assert "Counts: looked-after children (looked after for 12 months or more at 31 March)" in page
    assert f"<strong>Caution:</strong> {MISSING_CAUTION}" in page
    assert ">13.03<" in page and "13.0<" not in page  # two published places, not one
    assert "2022: 12.75; 2023: 13.03" in page
    assert "Illustrative neighbours (average)" in page and "The statistical neighbours here are illustrative" in page
    assert ">12.50<" in page  # the one neighbour with a value, to the same two places


def test_the_indicator_page_shows_cohort_caution_places_and_illustrative_neighbours(trust, suspensions, places, commissioner_client):
    _illustrative(places)
    page = commissioner_client.get(f"/needs/trusts/{trust.slug}/indicators/{suspensions.pk}/").content.decode()
    assert "Looked-after children (looked after for 12 months or more at 31 March)" in page  # Who is counted
    assert 'class="govuk-warning-text"' in page and MISSING_CAUTION in page
    assert "2 decimal places, and shown to the same" in page
    assert "Illustrative statistical neighbours</h2>" in page and "not a published statistical neighbour list" in page
    assert "illustrative statistical neighbours" in page  # in the chart's description too
    assert ">13.03<" in page and ">9.80<" in page


def test_downloads_carry_cohort_places_caution_and_illustrative_neighbours_with_numbers_as_numbers(trust, suspensions, places, commissioner_client):
    _illustrative(places)
    rows = list(csv.reader(io.StringIO(commissioner_client.get(f"/needs/trusts/{trust.slug}/profile.csv").content.decode())))
    header, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert "Statistical neighbours, illustrative (average)" in header
    assert row["Value"] == "13.03" and row["Statistical neighbours, illustrative (average)"] == "12.50"
    assert row["Who is counted"].startswith("looked-after children") and row["Caution"] == MISSING_CAUTION
    assert row["Decimal places published"] == "2" and row["Statistical neighbours"].startswith("Illustrative")
    assert row["England"] == "x (not available)" and row["Region"] == "c (suppressed to protect confidentiality)"
    book = load_workbook(io.BytesIO(commissioner_client.get(f"/needs/trusts/{trust.slug}/profile.xlsx").content))
    sheet = book["Area profile"]
    cells = {heading.value: cell for heading, cell in zip(sheet[1], sheet[2], strict=True)}
    value = cells["Value"]
    assert (value.data_type, value.value, value.number_format) == ("n", 13.03, "#,##0.00")
    assert cells["Neighbours with a value"].data_type == "n"
    assert cells["England"].value == "x (not available)"  # a withheld figure stays words, never a zero
    assert any("illustrative" in str(line[0].value).lower() for line in book["How to read it"].iter_rows())


def test_the_profile_and_the_indicator_page_project_the_same_figures(trust, suspensions, places, commissioner, commissioner_client):
    from jointly.needs.indicator_profile import indicator_detail
    from jointly.needs.profiles import area_profile

    # Seven years: more than the profile's five-year trend, so both must read the same longer series.
    [row] = area_profile(user=commissioner, trust=trust).rows
    detail = indicator_detail(trust=trust, indicator=suspensions)
    assert [label for label, _ in row.trend] == ["2019", "2020", "2021", "2022", "2023"]
    assert row.projection.points == detail.projection.points and row.projection.periods_used == 7
    point = detail.projection.points[0]
    # Rounded once, to the two published places.
    assert row.projection_text == f"2024: {point.value:,.2f} ({point.lower:,.2f} to {point.upper:,.2f})"
    page = commissioner_client.get(f"/needs/trusts/{trust.slug}/indicators/{suspensions.pk}/").content.decode()
    assert f"{point.value:,.2f} (95% band {point.lower:,.2f} to {point.upper:,.2f})" in page


def test_the_api_gives_england_and_region_suppression_codes_and_what_the_indicator_is(trust, suspensions, places, commissioner_client):
    _illustrative(places)
    body = commissioner_client.get(f"/api/v1/trusts/{trust.slug}/profile").json()
    [row] = body["rows"]
    assert (row["england"], row["england_suppression"], row["region"], row["region_suppression"]) == (None, "x", None, "c")
    assert (row["value"], row["decimal_places"], row["caution"]) == (13.03, 2, MISSING_CAUTION)
    assert row["cohort"].startswith("looked-after children")
    assert body["neighbours_illustrative"] is True
    indicator_body = commissioner_client.get(f"/api/v1/indicators/{suspensions.pk}").json()
    assert (indicator_body["decimal_places"], indicator_body["interval_method"], indicator_body["caution"]) == (2, "auto", MISSING_CAUTION)
