"""Contract pages: role access for every view (the right commissioner, another trust's, a provider party,
another provider, anonymous), the forms' refusals, and the list's query count."""

import datetime

import pytest
from django.urls import reverse

from jointly.contracts.models import Contract, ContractParty, Variation
from jointly.contracts.services import variations

from .factories import AwardFactory, ContractFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(trust, provider_org):
    return ContractFactory(trust=trust, supplier=provider_org)


@pytest.fixture
def running(trust, provider_org):
    contract = ContractFactory(trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE, extension_months=[12])
    return contract


@pytest.fixture
def proposed(running, commissioner):
    return variations.variation_propose(
        contract=running, by=commissioner, reason="More referrals", value_change="5000", today=datetime.date(2027, 6, 1)
    )


def _codes(client, urls):
    return [client.get(url).status_code for url in urls]


def test_staff_pages_by_role(
    trust, draft, running, proposed, commissioner_client, other_commissioner_client, provider_client, other_provider_client, anonymous_client
):
    staff_only = [
        reverse("contracts:list", args=[trust.slug]),
        reverse("contracts:awards", args=[trust.slug]),
        reverse("contracts:direct-award", args=[trust.slug]),
        reverse("contracts:terms", args=[draft.pk]),
        reverse("contracts:parties", args=[draft.pk]),
        reverse("contracts:measure-add", args=[draft.pk]),
        reverse("contracts:measure-edit", args=[draft.pk, draft.measures.first().pk]),
        reverse("contracts:risk-add", args=[draft.pk]),
        reverse("contracts:insurance-add", args=[draft.pk]),
        reverse("contracts:funding-add", args=[draft.pk]),
        reverse("contracts:sign", args=[draft.pk]),
        reverse("contracts:cancel", args=[draft.pk]),
        reverse("contracts:detail", args=[draft.pk]),
        reverse("contracts:document", args=[draft.pk]),
        reverse("contracts:document-pdf", args=[draft.pk]),
    ]
    assert _codes(commissioner_client, staff_only) == [200] * len(staff_only)
    assert set(_codes(other_commissioner_client, staff_only)) == {404}
    # A draft is not the provider's to see at all; the trust's pages are not a provider's either.
    assert set(_codes(provider_client, staff_only[3:])) == {404}
    # The trust's list sends a provider to its own contracts; making contracts is forbidden.
    assert _codes(provider_client, staff_only[:3]) == [302, 403, 403]
    assert set(_codes(other_provider_client, staff_only[3:])) == {404}
    assert {anonymous_client.get(url).status_code for url in staff_only} == {302}


def test_a_provider_party_reads_its_running_contract_and_cannot_manage_it(
    running, proposed, provider_client, other_provider_client, commissioner_client
):
    readable = [
        reverse("contracts:detail", args=[running.pk]),
        reverse("contracts:document", args=[running.pk]),
        reverse("contracts:variation", args=[running.pk, proposed.pk]),
    ]
    assert _codes(provider_client, readable) == [200, 200, 200]
    assert set(_codes(other_provider_client, readable)) == {404}
    page = provider_client.get(readable[0]).content.decode()
    assert "Propose a variation" not in page and running.title in page
    assert provider_client.get(reverse("contracts:variation-add", args=[running.pk])).status_code == 403
    assert provider_client.post(readable[2], {"outcome": "approve"}).status_code == 403
    assert running.title in provider_client.get(reverse("contracts:mine")).content.decode()
    assert _codes(
        commissioner_client, [reverse("contracts:variation-add", args=[running.pk]), reverse("contracts:extension-add", args=[running.pk])]
    ) == [200, 200]


def test_the_list_filters_by_state_in_a_fixed_number_of_queries(trust, commissioner_client, django_assert_max_num_queries):
    for _ in range(4):
        ContractFactory(trust=trust, status=Contract.Status.ACTIVE)
    ContractFactory(trust=trust, title="Still a draft")
    url = reverse("contracts:list", args=[trust.slug])
    commissioner_client.get(url)
    with django_assert_max_num_queries(14):
        page = commissioner_client.get(url, {"status": "active"}).content.decode()
    assert "Still a draft" not in page and page.count("Signed and running") >= 4


def test_signing_lists_every_problem_then_signs(trust, commissioner_client, provider_org):
    contract = ContractFactory(trust=trust, supplier=provider_org, parts=False)
    page = commissioner_client.get(reverse("contracts:sign", args=[contract.pk])).content.decode()
    assert "The contract needs one lead provider" in page and "Add at least one outcome or KPI" in page
    response = commissioner_client.post(reverse("contracts:sign", args=[contract.pk]))
    assert response.status_code == 200 and "The values by year must add up" in response.content.decode()

    ready = ContractFactory(trust=trust, supplier=provider_org)
    assert commissioner_client.post(reverse("contracts:sign", args=[ready.pk])).status_code == 302
    ready.refresh_from_db()
    assert ready.status == Contract.Status.ACTIVE


