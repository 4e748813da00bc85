"""The procurement demo: in Plymouth, one open opportunity with answered questions and one draft short of its gates (Essex: test_demo_states); twice adds nothing."""

import pytest

from jointly.partnerships import demo as partnerships_demo
from jointly.passport import demo as passport_demo
from jointly.plans import demo as plans_demo
from jointly.procurement import demo
from jointly.procurement.models import Clarification, Opportunity
from jointly.procurement.services.opportunities import publish_problems


@pytest.mark.django_db
def test_demo_opens_one_opportunity_and_drafts_another_once():
    partnerships_demo.load()
    passport_demo.load()  # the demo's lead bidder's passport, which the tender asks for
    plans_demo.load()
    demo.load()
    demo.load()
    opportunities = {o.status: o for o in Opportunity.objects.filter(trust__slug="plymouth")}
    assert Opportunity.objects.filter(trust__slug="plymouth").count() == 2 and set(opportunities) == {
        Opportunity.Status.OPEN,
        Opportunity.Status.DRAFT,
    }
    opened = opportunities[Opportunity.Status.OPEN]
    assert opened.intention.title == "Early help and family support"
    assert sum(opened.criteria.values_list("weight", flat=True)) == 100
    assert opened.clarifications.filter(status=Clarification.Status.ANSWERED).count() == 2
    assert opened.clarifications.filter(status=Clarification.Status.ASKED).count() == 1
    assert "conflicts" in publish_problems(opportunities[Opportunity.Status.DRAFT])
