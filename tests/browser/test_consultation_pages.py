"""The consultation pages, checked with axe-core, and answering with JavaScript off.

The demo consultations (one open, one closed with its "you said, we did"
published) are loaded once per test: they need only the partnerships demo.
The staff walk takes a draft (made through the services) from writing to
open, and the open demo consultation from closed to reported, checking each
confirmation page on the way.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from .configuration import restore_seeded_configuration
from .helpers import assert_accessible, signed_in_page, submit_empty, visit
from .snapshots import bring_to

pytestmark = pytest.mark.browser


@pytest.fixture
def consultations(demo):
    from jointly.consultations import demo as consultations_demo
    from jointly.consultations.models import Consultation

    def build():
        restore_seeded_configuration()  # the outcome areas the demo consultations are about
        consultations_demo.load()

    bring_to("consultations", build)  # once per run, then copied back (snapshots.py)
    return {
        "open": Consultation.objects.get(title=consultations_demo.OPEN_TITLE),
        "closed": Consultation.objects.get(title=consultations_demo.CLOSED_TITLE),
    }


def _answer(page):
    page.get_by_role("group", name="How old are you?").get_by_label("11 to 15").check()
    page.get_by_role("group", name=re.compile("Have you been to a youth club")).get_by_label("Yes", exact=True).check()
    page.get_by_role("group", name=re.compile("How safe do you feel")).get_by_role("radio").first.check()
    page.get_by_label(re.compile("one thing that would make youth services better")).fill("More football")
    page.get_by_label("I am happy to share my answers").check()
    page.get_by_role("button", name="Send my answers", exact=True).click()


def test_the_public_and_staff_consultation_pages_are_accessible(demo, consultations, new_page, live_server):
    from jointly.consultations.models import Response

    open_, closed = consultations["open"], consultations["closed"]
    page = new_page()
    visit(page, reverse("consultations:index"), heading="Have your say")
    expect(page.get_by_role("link", name=open_.title)).to_be_visible()
    visit(page, f"/consult/{open_.slug}/", heading=open_.title)
    submit_empty(page, "Send my answers", expected_error="Choose how old you are")
    before = Response.objects.filter(consultation=open_).count()
    _answer(page)
    expect(page).to_have_url(re.compile(rf"/consult/{re.escape(open_.slug)}/sent/$"))
    assert_accessible(page, "(answers sent)")
    assert Response.objects.filter(consultation=open_).count() == before + 1

    visit(page, f"/consult/{closed.slug}/you-said-we-did/")
    expect(page.get_by_role("main")).to_contain_text("400 free places")

    staff = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(staff, f"/consultations/{closed.slug}/results/")
    expect(staff.locator("figure").first).to_be_visible()
    expect(staff.locator("table").first).to_be_visible()
    visit(staff, f"/consultations/{open_.slug}/results/", state="(open consultation)")

    _check_the_drafting_pages(staff, demo["commissioner"], open_.trust)
    _check_the_pages_for_what_came_back(staff, demo["commissioner"], open_, closed)


def _check_the_drafting_pages(staff, commissioner, trust):
    """The list, starting a consultation, and a draft's pages up to opening it."""
    from jointly.consultations import services
    from jointly.consultations.models import Audience, Consultation, Question

    visit(staff, reverse("consultations:list"), heading="Consultations")
    expect(staff.get_by_role("link", name="Start a consultation")).to_be_visible()
    visit(staff, reverse("consultations:create"), heading="Start a consultation")
    submit_empty(staff, "Save", expected_error="Select who the consultation is for")

    today = timezone.localdate()
    draft = services.consultation_create(
        trust=trust,
        title="Play parks in Plymouth",
        by=commissioner,
        purpose="Tell us which parks you play in.",
        audiences=[Audience.CHILDREN_YOUNG_PEOPLE],
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
        report_due_on=today + datetime.timedelta(days=90),
        retention_until=today + datetime.timedelta(days=400),
    )
    question = services.question_add(
        consultation=draft,
        by=commissioner,
        kind=Question.Kind.SINGLE,
        text="Which park do you go to most?",
        choices=["Central Park", "Victoria Park"],
    )
    visit(staff, reverse("consultations:detail", args=[draft.slug]), heading=draft.title, state="(a draft)")
    expect(staff.get_by_role("main").locator(".govuk-tag")).to_have_text("Draft")
    visit(staff, reverse("consultations:edit", args=[draft.slug]), heading="Change the details")
    expect(staff.get_by_label("Title", exact=True)).to_have_value(draft.title)
    visit(staff, reverse("consultations:question-add", args=[draft.slug]), heading="Add a question")
    visit(staff, reverse("consultations:question-edit", args=[draft.slug, question.pk]), heading="Change the question")
    expect(staff.get_by_label("Question", exact=True)).to_have_value(question.text)
    _confirm(staff, draft, "open", "Open the consultation", Consultation.Status.OPEN)


