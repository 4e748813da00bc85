"""The pages: a provider's own (list, complete and save without JavaScript, submit with the fields' errors,
rate), the trust's (lists, review, accept, send back, ratings, standard returns), and who may open each."""

import datetime

import pytest
from django.urls import reverse

from jointly.contracts.models import ContractMeasure, ContractParty
from jointly.monitoring.models import Adoption, CommissionerRating, MonitoringReturn, Rag, ReturnTemplate
from jointly.monitoring.services import returns as services
from jointly.monitoring.services import reviews

from ..conftest import signed_in_client
from ..factories import TrustPartnerFactory
from .conftest import fill
from .factories import IN_FIRST_HALF, paid_invoice, running_contract

pytestmark = pytest.mark.django_db


def status(client, url, method="get", data=None):
    return (client.post(url, data or {}) if method == "post" else client.get(url)).status_code


def test_the_provider_pages_are_the_providers_own(
    draft, submitted, trust, provider_client, other_provider_client, commissioner_client, other_commissioner_client, anonymous_client
):
    urls = [
        reverse("monitoring:return", args=[submitted.pk]),
        reverse("monitoring:rate", args=[submitted.pk, trust.slug]),
    ]
    for url in urls:
        assert status(provider_client, url) == 200, url
        assert status(other_provider_client, url) == 404, url  # another provider's return is not found
        assert status(commissioner_client, url) == 403, url  # staff review it on their own page
        assert status(other_commissioner_client, url) == 404, url
        assert status(anonymous_client, url) == 302, url
    assert status(provider_client, reverse("monitoring:my-returns")) == 200
    assert status(other_provider_client, reverse("monitoring:my-returns")) == 200
    assert status(commissioner_client, reverse("monitoring:my-returns")) == 403
    assert status(anonymous_client, reverse("monitoring:my-returns")) == 302


def test_the_trust_pages_are_its_reviewers(
    submitted, trust, commissioner_client, other_commissioner_client, provider_client, anonymous_client, analyst, board_member
):
    template = submitted.template
    urls = [
        reverse("monitoring:trust-returns", args=[trust.slug]),
        reverse("monitoring:review", args=[trust.slug, submitted.pk]),
        reverse("monitoring:accept", args=[trust.slug, submitted.pk]),
        reverse("monitoring:send-back", args=[trust.slug, submitted.pk]),
        reverse("monitoring:ratings", args=[trust.slug]),
        reverse("monitoring:templates", args=[trust.slug]),
        reverse("monitoring:template-add", args=[trust.slug]),
        reverse("monitoring:template", args=[trust.slug, template.pk]),
    ]
    for url in urls:
        assert status(commissioner_client, url) == 200, url
        assert status(other_commissioner_client, url) == 404, url
        assert status(provider_client, url) == 403, url
        assert status(anonymous_client, url) == 302, url
    analyst_client = signed_in_client(analyst)
    assert status(analyst_client, urls[1]) == 200  # analysts review returns
    assert status(analyst_client, reverse("monitoring:template-add", args=[trust.slug])) == 403
    assert status(signed_in_client(board_member), urls[0]) == 403


def test_a_draft_is_saved_and_submitted_without_javascript(draft, provider_client):
    url = reverse("monitoring:return", args=[draft.pk])
    page = provider_client.get(url)
    assert page.status_code == 200 and "Save as a draft" in page.text and "Target: 120" in page.text
    kpi = draft.lines.filter(measure__isnull=False).first()
    narrative = draft.lines.get(question__text="What went well?")
    case_study = draft.lines.get(question__asks_date=True)

    saved = provider_client.post(url, {"action": "save", kpi.field_name: "a dozen"})
    assert saved.status_code == 302
    kpi.refresh_from_db()
    assert kpi.entry == "a dozen"

    refused = provider_client.post(
        url,
        {
            "action": "submit",
            kpi.field_name: "a dozen",
            f"{case_study.field_name}_date_0": "1",
            f"{case_study.field_name}_date_1": "1",
            f"{case_study.field_name}_date_2": "2030",
        },
    )
    assert refused.status_code == 200
    assert "There is a problem" in refused.text
    assert f'href="#id_{kpi.field_name}"' in refused.text and "must be a number" in refused.text
    assert f'href="#id_{narrative.field_name}"' in refused.text
    assert f'href="#id_{case_study.field_name}_date_0"' in refused.text
    assert "Your answers are saved as a draft" in refused.text
    case_study.refresh_from_db()
    assert case_study.date_entry == "1/1/2030"  # kept as typed
    draft.refresh_from_db()
    assert draft.status == MonitoringReturn.Status.DRAFT

    answers = {"action": "submit", narrative.field_name: "Good", case_study.field_name: "A story"}
    answers |= {f"{case_study.field_name}_date_{i}": part for i, part in enumerate(("3", "5", "2027"))}
    answers |= {line.field_name: "12" for line in draft.lines.filter(measure__isnull=False)}
    done = provider_client.post(url, answers)
    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.status == MonitoringReturn.Status.SUBMITTED


def test_reviewing_rating_each_part_then_accepting(submitted, trust, commissioner_client, commissioner):
    url = reverse("monitoring:review", args=[trust.slug, submitted.pk])
    first, second = submitted.parts.all()
    refused = commissioner_client.post(url, {f"rag_{first.pk}": "amber"})
    assert refused.status_code == 200 and f'href="#id_comment_{first.pk}"' in refused.text and f'href="#id_rag_{second.pk}_0"' in refused.text
    assert commissioner_client.post(url, {f"rag_{first.pk}": "amber", f"comment_{first.pk}": "Slow", f"rag_{second.pk}": "green"}).status_code == 302
    first.refresh_from_db()
    assert (first.rag, first.comment) == (Rag.AMBER, "Slow")
    assert commissioner_client.post(reverse("monitoring:accept", args=[trust.slug, submitted.pk])).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == MonitoringReturn.Status.ACCEPTED
    # The provider sees the review.
    page = signed_in_client(submitted.submitted_by).get(reverse("monitoring:return", args=[submitted.pk]))
    assert "Amber: some concerns" in page.text and "Slow" in page.text


