"""Monitoring returns, checked with axe-core at both widths from one demo load: the provider's list, a draft
and a reviewed return, rating the commissioner, a consortium member's list naming its lead; the trust's lists, review, accept, send back, ratings and
standard returns. And, with JavaScript off, a draft saved, refused with each field's error, then submitted."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from .helpers import signed_in_page, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def returns(demo):
    from jointly.contracts import demo as contracts_demo
    from jointly.monitoring import demo as monitoring_demo
    from jointly.monitoring.models import MonitoringReturn, ReturnTemplate

    contracts_demo.load()
    monitoring_demo.load()
    carers = MonitoringReturn.objects.filter(organisation__name="Plymouth Young Carers Project")
    return {
        "draft": carers.get(status="draft"),
        "accepted": carers.get(status="accepted"),
        "submitted": MonitoringReturn.objects.get(status="submitted", organisation__name="Plymouth Family Mediation Trust"),
        "template": ReturnTemplate.objects.get(trust__slug="plymouth"),
    }


def test_the_monitoring_pages_are_accessible(returns, demo, new_page, live_server):
    draft, accepted, submitted = returns["draft"], returns["accepted"], returns["submitted"]
    provider = signed_in_page(new_page, live_server, demo["provider"])
    visit(provider, reverse("monitoring:my-returns"), heading="Your monitoring returns")
    visit(provider, reverse("monitoring:return", args=[draft.pk]), heading=f"Monitoring return: {draft.period_label}")
    visit(provider, reverse("monitoring:return", args=[accepted.pk]), heading=f"Monitoring return: {accepted.period_label}", state="(reviewed)")
    visit(provider, reverse("monitoring:rate", args=[accepted.pk, "plymouth"]), heading="Rate Plymouth Children's Trust as a commissioner")
    # A consortium member with no contract of its own to report on: its list names the lead who reports.
    member = signed_in_page(new_page, live_server, demo["provider2"])
    visit(member, reverse("monitoring:my-returns"), heading="Your monitoring returns", state="(a consortium member)")
    expect(member.get_by_text("Plymouth Family Mediation Trust reports on PLY-C0004")).to_be_visible()

    staff = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(staff, reverse("monitoring:trust-returns", args=["plymouth"]) + "?state=submitted", heading="Monitoring returns")
    visit(staff, reverse("monitoring:review", args=["plymouth", submitted.pk]), heading=f"{submitted.organisation}: {submitted.period_label}")
    visit(staff, reverse("monitoring:accept", args=["plymouth", submitted.pk]), heading=f"Accept {submitted.organisation}'s return")
    visit(staff, reverse("monitoring:send-back", args=["plymouth", submitted.pk]), heading=f"Send back {submitted.organisation}'s return")
    visit(staff, reverse("monitoring:ratings", args=["plymouth"]), heading="Providers' ratings of the trust")
    visit(staff, reverse("monitoring:templates", args=["plymouth"]), heading="Standard monitoring returns")
    visit(staff, reverse("monitoring:template-add", args=["plymouth"]), heading="New standard monitoring return")
    visit(staff, reverse("monitoring:template", args=["plymouth", returns["template"].pk]), heading=returns["template"].name)


def test_a_return_is_saved_as_a_draft_and_submitted_without_javascript(returns, demo, new_page, live_server):
    draft = returns["draft"]
    page = signed_in_page(new_page, live_server, demo["provider"], java_script_enabled=False)
    page.goto(reverse("monitoring:return", args=[draft.pk]))
    expect(page.locator("body")).not_to_have_class(re.compile(r"js-enabled"))

    page.get_by_label("Health checks offered").fill("97")
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Draft saved")
    assert draft.lines.get(measure__text="Health checks offered").entry == "97"

    page.get_by_label("Young carers reporting less worry at home").fill("most of them")
    page.get_by_role("button", name="Submit the return").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("must be a percentage")
    expect(summary).to_contain_text("Enter the date for \u201cTell us about one child")
    expect(page.get_by_text("Your answers are saved as a draft")).to_be_visible()
    assert draft.lines.get(measure__text="Young carers reporting less worry at home").entry == "most of them"

    page.get_by_label("Young carers reporting less worry at home").fill("72")
    today = timezone.localdate()
    dates = page.get_by_role("group", name="When it happened")
    dates.get_by_label("Day").fill(str(today.day))
    dates.get_by_label("Month").fill(str(today.month))
    dates.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Submit the return").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Return submitted")
    draft.refresh_from_db()
    assert draft.status == "submitted"
