"""The bidder's pages: the bidder (200), everyone else refused while sealed and the attempt recorded
(staff 403, another provider or trust 404), anonymous sent to sign in; the forms' errors all at once."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jointly.procurement.models import Bid, SealAttempt
from jointly.procurement.services import bids as services
from tests.conftest import signed_in_client

from ..factories import OrganisationFactory
from .bids_helpers import PDF, close_now, complete_bid, open_opportunity, set_state

pytestmark = pytest.mark.django_db

PAGES = ["detail", "answers", "pricing", "attachments", "consortium", "submit", "withdraw", "replace"]


@pytest.fixture
def opportunity(trust):
    return open_opportunity(trust=trust)


@pytest.fixture
def bid(opportunity, provider_user):
    bid = complete_bid(opportunity, provider_user)
    services.bid_attachment_add(bid=bid, by=provider_user, name="plan.pdf", content=PDF)
    services.consortium_member_add(
        bid=bid, by=provider_user, organisation=OrganisationFactory(name="Partner Charity"), role="Outreach", work_share="20", money_share="20"
    )
    return bid


def _urls(bid):
    urls = [reverse(f"bids:{name}", args=[bid.pk]) for name in PAGES]
    return urls + [reverse("bids:attachment-file", args=[bid.pk, bid.attachments.get().pk])]


def test_the_bidder_sees_every_page_of_its_bid(bid, provider_user):
    client = signed_in_client(provider_user)
    for url in _urls(bid):
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get(_urls(bid)[-1]).content == PDF
    answer = bid.answers.first().text
    assert answer in client.get(reverse("bids:answers", args=[bid.pk])).content.decode()
    assert not SealAttempt.objects.exists()


@pytest.mark.parametrize(
    "who, status",
    [("commissioner", 403), ("administrator", 403), ("other_provider_user", 404), ("other_commissioner", 404), ("evaluator", 404)],
)
def test_everyone_else_is_refused_every_page_while_sealed_and_each_attempt_recorded(request, bid, who, status):
    person = request.getfixturevalue(who)
    client = signed_in_client(person)
    secret = bid.answers.first().text
    for url in _urls(bid):
        response = client.get(url)
        assert response.status_code == status, url
        assert secret not in response.content.decode() and "Partner Charity" not in response.content.decode()
    assert SealAttempt.objects.filter(by=person, bid=bid).count() == len(_urls(bid))
    # Nor can they write to it.
    for name in ["answers", "pricing", "submit", "withdraw"]:
        assert client.post(reverse(f"bids:{name}", args=[bid.pk]), {"reason": "x"}).status_code == status
    assert Bid.objects.get(pk=bid.pk).status == "draft"


def test_anonymous_is_sent_to_sign_in(bid, anonymous_client, opportunity):
    for url in [*_urls(bid), reverse("bids:list"), reverse("bids:start", args=[opportunity.pk]), reverse("bids:receipt", args=[bid.pk])]:
        response = anonymous_client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], url


def test_the_list_is_the_organisations_own_and_its_queries_do_not_grow(trust, provider_user, other_provider_user, django_assert_max_num_queries):
    mine = complete_bid(open_opportunity(trust=trust, questions=0), provider_user)
    theirs = complete_bid(open_opportunity(trust=trust, questions=0), other_provider_user)
    client = signed_in_client(provider_user)
    with django_assert_max_num_queries(15) as few:
        response = client.get(reverse("bids:list"))
    body = response.content.decode()
    assert mine.opportunity.title in body and theirs.opportunity.title not in body
    for _ in range(3):
        complete_bid(open_opportunity(trust=trust, questions=0), provider_user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("bids:list")).status_code == 200


def test_the_list_for_someone_of_no_organisation(commissioner_client):
    assert "so you have no bids" in commissioner_client.get(reverse("bids:list")).content.decode()


def test_the_detail_page_queries_are_bounded(bid, provider_user, django_assert_max_num_queries):
    client = signed_in_client(provider_user)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("bids:detail", args=[bid.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("bids:consortium", args=[bid.pk])).status_code == 200


def test_starting_a_bid_from_an_open_opportunity(opportunity, provider_user, commissioner_client, trust):
    client = signed_in_client(provider_user)
    url = reverse("bids:start", args=[opportunity.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    bid = Bid.objects.get(opportunity=opportunity)
    assert response.status_code == 302 and response["Location"] == reverse("bids:detail", args=[bid.pk])
    assert client.post(url).status_code == 200  # a second: refused on the page
    assert commissioner_client.get(url).status_code == 403
    draft = set_state(open_opportunity(trust=trust), status="draft")
    assert client.get(reverse("bids:start", args=[draft.pk])).status_code == 404


def test_answers_over_the_limit_show_the_error_and_keep_the_text_typed(bid, provider_user):
    client = signed_in_client(provider_user)
    first, second = bid.opportunity.questions.all()
    long = "word " * 60
    response = client.post(reverse("bids:answers", args=[bid.pk]), {f"answer_{first.pk}": long, f"answer_{second.pk}": "Changed."})
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body and "Answer in 50 words or fewer" in body
    assert long.strip() in body
    assert bid.answers.get(question=second).text == "We know the pastoral lead in every school."  # nothing saved of that submit


def test_pricing_shows_the_full_cost_and_warns_below_it(bid, provider_user):
    client = signed_in_client(provider_user)
    form = {"price": "100000", "direct_staff": "60000", "direct_running": "30000", "direct_non_cash": "10000", "units": "50", "unit_name": "family"}
    form.update({"premises_cost": "50000", "premises_total": "20", "premises_service": "4"})
    form.update({"central_cost": "30000", "central_total": "10000", "central_service": "2500"})
    form.update({"governance_cost": "12000", "governance_total": "1200000", "governance_service": "100000"})
    assert client.post(reverse("bids:pricing", args=[bid.pk]), form).status_code == 302
    body = client.get(reverse("bids:pricing", args=[bid.pk])).content.decode()
    assert "£118,500.00" in body and "£2,370.00" in body and "£18,500.00 below your full cost" in body
    bad = {**form, "price": "abc", "premises_service": "40", "central_total": ""}
    body = client.post(reverse("bids:pricing", args=[bid.pk]), bad).content.decode()
    assert "There is a problem" in body and "Enter your price in pounds" in body
    assert "cannot be more than the organisation" in body and "enter the pool" in body


def test_files_of_the_wrong_type_or_size_are_refused(bid, provider_user, monkeypatch):
    client = signed_in_client(provider_user)
    url = reverse("bids:attachments", args=[bid.pk])
    body = client.post(url, {"file": SimpleUploadedFile("virus.exe", b"MZ...")}).content.decode()
    assert "The file must be a PDF" in body
    body = client.post(url, {"file": SimpleUploadedFile("fake.pdf", b"not a pdf")}).content.decode()
    assert "not a real PDF" in body
    monkeypatch.setattr(services, "MAX_ATTACHMENT_BYTES", 10)
    body = client.post(url, {"file": SimpleUploadedFile("big.pdf", PDF)}).content.decode()
    assert "smaller than" in body
    assert bid.attachments.count() == 1
    attachment = bid.attachments.get()
    assert client.post(reverse("bids:attachment-remove", args=[bid.pk, attachment.pk])).status_code == 302
    assert not bid.attachments.exists()


def test_the_consortium_page_adds_and_removes_members(bid, provider_user):
    client = signed_in_client(provider_user)
    url = reverse("bids:consortium", args=[bid.pk])
    member = OrganisationFactory(name="Second Partner")
    body = client.post(url, {"form_name": "member", "organisation": member.pk, "role": "", "work_share": "90", "money_share": "1"}).content.decode()
    assert "There is a problem" in body and "Enter the member" in body
    assert (
        client.post(url, {"form_name": "member", "organisation": member.pk, "role": "Venues", "work_share": "10", "money_share": "5"}).status_code
        == 302
    )
    assert client.post(url, {"form_name": "lead", "lead_role": "Runs the contract"}).status_code == 302
    body = client.get(url).content.decode()
    assert "Second Partner" in body and "70%" in body and "75%" in body and "Runs the contract" in body
    row = bid.members.get(organisation=member)
    assert client.post(reverse("bids:member-remove", args=[bid.pk, row.pk])).status_code == 302
    assert not bid.members.filter(organisation=member).exists()


def test_submit_then_receipt_then_replace_and_withdraw(bid, provider_user):
    client = signed_in_client(provider_user)
    services.consortium_lead_role_save(bid=bid, by=provider_user, lead_role="Lead")
    response = client.post(reverse("bids:submit", args=[bid.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("bids:receipt", args=[bid.pk])
    bid.refresh_from_db()
    assert bid.receipt in client.get(reverse("bids:receipt", args=[bid.pk])).content.decode()
    response = client.post(reverse("bids:replace", args=[bid.pk]))
    new = Bid.objects.get(supersedes=bid)
    assert response["Location"] == reverse("bids:detail", args=[new.pk])
    assert client.post(reverse("bids:withdraw", args=[new.pk]), {"reason": ""}).status_code == 302
    assert Bid.objects.get(pk=new.pk).status == "withdrawn" and Bid.objects.get(pk=bid.pk).status == "submitted"


def test_submit_page_lists_every_problem_and_a_late_submit_is_refused(opportunity, provider_user):
    client = signed_in_client(provider_user)
    bid = services.bid_start(opportunity=opportunity, by=provider_user)
    body = client.get(reverse("bids:submit", args=[bid.pk])).content.decode()
    assert "Before you can submit" in body and "Answer question 1" in body and "Enter your price" in body
    body = client.post(reverse("bids:submit", args=[bid.pk])).content.decode()
    assert "There is a problem" in body and "Answer question 2" in body
    complete = complete_bid(open_opportunity(trust=opportunity.trust), provider_user)
    set_state(complete.opportunity, closes_at=timezone.now() - datetime.timedelta(seconds=1))
    body = client.post(reverse("bids:submit", args=[complete.pk])).content.decode()
    assert "closed for bids at" in body
    assert Bid.objects.get(pk=complete.pk).status == "draft"


def test_after_the_seal_breaks_the_bidders_pages_stay_its_own(bid, opportunity, commissioner_client, provider_user):
    close_now(opportunity)
    assert commissioner_client.get(reverse("bids:detail", args=[bid.pk])).status_code == 403
    assert signed_in_client(provider_user).get(reverse("bids:detail", args=[bid.pk])).status_code == 200
    assert not SealAttempt.objects.exists()


def test_the_seal_attempts_page(
    bid, trust, other_trust, commissioner, administrator, other_commissioner, provider_user, django_assert_max_num_queries
):
    assert signed_in_client(commissioner).get(reverse("bids:detail", args=[bid.pk])).status_code == 403
    elsewhere = open_opportunity(trust=other_trust, title="Essex short breaks")
    other_bid = complete_bid(elsewhere, provider_user)
    assert signed_in_client(administrator).get(reverse("bids:answers", args=[other_bid.pk])).status_code == 403
    url = reverse("bids:seal-attempts")
    client = signed_in_client(commissioner)
    with django_assert_max_num_queries(15):
        body = client.get(url).content.decode()
    assert "Amina Commissioner" in body and bid.opportunity.title in body and "Essex short breaks" not in body
    body = signed_in_client(administrator).get(url).content.decode()
    assert bid.opportunity.title in body and "Essex short breaks" in body
    assert bid.opportunity.title not in signed_in_client(other_commissioner).get(url).content.decode()
    assert signed_in_client(provider_user).get(url).status_code == 403
