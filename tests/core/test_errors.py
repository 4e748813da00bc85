"""One error type: services refuse with FieldErrors; forms and the API show it; a refusal leaves nothing behind."""

import json

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import RequestFactory

from jointly.api.urls import api
from jointly.core.errors import NON_FIELD, FieldErrors, as_field_errors, full_clean, save_form
from jointly.core.forms import GovukForm
from jointly.core.transitions import InvalidTransition
from jointly.partnerships.models import Organisation

from ..factories import OrganisationFactory


class NameForm(GovukForm):
    name = forms.CharField(label="Name")


def _post(data):
    return RequestFactory().post("/", data)


def test_every_message_goes_against_its_field_and_the_rest_above_the_form(db):
    form = NameForm(_post({"name": "x"}).POST)

    def refuse(data):
        raise FieldErrors({"name": "Enter a longer name", "elsewhere": "Not on this form", NON_FIELD: "Try again"})

    assert save_form(_post({"name": "x"}), form, refuse) is None
    assert form.errors["name"] == ["Enter a longer name"]
    assert form.non_field_errors() == ["Not on this form", "Try again"]


def test_a_refused_state_change_shows_above_the_form(db):
    form = NameForm(_post({"name": "x"}).POST)

    def refuse(data):
        raise InvalidTransition("This seat is vacant, so you cannot vacate it.")

    assert save_form(_post({"name": "x"}), form, refuse) is None
    assert form.non_field_errors() == ["This seat is vacant, so you cannot vacate it."]


def test_a_service_that_wrote_before_refusing_leaves_nothing_behind(db):
    form = NameForm(_post({"name": "x"}).POST)

    def half_then_refuse(data):
        OrganisationFactory(name="Half written")
        raise FieldErrors({"name": "No"})

    save_form(_post({"name": "x"}), form, half_then_refuse)
    assert not Organisation.objects.filter(name="Half written").exists()


def test_what_the_service_returns_comes_back_and_none_means_saved(db):
    request = _post({"name": "x"})
    assert save_form(request, NameForm(request.POST), lambda data: data["name"]) == "x"
    assert save_form(request, NameForm(request.POST), lambda data: None) is True


def test_nothing_is_saved_on_a_get_or_an_invalid_form(db):
    calls = []
    get = RequestFactory().get("/")
    assert save_form(get, NameForm(), calls.append) is None
    request = _post({"name": ""})
    assert save_form(request, NameForm(request.POST), calls.append) is None
    assert calls == []


def test_a_models_own_validation_is_refused_as_field_errors(db):
    organisation = Organisation(name="")
    with pytest.raises(FieldErrors) as refused:
        full_clean(organisation)
    assert "name" in refused.value.errors


def test_django_validation_errors_become_one_message_per_field():
    assert as_field_errors(ValidationError({"a": ["First", "Second"]})).errors == {"a": "First"}
    assert as_field_errors(ValidationError("Whole")).errors == {NON_FIELD: "Whole"}


@pytest.mark.parametrize(
    "refusal, status",
    [(FieldErrors({"name": "Enter the name"}), 400), (InvalidTransition("This offer is cancelled."), 409)],
)
def test_a_refused_api_write_is_a_problem_body_and_rolls_back_the_request(db, refusal, status):
    request = RequestFactory().post("/api/v1/organisations")
    with transaction.atomic():  # the request's own transaction (ATOMIC_REQUESTS)
        OrganisationFactory(name="Half written")
        response = api.on_exception(request, refusal)
    assert response.status_code == status and response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["status"] == status
    assert not Organisation.objects.filter(name="Half written").exists()


def test_a_refused_look_keeps_the_requests_writes_so_it_can_be_audited(db):
    from django.core.exceptions import PermissionDenied

    request = RequestFactory().get("/api/v1/organisations")
    with transaction.atomic():
        OrganisationFactory(name="Audited look")
        assert api.on_exception(request, PermissionDenied("No")).status_code == 403
    assert Organisation.objects.filter(name="Audited look").exists()
