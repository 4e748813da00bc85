"""The bidder's pages, checked with axe-core at both widths: one bid taken from start to receipt, a new
version and a withdrawal, with the error states of the answers, pricing, files and consortium forms.
Built with factories (no demo), once, in one test."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .helpers import assert_accessible, signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def bidder(transactional_db):
    from tests.factories import OrganisationFactory, TrustFactory, TrustPartnerFactory, UserFactory
    from tests.procurement.bids_helpers import open_opportunity

    trust = TrustFactory(name="Plymouth Children's Trust", slug="plymouth")
    organisation = OrganisationFactory(name="Young Carers Project")
    TrustPartnerFactory(trust=trust, organisation=organisation)
    OrganisationFactory(name="Carers Together")
    user = UserFactory(role="provider_user", organisation=organisation, trusts=[trust], full_name="Pat Provider")
    return user, open_opportunity(trust=trust, title="Young carers support")


def test_the_bid_pages_are_accessible(bidder, new_page, live_server, tmp_path):
    from jointly.procurement.models import Bid

    user, opportunity = bidder
    page = signed_in_page(new_page, live_server, user)
    visit(page, reverse("bids:list"), heading="Your bids")
    visit(page, reverse("bids:start", args=[opportunity.pk]), heading="Bid for Young carers support")
    page.get_by_role("button", name="Start the bid").click()
    bid = Bid.objects.get(opportunity=opportunity)
    expect(page.get_by_role("heading", level=1)).to_have_text("Young carers support")
    assert_accessible(page, "(bid started)")

    visit(page, reverse("bids:answers", args=[bid.pk]), heading="Answers")
    page.get_by_label("Question 1: Question 1: how will you help?").fill("word " * 60)
    submit_empty(page, "Save answers", expected_error="Answer in 50 words or fewer")
    page.get_by_label("Question 1: Question 1: how will you help?").fill("We find young carers through schools.")
    page.get_by_label("Question 2: Question 2: how will you help?").fill("We run clubs and one-to-one support.")
    page.get_by_role("button", name="Save answers").click()
    expect(page.locator(".govuk-notification-banner, .govuk-body").first).to_be_visible()

    visit(page, reverse("bids:pricing", args=[bid.pk]), heading="Pricing: full cost recovery")
    page.get_by_label("Your price, in pounds, including VAT").fill("lots")
    submit_empty(page, "Save pricing", expected_error="Enter your price in pounds")
    page.get_by_label("Your price, in pounds, including VAT").fill("100000")
    page.get_by_label("Staff costs, in pounds").fill("60000")
    page.get_by_label("Running costs, in pounds").fill("30000")
    page.get_by_label("Non-cash costs, in pounds").fill("10000")
    page.get_by_label("How many units the price buys").fill("50")
    page.get_by_label("What one unit is").fill("family supported")
    page.get_by_label("Premises and office costs: the organisation's whole cost over the same period, in pounds").fill("50000")
    page.get_by_label("Premises and office costs: the organisation's whole headcount (full-time equivalent staff)").fill("20")
    page.get_by_label("Premises and office costs: this service's headcount (full-time equivalent staff)").fill("4")
    page.get_by_role("button", name="Save pricing").click()
    expect(page.locator(".govuk-warning-text")).to_contain_text("below your full cost")
    assert_accessible(page, "(priced below full cost)")

    visit(page, reverse("bids:attachments", args=[bid.pk]), heading="Files")
    wrong = tmp_path / "notes.exe"
    wrong.write_bytes(b"MZ")
    page.get_by_label("Upload a file").set_input_files(str(wrong))
    submit_empty(page, "Add the file", expected_error="The file must be a PDF")
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_label("Upload a file").set_input_files(str(plan))
    page.get_by_role("button", name="Add the file").click()
    expect(page.get_by_role("link", name="plan.pdf")).to_be_visible()
    assert_accessible(page, "(with a file)")

    visit(page, reverse("bids:consortium", args=[bid.pk]), heading="Consortium")
    submit_empty(page, "Add the member", expected_error="Select the member organisation")
    page.get_by_label("Member organisation").fill("Carers Tog")
    page.get_by_role("option").filter(has_text="Carers Together").click()
    page.get_by_label("Its role in the consortium").fill("Runs the helpline")
    page.get_by_label("Its share of the work, as a percentage").fill("30")
    page.get_by_label("Its share of the money, as a percentage").fill("25")
    page.get_by_role("button", name="Add the member").click()
    expect(page.get_by_role("table")).to_contain_text("Carers Together")
    page.get_by_label("Your organisation's role as the lead").fill("Leads and manages the contract")
    page.get_by_role("button", name="Save your role").click()
    assert_accessible(page, "(a consortium)")

    visit(page, reverse("bids:detail", args=[bid.pk]), heading="Young carers support")
    visit(page, reverse("bids:submit", args=[bid.pk]), heading="Check and submit your bid")
    page.get_by_role("button", name="Submit the bid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bid received")
    visit(page, reverse("bids:receipt", args=[bid.pk]), heading="Bid received")

    visit(page, reverse("bids:replace", args=[bid.pk]), heading="Replace your bid with a new version")
    page.get_by_role("button", name="Draft a new version").click()
    new = Bid.objects.get(supersedes=bid)
    expect(page.get_by_role("heading", level=1)).to_have_text("Young carers support")
    visit(page, reverse("bids:withdraw", args=[new.pk]), heading="Withdraw your bid")
    page.get_by_role("button", name="Withdraw the bid").click()
    expect(page.get_by_text("Your bid is withdrawn.")).to_be_visible()
    assert_accessible(page, "(withdrawn)")
    visit(page, reverse("bids:list"), heading="Your bids")

    # The trust's staff are refused the sealed bid, and see the attempt in the trail.
    staff = signed_in_page(new_page, live_server, _commissioner(opportunity.trust))
    visit(staff, reverse("bids:detail", args=[bid.pk]), status=403)
    expect(staff.get_by_text("sealed until")).to_be_visible()
    visit(staff, reverse("bids:seal-attempts"), heading="Attempts to read sealed bids")
    expect(staff.get_by_role("table")).to_contain_text("Young carers support")


def _commissioner(trust):
    from tests.factories import TOTPDeviceFactory, UserFactory

    person = UserFactory(role="commissioner", trusts=[trust], full_name="Amina Commissioner")
    TOTPDeviceFactory(user=person)
    return person
