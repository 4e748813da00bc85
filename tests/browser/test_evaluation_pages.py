"""Evaluation and award pages, checked with axe-core and at both widths, on one evaluation made
with factories: the panel, declarations, scoring, moderation, service users' part, the summary
with its arithmetic, the award decision and the assessment summaries (staff's and the bidder's)."""

import pytest
from django.urls import reverse

from .helpers import signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


def test_the_evaluation_and_award_pages(transactional_db, new_page, live_server):
    from jointly.accounts.models import Role
    from jointly.procurement.models import AssessmentSummary
    from jointly.procurement.services import award as award_services
    from tests.factories import TrustFactory
    from tests.procurement.evaluation_helpers import appoint, decided, declare_none, moderate_all, opportunity_in_evaluation, person, score_all

    trust = TrustFactory(name="Plymouth")
    commissioner = person(Role.COMMISSIONER, trust, full_name="Amina Commissioner")
    officer = person(Role.EVALUATOR, trust, full_name="Olu Officer")
    young = person(Role.PARTICIPANT, trust, full_name="Yasmin Young")
    board = person(Role.BOARD_MEMBER, trust, full_name="Bea Board")
    evaluation = opportunity_in_evaluation(trust)
    moderator, newcomer = appoint(evaluation, commissioner, [(officer, "officer"), (young, "service_user")])
    declare_none(moderator, evaluation)
    pk = evaluation.opportunity.pk

    def url(name, *more):
        return reverse(f"evaluation:{name}", args=[pk, *more])

    staff = signed_in_page(new_page, live_server, commissioner)
    visit(staff, url("panel"), heading="Evaluation panel")
    submit_empty(staff, "Appoint", expected_error="Select")

    page = signed_in_page(new_page, live_server, young)
    visit(page, url("declarations"), heading="Declare your interests")
    submit_empty(page, "Record my declarations", expected_error="Say whether you have a conflict of interest with Bidder 1")

    page = signed_in_page(new_page, live_server, officer)
    visit(page, url("scoring"), heading="Your scoring")
    visit(page, url("score-bid", evaluation.bids[0].pk), heading="Score: Bidder 1")
    submit_empty(page, "Save my scores", expected_error="Enter a score for Quality of the service model")
    visit(page, url("declarations"), heading="Your declarations")
    visit(page, url("declare-conflict", evaluation.bids[0].pk), heading="Declare a conflict with Bidder 1")
    submit_empty(page, "Declare the conflict", expected_error="Say what your conflict of interest with Bidder 1 is")

    declare_none(newcomer, evaluation)
    for member in (moderator, newcomer):
        score_all(member, evaluation)
    visit(page, url("moderation"), heading="Moderation")
    visit(page, url("moderate-bid", evaluation.bids[0].pk), heading="Moderate: Bidder 1")
    moderate_all(moderator, evaluation)

    visit(staff, url("summary"), heading=f"Evaluation: {evaluation.opportunity.title}")
    visit(staff, url("activity-add"), heading="Record a visit, presentation or vote")
    submit_empty(staff, "Save", expected_error="Select")

    page = signed_in_page(new_page, live_server, board)
    visit(page, url("award-decide"), heading="Record the award decision")
    submit_empty(page, "Record the decision", expected_error="Select the winning bid")

    decision = decided(evaluation, board, winner=evaluation.bids[2])
    award_services.assessment_summaries_send(decision=decision, by=commissioner)
    visit(staff, url("award"), heading="Award")

    bidder = signed_in_page(new_page, live_server, evaluation.bidders[0])
    visit(bidder, reverse("evaluation:my-summaries"), heading="Your assessment summaries")
    summary = AssessmentSummary.objects.get(bid=evaluation.bids[0])
    visit(bidder, reverse("evaluation:assessment-summary", args=[summary.pk]), heading="Assessment summary: Bidder 1")
