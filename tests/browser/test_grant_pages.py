"""Grants and notices pages, checked with axe-core at both widths: the open programme pages, a short
application (with its error state, and without JavaScript), the panel's declaration and scoring, the grant
officers' pages, the grant agreement, and the commissioner's transparency notices."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from .configuration import restore_seeded_configuration
from .helpers import check_at_widths, signed_in_page, submit_empty, visit
from .snapshots import bring_to

pytestmark = pytest.mark.browser


@pytest.fixture
def grants(demo):
    """The grants demo, plus a round the panel is deciding now (a young person not yet declared)."""
    from jointly.grants import demo as grants_demo
    from jointly.grants import services
    from jointly.grants.models import GrantApplication, GrantProgramme
    from jointly.partnerships.models import Trust

    def build():
        restore_seeded_configuration()  # the procurement thresholds a new intention is banded by
        grants_demo.load()
        trust = Trust.objects.get(slug="plymouth")
        spring, summer = GrantProgramme.objects.filter(trust=trust).order_by("opens_at")
        by = demo["commissioner"]
        now = timezone.now().replace(microsecond=0)
        opened = now - datetime.timedelta(days=10)
        deciding = services.programme_create(
            trust=trust,
            by=by,
            intention=spring.intention,
            title="Holiday activities grants",
            description="Activities in the school holidays.",
            eligibility="Local groups.",
            conditions="Spend it on the activities.",
            fund_size="10000",
            max_award="2000",
            opens_at=opened,
            closes_at=now - datetime.timedelta(days=1),
            funder_name="Plymouth City Council",
            funder_org_id="GB-LAE-PLY",
        )
        services.criterion_add(programme=deciding, by=by, title="Reaches children who miss out")
        question = services.question_add(programme=deciding, by=by, text="What will you run?", word_limit=100)
        services.programme_publish(programme=deciding, by=by, now=opened)
        applicant = demo["provider2"]
        application = services.application_start(
            programme=deciding,
            organisation=applicant.organisation,
            by=applicant,
            now=opened,
            project_title="Holiday football",
            summary="Football and lunch.",
            amount_requested="1500",
            **{f"answer_{question.pk}": "Football every morning."},
        )
        services.application_submit(application=application, by=applicant, now=opened)
        deciding = services.programme_close(programme=deciding, now=now)
        services.panel_add(programme=deciding, person=demo["participant"], by=by)

    bring_to("grants", build)  # once per run, then copied back (snapshots.py)
    trust = Trust.objects.get(slug="plymouth")
    deciding = GrantProgramme.objects.get(trust=trust, title="Holiday activities grants")
    spring, summer = GrantProgramme.objects.filter(trust=trust).exclude(pk=deciding.pk).order_by("opens_at")
    application = GrantApplication.objects.get(programme=deciding, organisation=demo["provider2"].organisation)
    awarded = GrantApplication.objects.filter(programme=spring, organisation=demo["provider"].organisation, status="awarded").get()
    return {"trust": trust, "spring": spring, "summer": summer, "deciding": deciding, "sent": application, "awarded": awarded}


def test_applying_and_the_panel_pages_are_accessible(grants, demo, new_page, live_server):
    spring, summer, deciding = grants["spring"], grants["summer"], grants["deciding"]
    page = new_page()
    visit(page, reverse("grants:programmes"), heading="Grants")
    visit(page, reverse("grants:programme", args=[summer.pk]), heading=summer.title)

    provider = signed_in_page(new_page, live_server, demo["provider"])
    visit(provider, reverse("grants:apply", args=[summer.pk]), heading=f"Apply: {summer.title}")
    submit_empty(provider, "Save as a draft", expected_error="Enter the name of your project")
    provider.get_by_label("Name of your project").fill("Young carers' autumn club")
    provider.get_by_role("button", name="Save as a draft").click()
    check_at_widths(provider, "(draft saved)")
    visit(provider, reverse("grants:my-applications"), heading="Your grant applications")
    from jointly.grants.models import GrantApplication

    draft = GrantApplication.objects.get(programme=summer, organisation=demo["provider"].organisation)
    visit(provider, reverse("grants:application-submit", args=[draft.pk]))
    visit(provider, reverse("grants:application", args=[grants["awarded"].pk]), heading=grants["awarded"].project_title)
    visit(provider, reverse("grants:agreement", args=[grants["awarded"].pk]), heading="Grant agreement")

    member = signed_in_page(new_page, live_server, demo["participant"])
    visit(member, reverse("grants:panel", args=[deciding.pk]), heading=f"Panel: {deciding.title}")
    visit(member, reverse("grants:panel-declare", args=[deciding.pk]), heading="Declare any conflicts of interest")
    submit_empty(member, "Record my declarations", expected_error="Say whether you have a conflict of interest")
    member.get_by_role("radio", name="No").check()
    member.get_by_role("button", name="Record my declarations").click()
    check_at_widths(member, "(declared)")
    visit(member, reverse("grants:panel-score", args=[grants["sent"].pk]), heading="Holiday football")
    visit(member, reverse("grants:panel", args=[spring.pk]))


def test_a_small_grant_application_works_without_javascript(grants, demo, new_page, live_server):
    page = signed_in_page(new_page, live_server, demo["provider"], java_script_enabled=False)
    visit(page, reverse("grants:apply", args=[grants["summer"].pk]))
    page.get_by_label("Name of your project").fill("Young carers' winter club")
    page.get_by_label("What the money is for").fill("Sessions young carers plan.")
    page.get_by_label("How much you are asking for, in pounds").fill("2000")
    for box in page.locator("textarea[name^=answer_]").all():
        box.fill("Young carers chose it.")
    page.get_by_role("button", name="Save as a draft").click()
    page.get_by_role("link", name="Send the application").click()
    page.get_by_role("button", name="Send the application").click()
    assert page.locator("main .govuk-tag").first.text_content().strip() == "Sent"


def test_the_grant_officers_and_notices_pages_are_accessible(grants, demo, new_page, live_server):
    from jointly.procurement import notices
    from tests.procurement.factories import LotFactory, OpportunityFactory

    trust, spring, deciding = grants["trust"], grants["spring"], grants["deciding"]
    slug = trust.slug
    page = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(page, reverse("grants:manage", args=[slug]), heading="Grant programmes")
    visit(page, reverse("grants:programme-add", args=[slug]), heading="Add a grant programme")
    submit_empty(page, "Save", expected_error="Select the commissioning intention")
    visit(page, reverse("grants:programme-manage", args=[slug, spring.pk]), heading=spring.title)
    visit(page, reverse("grants:criterion-add", args=[slug, deciding.pk]), heading="Add a criterion")
    visit(page, reverse("grants:question-add", args=[slug, deciding.pk]), heading="Add a question")
    visit(page, reverse("grants:programme-publish", args=[slug, deciding.pk]))
    visit(page, reverse("grants:panel-add", args=[slug, deciding.pk]), heading="Add someone to the panel")
    visit(page, reverse("grants:decide", args=[slug, grants["sent"].pk]), heading="Holiday football")
    submit_empty(page, "Record the decision", expected_error="Select whether to award a grant")

    opportunity = OpportunityFactory(trust=trust, title="Young carers support")
    LotFactory(opportunity=opportunity, number=1, title="North", suitable_for_vcse=True)
    [uk4] = notices.notices_draft(opportunity=opportunity, by=demo["commissioner"])
    visit(page, reverse("notices:list", args=[slug]), heading="Transparency notices")
    visit(page, reverse("notices:opportunity", args=[slug, opportunity.pk]), heading=f"Notices: {opportunity.title}")
    visit(page, reverse("notices:detail", args=[slug, uk4.pk]), heading=uk4.get_kind_display())
    submit_empty(page, "Mark as published", expected_error="Enter the date the notice was published")
