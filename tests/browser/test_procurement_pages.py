"""The opportunity pages, checked with axe-core at both widths: the public list and page, asking a question,
and every staff page of a draft and of an open opportunity, with the error summaries of publishing too early
and of empty forms.

Loads the partnerships, plans and procurement demos once (the route rules and thresholds come from data
migrations, put back here because the live-server tests empty the database between tests).
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .configuration import restore_seeded_configuration
from .helpers import signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def plymouth(demo):
    from jointly.partnerships.models import Trust
    from jointly.passport import demo as passport_demo
    from jointly.plans import demo as plans_demo
    from jointly.procurement import demo as procurement_demo

    restore_seeded_configuration()
    passport_demo.load()
    plans_demo.load()
    procurement_demo.load()
    return Trust.objects.get(slug="plymouth")


def test_the_opportunity_pages_are_accessible(demo, plymouth, new_page, live_server):
    from jointly.procurement.models import Clarification, Opportunity

    slug = plymouth.slug
    opened = Opportunity.objects.get(trust=plymouth, status=Opportunity.Status.OPEN)
    draft = Opportunity.objects.get(trust=plymouth, status=Opportunity.Status.DRAFT)

    # Anyone: the open opportunities, filtered, and one with its answered questions.
    public = new_page()
    visit(public, reverse("procurement:public-opportunities"), heading="Opportunities to bid")
    expect(public.locator("table").first).to_contain_text(opened.title)
    visit(public, reverse("procurement:public-opportunities") + f"?trust={slug}&suitable=vcse&when=closed")
    visit(public, reverse("procurement:public-opportunity", args=[slug, opened.pk]), heading=opened.title)
    expect(public.locator("#clarifications ~ .govuk-summary-card").first).to_contain_text("Can an organisation bid for one lot only?")
    expect(public.locator("main")).not_to_contain_text("Devonport")

    # A provider asks a question.
    provider = signed_in_page(new_page, live_server, demo["provider"])
    visit(provider, reverse("procurement:ask", args=[slug, opened.pk]))
    submit_empty(provider, "Send the question", expected_error="Enter your question")

    # Staff: the list, a draft's pages, and the open opportunity's.
    page = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(page, reverse("procurement:opportunities", args=[slug]), heading="Opportunities")
    visit(page, reverse("procurement:local-policy", args=[slug]))
    submit_empty(page, "Save", expected_error="Enter why the trust's policy is changing")
    visit(page, reverse("procurement:opportunity-create", args=[slug]) + f"?intention={draft.intention_id}")
    submit_empty(page, "Save the draft", expected_error="Select a route")
    visit(page, reverse("procurement:opportunity-manage", args=[slug, draft.pk]), heading=draft.title)
    expect(page.locator("#gates ~ ul").first).to_contain_text("To do")
    visit(page, reverse("procurement:opportunity-edit", args=[slug, draft.pk]))
    visit(page, reverse("procurement:scale-edit", args=[slug, draft.pk]))
    submit_empty(page, "Save", expected_error="Say what a score of 0 means")
    visit(page, reverse("procurement:conflicts", args=[slug, draft.pk]))
    submit_empty(page, "Save", expected_error="Enter who declared what")
    visit(page, reverse("procurement:social-value", args=[slug, draft.pk]))
    visit(page, reverse("procurement:policy", args=[slug, draft.pk]))
    for part, error in (
        ("outcomes", "Enter the outcome to achieve"),
        ("lots", "Enter a title for the lot"),
        ("criteria", "Enter the criterion"),
        ("questions", "Enter the question"),
    ):
        visit(page, reverse("procurement:part-add", args=[slug, draft.pk, part]))
        if part in ("outcomes", "criteria"):
            submit_empty(page, "Save", expected_error=error)
    visit(page, reverse("procurement:opportunity-publish", args=[slug, draft.pk]))
    submit_empty(page, "Publish", expected_error="Record the conflicts assessment")

    visit(page, reverse("procurement:opportunity-manage", args=[slug, opened.pk]), heading=opened.title)
    visit(page, reverse("procurement:opportunity-extend", args=[slug, opened.pk]))
    submit_empty(page, "Extend", expected_error="Enter the new closing date")
    visit(page, reverse("procurement:opportunity-cancel", args=[slug, opened.pk]))
    waiting = Clarification.objects.get(opportunity=opened, status=Clarification.Status.ASKED)
    visit(page, reverse("procurement:clarification-answer", args=[slug, opened.pk, waiting.pk]))
    page.get_by_label("Answer", exact=True).fill("Yes, as part of the full cost.")
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.locator("#clarifications")).to_be_visible()
    assert Clarification.objects.get(pk=waiting.pk).status == Clarification.Status.ANSWERED
