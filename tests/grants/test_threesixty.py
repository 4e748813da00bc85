"""Awarded grants as 360Giving data, valid against the standard's schema; nothing else leaves."""

import csv
import io

import pytest

from jointly.grants import services, threesixty
from jointly.grants.models import GrantApplication
from tests.open_data_schemas import threesixty_errors

from .conftest import close, make_programme, sent_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(trust, commissioner, provider_user, other_provider_user):
    trust.area.code, trust.area.name = "E06000026", "Plymouth"
    trust.area.save()
    provider_user.organisation.charity_number = "1123456"
    provider_user.organisation.save()
    programme = make_programme(trust, commissioner)
    awarded = sent_application(programme, provider_user)
    declined = sent_application(programme, other_provider_user, project_title="Youth radio")
    close(programme)
    services.application_decide(application=awarded, by=commissioner, award=True, amount="3500", feedback="Yes: young people lead it.")
    services.application_decide(application=declined, by=commissioner, award=False, feedback="Not this time.")
    return programme, awarded, declined


def test_the_package_validates_and_holds_only_awarded_grants(decided, settings):
    settings.JOINTLY_360GIVING_PREFIX = "360G-plymouth-"
    programme, awarded, _ = decided
    package = threesixty.package(threesixty.awarded_grants())
    assert threesixty_errors(package) == []
    [grant] = package["grants"]
    assert grant["id"] == f"360G-plymouth-grant-{awarded.pk}"
    assert grant["amountAwarded"] == 3500.0 and grant["currency"] == "GBP"
    assert grant["recipientOrganization"] == [{"id": "GB-CHC-1123456", "name": "Young Carers Project", "charityNumber": "1123456"}]
    assert grant["fundingOrganization"] == [{"id": "GB-LAE-PLY", "name": "Plymouth City Council"}]
    assert grant["beneficiaryLocation"] == [{"name": "Plymouth", "geoCode": "E06000026", "countryCode": "GB", "geoCodeType": "UA"}]


def test_a_grant_missing_a_required_field_fails_the_schema_so_the_check_can_fail(decided):
    package = threesixty.package(threesixty.awarded_grants())
    del package["grants"][0]["fundingOrganization"]
    assert [error for error in threesixty_errors(package) if error.startswith("grants/0")]


def test_an_organisation_with_no_registered_number_gets_a_prefixed_id(decided):
    _, _, declined = decided
    assert threesixty.organisation_id(declined.organisation) == f"360G-jointly-org-{declined.organisation.slug}"


def test_open_data_is_open_and_the_csv_has_the_standard_columns(client, decided):
    response = client.get("/api/360giving/grants")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    assert threesixty_errors(response.json()) == []
    rows = list(csv.DictReader(io.StringIO(client.get("/api/360giving/grants.csv").content.decode())))
    assert len(rows) == 1 and rows[0]["Recipient Org:Identifier"] == "GB-CHC-1123456" and rows[0]["Amount Awarded"] == "3500.0"


def test_nothing_is_published_while_no_grant_is_awarded(client, programme, provider_user):
    sent_application(programme, provider_user)
    assert client.get("/api/360giving/grants").json()["grants"] == []


def test_the_csv_neutralises_text_a_spreadsheet_would_run(decided):
    _, awarded, _ = decided
    GrantApplication.objects.filter(pk=awarded.pk).update(project_title='=HYPERLINK("http://evil.example")')
    rows = list(csv.DictReader(io.StringIO(threesixty.csv_text(threesixty.awarded_grants()))))
    assert rows[0]["Title"].startswith("'=")
