"""services.reviews: each contract's part rated by its trust; accepted once every part is; sent back saying what to change."""

import pytest

from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.monitoring.models import MonitoringReturn, Rag
from jointly.monitoring.services import returns as services
from jointly.monitoring.services import reviews

from ..factories import TrustFactory
from .conftest import fill
from .factories import IN_FIRST_HALF, adopt, published_template, running_contract

pytestmark = pytest.mark.django_db


def test_a_part_is_rated_with_a_reason_unless_green(submitted, commissioner):
    first, second = submitted.parts.all()
    with pytest.raises(FieldErrors) as no_rag:
        reviews.part_review(part=first, by=commissioner, rag="")
    assert list(no_rag.value.errors) == [f"rag_{first.pk}"]
    with pytest.raises(FieldErrors) as no_reason:
        reviews.part_review(part=first, by=commissioner, rag=Rag.AMBER)
    assert list(no_reason.value.errors) == [f"comment_{first.pk}"]
    reviews.part_review(part=first, by=commissioner, rag=Rag.AMBER, comment="Behind on assessments")

    with pytest.raises(InvalidTransition) as unrated:
        reviews.return_accept(monitoring_return=submitted, by=commissioner)
    assert second.contract.reference in str(unrated.value)
    reviews.part_review(part=second, by=commissioner, rag=Rag.GREEN)
    accepted = reviews.return_accept(monitoring_return=submitted, by=commissioner)
    assert accepted.status == MonitoringReturn.Status.ACCEPTED and accepted.decided_by == commissioner


def test_a_draft_cannot_be_rated_or_accepted(draft, commissioner):
    with pytest.raises(InvalidTransition):
        reviews.part_review(part=draft.parts.first(), by=commissioner, rag=Rag.GREEN)
    with pytest.raises(InvalidTransition):
        reviews.return_accept(monitoring_return=draft, by=commissioner)


def test_sent_back_with_what_to_change_and_submitted_again(submitted, commissioner, provider_user):
    with pytest.raises(FieldErrors) as empty:
        reviews.return_send_back(monitoring_return=submitted, by=commissioner, changes=" ")
    assert list(empty.value.errors) == ["changes"]
    back = reviews.return_send_back(monitoring_return=submitted, by=commissioner, changes="Add the June figures for PLY-1")
    assert back.status == MonitoringReturn.Status.CHANGES_REQUESTED and back.changes_requested == "Add the June figures for PLY-1"

    again = services.return_submit(monitoring_return=back, by=provider_user)
    assert again.status == MonitoringReturn.Status.SUBMITTED and not again.late  # late is judged by the first submission


def test_a_regional_return_is_accepted_once_each_trust_rated_its_own(region, trust, provider_org, provider_user, commissioner):
    neighbour = TrustFactory(region=region)
    template = published_template(region=region)
    here, there = running_contract(trust, provider_org), running_contract(neighbour, provider_org)
    adopt(template, here.buyer, there.buyer)
    monitoring_return = fill(services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF))
    monitoring_return = services.return_submit(monitoring_return=monitoring_return, by=provider_user)

    reviews.part_review(part=monitoring_return.parts.get(contract=here), by=commissioner, rag=Rag.GREEN)
    with pytest.raises(InvalidTransition) as waiting:
        reviews.return_accept(monitoring_return=monitoring_return, by=commissioner)
    assert str(neighbour) in str(waiting.value)
