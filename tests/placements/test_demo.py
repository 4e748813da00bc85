"""The placements demo on the partnerships demo: the Peninsula framework shared by four trusts, one request
with three offers compared and one chosen (a signed spot contract), a budget with spend, loaded once."""

from decimal import Decimal

import pytest

from jointly.contracts.models import Contract, PaymentBasis
from jointly.placements import demo, selectors
from jointly.placements.models import Framework, IndividualBudget, Offer, PlacementRequest
from jointly.placements.services.budgets import budget_figures

pytestmark = pytest.mark.django_db


def test_the_demo_shows_the_whole_thread_and_loads_once():
    from jointly.accounts.models import User
    from jointly.partnerships import demo as partnerships_demo

    partnerships_demo.load()
    demo.load()
    demo.load()

    framework = Framework.objects.get()
    assert sorted(framework.users.values_list("trust__slug", flat=True)) == ["cornwall", "devon", "plymouth", "torbay"]
    assert framework.providers.filter(left_on__isnull=False).count() == 1
    placed = PlacementRequest.objects.get(status=PlacementRequest.Status.PLACED)
    assert placed.offers.count() == 3 and placed.offers.filter(status=Offer.Status.CHOSEN).count() == 1
    assert placed.contract.status == Contract.Status.ACTIVE and placed.contract.payment_basis == PaymentBasis.PER_PLACEMENT
    assert placed.child_details.assessment.trust == placed.trust
    figures = budget_figures(IndividualBudget.objects.get())
    assert figures["spent"] == Decimal("4360.00") and figures["remaining"] == Decimal("3970.00")

    priya = User.objects.get(email__startswith="provider@")
    assert [request.status for request in selectors.requests_sent_to(priya.organisation_id)] == [PlacementRequest.Status.SENT]
    tom = User.objects.get(email__startswith="analyst@")
    assert list(selectors.budgets_held_by(tom)) == [IndividualBudget.objects.get()]
