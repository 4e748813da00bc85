"""Changing how an indicator is described and read: who may, and what a change does."""

import pytest
from django.urls import reverse

from jointly.audit.models import AuditEntry
from jointly.needs.models import IndicatorDefinition, OutcomeArea, Polarity
from tests.conftest import signed_in_client


@pytest.fixture
def analyst_client(analyst):
    return signed_in_client(analyst)


@pytest.fixture
def board_member_client(board_member):
    return signed_in_client(board_member)


@pytest.fixture
def own(trust):
    return IndicatorDefinition.objects.create(code="local/1", name="Local measure", trust=trust, polarity=Polarity.NO_JUDGEMENT)


@pytest.fixture
def shared(db):
    return IndicatorDefinition.objects.create(code="dfe/1", name="National measure")


def url(indicator):
    return reverse("needs:indicator-edit", args=[indicator.pk])


def valid(**overrides):
    data = {
        "name": "Local measure of missing episodes",
        "description": "",
        "outcome_area": OutcomeArea.objects.get(slug="stay-safe", trust__isnull=True).pk,
        "polarity": Polarity.LOWER_BETTER,
        "value_type": "rate_per_10000",
        "unit": "per 10,000 children",
        "source": "Council case records",
        "source_url": "",
        "method": "",
        "disclosure_rule": "",
        "cohort": "",
        "caution": "",
        "decimal_places": "",
        "interval_method": "auto",
        "published": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_an_analyst_changes_their_trusts_indicator_and_the_change_is_audited(analyst_client, analyst, own):
    response = analyst_client.post(url(own), valid())
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.name, own.polarity, own.outcome_area.slug, own.published) == (
        "Local measure of missing episodes",
        Polarity.LOWER_BETTER,
        "stay-safe",
        True,
    )
    entry = AuditEntry.objects.filter(object_type="needs.indicatordefinition", object_id=str(own.pk)).order_by("pk").last()
    assert entry.actor == analyst and entry.after["polarity"] == Polarity.LOWER_BETTER


@pytest.mark.django_db
def test_the_form_starts_from_the_current_values(analyst_client, own):
    page = analyst_client.get(url(own)).content.decode()
    assert 'value="Local measure"' in page


@pytest.mark.django_db
def test_bad_input_is_refused_with_the_reasons_and_nothing_changes(analyst_client, own):
    response = analyst_client.post(url(own), valid(name="", polarity="", source_url="not a web address"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    for message in ("Enter the indicator&#x27;s name", "Select whether a higher value is better or worse", "Enter the source"):
        assert message in page
    own.refresh_from_db()
    assert own.name == "Local measure"


@pytest.mark.django_db
def test_another_trusts_outcome_area_cannot_be_chosen(analyst_client, own, other_trust):
    theirs = OutcomeArea.objects.create(name="Essex only", slug="essex-only", trust=other_trust)
    response = analyst_client.post(url(own), valid(outcome_area=theirs.pk))
    assert "Choose an outcome area from the list" in response.content.decode()


@pytest.mark.django_db
def test_a_shared_indicator_is_changed_only_by_an_administrator(analyst_client, administrator_client, shared):
    refused = analyst_client.get(url(shared))
    assert refused.status_code == 403
    assert "only an administrator" in refused.content.decode()
    assert administrator_client.post(url(shared), valid(name="National measure, renamed")).status_code == 302
    shared.refresh_from_db()
    assert shared.name == "National measure, renamed"


@pytest.mark.django_db
def test_roles(own, other_commissioner_client, provider_client, board_member_client, anonymous_client, commissioner_client):
    assert commissioner_client.get(url(own)).status_code == 200
    assert other_commissioner_client.get(url(own)).status_code == 404
    assert provider_client.get(url(own)).status_code == 403
    assert board_member_client.get(url(own)).status_code == 403
    response = anonymous_client.get(url(own))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.django_db
def test_the_list_offers_change_links_only_where_allowed(analyst_client, provider_client, own, shared):
    page = analyst_client.get(reverse("needs:indicator-list")).content.decode()
    assert url(own) in page and url(shared) not in page
    assert url(own) not in provider_client.get(reverse("needs:indicator-list")).content.decode()


@pytest.mark.django_db
def test_two_people_changing_one_indicator_cannot_overwrite_each_other(analyst_client, own):
    import re

    version = re.search(r'name="version" value="([0-9a-f]+)"', analyst_client.get(url(own)).content.decode()).group(1)
    # Someone else saves first, from a form they opened at the same time.
    assert analyst_client.post(url(own), valid(version=version, unit="their unit")).status_code == 302
    page = analyst_client.post(url(own), valid(version=version, unit="my unit")).content.decode()
    assert "There is a problem" in page and "Someone else changed this indicator definition while you were editing it" in page
    own.refresh_from_db()
    assert own.unit == "their unit"


@pytest.mark.django_db
def test_an_analyst_says_who_is_counted_the_caution_the_places_and_that_it_is_not_compared(analyst_client, own):
    response = analyst_client.post(
        url(own),
        valid(cohort="children in need at 31 March", caution="Recording differs between councils.", decimal_places="2", interval_method="none"),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.cohort, own.caution, own.decimal_places, own.interval_method) == (
        "children in need at 31 March",
        "Recording differs between councils.",
        2,
        "none",
    )


@pytest.mark.django_db
def test_bad_places_and_a_missing_interval_choice_are_shown_together_with_the_name(analyst_client, own):
    response = analyst_client.post(url(own), valid(name="", decimal_places="9", interval_method=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the indicator&#x27;s name" in page
    assert "Decimal places must be 6 or fewer" in page
    assert "Select whether a confidence interval can be worked out" in page
