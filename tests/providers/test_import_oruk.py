"""`jointly import-oruk`: every record checked first; a bad record stops the whole file, a good file is stored once."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from jointly.partnerships.models import Organisation
from jointly.providers.models import DirectoryService, ProviderProfile, Revision
from jointly.providers.oruk import service_full
from jointly.providers.taxonomy import TAXONOMY_BY_CODE

from ..factories import OrganisationFactory

ORG_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
FIRST_ID = "ac148810-d857-441c-9679-408f346de14b"
SECOND_ID = "7b1e6a52-1f7a-4a8e-9a43-0a8d6f1c2e11"


def _term(taxonomy, code):
    term = TAXONOMY_BY_CODE[taxonomy].term(code)
    return {"id": f"00000000-0000-4000-8000-{abs(hash(code)) % 10**12:012d}", "taxonomy_term_id": str(term.id)}


def oruk_service(service_id, area_code, **overrides):
    record = {
        "id": service_id,
        "name": "Family mediation",
        "description": "Mediators help separating parents agree arrangements for their children.",
        "status": "active",
        "email": "mediation@example.org",
        "url": "https://example.org/mediation",
        "minimum_age": 0,
        "maximum_age": 18,
        "organization": {
            "id": ORG_ID,
            "name": "Tamar Family Mediation",
            "description": "Family mediation across the city.",
            "website": "https://example.org",
            "organization_identifiers": [
                {
                    "id": "5b1c1d1e-1f1a-4b1c-8d1e-1f1a1b1c1d1e",
                    "identifier_scheme": "GB-CHC",
                    "identifier_type": "Charity number",
                    "identifier": "1098765",
                }
            ],
        },
        "service_areas": [
            {
                "id": "11111111-2222-4333-8444-555555555555",
                "name": "Plymouth",
                "uri": f"http://statistics.data.gov.uk/id/statistical-geography/{area_code}",
            }
        ],
        "service_at_locations": [
            {
                "id": "22222222-3333-4444-8555-666666666666",
                "location": {
                    "id": "33333333-4444-4555-8666-777777777777",
                    "location_type": "physical",
                    "name": "Mediation centre",
                    "latitude": 50.37,
                    "longitude": -4.14,
                    "addresses": [
                        {
                            "id": "44444444-5555-4666-8777-888888888888",
                            "address_1": "2 Derry's Cross",
                            "city": "Plymouth",
                            "state_province": "Devon",
                            "postal_code": "PL1 2SW",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "schedules": [
            {
                "id": "55555555-6666-4777-8888-999999999999",
                "freq": "WEEKLY",
                "byday": "MO,WE",
                "opens_at": "09:00",
                "closes_at": "17:00",
                "description": "By appointment",
            }
        ],
        "cost_options": [
            {"id": "66666666-7777-4888-8999-000000000000", "option": "Per session", "amount": 120, "amount_description": "free with legal aid"}
        ],
        "contacts": [{"id": "77777777-8888-4999-8000-111111111111", "name": "Duty mediator"}],
        "attributes": [
            _term("tier", "targeted"),
            _term("approach", "intervention"),
            _term("outcome_area", "stay_safe"),
        ],
    }
    record.update(overrides)
    return record


def _write(tmp_path, payload, name="services.json"):
    path = tmp_path / name
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def _import(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_oruk", str(path), "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def valid_file(tmp_path, trust):
    second = oruk_service(
        SECOND_ID,
        trust.area.code,
        name="Child contact centre",
        cost_options=[{"id": "99999999-7777-4888-8999-000000000000", "amount": 0}],
        service_at_locations=[],
        schedules=[],
    )
    return _write(tmp_path, [oruk_service(FIRST_ID, trust.area.code), second])


def test_a_valid_file_creates_the_organisation_and_its_services(valid_file, trust):
    out, _ = _import(valid_file, "--trust", trust.slug)
    assert "2 services added" in out
    organisation = Organisation.objects.get(charity_number="1098765")
    assert organisation.partnerships.get().trust == trust
    assert str(organisation.provider_profile.oruk_id) == ORG_ID
    assert organisation.provider_profile.is_published
    service = DirectoryService.objects.get(uuid=FIRST_ID)
    assert (service.tier, service.approach, service.cost, str(service.fee_amount)) == ("targeted", "intervention", "fee", "120.00")
    assert [a.code for a in service.areas.all()] == [trust.area.code]
    assert sorted(t.weekday for t in service.opening_times.all()) == ["MO", "WE"]
    assert service.schedule == "By appointment"
    assert str(service.locations.get().uuid) == "33333333-4444-4555-8666-777777777777"
    assert service.contact_name == "Duty mediator"
    assert DirectoryService.objects.get(uuid=SECOND_ID).cost == "free"
    assert set(Revision.objects.values_list("source", "status").distinct()) == {("import", "approved")}


def test_importing_the_same_file_again_changes_nothing(valid_file, trust):
    _import(valid_file)
    revisions = Revision.objects.count()
    out, _ = _import(valid_file)
    assert "0 services added, 0 changed, 2 unchanged" in out
    assert Revision.objects.count() == revisions
    assert Organisation.objects.filter(charity_number="1098765").count() == 1


def test_a_changed_record_becomes_a_new_version(tmp_path, valid_file, trust):
    _import(valid_file)
    _import(_write(tmp_path, [oruk_service(FIRST_ID, trust.area.code, name="Family mediation service")], "changed.json"))
    service = DirectoryService.objects.get(uuid=FIRST_ID)
    assert (service.name, service.version) == ("Family mediation service", 2)
    assert service.revisions.filter(status="approved").count() == 2


def test_an_organisation_already_registered_is_used_not_doubled(valid_file, trust):
    existing = OrganisationFactory(name="Tamar Mediation (registered)", charity_number="1098765")
    _import(valid_file)
    assert Organisation.objects.filter(charity_number="1098765").get() == existing
    assert DirectoryService.objects.filter(organisation=existing).count() == 2


def test_a_file_with_bad_records_stores_nothing_and_says_which(tmp_path, trust):
    bad = [
        oruk_service(FIRST_ID, trust.area.code),
        {k: v for k, v in oruk_service(SECOND_ID, trust.area.code).items() if k != "status"},
        oruk_service("8c1e6a52-1f7a-4a8e-9a43-0a8d6f1c2e12", "E06999999", name="Somewhere unknown"),
        oruk_service(
            "9d1e6a52-1f7a-4a8e-9a43-0a8d6f1c2e13",
            trust.area.code,
            name="Negative",
            cost_options=[{"id": "aa1e6a52-1f7a-4a8e-9a43-0a8d6f1c2e14", "amount": -5}],
        ),
    ]
    path = _write(tmp_path, bad)
    with pytest.raises(CommandError):
        _import(path)
    # Schema problems are reported first, and stop the import before anything else.
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_oruk", str(path), "--no-progress", stdout=io.StringIO(), stderr=err)
    assert "Record 2 ('Family mediation'): the record: 'status' is a required property" in err.getvalue()
    assert not DirectoryService.objects.exists() and not Organisation.objects.exists() and not Revision.objects.exists()

    path = _write(tmp_path, [bad[0], bad[2], bad[3]], "rules.json")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_oruk", str(path), "--no-progress", stdout=io.StringIO(), stderr=err)
    report = err.getvalue()
    assert "Record 2 ('Somewhere unknown'): service_areas: No place has the ONS code E06999999" in report
    assert "Record 3 ('Negative'): cost_options: The fee cannot be negative" in report
    assert "Record 1" not in report
    assert not DirectoryService.objects.exists() and not Organisation.objects.exists() and not ProviderProfile.objects.exists()


def test_a_record_without_a_tier_is_refused_unless_a_default_is_given(tmp_path, trust):
    record = oruk_service(FIRST_ID, trust.area.code, attributes=[])
    path = _write(tmp_path, record)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_oruk", str(path), "--no-progress", stdout=io.StringIO(), stderr=err)
    assert "attributes (service tier)" in err.getvalue()
    _import(path, "--tier", "universal", "--approach", "prevention", "--outcome", "be_healthy")
    assert DirectoryService.objects.get().tier == "universal"


def test_a_file_that_is_not_json_is_reported_with_the_line(tmp_path, db):
    path = tmp_path / "broken.json"
    path.write_text('[{"id": "x",\n "name": }]', encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_oruk", str(path), "--no-progress", stdout=io.StringIO(), stderr=err)
    assert "line 2" in err.getvalue()


def test_an_organization_file_with_its_services(tmp_path, trust):
    organization = dict(oruk_service(FIRST_ID, trust.area.code)["organization"])
    services = [{k: v for k, v in oruk_service(FIRST_ID, trust.area.code).items() if k != "organization"}]
    organization["services"] = services
    _import(_write(tmp_path, organization))
    assert DirectoryService.objects.get().organisation.charity_number == "1098765"


def test_the_feed_s_own_output_imports_as_unchanged(tmp_path, published_service):
    from jointly.providers.oruk import services_in_full

    record = service_full(services_in_full().get())
    out, _ = _import(_write(tmp_path, [record]))
    assert "1 unchanged" in out
