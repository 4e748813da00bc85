"""The procurement demo in Essex and Devon: every state in each region, a conflicted evaluator, assessment summaries sent."""

import pytest

from jointly.partnerships import demo as partnerships_demo
from jointly.plans import demo as plans_demo
from jointly.procurement import demo_states
from jointly.procurement.models import AssessmentSummary, Declaration, Opportunity

pytestmark = pytest.mark.django_db


def test_each_region_holds_procurements_in_every_state_once():
    partnerships_demo.load()
    plans_demo.load()
    demo_states.load()
    demo_states.load()

    states = dict(Opportunity.objects.filter(trust__slug="essex").values_list("title", "status"))
    assert sorted(states.values()) == ["awarded", "cancelled", "draft", "evaluation", "open", "standstill"]
    # Peninsula: Devon's beside Plymouth's open, draft (procurement demo) and awarded (contracts demo) tenders.
    assert sorted(Opportunity.objects.filter(trust__slug="devon").values_list("status", flat=True)) == ["cancelled", "evaluation", "standstill"]
    in_evaluation = Opportunity.objects.get(trust__slug="essex", status="evaluation")
    assert Declaration.objects.filter(member__opportunity=in_evaluation, conflicted=True).count() == 1
    in_standstill = Opportunity.objects.get(trust__slug="essex", status="standstill")
    assert AssessmentSummary.objects.filter(decision__opportunity=in_standstill, sent_at__isnull=False).count() == 2
    assert in_standstill.award_decision.standstill_ends_on is not None
