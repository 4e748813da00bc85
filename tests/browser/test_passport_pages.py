"""Supplier passport and bidders' pages, checked with axe-core and the fit check at both widths: a provider
keeps its passport (the error states too), a checker scores a policy, a bidder sees its opportunities and
bids and rates a process, the trust lists the ratings. One set of data for the module's two tests."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from .helpers import _record_checked, check_at_widths, signed_in_page, submit_empty, visit
from .snapshots import bring_to

pytestmark = pytest.mark.browser
DONE_TITLE = "Short breaks for disabled children"


@pytest.fixture
def passports(demo):
    from jointly.partnerships.models import Organisation, Trust
    from jointly.passport import demo as passport_demo
    from jointly.procurement.models import Bid, Opportunity
    from tests.procurement.factories import BidFactory, IntentionFactory, OpportunityFactory

    def build():
        passport_demo.load()
        trust = Trust.objects.get(slug="plymouth")
        complete = Organisation.objects.get(slug=passport_demo.COMPLETE)
        # An open opportunity and a closed one the complete organisation bid for (the opportunities' services
        # are another part's: here only the states the bidders' view reads).
        open_one = OpportunityFactory(trust=trust, intention=IntentionFactory(trust=trust), title="Young carers' support")
        done = OpportunityFactory(trust=trust, intention=IntentionFactory(trust=trust), title=DONE_TITLE)
        Opportunity.objects.filter(pk=open_one.pk).update(status=Opportunity.Status.OPEN, closes_at=timezone.now() + datetime.timedelta(days=40))
        Opportunity.objects.filter(pk=done.pk).update(status=Opportunity.Status.EVALUATION, closes_at=timezone.now() - datetime.timedelta(days=3))
        BidFactory(opportunity=done, organisation=complete, status=Bid.Status.SUBMITTED, submitted_at=timezone.now() - datetime.timedelta(days=4))

    bring_to("passports", build)  # once per run, then copied back (snapshots.py)
    trust = Trust.objects.get(slug="plymouth")
    complete = Organisation.objects.get(slug=passport_demo.COMPLETE)
    expiring = Organisation.objects.get(slug=passport_demo.EXPIRING)
    done = Opportunity.objects.get(trust=trust, title=DONE_TITLE)
    return {"trust": trust, "complete": complete, "expiring": expiring, "done": done}


def test_a_provider_keeps_its_passport_and_bids(passports, demo, new_page, live_server):
    complete, done = passports["complete"], passports["done"]
    page = signed_in_page(new_page, live_server, demo["provider"])
    visit(page, reverse("passport:home"), heading="Supplier passport")
    visit(page, reverse("passport:core", args=[complete.slug]), heading="Core information")
    page.get_by_label("Registered address").fill("")
    submit_empty(page, "Save and confirm", expected_error="Enter your registered address")
    visit(page, reverse("passport:item", args=[complete.slug, "policy:equality"]), heading="Equality, diversity and inclusion policy")
    page.locator("#id_adopted_on_0").fill("")
    submit_empty(page, "Save", expected_error="The date adopted must include a day")
    visit(page, reverse("passport:item", args=[complete.slug, "insurance:professional_indemnity"]), heading="Professional indemnity insurance")
    visit(page, reverse("passport:item", args=[complete.slug, "accounts"]), heading="Latest accounts")

    # The document is a download, not a page: its answer is checked here instead of axe.
    address = reverse("passport:document", args=[complete.slug, "policy:safeguarding"])
    response = page.request.get(live_server.url + address)
    assert response.status == 200 and response.headers["content-disposition"].startswith("attachment")
    _record_checked(live_server.url + address)

    visit(page, reverse("bidders:home"), heading="Opportunities and bids")
    visit(page, reverse("bidders:organisation", args=[complete.slug]) + "?all=1", heading="Opportunities and bids")
    page.get_by_role("link", name=f"Rate the process of {done.title}").click()
    check_at_widths(page, "(rating form)")
    submit_empty(page, "Send the rating", expected_error="Select a rating from 1 (very poor) to 5 (very good)")
    page.get_by_label("4: good").check()
    page.get_by_label("What would have made it better? (optional)").fill("More time to form a consortium.")
    page.get_by_role("button", name="Send the rating").click()
    check_at_widths(page, "(rated)")
    assert "You rated it 4 out of 5" in page.content()

    # Without JavaScript: the other organisation brings its expiring core information up to date.
    expiring = passports["expiring"]
    plain = signed_in_page(new_page, live_server, demo["provider2"], java_script_enabled=False)
    visit(plain, reverse("passport:core", args=[expiring.slug]), heading="Core information")
    plain.get_by_label("Paid staff (full-time equivalent)").fill("7")
    plain.get_by_role("button", name="Save and confirm").click()
    assert "Your core information is saved and confirmed." in plain.content()
    expiring.passport.refresh_from_db()
    assert expiring.passport.staff == 7 and expiring.passport.valid_until > timezone.localdate() + datetime.timedelta(days=700)


def test_a_checker_reads_and_scores_passports_and_the_trust_reads_ratings(passports, demo, new_page, live_server):
    from jointly.procurement.models import ProcessRating

    expiring, trust = passports["expiring"], passports["trust"]
    ProcessRating.objects.create(opportunity=passports["done"], organisation=passports["complete"], rating=2, comment="The deadline was too short.")
    page = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(page, reverse("passport:home"), heading="Supplier passports", state="(a checker's list)")
    visit(page, reverse("passport:detail", args=[expiring.slug]), heading="Supplier passport")
    visit(page, reverse("passport:check", args=[expiring.slug, "policy:safeguarding"]), heading="Score the safeguarding policy")
    submit_empty(page, "Save the score", expected_error="Select how the policy is scored")
    page.get_by_label("Score from 0 to 4").check()
    page.get_by_label("3: good").check()
    page.get_by_label("Reason for the score").fill("A named lead and yearly training.")
    page.get_by_role("button", name="Save the score").click()
    check_at_widths(page, "(scored)")
    visit(page, reverse("passport:check", args=[expiring.slug, "policy:safeguarding"]), state="(already scored)")
    visit(page, reverse("bidders:trust-ratings", args=[trust.slug]), heading="Bidders' ratings of the process")
