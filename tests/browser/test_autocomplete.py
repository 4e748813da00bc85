"""The organisation drop-down's autocomplete: it filters as you type, and the plain select still works without JavaScript.

Tried on "Add a budget", whose "Partner" is a drop-down of the trust's partner organisations.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .helpers import assert_accessible, signed_in_page, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def plymouth(demo):
    from jointly.partnerships.models import Trust

    return Trust.objects.get(slug="plymouth")


def _partners(trust):
    from jointly.resources.selectors import partner_organisations

    partners = list(partner_organisations(trust=trust))
    assert len(partners) >= 3, "the demo gives Plymouth several partners to choose from"
    return partners


def _fill_the_rest(page, year):
    page.get_by_label("Financial year", exact=True).fill(year)
    page.get_by_label("Amount, in pounds", exact=True).fill("125000")
    page.get_by_role("button", name="Save", exact=True).click()


def test_typing_filters_the_partners_and_picks_one(demo, plymouth, new_page, live_server):
    from jointly.resources.models import Budget

    chosen, *others = _partners(plymouth)
    page = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(page, reverse("resources:budget-add", args=[plymouth.slug]), heading="Add a budget")

    box = page.get_by_role("combobox", name="Partner")
    expect(box).to_be_visible()
    # The select is still in the form (it is what is sent), hidden behind the box.
    expect(page.locator("select[name=organisation]")).to_be_hidden()

    box.fill(chosen.name[:6])
    options = page.get_by_role("option")
    expect(options.filter(has_text=chosen.name)).to_have_count(1)
    shown = options.all_inner_texts()
    assert all(chosen.name[:6].lower() in text.lower() for text in shown), shown
    assert len(shown) < len(others) + 1, "typing narrows the list"
    assert_accessible(page, "(autocomplete open)")

    options.filter(has_text=chosen.name).click()
    expect(box).to_have_value(chosen.name)
    expect(page.locator("select[name=organisation]")).to_have_value(str(chosen.pk))
    assert_accessible(page, "(partner chosen)")

    _fill_the_rest(page, "2026-27")
    expect(page).to_have_url(re.compile(reverse("resources:budgets", args=[plymouth.slug]) + "$"))
    assert Budget.objects.filter(trust=plymouth, organisation=chosen, year="2026-27").exists()


def test_text_that_names_no_partner_is_refused_not_sent_as_the_last_choice(demo, plymouth, new_page, live_server):
    from jointly.resources.models import Budget

    chosen, *_ = _partners(plymouth)
    page = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(page, reverse("resources:budget-add", args=[plymouth.slug]), heading="Add a budget")
    box = page.get_by_role("combobox", name="Partner")
    box.fill(chosen.name)
    page.get_by_role("option", name=chosen.name).click()
    # Then the person changes their mind and types something that is not a partner.
    box.fill("No such partner")
    page.keyboard.press("Escape")

    _fill_the_rest(page, "2026-27")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the partner whose budget this is")
    assert not Budget.objects.filter(trust=plymouth).exists()
    # The page with the error still has the autocomplete, described by the error as the select was, and it passes axe.
    box = page.get_by_role("combobox", name="Partner")
    expect(box).to_be_visible()
    expect(box).to_have_accessible_description(re.compile("Select the partner whose budget this is"))
    box.fill(chosen.name[:3])
    expect(box).to_have_accessible_description(re.compile("Select the partner whose budget this is"))
    assert_accessible(page, "(refused)")


def test_without_javascript_the_plain_select_is_sent(demo, plymouth, new_page, live_server):
    from jointly.resources.models import Budget

    *_, chosen = _partners(plymouth)
    page = signed_in_page(new_page, live_server, demo["commissioner"], java_script_enabled=False)
    visit(page, reverse("resources:budget-add", args=[plymouth.slug]), heading="Add a budget")
    expect(page.get_by_role("combobox", name="Partner")).to_have_count(1)
    select = page.get_by_label("Partner", exact=True)
    assert select.evaluate("el => el.tagName") == "SELECT"
    select.select_option(label=chosen.name)

    _fill_the_rest(page, "2027-28")
    expect(page).to_have_url(re.compile(reverse("resources:budgets", args=[plymouth.slug]) + "$"))
    assert Budget.objects.filter(trust=plymouth, organisation=chosen, year="2027-28").exists()
