"""The spend and funding-stream forms show every error in one submit: the form's own and the services' refusals together."""

from django.urls import reverse

from jointly.resources.models import FundingStream, SpendRecord


def test_the_spend_form_shows_missing_answers_and_the_services_refusals_together(commissioner_client, trust, council, charity):
    # No provider or service name (the form's checks), a year that is not one and an amount that is not
    # money (the service's): all in the first response.
    response = commissioner_client.post(
        reverse("resources:spend-add", args=[trust.slug]),
        {"year": "2026-28", "partner": council.pk, "kind": "grant", "tier": "universal", "purpose": "prevention", "amount": "lots"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"provider", "service_name", "year", "amount"}
    page = response.content.decode()
    for message in (
        "Select the organisation that provides the service",
        "Enter the name of the service",
        "Enter the financial year like 2026-27: the second year follows the first",
        "Enter the amount spent in pounds, like 12500 or 12500.50",
    ):
        assert message in page, message
    assert page.count('class="govuk-error-summary"') == 1
    assert not SpendRecord.objects.exists()


def test_a_negative_spend_is_refused_with_the_missing_kind(commissioner_client, trust, council, charity):
    response = commissioner_client.post(
        reverse("resources:spend-add", args=[trust.slug]),
        {
            "year": "2026-27",
            "partner": council.pk,
            "provider": charity.pk,
            "service_name": "Play",
            "tier": "universal",
            "purpose": "prevention",
            "amount": "-5",
        },
    )
    errors = response.context["form"].errors
    assert set(errors) == {"kind", "amount"}
    # The form's message for the missing choice, not the service's second one.
    assert errors["kind"] == ["Select commissioned service, in-house service or grant"]
    assert errors["amount"][0].startswith("Enter the amount spent as £0 or more")


def test_the_funding_stream_form_shows_every_error_in_one_submit(commissioner_client, trust, council):
    response = commissioner_client.post(
        reverse("resources:funding-stream-add", args=[trust.slug]),
        {
            "name": "",
            "amount": "-100",
            "starts_on_0": "1",
            "starts_on_1": "4",
            "starts_on_2": "2026",
            "ends_on_0": "1",
            "ends_on_1": "3",
            "ends_on_2": "2026",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"name", "funder", "amount", "ends_on"}
    page = response.content.decode()
    for message in (
        "Enter the name of the funding stream",
        "Select the funder",
        "Enter the amount of the funding stream as £0 or more",
        "The end date must be the same as or after the start date (1 April 2026)",
    ):
        assert message in page, message
    assert page.count('class="govuk-error-summary"') == 1
    assert not FundingStream.objects.exists()


def test_a_date_the_form_cannot_read_is_not_compared(commissioner_client, trust, council):
    response = commissioner_client.post(
        reverse("resources:funding-stream-add", args=[trust.slug]),
        {
            "name": "Hubs",
            "funder": council.pk,
            "amount": "x",
            "starts_on_0": "31",
            "starts_on_1": "2",
            "starts_on_2": "2026",
            "ends_on_0": "1",
            "ends_on_1": "3",
            "ends_on_2": "2025",
        },
    )
    errors = response.context["form"].errors
    assert set(errors) == {"starts_on", "amount"}
