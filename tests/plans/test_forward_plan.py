"""The open forward plan: page with filters and paging, CSV, Atom feed, regional plan; no account needed."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET
from decimal import Decimal as D

import pytest

from jointly.plans import services
from jointly.plans.models import IntentionKind, Route
from jointly.plans.views_public import CSV_COLUMNS
from tests.assessment.factories import PriorityFactory
from tests.downloads import FORMULA, NEUTRALISED, csv_cells
from tests.factories import TrustFactory

from .conftest import make_intention

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _published(trust, by=None, **overrides):
    return services.intention_publish(intention=make_intention(trust, by, **overrides), by=by)


def test_the_page_lists_published_intentions_only(anonymous_client, trust, published, priority):
    make_intention(trust, title="Secret draft")
    html = anonymous_client.get(f"/plans/{trust.slug}/forward-plan/").content.decode()
    assert "Family support service" in html and "Secret draft" not in html
    assert "Young carers are found early" in html  # the priority it serves
    assert "Above the procurement threshold; about £250,000 a year" in html
    assert 'type="application/atom+xml"' in html


def test_filters_by_kind_route_and_quarter_without_javascript(anonymous_client, trust):
    _published(
        trust, title="Grant round", kind=IntentionKind.COMMISSION, route=Route.GRANT, estimated_annual_value=D("20000"), total_value=D("20000")
    )
    _published(trust, title="Q3 tender", tender_opens_on=datetime.date(2027, 8, 1), award_on=datetime.date(2027, 8, 20))
    _published(trust, title="Q1 tender")
    url = f"/plans/{trust.slug}/forward-plan/"

    def titles(query):
        page = anonymous_client.get(url, query).context["page_obj"]
        return sorted(item.title for item in page)

    assert titles({"kind": "commission"}) == ["Grant round"]
    assert titles({"route": "open"}) == ["Q1 tender", "Q3 tender"]
    assert titles({"quarter": "2027-Q3"}) == ["Q3 tender"]
    assert titles({"quarter": "2027-Q1"}) == ["Grant round", "Q1 tender"]  # the grant's next key date is its award
    assert titles({"band": "under_publication"}) == ["Grant round"]
    assert titles({"kind": "nonsense", "quarter": "soon"}) == ["Grant round", "Q1 tender", "Q3 tender"]
    assert anonymous_client.get(url).context["quarters"] == ["2027-Q1", "2027-Q3"]


def test_the_page_is_paginated_and_its_queries_do_not_grow(anonymous_client, trust, priority, django_assert_max_num_queries, settings):
    settings.JOINTLY_PAGE_SIZE = 5
    for n in range(12):
        _published(trust, title=f"Intention {n:02d}", priorities=[priority])
    with django_assert_max_num_queries(8):
        first = anonymous_client.get(f"/plans/{trust.slug}/forward-plan/")
    assert len(first.context["page_obj"]) == 5 and first.context["page_obj"].paginator.num_pages == 3
    with django_assert_max_num_queries(8):
        last = anonymous_client.get(f"/plans/{trust.slug}/forward-plan/", {"page": 3})
    assert len(last.context["page_obj"]) == 2


def test_csv_has_the_columns_and_one_row_per_intention(anonymous_client, trust, published, priority):
    response = anonymous_client.get(f"/plans/{trust.slug}/forward-plan.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == CSV_COLUMNS
    assert "estimated_annual_value_inc_vat" in rows[0]
    [row] = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert row["title"] == "Family support service" and row["kind"] == "Re-commission" and row["likely_route"] == "Open procedure"
    assert (row["total_value_inc_vat"], row["value_band"], row["priorities"]) == ("750000.00", "Above the procurement threshold", priority.title)
    assert (row["tender_opens"], row["service_starts"]) == ("2027-03-01", "2027-10-01")
    assert row["url"].endswith(f"/plans/{trust.slug}/forward-plan/{published.pk}/")


def test_the_trust_and_region_csvs_neutralise_a_title_a_spreadsheet_would_run(anonymous_client, trust, priority):
    _published(trust, title=FORMULA, priorities=[PriorityFactory(trust=trust, title="-5 children waiting")])
    for url in (f"/plans/{trust.slug}/forward-plan.csv", f"/plans/regions/{trust.region.slug}/forward-plan.csv"):
        rows = csv_cells(anonymous_client.get(url))
        [row] = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
        assert (row["title"], row["priorities"]) == (NEUTRALISED, "'-5 children waiting")
        assert row["estimated_annual_value_inc_vat"] == "250000.00"


def test_atom_feed_is_valid_atom_with_an_entry_for_each_change(anonymous_client, trust, published, commissioner):
    services.intention_update(intention=published, by=commissioner, total_value=D("900000"))
    response = anonymous_client.get(f"/plans/{trust.slug}/forward-plan.atom")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    assert feed.find(f"{ATOM}author/{ATOM}name").text == trust.name  # required when entries have no author
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Changed: Family support service", "Published: Family support service"]
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("tag:jointly,2026:plan-change:")
        assert entry.find(f"{ATOM}updated") is not None
        assert entry.find(f"{ATOM}link").get("href").endswith(f"/forward-plan/{published.pk}/")


def test_the_public_intention_page_hides_drafts(anonymous_client, trust, draft, commissioner):
    assert anonymous_client.get(f"/plans/{trust.slug}/forward-plan/{draft.pk}/").status_code == 404
    services.intention_publish(intention=draft, by=commissioner)
    assert anonymous_client.get(f"/plans/{trust.slug}/forward-plan/{draft.pk}/").status_code == 200
    services.intention_withdraw(intention=draft, by=commissioner, reason="Money moved to prevention")
    html = anonymous_client.get(f"/plans/{trust.slug}/forward-plan/{draft.pk}/").content.decode()
    assert "This intention was withdrawn: Money moved to prevention" in html
    # Another trust's address for the same intention is not found.
    other = TrustFactory(slug="elsewhere")
    assert anonymous_client.get(f"/plans/{other.slug}/forward-plan/{draft.pk}/").status_code == 404


def test_the_regional_plan_covers_the_regions_trusts(anonymous_client, trust, other_trust, django_assert_max_num_queries):
    neighbour = TrustFactory(name="Torbay Children's Trust", slug="torbay", region=trust.region)
    _published(trust, title="Plymouth plan")
    _published(neighbour, title="Torbay plan")
    _published(other_trust, title="Essex plan")
    with django_assert_max_num_queries(9):
        response = anonymous_client.get(f"/plans/regions/{trust.region.slug}/forward-plan/")
    assert sorted(i.title for i in response.context["page_obj"]) == ["Plymouth plan", "Torbay plan"]
    rows = list(csv.reader(io.StringIO(anonymous_client.get(f"/plans/regions/{trust.region.slug}/forward-plan.csv").content.decode())))
    assert sorted(r[2] for r in rows[1:]) == ["Plymouth plan", "Torbay plan"]
    assert anonymous_client.get("/plans/regions/nowhere/forward-plan/").status_code == 404