def test_recording_a_direct_award_refuses_with_the_fields_then_saves(trust, commissioner_client, provider_org):
    url = reverse("contracts:direct-award", args=[trust.slug])
    response = commissioner_client.post(url, {"title": "", "form": "standard", "payment_basis": "block"})
    page = response.content.decode()
    assert "There is a problem" in page and "Enter why the contract is awarded directly" in page
    buyer = trust.partners.first().organisation if trust.partners.exists() else None
    if buyer is None:
        from tests.factories import TrustPartnerFactory

        buyer = TrustPartnerFactory(trust=trust, statutory=True).organisation
    data = {
        "title": "Youth work in the north",
        "buyer": buyer.pk,
        "supplier": provider_org.pk,
        "value": "60000",
        "justification": "The only provider in the area (transparency notice published).",
        "starts_on_0": "1",
        "starts_on_1": "4",
        "starts_on_2": "2027",
        "ends_on_0": "31",
        "ends_on_1": "3",
        "ends_on_2": "2030",
        "form": "standard",
        "payment_basis": "block",
    }
    assert commissioner_client.post(url, data).status_code == 302
    assert Contract.objects.get(title="Youth work in the north").years.count() == 3


def test_making_a_contract_from_an_award(trust, commissioner_client):
    from tests.factories import TrustPartnerFactory

    award = AwardFactory(decision__opportunity__trust=trust)
    buyer = TrustPartnerFactory(trust=trust, statutory=True).organisation
    assert award.bid.organisation.name in commissioner_client.get(reverse("contracts:awards", args=[trust.slug])).content.decode()
    data = {
        "buyer": buyer.pk,
        "starts_on_0": "1",
        "starts_on_1": "4",
        "starts_on_2": "2027",
        "ends_on_0": "31",
        "ends_on_1": "3",
        "ends_on_2": "2030",
        "form": "standard",
        "payment_basis": "block",
    }
    response = commissioner_client.post(reverse("contracts:from-award", args=[trust.slug, award.pk]), data)
    assert response.status_code == 302
    contract = Contract.objects.get(award=award)
    assert contract.parties.get(part=ContractParty.Part.LEAD).organisation == award.organisation


def test_a_variation_form_shows_the_refusal_and_a_senior_decision_is_needed(running, commissioner_client, board_member):
    from tests.conftest import signed_in_client

    url = reverse("contracts:variation-add", args=[running.pk])
    response = commissioner_client.post(
        url,
        {"reason": "Grow", "value_change": "200000", "applies_from_0": "1", "applies_from_1": "6", "applies_from_2": "2028", "changes_nature": "on"},
    )
    page = response.content.decode()
    assert "needs a new procurement" in page and "overall nature" in page
    response = commissioner_client.post(
        url, {"reason": "Grow", "value_change": "60000", "applies_from_0": "1", "applies_from_1": "6", "applies_from_2": "2028"}
    )
    variation = Variation.objects.get(contract=running)
    assert variation.senior_approval_needed
    decide = reverse("contracts:variation", args=[running.pk, variation.pk])
    assert commissioner_client.post(decide, {"outcome": "approve"}).status_code == 403
    assert signed_in_client(board_member).post(decide, {"outcome": "approve"}).status_code == 302
    running.refresh_from_db()
    assert running.value == 360000


def test_the_drafts_forms_save_and_refuse_with_the_fields(trust, draft, commissioner_client, other_provider_org):
    detail = reverse("contracts:detail", args=[draft.pk])
    refused = commissioner_client.post(reverse("contracts:risk-add", args=[draft.pk]), {"risk": "Demand", "bearer": "shared"})
    assert "Enter the provider&#x27;s share of a shared risk" in refused.content.decode()
    assert (
        commissioner_client.post(reverse("contracts:risk-add", args=[draft.pk]), {"risk": "Demand", "bearer": "shared", "provider_share": "20"}).url
        == detail
    )

    members = {"organisation_0": other_provider_org.pk, "role_0": "Evening clubs", "work_0": "30", "money_0": "25"}
    assert commissioner_client.post(reverse("contracts:parties", args=[draft.pk]), members).status_code == 302
    assert dict(draft.parties.values_list("part", "money_share")) == {"lead": 75, "member": 25}

    measure = {"kind": "kpi", "question": "how_well", "text": "Seen within 10 days", "value_type": "percent", "target": "150"}
    refused = commissioner_client.post(reverse("contracts:measure-add", args=[draft.pk]), measure)
    assert "A percentage target must be between 0 and 100" in refused.content.decode()
    assert commissioner_client.post(reverse("contracts:measure-add", args=[draft.pk]), {**measure, "target": "90"}).status_code == 302

    assert commissioner_client.post(reverse("contracts:insurance-defaults", args=[draft.pk])).url == detail
    assert draft.insurance.count() == 3  # £300,000: the middle band
    assert commissioner_client.get(reverse("contracts:insurance-defaults", args=[draft.pk])).status_code == 405

    refused = commissioner_client.post(reverse("contracts:cancel", args=[draft.pk]), {"reason": ""})
    assert "Enter the reason" in refused.content.decode()
    assert commissioner_client.post(reverse("contracts:cancel", args=[draft.pk]), {"reason": "Funded by a grant instead"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Contract.Status.CANCELLED
    pdf = commissioner_client.get(reverse("contracts:document-pdf", args=[draft.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_vcs_warning_and_its_reason_show_on_the_page(trust, commissioner_client):
    from tests.factories import OrganisationFactory

    charity = OrganisationFactory()  # the factory's default is a VCS organisation
    short = ContractFactory(trust=trust, supplier=charity, ends_on=datetime.date(2028, 3, 31))
    page = commissioner_client.get(reverse("contracts:detail", args=[short.pk])).content.decode()
    assert "shorter than three years" in page and "Record why before it is signed" in page
