"""Every market page against every kind of person; the CSV files; query bounds that do not grow with rows."""

import csv
import io

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from jointly.partnerships.models import Sector

from ..conftest import signed_in_client
from ..downloads import FORMULA, NEUTRALISED, csv_cells
from ..factories import OrganisationFactory
from .factories import SpendRecordFactory, outcome


def _urls(trust):
    overview = reverse("markets:overview", args=[trust.slug])
    category = reverse("markets:category", args=[trust.slug, "stay-safe"])
    region = reverse("markets:region", args=[trust.region.slug])
    return [overview, f"{overview}?format=csv", category, f"{category}?format=csv&table=providers", region, f"{region}?format=csv"]


@pytest.mark.parametrize("person", ["commissioner", "analyst", "board_member", "regional_lead", "administrator"])
def test_people_with_the_market_permission_see_every_page(request, person, trust, market):
    client = signed_in_client(request.getfixturevalue(person))
    for url in _urls(trust):
        assert client.get(url).status_code == 200, url


def test_another_trusts_user_gets_not_found(other_commissioner_client, trust, market):
    for url in _urls(trust):
        assert other_commissioner_client.get(url).status_code == 404, url


def test_a_regional_lead_of_another_region_gets_not_found(other_region_lead_client, trust, market):
    for url in _urls(trust):
        assert other_region_lead_client.get(url).status_code == 404, url


@pytest.mark.parametrize("person", ["provider_user", "evaluator", "participant"])
def test_providers_and_others_without_the_permission_are_forbidden_with_the_reason(request, person, trust, market):
    client = signed_in_client(request.getfixturevalue(person))
    for url in _urls(trust):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"cannot see the market analysis" in response.content, url


def test_anonymous_people_are_sent_to_sign_in(anonymous_client, trust):
    for url in _urls(trust):
        response = anonymous_client.get(url)
        assert response.status_code == 302 and response.url.startswith(resolve_url(settings.LOGIN_URL)), url


def test_an_unknown_category_or_table_is_not_found(commissioner_client, trust, market):
    assert commissioner_client.get(reverse("markets:category", args=[trust.slug, "no-such-outcome"])).status_code == 404
    assert commissioner_client.get(reverse("markets:category", args=[trust.slug, "stay-safe"]) + "?format=csv&table=nope").status_code == 404


def test_the_overview_shows_each_measure_and_says_how_it_is_worked_out(commissioner_client, trust, market):
    page = commissioner_client.get(reverse("markets:overview", args=[trust.slug]), {"year": "2026-27"}).content.decode()
    assert "Stay safe" in page and "Plymouth City Council: 50.0%" in page
    assert "3,800, highly concentrated" in page
    assert "1 entered, 0 exited" in page
    assert "Horizontal Merger Guidelines (1992)" in page and "80% or more" in page
    assert "The trust&#x27;s whole local authority area" in page or "The trust's whole local authority area" in page


