"""services.offers: providers offer on requests sent to them; a choice with reasons makes a signed spot contract."""

import datetime
from decimal import Decimal

import pytest
from django.http import Http404

from jointly.accounts.models import Role
from jointly.contracts.models import Contract, PaymentBasis
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.placements import selectors
from jointly.placements.models import BudgetLine, Offer, PlacementRequest
from jointly.placements.services import offers

from ..conftest import _person
from ..factories import OrganisationFactory
from .conftest import make_budget, make_request, offer_from

pytestmark = pytest.mark.django_db


def test_a_recipient_offers_and_may_change_its_offer_while_open(sent, provider_user):
    offer = offer_from(sent, provider_user, "900")
    again = offer_from(sent, provider_user, "880")
    assert again.pk == offer.pk and Offer.objects.get().weekly_price == Decimal("880")


def test_an_offer_says_every_problem_and_only_recipients_offer(sent, provider_user, trust):
    with pytest.raises(FieldErrors) as refused:
        offers.offer_make(
            request=sent, organisation=provider_user.organisation, by=provider_user, weekly_price=Decimal("0"), starts_on=None, how_outcomes_met=""
        )
    assert set(refused.value.message_dict) == {"weekly_price", "starts_on", "how_outcomes_met"}
    outsider = _person(Role.PROVIDER_USER, trust, organisation=OrganisationFactory(name="Outsider Care"))
    with pytest.raises(FieldErrors, match="not sent to your organisation"):
        offer_from(sent, outsider)


def test_a_provider_sees_only_the_requests_sent_to_it(sent, trust, commissioner, framework, buyer, provider_user, other_provider_user):
    only_other = make_request(trust, commissioner, framework, buyer)
    from jointly.placements.services.requests import request_send

    request_send(request=only_other, by=commissioner, organisations=[other_provider_user.organisation])
    make_request(trust, commissioner, framework, buyer)  # a draft, sent to nobody

    assert list(selectors.requests_sent_to(provider_user.organisation_id)) == [sent]
    assert selectors.request_for_provider(provider_user, sent.pk) == sent
    with pytest.raises(Http404):
        selectors.request_for_provider(provider_user, only_other.pk)


def test_choosing_records_a_signed_spot_contract_and_tells_the_others(
    sent, commissioner, provider_user, other_provider_user, tasks_run_at_once, mailoutbox, django_capture_on_commit_callbacks
):
    chosen = offer_from(sent, provider_user, "900")
    other = offer_from(sent, other_provider_user, "950")
    with django_capture_on_commit_callbacks(execute=True):
        placed = offers.request_choose(
            request=sent, offer=chosen, by=commissioner, reasons="Closest to school.", others_reason="Another offer was closer to school."
        )

    assert placed.status == PlacementRequest.Status.PLACED and placed.choice_reasons == "Closest to school."
    contract = placed.contract
    assert contract.status == Contract.Status.ACTIVE and contract.origin == Contract.Origin.DIRECT_AWARD
    assert contract.direct_award_justification == "Call-off under framework Peninsula fostering framework"
    assert contract.payment_basis == PaymentBasis.PER_PLACEMENT and contract.supplier == provider_user.organisation
    assert contract.value == Decimal("9000.00") and contract.ends_on == sent.starts_on + datetime.timedelta(weeks=10, days=-1)
    assert contract.measures.get().text == sent.outcomes
    other.refresh_from_db()
    assert other.status == Offer.Status.NOT_CHOSEN and other.outcome_reason == "Another offer was closer to school."
    told = [message for message in mailoutbox if other_provider_user.email in message.to]
    assert told and "Another offer was closer to school." in told[0].body
    with pytest.raises(InvalidTransition):
        offer_from(sent, other_provider_user, "800")


def test_a_choice_needs_reasons_and_one_of_the_requests_offers(sent, commissioner, provider_user):
    with pytest.raises(FieldErrors) as refused:
        offers.request_choose(request=sent, offer=None, by=commissioner, reasons="", others_reason="")
    assert set(refused.value.message_dict) == {"offer", "reasons", "others_reason"}
    assert not Contract.objects.exists()


def test_a_choice_is_committed_against_the_budget_and_an_overspend_refused(
    trust, commissioner, framework, buyer, participant, provider_user, other_provider_user
):
    budget = make_budget(trust, commissioner, participant, amount="9500")
    placement = make_request(trust, commissioner, framework, buyer, budget=budget)
    from jointly.placements.services.requests import request_send

    placement = request_send(request=placement, by=commissioner)
    dear = offer_from(placement, other_provider_user, "990")  # £9,900 over ten weeks
    cheap = offer_from(placement, provider_user, "900")
    with pytest.raises(FieldErrors, match="overspend the budget by £400.00"):
        offers.request_choose(request=placement, offer=dear, by=commissioner, reasons="Best match.", others_reason="Another was chosen.")
    assert not Contract.objects.exists()

    offers.request_choose(request=placement, offer=cheap, by=commissioner, reasons="Within budget.", others_reason="Another was chosen.")
    line = budget.lines.get()
    assert (line.kind, line.amount, line.offer) == (BudgetLine.Kind.COMMITMENT, Decimal("9000.00"), cheap)


def test_a_provider_withdraws_its_offer_while_the_request_is_open(sent, provider_user):
    offer = offers.offer_withdraw(offer=offer_from(sent, provider_user), by=provider_user)
    assert offer.status == Offer.Status.WITHDRAWN
    with pytest.raises(InvalidTransition):
        offers.offer_withdraw(offer=offer, by=provider_user)


def test_only_the_offering_provider_withdraws_and_only_while_the_request_is_open(sent, provider_user, other_provider_user, commissioner):
    from django.core.exceptions import PermissionDenied

    from jointly.placements.services import requests

    offer = offer_from(sent, provider_user, "900")
    for someone in (other_provider_user, commissioner):
        with pytest.raises(PermissionDenied):
            offers.offer_withdraw(offer=offer, by=someone)
    assert offers.offer_withdraw(offer=offer, by=provider_user).status == Offer.Status.WITHDRAWN

    other = offer_from(sent, other_provider_user, "950")
    requests.request_cancel(request=sent, by=commissioner, reason="The child's plan changed.")
    with pytest.raises(InvalidTransition, match="no longer open for offers"):
        offers.offer_withdraw(offer=other, by=other_provider_user)
    assert Offer.objects.get(pk=other.pk).status == Offer.Status.MADE
