"""The placements demo on the partnerships demo, in both regions: the Peninsula framework shared by four trusts,
one request with three offers compared and one chosen (a signed spot contract), a budget with spend; Essex's
dynamic list with its own providers, a request placed after comparing offers and one open for offers; loaded once."""

from decimal import Decimal

import pytest

from jointly.contracts.models import Contract, PaymentBasis
from jointly.placements import demo, selectors
from jointly.placements.models import Framework, IndividualBudget, Offer, PlacementRequest
from jointly.placements.services.budgets import budget_figures
from tests.conftest import kept_for_the_module

pytestmark = pytest.mark.django_db


def _counts():
    return (Framework.objects.count(), PlacementRequest.objects.count(), Offer.objects.count(), Contract.objects.count())


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, then again: what the second load added (it should add nothing)."""
    from jointly.partnerships import demo as partnerships_demo

    with kept_for_the_module(django_db_blocker):
        partnerships_demo.load()
        demo.load()
        first = _counts()
        demo.load()
        yield {"first": first, "second": _counts()}


def test_the_demo_shows_the_whole_thread_and_loads_once(loaded):
    from jointly.accounts.models import User

    assert loaded["second"] == loaded["first"]
    framework = Framework.objects.get(trust__slug="plymouth")
    assert sorted(framework.users.values_list("trust__slug", flat=True)) == ["cornwall", "devon", "plymouth", "torbay"]
    assert framework.providers.filter(left_on__isnull=False).count() == 1
    placed = PlacementRequest.objects.get(trust__slug="plymouth", status=PlacementRequest.Status.PLACED)
    assert placed.offers.count() == 3 and placed.offers.filter(status=Offer.Status.CHOSEN).count() == 1
    assert placed.contract.status == Contract.Status.ACTIVE and placed.contract.payment_basis == PaymentBasis.PER_PLACEMENT
    assert placed.child_details.assessment.trust == placed.trust
    figures = budget_figures(IndividualBudget.objects.get())
    assert figures["spent"] == Decimal("4360.00") and figures["remaining"] == Decimal("3970.00")

    priya = User.objects.get(email__startswith="provider@")
    assert [request.status for request in selectors.requests_sent_to(priya.organisation_id)] == [PlacementRequest.Status.SENT]
    tom = User.objects.get(email__startswith="analyst@")
    assert list(selectors.budgets_held_by(tom)) == [IndividualBudget.objects.get()]


def test_essex_has_its_own_dynamic_list_a_placement_made_and_a_request_open_for_offers(loaded):
    dynamic = Framework.objects.get(trust__slug="essex")
    assert dynamic.kind == Framework.Kind.DYNAMIC_LIST
    assert sorted(dynamic.users.values_list("trust__slug", flat=True)) == ["essex", "southend-on-sea", "thurrock"]
    providers = list(dynamic.providers.values_list("organisation__name", flat=True))
    assert len(providers) == 4 and all(name.startswith("Essex ") for name in providers)

    placed = PlacementRequest.objects.get(trust__slug="essex", status=PlacementRequest.Status.PLACED)
    assert placed.offers.count() == 3 and list(placed.offers.filter(status=Offer.Status.NOT_CHOSEN).values_list("outcome_reason", flat=True))
    chosen = placed.offers.get(status=Offer.Status.CHOSEN)
    assert placed.contract.status == Contract.Status.ACTIVE and placed.contract.payment_basis == PaymentBasis.SPOT
    assert placed.contract.trust.slug == "essex" and placed.contract.supplier == chosen.organisation
    assert placed.contract.value == chosen.weekly_price * placed.duration_weeks
    waiting = PlacementRequest.objects.get(trust__slug="essex", status=PlacementRequest.Status.SENT)
    assert waiting.recipients.count() == 2 and waiting.offers.filter(status=Offer.Status.MADE).count() == 1