def test_the_overview_csv(commissioner_client, trust, market):
    response = commissioner_client.get(reverse("markets:overview", args=[trust.slug]), {"year": "2026-27", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="plymouth-market-2026-27.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    safe = next(row for row in rows if row["Category"] == "Stay safe")
    assert (safe["HHI"], safe["HHI band"], safe["Largest share (%)"], safe["VCSE share (%)"]) == ("3800", "highly concentrated", "50.0", "30.0")
    assert (safe["Entered"], safe["Exited"], safe["Providers"]) == ("1", "0", "3")
    assert len(rows) == 5


def test_every_market_csv_neutralises_a_name_a_spreadsheet_would_run(commissioner_client, trust, council, stay_safe):
    schemer = OrganisationFactory(name=FORMULA, slug="schemer", sector=Sector.VCS)
    SpendRecordFactory(trust=trust, partner=council, provider=schemer, amount=900, year="2026-27", outcome_area=stay_safe)
    SpendRecordFactory(trust=trust, partner=council, provider=council, amount=100, year="2025-26", outcome_area=stay_safe)
    query = {"year": "2026-27", "format": "csv"}
    for url in (reverse("markets:overview", args=[trust.slug]), reverse("markets:region", args=[trust.region.slug])):
        [row] = [r for r in csv.DictReader(io.StringIO(commissioner_client.get(url, query).content.decode())) if r["Category"] == "Stay safe"]
        assert (row["Largest provider"], row["Total"], row["HHI"]) == (NEUTRALISED, "900.00", "10000"), url
    category = reverse("markets:category", args=[trust.slug, "stay-safe"])
    providers = csv_cells(commissioner_client.get(category, {**query, "table": "providers"}))
    assert providers[1][0] == NEUTRALISED and providers[1][-2:] == ["900.00", "100.0"]
    changes = csv_cells(commissioner_client.get(category, {**query, "table": "changes"}))
    assert changes[1][-2:] == [NEUTRALISED, "Plymouth City Council"]


def test_the_category_page_and_its_tables(commissioner_client, trust, market):
    url = reverse("markets:category", args=[trust.slug, "stay-safe"])
    page = commissioner_client.get(url, {"year": "2026-27"}).content.decode()
    assert page.count("<svg") >= 3 and "Providers by sector" in page and "Providers by size (income)" in page
    assert "Moorview Care Ltd" in page and "£500" in page
    providers = list(csv.reader(io.StringIO(commissioner_client.get(url, {"format": "csv", "table": "providers"}).content.decode())))
    assert providers[0] == ["Provider", "Sector", "Income band", "Staff size", "Basis", "Amount", "Share (%)"]
    assert providers[1][0] == "Plymouth City Council" and providers[1][-1] == "50.0"
    sectors = list(csv.reader(io.StringIO(commissioner_client.get(url, {"format": "csv", "table": "sectors"}).content.decode())))
    assert sectors[1:] == [
        ["Local authority", "1", "500.00", "50.0"],
        ["Voluntary and community sector", "1", "300.00", "30.0"],
        ["Private sector", "1", "200.00", "20.0"],
    ]
    changes = list(csv.reader(io.StringIO(commissioner_client.get(url, {"format": "csv", "table": "changes"}).content.decode())))
    assert changes[1] == ["2025-26", "2026-27", "1", "0", "Moorview Care Ltd", "None"]


def test_the_income_band_table_is_in_band_order(commissioner_client, trust, market):
    """2026-27: the council (major, £500), the charity (small, £300) and the company (large, £200), one provider each.
    By number of providers they tie and the larger amount came first (major, small, large); in band order it is small, large, major."""
    url = reverse("markets:category", args=[trust.slug, "stay-safe"])
    sizes = list(csv.reader(io.StringIO(commissioner_client.get(url, {"year": "2026-27", "format": "csv", "table": "sizes"}).content.decode())))
    assert [row[0] for row in sizes[1:]] == ["Small (£10,000 to £100,000)", "Large (£1 million to £10 million)", "Major (over £10 million)"]
    page = commissioner_client.get(url, {"year": "2026-27"}).content.decode()
    table = page.split("Providers by size (income)", 1)[1].split("Providers by staff size", 1)[0]
    assert table.index("Small (£10,000") < table.index("Large (£1 million") < table.index("Major (over")


def test_a_dependency_is_flagged_on_the_category_page(commissioner_client, trust, council):
    SpendRecordFactory(trust=trust, partner=council, provider=council, amount=900, outcome_area=outcome("be-healthy"))
    page = commissioner_client.get(reverse("markets:category", args=[trust.slug, "be-healthy"])).content.decode()
    assert "depends on one provider for this category: Plymouth City Council is the only one" in page


def test_the_regional_view_shows_only_the_trusts_a_person_covers(regional_lead, commissioner_client, trust, market):
    from ..factories import TrustFactory

    neighbour = TrustFactory(name="Torbay Children's Trust", slug="torbay", region=trust.region)
    SpendRecordFactory(trust=neighbour, provider=OrganisationFactory(), amount=5, outcome_area=outcome("stay-safe"))
    url = reverse("markets:region", args=[trust.region.slug])
    assert "Torbay" in signed_in_client(regional_lead).get(url).content.decode()
    assert "Torbay" not in commissioner_client.get(url).content.decode()


def _grow(trust, council, n):
    for index in range(n):
        provider = OrganisationFactory()
        for year in ("2025-26", "2026-27"):
            SpendRecordFactory(
                trust=trust,
                partner=council,
                provider=provider,
                amount=10 + index,
                year=year,
                outcome_area=outcome(["stay-safe", "be-healthy", "stay-safe"][index % 3]),
            )


@pytest.mark.parametrize("name", ["overview", "category", "region"])
def test_query_counts_do_not_grow_with_rows(name, commissioner_client, trust, council, market, django_assert_max_num_queries):
    url = _urls(trust)[{"overview": 0, "category": 2, "region": 4}[name]]
    with django_assert_max_num_queries(20) as few:
        assert commissioner_client.get(url).status_code == 200
    _grow(trust, council, 25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert commissioner_client.get(url).status_code == 200


def test_the_pages_narrow_to_a_district_or_ward(commissioner_client, trust, wards_market):
    overview = reverse("markets:overview", args=[trust.slug])
    page = commissioner_client.get(overview, {"year": "2026-27"}).content.decode()
    assert '<optgroup label="Wards in North">' in page and '<option value="E05000901">Ward A</option>' in page
    page = commissioner_client.get(overview, {"year": "2026-27", "place": "E05000901"}).content.decode()
    assert "<title>Market analysis: " in page and "Ward A" in page
    assert '<option value="E05000901" selected>Ward A</option>' in page
    assert "5,556, highly concentrated" in page
    # Links to a category and the CSV keep the place.
    assert "place=E05000901" in page
    category = commissioner_client.get(
        reverse("markets:category", args=[trust.slug, "stay-safe"]), {"year": "2026-27", "place": "E05000901"}
    ).content.decode()
    assert "Ward A (ward, E05000901)" in category and "Moorview Care Ltd" not in category
    response = commissioner_client.get(overview, {"year": "2026-27", "place": "E05000901", "format": "csv"})
    assert 'filename="plymouth-e05000901-market-2026-27.csv"' in response["Content-Disposition"].replace(trust.slug, "plymouth")
    assert "Ward A" in response.content.decode()


def test_a_place_outside_the_area_is_a_clear_error_and_shows_the_whole_area(commissioner_client, trust, other_trust, wards_market):
    page = commissioner_client.get(reverse("markets:overview", args=[trust.slug]), {"year": "2026-27", "place": "E09999999"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "<title>Error: " in body and "govuk-error-summary" in body
    assert "E09999999 is not a district or ward in" in body and 'href="#place"' in body
    assert "Plymouth City Council" in body  # the whole area's measures are still shown


def test_every_page_with_a_vcse_share_states_what_the_vcse_is(commissioner_client, trust, market):
    for url in [url for url in _urls(trust) if "format=csv" not in url]:
        page = commissioner_client.get(url).content.decode()
        assert "VCSE) share" in page or "VCSE share" in page, url
        assert "charities, community groups, social enterprises, co-operatives and mutuals" in page, url
