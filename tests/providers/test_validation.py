"""The directory's rules, the same for every way in: bad input is refused with the reason."""

import datetime

import pytest

from jointly.core.errors import FieldErrors
from jointly.needs.models import OutcomeArea
from jointly.providers.validation import clean_listing_organisation, clean_profile_data, clean_service_data, service_problems

from .conftest import profile_data, service_data


def _errors(function, data) -> dict:
    with pytest.raises(FieldErrors) as raised:
        function(data)
    return raised.value.message_dict


def test_a_complete_service_is_accepted(trust):
    data = clean_service_data(service_data(trust.area.code))
    assert data["area_codes"] == [trust.area.code]
    assert data["opening_times"][0]["opens_at"] == "16:00"
    assert data["locations"][0]["latitude"] == "50.370000"


def test_outcome_areas_are_kept_by_slug_and_the_feeds_term_codes_are_read_as_them(trust):
    data = clean_service_data(service_data(trust.area.code, outcome_areas=["be-healthy", "positive_contribution", "be_healthy"]))
    assert data["outcome_areas"] == ["be-healthy", "make-a-positive-contribution"]


def test_a_trusts_own_outcome_area_is_not_for_the_shared_directory(trust):
    OutcomeArea.objects.create(trust=trust, name="Our own outcome", slug="our-own-outcome")
    errors = _errors(clean_service_data, service_data(trust.area.code, outcome_areas=["our-own-outcome"]))
    assert errors["outcome_areas"][0] == "'our-own-outcome' is not one of the outcome areas"


def test_an_unknown_place_code_is_refused_with_the_reason(trust):
    errors = _errors(clean_service_data, service_data(trust.area.code, area_codes=[trust.area.code, "E06999999"]))
    assert errors["area_codes"] == ["No place has the ONS code E06999999. Check the code, or choose a place from the list"]


def test_a_malformed_place_code_is_explained(trust):
    errors = _errors(clean_service_data, service_data(trust.area.code, area_codes=["Plymouth"]))
    assert "is not an ONS code" in errors["area_codes"][0]


def test_a_service_must_cover_a_place(trust):
    assert _errors(clean_service_data, service_data(trust.area.code, area_codes=[]))["area_codes"] == ["Choose at least one place the service covers"]


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"cost": "fee", "fee_amount": "-5"}, "fee_amount", "The fee cannot be negative"),
        ({"cost": "fee", "fee_amount": ""}, "fee_amount", "Enter the fee, or say the service is free"),
        ({"cost": "fee", "fee_amount": "five pounds"}, "fee_amount", "The fee must be an amount of money"),
        ({"min_age": 12, "max_age": 5}, "max_age", "The oldest age must be the same as or more than the youngest age"),
        ({"max_age": 40}, "max_age", "The oldest age must be between 0 and 25"),
        ({"min_age": 2.5}, "min_age", "The youngest age must be a whole number of years"),
        ({"outcome_areas": []}, "outcome_areas", "Select at least one outcome the service helps with"),
        ({"outcome_areas": ["be_happy"]}, "outcome_areas", "'be_happy' is not one of the outcome areas"),
        ({"tier": "premium"}, "tier", "Select whether the service is universal, targeted or specialist"),
        ({"status": "open"}, "status", "Select whether the service is running"),
        ({"email": "not-an-email"}, "email", "Enter an email address in the correct format"),
        ({"name": " "}, "name", "Enter the name of the service"),
        (
            {"opening_times": [{"weekday": "MO", "opens_at": "18:00", "closes_at": "09:00"}]},
            "opening_times",
            "On Monday the closing time must be after the opening time",
        ),
        ({"opening_times": [{"weekday": "XX", "opens_at": "09:00", "closes_at": "10:00"}]}, "opening_times", "is not a day of the week"),
        ({"locations": [{"name": "Hall", "address_1": "1 High Street"}]}, "locations.0.city", "Enter the town or city of Hall"),
        ({"locations": [{"name": "Hall", "address_1": "1 High Street"}]}, "locations.0.postcode", "Enter the postcode of Hall"),
        ({"locations": [{"name": "Hall", "latitude": "95", "longitude": "1"}]}, "locations.0.latitude", "The latitude must be between -90 and 90"),
        (
            {"locations": [{"name": "Hall"}, {"name": "Hut", "address_1": "2 Low Road", "city": "Plymouth", "postcode": "PL1"}]},
            "locations.1.postcode",
            "Enter the postcode of Hut like PL1 2AA",
        ),
        ({"locations": [{"name": "Hall", "area_code": "E06999999"}]}, "locations.0.area_code", "Choose the place Hall is in from the list"),
    ],
)
def test_bad_service_details_are_refused(trust, overrides, field, message):
    errors = _errors(clean_service_data, service_data(trust.area.code, **overrides))
    assert any(text.startswith(message) or message in text for text in errors[field]), errors


def test_a_free_service_keeps_no_fee(trust):
    assert clean_service_data(service_data(trust.area.code, cost="free", fee_amount="10"))["fee_amount"] is None


def test_a_website_without_a_scheme_is_completed(trust):
    assert clean_service_data(service_data(trust.area.code, url="www.example.org"))["url"] == "https://www.example.org"


def test_profile_rules(trust):
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    errors = _errors(
        clean_profile_data,
        profile_data(
            trust.area.code,
            staff_band="lots",
            accreditations=[{"kind": "regulator", "body": "Ofsted", "rating": "Good", "awarded_on": future}],
        ),
    )
    assert errors["staff_band"] == ["Select how many paid staff the organisation has"]
    assert errors["accreditations"] == ["The date of the Ofsted award must be today or in the past"]


def test_a_listing_needs_a_real_charity_number(db):
    errors = _errors(clean_listing_organisation, {"name": "Dads' club", "legal_form": "unincorporated_charity", "charity_number": "12"})
    assert errors["charity_number"] == ["Enter a charity number like 1234567 or SC012345"]


def test_a_group_cannot_say_it_is_a_statutory_body(db):
    errors = _errors(clean_listing_organisation, {"name": "Council", "legal_form": "statutory_body"})
    assert errors["legal_form"] == ["Select what kind of group you are"]


def test_a_form_gets_each_fields_first_problem_and_an_import_every_problem(trust):
    data = service_data(trust.area.code, area_codes=["E06999998", "E06999999"], cost="fee", fee_amount="-1")
    errors = _errors(clean_service_data, data)
    assert errors == {
        "area_codes": ["No place has the ONS code E06999998. Check the code, or choose a place from the list"],
        "fee_amount": ["The fee cannot be negative. Enter 0 or more, or say the service is free"],
    }
    assert service_problems(data)["area_codes"] == [
        "No place has the ONS code E06999998. Check the code, or choose a place from the list",
        "No place has the ONS code E06999999. Check the code, or choose a place from the list",
    ]
    assert service_problems(service_data(trust.area.code)) == {}


def test_days_open_need_their_times(trust):
    errors = _errors(clean_service_data, service_data(trust.area.code, opening_times=[{"weekday": "MO", "opens_at": "", "closes_at": ""}]))
    assert errors["opening_times"] == ["Enter the opening and closing times for the days you chose"]