def _confirm(staff, consultation, action: str, button: str, status) -> None:
    """Open a state change's confirmation page, check it, confirm, and check the consultation moved."""
    visit(staff, reverse(f"consultations:{action}", args=[consultation.slug]), heading=button)
    staff.get_by_role("button", name=button, exact=True).click()
    expect(staff).to_have_url(re.compile(rf"/consultations/{re.escape(consultation.slug)}/$"))
    consultation.refresh_from_db()
    assert consultation.status == status


def _check_the_pages_for_what_came_back(staff, commissioner, open_, closed):
    """Typing in a paper response, coding answers to themes, closing, and 'you said, we did'."""
    from jointly.consultations import services
    from jointly.consultations.models import Consultation, Question, YouSaidWeDid

    visit(staff, reverse("consultations:response-add", args=[open_.slug]), heading="Add a response from a workshop or paper form")
    ideas = closed.questions.get(kind=Question.Kind.TEXT)
    visit(staff, reverse("consultations:coding", args=[closed.slug, ideas.pk]), heading="Code answers to themes")
    expect(staff.get_by_role("checkbox", name="Cost").first).to_be_visible()

    # 'You said, we did' on the reported demo consultation: its published items, and one more added here.
    visit(staff, reverse("consultations:ysdw-manage", args=[closed.slug]), heading="You said, we did")
    staff.get_by_label("You said", exact=True).fill("There is nowhere to sit in the park.")
    staff.get_by_label("We did", exact=True).fill("We are putting in six benches this spring.")
    staff.get_by_role("button", name="Add item", exact=True).click()
    expect(staff.locator("table")).to_contain_text("six benches")
    added = YouSaidWeDid.objects.get(consultation=closed, published_on__isnull=True)
    visit(staff, reverse("consultations:ysdw-edit", args=[closed.slug, added.pk]), heading="Change the item")
    expect(staff.get_by_label("You said", exact=True)).to_have_value(added.you_said)

    # Closing the open consultation, then publishing what was done about it.
    _confirm(staff, open_, "close", "Close the consultation", Consultation.Status.CLOSED)
    services.you_said_we_did_add(
        consultation=open_, you_said="Youth clubs close too early.", we_did="Two clubs now stay open until 9pm.", by=commissioner
    )
    visit(staff, reverse("consultations:publish", args=[open_.slug]), heading="Publish 'you said, we did'")
    expect(staff.get_by_role("main")).to_contain_text("Youth clubs close too early.")
    staff.get_by_role("button", name="Publish 'you said, we did'", exact=True).click()
    expect(staff.locator(".govuk-notification-banner")).to_contain_text("'You said, we did' is published.")
    open_.refresh_from_db()
    assert open_.status == Consultation.Status.REPORTED


def test_a_person_without_an_account_answers_with_javascript_off(demo, consultations, new_page):
    from jointly.consultations.models import Response

    open_ = consultations["open"]
    page = new_page(java_script_enabled=False)
    visit(page, "/consult/")
    page.get_by_role("link", name=open_.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(open_.title)
    page.get_by_role("button", name="Send my answers", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose how old you are")
    before = Response.objects.filter(consultation=open_).count()
    _answer(page)
    expect(page).to_have_url(re.compile(r"/sent/$"))
    expect(page.locator(".govuk-panel")).to_be_visible()
    assert Response.objects.filter(consultation=open_).count() == before + 1
