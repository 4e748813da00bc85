"""`missing_for`, `scores_for` and `status_of`: the contract bids and grant applications rely on."""

import datetime

import pytest

from jointly.passport import selectors
from jointly.passport.models import Check

from .conftest import TODAY, complete, core, insurance, policy

pytestmark = pytest.mark.django_db


def keys(gaps):
    return [(gap.key, gap.reason) for gap in gaps]


def test_an_organisation_with_no_passport_is_asked_for_everything_in_the_order_asked(provider_org):
    provider_org.ppon = ""
    provider_org.save()
    asked = ["accounts", "ppon", "core", "policy:safeguarding"]
    assert keys(selectors.missing_for(provider_org, asked, on=TODAY)) == [(key, "missing") for key in asked]


def test_a_complete_passport_leaves_nothing_to_ask(kept, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert selectors.missing_for(kept, selectors.STANDARD, on=TODAY) == []


def test_only_what_is_not_held_is_asked(provider_org):
    provider_org.ppon = "PABC-1234-DEFG"
    provider_org.save()
    core(provider_org)
    policy(provider_org, "safeguarding")
    gaps = selectors.missing_for(
        provider_org, ["core", "ppon", "policy:safeguarding", "policy:equality", "insurance:professional_indemnity"], on=TODAY
    )
    assert keys(gaps) == [("policy:equality", "missing"), ("insurance:professional_indemnity", "missing")]
    assert gaps[0].message == "Equality, diversity and inclusion policy: not in the passport"


def test_what_will_have_expired_by_the_date_asked_is_asked_again(provider_org):
    insurance(provider_org, expires_on=datetime.date(2026, 9, 30))
    policy(provider_org, adopted_on=datetime.date(2026, 1, 10))
    asked = ["insurance:public_liability", "policy:safeguarding"]
    assert selectors.missing_for(provider_org, asked, on=datetime.date(2026, 9, 30)) == []
    gaps = selectors.missing_for(provider_org, asked, on=datetime.date(2026, 10, 1))
    assert keys(gaps) == [("insurance:public_liability", "expired")]
    assert gaps[0].message == "Public liability insurance: expired on 30 September 2026"
    assert keys(selectors.missing_for(provider_org, asked, on=datetime.date(2028, 1, 11)))[1] == ("policy:safeguarding", "expired")


def test_an_unknown_requirement_is_an_error_not_a_silent_pass(provider_org):
    with pytest.raises(ValueError, match="policy:safeguardng"):
        selectors.missing_for(provider_org, ["policy:safeguardng"])


def _score(organisation, by, key="policy:safeguarding", score=3):
    from jointly.passport import services

    return services.check_record(
        organisation=organisation, key=key, by=by, scheme=Check.Scheme.SCALE, score=score, reason="Clear and current.", today=TODAY
    )


def test_a_score_stands_until_the_policy_changes(kept, commissioner):
    check = _score(kept, commissioner)
    assert selectors.scores_for(kept, on=TODAY) == {"policy:safeguarding": check}
    policy(kept, "safeguarding", adopted_on=datetime.date(2026, 5, 1))
    assert selectors.scores_for(kept, on=TODAY) == {}


def test_a_score_lapses_with_the_policy(kept, commissioner):
    _score(kept, commissioner)
    assert selectors.scores_for(kept, on=datetime.date(2028, 1, 10))
    assert selectors.scores_for(kept, on=datetime.date(2028, 1, 11)) == {}


def test_status_says_what_is_missing_and_what_expires_within_sixty_days(provider_org):
    complete(provider_org)
    insurance(provider_org, expires_on=TODAY + datetime.timedelta(days=45))
    status = selectors.status_of(provider_org, today=TODAY)
    assert status.complete
    assert status.expiring == ["Public liability insurance: expires on 16 July 2026"]
    lines = {line.key: line.state for line in status.lines}
    assert lines["insurance:public_liability"] == "expiring"
    assert lines["insurance:professional_indemnity"] == "missing"
    assert lines["policy:safeguarding"] == "valid"
    assert not selectors.status_of(provider_org, today=datetime.date(2027, 1, 1)).complete


def test_checkers_see_the_passports_of_their_region_only(kept, commissioner, other_commissioner, administrator):
    assert list(selectors.checkable_organisations(commissioner)) == [kept]
    assert list(selectors.checkable_organisations(other_commissioner)) == []
    assert list(selectors.checkable_organisations(administrator)) == [kept]


def test_a_consortium_is_asked_each_members_own_gaps(kept, other_provider_org):
    gaps = selectors.missing_for_each([kept, other_provider_org], ["core", "accounts"], on=TODAY)
    assert gaps[kept] == []
    assert keys(gaps[other_provider_org]) == [("core", "missing"), ("accounts", "missing")]
