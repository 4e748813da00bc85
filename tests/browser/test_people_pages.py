"""People's accounts: the administrator's pages and the password pages, checked with axe-core."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from .helpers import signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


def test_an_administrator_manages_people(demo, new_page, live_server):
    person = demo["analyst"]
    page = signed_in_page(new_page, live_server, demo["admin"])

    visit(page, reverse("accounts:person-create"), heading="Add a person")
    submit_empty(page, "Add and send invitation", expected_error="Enter their full name")
    visit(page, reverse("accounts:person-detail", args=[person.pk]), heading=person.full_name)
    visit(page, reverse("accounts:person-edit", args=[person.pk]))
    visit(page, reverse("accounts:person-deactivate", args=[person.pk]))
    submit_empty(page, "Deactivate account", expected_error="Enter why you are deactivating this account")
    page.get_by_role("textbox", name=re.compile(r"^Why")).fill("Left the council.")
    page.get_by_role("button", name="Deactivate account", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("deactivated")
    visit(page, reverse("accounts:person-reactivate", args=[person.pk]), state="(account deactivated)")


def test_someone_who_forgot_their_password_sets_a_new_one(demo, page, live_server):
    person = demo["analyst"]
    visit(page, reverse("accounts:password-forgotten"), heading="Forgotten your password")
    submit_empty(page, "Send the link", expected_error="Enter")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_role("button", name="Send the link", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    link = reverse("accounts:set-password", args=[urlsafe_base64_encode(force_bytes(person.pk)), default_token_generator.make_token(person)])
    visit(page, link, heading="Choose your password")
    submit_empty(page, "Set password", expected_error="Enter a password")
    visit(page, re.sub(r"/[^/]+/$", "/not-a-token/", link), status=404, heading="This link has stopped working")