def test_sending_back_needs_what_to_change(submitted, trust, commissioner_client):
    url = reverse("monitoring:send-back", args=[trust.slug, submitted.pk])
    assert "Enter what the provider needs to change" in commissioner_client.post(url, {}).text
    assert commissioner_client.post(url, {"changes": "Add June"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == MonitoringReturn.Status.CHANGES_REQUESTED


def test_accepting_with_parts_unrated_is_refused_on_the_page(submitted, trust, commissioner_client):
    response = commissioner_client.post(reverse("monitoring:accept", args=[trust.slug, submitted.pk]))
    assert response.status_code == 200 and "still to rate" in response.text


def test_the_provider_rates_the_trust_and_the_trust_reads_it_without_names(submitted, trust, provider_client, commissioner_client):
    url = reverse("monitoring:rate", args=[submitted.pk, trust.slug])
    assert "Select" in provider_client.post(url, {}).text
    assert provider_client.post(url, {"clarity": "4", "payment": "2", "partnership": "5", "comment": "Invoices paid late"}).status_code == 302
    assert CommissionerRating.objects.get().payment == 2
    page = commissioner_client.get(reverse("monitoring:ratings", args=[trust.slug]))
    assert "Invoices paid late" in page.text and submitted.organisation.name not in page.text


def test_a_commissioner_makes_publishes_and_has_a_return_adopted(trust, commissioner_client):
    response = commissioner_client.post(reverse("monitoring:template-add", args=[trust.slug]), {"name": "Our return", "scope": "trust"})
    template = ReturnTemplate.objects.get()
    assert response.status_code == 302 and template.trust == trust
    url = reverse("monitoring:template", args=[trust.slug, template.pk])
    assert (
        commissioner_client.post(url, {"action": "question", "question-section": "narrative", "question-text": "What went well?"}).status_code == 302
    )
    assert commissioner_client.post(url, {"action": "publish"}).status_code == 302
    council = TrustPartnerFactory(trust=trust, statutory=True).organisation
    assert commissioner_client.post(url, {"action": "adopt", "adopt-organisation": council.pk}).status_code == 302
    assert Adoption.objects.get().organisation == council
    assert template.versions.get().status == "published"


def test_the_lists_take_a_fixed_number_of_queries(
    covered, provider_org, provider_user, trust, commissioner_client, provider_client, django_assert_max_num_queries
):
    template, _contracts = covered
    for day in ("2027-06-01", "2027-11-01", "2028-06-01"):
        opened = fill(services.return_open(organisation=provider_org, template=template, on=datetime.date.fromisoformat(day)))
        opened.lines.filter(question__asks_date=True).update(
            date_entry=f"{opened.period_starts_on.day}/{opened.period_starts_on.month}/{opened.period_starts_on.year}"
        )
        services.return_submit(monitoring_return=opened, by=provider_user)
    with django_assert_max_num_queries(14):
        assert provider_client.get(reverse("monitoring:my-returns")).status_code == 200
    for state in ("due", "submitted", ""):
        with django_assert_max_num_queries(16):
            assert commissioner_client.get(reverse("monitoring:trust-returns", args=[trust.slug]) + f"?state={state}").status_code == 200


def test_home_shows_returns_to_complete_and_to_review(submitted, draft, trust, commissioner, provider_client, commissioner_client):
    reviews.part_review(part=submitted.parts.first(), by=commissioner, rag=Rag.GREEN)
    assert "Monitoring returns to complete" in provider_client.get("/").text
    assert "Monitoring returns to review" in commissioner_client.get("/").text


def test_the_page_shows_what_was_paid_prefills_the_amount_paid_and_names_the_lead_of_a_consortium(
    covered, trust, provider_org, other_provider_org, provider_client, other_provider_client
):
    template, (contract, _other) = covered
    paid_invoice(contract, "1500.00", datetime.date(2027, 5, 21))
    ContractMeasure.objects.create(contract=contract, kind=ContractMeasure.Kind.KPI, text="Amount paid for the service", unit="£", order=5)
    # A consortium the provider is a member of, led by the other provider.
    consortium = running_contract(trust, other_provider_org, buyer=contract.buyer, title="Holiday activities")
    ContractParty.objects.create(contract=consortium, organisation=provider_org, part=ContractParty.Part.MEMBER, work_share=40, money_share=40)
    mine = services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF)
    lead = services.return_open(organisation=other_provider_org, template=template, on=IN_FIRST_HALF)
    line = mine.lines.get(measure__text="Amount paid for the service")

    page = provider_client.get(reverse("monitoring:return", args=[mine.pk])).text
    assert "Paid on this contract in the period: <strong>£1,500.00 across 1 invoice</strong>" in page
    assert f'name="{line.field_name}" value="1500.00"' in page
    assert f"Youth Clubs Network reports on {consortium.reference}: Holiday activities" in page
    assert consortium.title not in [part.contract.title for part in mine.parts.all()]
    # The member's list names it too; the lead's return has its part, to fill in.
    assert f"Youth Clubs Network reports on {consortium.reference}" in provider_client.get(reverse("monitoring:my-returns")).text
    lead_page = other_provider_client.get(reverse("monitoring:return", args=[lead.pk])).text
    assert f"{consortium.reference}: Holiday activities</h2>" in lead_page and "reports on" not in lead_page
