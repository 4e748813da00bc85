"""The Essex procurement demo: a procurement in every state, a conflicted evaluator, assessment summaries sent."""

import pytest

from jointly.partnerships import demo as partnerships_demo
from jointly.plans import demo as plans_demo
from jointly.procurement import demo_states
from jointly.procurement.models import AssessmentSummary, Declaration, Opportunity

pytestmark = pytest.mark.django_db


def test_essex_holds_a_procurement_in_every_state_the_plymouth_demo_does_not_once():
    partnerships_demo.load()
    plans_demo.load()
    demo_states.load()
    demo_states.load()

    states = dict(Opportunity.objects.filter(trust__slug="essex").values_list("title", "status"))
    assert sorted(states.values()) == ["cancelled", "draft", "evaluation", "open", "standstill"]
    in_evaluation = Opportunity.objects.get(trust__slug="essex", status="evaluation")
    assert Declaration.objects.filter(member__opportunity=in_evaluation, conflicted=True).count() == 1
    in_standstill = Opportunity.objects.get(trust__slug="essex", status="standstill")
    assert AssessmentSummary.objects.filter(decision__opportunity=in_standstill, sent_at__isnull=False).count() == 2
    assert in_standstill.award_decision.standstill_ends_on is not None
