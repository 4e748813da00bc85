"""services.requests: a request under a reference the service makes, sent to approved providers only."""

import pytest
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.placements.models import PlacementRequest
from jointly.placements.services import frameworks, requests

from ..factories import OrganisationFactory, TrustFactory
from .conftest import make_request, request_data

pytestmark = pytest.mark.django_db


def test_a_request_gets_a_reference_never_a_name(trust, commissioner, framework, buyer):
    first = make_request(trust, commissioner, framework, buyer)
    second = make_request(trust, commissioner, framework, buyer)
    assert (first.reference, second.reference) == ("PLYMOUTH-P0001", "PLYMOUTH-P0002")
    assert first.status == PlacementRequest.Status.DRAFT


def test_a_request_lists_every_problem_at_once(trust, commissioner, buyer, region):
    elsewhere = frameworks.framework_create(trust=TrustFactory(region=region), by=commissioner, name="Not shared", starts_on=timezone.localdate())
    data = request_data(elsewhere, OrganisationFactory(), needs="", outcomes=" ", duration_weeks=0, weekly_budget=None, starts_on=None)
    with pytest.raises(FieldErrors) as refused:
        requests.request_create(trust=trust, by=commissioner, **data)
    assert set(refused.value.message_dict) == {"framework", "buyer", "needs", "outcomes", "starts_on", "duration_weeks", "weekly_budget"}


def test_free_text_that_looks_like_personal_data_is_warned_about():
    assert requests.personal_data_warnings("Born 03/04/2015, lives near PL4 8AA") == [
        "a date (a date of birth identifies a child)",
        "a postcode",
        "words that often come with personal details",
    ]
    assert requests.personal_data_warnings("Needs a stable foster family near school.") == []


def test_sending_goes_to_approved_providers_and_emails_their_people(
    trust, commissioner, framework, buyer, provider_user, tasks_run_at_once, mailoutbox, django_capture_on_commit_callbacks
):
    placement = make_request(trust, commissioner, framework, buyer)
    with django_capture_on_commit_callbacks(execute=True):
        sent = requests.request_send(request=placement, by=commissioner)
    assert sent.status == PlacementRequest.Status.SENT and sent.recipients.count() == 3
    assert any(provider_user.email in message.to for message in mailoutbox)
    assert all("Hilltop" not in message.body for message in mailoutbox)
    with pytest.raises(InvalidTransition):
        requests.request_send(request=sent, by=commissioner)


def test_only_approved_providers_can_be_sent_it(trust, commissioner, framework, buyer):
    placement = make_request(trust, commissioner, framework, buyer)
    with pytest.raises(FieldErrors, match="Only providers approved"):
        requests.request_send(request=placement, by=commissioner, organisations=[OrganisationFactory(name="Unapproved Homes")])
    with pytest.raises(FieldErrors, match="at least one"):
        requests.request_send(request=placement, by=commissioner, organisations=[])


def test_cancelling_needs_a_reason(trust, commissioner, framework, buyer):
    placement = make_request(trust, commissioner, framework, buyer)
    with pytest.raises(FieldErrors):
        requests.request_cancel(request=placement, by=commissioner, reason="")
    assert requests.request_cancel(request=placement, by=commissioner, reason="Family found").status == PlacementRequest.Status.CANCELLED


def test_a_draft_is_changed_as_it_was_made_and_refused_once_sent(trust, commissioner, framework, buyer):
    from decimal import Decimal

    from jointly.core.transitions import StaleEdit, version_of

    draft = make_request(trust, commissioner, framework, buyer)
    with pytest.raises(FieldErrors) as refused:
        requests.request_update(request=draft, by=commissioner, needs=" ", duration_weeks=0)
    assert set(refused.value.message_dict) == {"needs", "duration_weeks"}
    draft.refresh_from_db()
    shown = version_of(draft)
    changed = requests.request_update(request=draft, by=commissioner, version=shown, needs=" Weekend short breaks. ", weekly_budget=Decimal("400"))
    assert (changed.needs, changed.weekly_budget, changed.reference) == ("Weekend short breaks.", Decimal("400"), draft.reference)
    with pytest.raises(StaleEdit):
        requests.request_update(request=draft, by=commissioner, version=shown, duration_weeks=4)
    sent = requests.request_send(request=changed, by=commissioner)
    with pytest.raises(InvalidTransition, match="can no longer be changed"):
        requests.request_update(request=sent, by=commissioner, duration_weeks=4)
