"""The returns API: the provider's own and the reviewers' trusts', drafts saved as typed, submission refused
with a problem body naming each field; an empty amount paid comes with the invoices paid to start from."""

import datetime

import pytest

from jointly.contracts.models import ContractMeasure
from jointly.monitoring.services import returns as services

from ..conftest import signed_in_client
from .factories import IN_FIRST_HALF, paid_invoice

pytestmark = pytest.mark.django_db

API = "/api/v1/monitoring/returns"


def test_each_sees_their_own(draft, provider_client, other_provider_client, commissioner_client, other_commissioner_client):
    assert [row["id"] for row in provider_client.get(API).json()["items"]] == [draft.pk]
    assert other_provider_client.get(API).json()["items"] == []
    assert [row["id"] for row in commissioner_client.get(API).json()["items"]] == [draft.pk]
    assert other_commissioner_client.get(API).json()["items"] == []
    assert provider_client.get(f"{API}/{draft.pk}").status_code == 200
    assert other_provider_client.get(f"{API}/{draft.pk}").status_code == 404
    assert other_commissioner_client.get(f"{API}/{draft.pk}").status_code == 404
    detail = commissioner_client.get(f"{API}/{draft.pk}").json()
    assert {line["field"] for line in detail["lines"]} == {line.field_name for line in draft.lines.all()}


def test_draft_then_submit_with_problems_naming_fields(draft, provider_client, commissioner_client, board_member):
    kpi = draft.lines.filter(measure__isnull=False).first()
    saved = provider_client.put(f"{API}/{draft.pk}/draft", {"answers": {kpi.field_name: "lots"}}, content_type="application/json")
    assert saved.status_code == 200
    assert next(line for line in saved.json()["lines"] if line["field"] == kpi.field_name)["entry"] == "lots"

    refused = provider_client.post(f"{API}/{draft.pk}/submit")
    assert refused.status_code == 400 and refused["Content-Type"].startswith("application/problem+json")
    fields = {error["field"] for error in refused.json()["errors"]}
    assert {kpi.field_name, draft.lines.get(question__text="What went well?").field_name} <= fields

    assert commissioner_client.post(f"{API}/{draft.pk}/submit").status_code == 403
    assert commissioner_client.put(f"{API}/{draft.pk}/draft", {"answers": {}}, content_type="application/json").status_code == 403
    assert signed_in_client(board_member).get(API).status_code == 403


def test_an_empty_amount_paid_comes_with_the_invoices_paid_to_start_from(covered, provider_org, provider_client):
    template, (contract, _other) = covered
    paid_invoice(contract, "640.00", datetime.date(2027, 6, 20))
    ContractMeasure.objects.create(contract=contract, kind=ContractMeasure.Kind.KPI, text="Payments received", unit="GBP", order=5)
    draft = services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF)
    lines = {line["asks"]: line for line in provider_client.get(f"{API}/{draft.pk}").json()["lines"] if line["contract"] == contract.reference}
    assert (lines["Payments received"]["entry"], lines["Payments received"]["prefill"]) == ("", "640.00")
    assert lines["Families supported"]["prefill"] is None
