"""Appointing the evaluation panel: officers, VCS representatives and young people or parents."""

import pytest

from jointly.accounts.models import Assignment, Role
from jointly.accounts.permissions import Perm, decide
from jointly.core.errors import FieldErrors
from jointly.procurement.models import PanelMember
from jointly.procurement.services import evaluation as services

from ..factories import OrganisationFactory
from .evaluation_helpers import appoint, opportunity_in_evaluation, person

pytestmark = pytest.mark.django_db


def test_a_panel_of_an_officer_a_vcs_representative_and_a_young_person(trust, commissioner, evaluator, participant):
    evaluation = opportunity_in_evaluation(trust)
    vcs = person(Role.PROVIDER_USER, trust, organisation=OrganisationFactory(name="Not bidding"))
    members = appoint(
        evaluation,
        commissioner,
        [(evaluator, PanelMember.Capacity.OFFICER), (vcs, PanelMember.Capacity.VCS), (participant, PanelMember.Capacity.SERVICE_USER)],
    )
    assert [m.is_moderator for m in members] == [True, False, False]
    # Each place is an Assignment PANEL_MEMBER on the opportunity: it grants taking part there and on its bids.
    assert Assignment.objects.filter(kind=Assignment.Kind.PANEL_MEMBER, ended_at__isnull=True).count() == 3
    assert decide(participant, Perm.EVALUATION_TAKE_PART, evaluation.bids[0]).allowed
    assert not decide(commissioner, Perm.EVALUATION_TAKE_PART, evaluation.bids[0]).allowed


def test_the_wrong_people_are_refused_with_every_reason(trust, other_commissioner, commissioner, participant):
    evaluation = opportunity_in_evaluation(trust)
    with pytest.raises(FieldErrors) as error:
        services.panel_appoint(opportunity=evaluation.opportunity, person=other_commissioner, capacity="officer", by=commissioner)
    assert error.value.errors == {"capacity": "An officer must be an officer or board member of this trust"}
    with pytest.raises(FieldErrors) as error:
        services.panel_appoint(opportunity=evaluation.opportunity, person=commissioner, capacity="service_user", by=commissioner)
    assert "participant" in error.value.errors["capacity"]
    with pytest.raises(FieldErrors) as error:
        services.panel_appoint(opportunity=evaluation.opportunity, person=participant, capacity="", by=commissioner)
    assert error.value.errors == {"capacity": "Select the capacity they sit in"}


def test_a_bidders_own_people_cannot_sit_on_the_panel(trust, commissioner):
    evaluation = opportunity_in_evaluation(trust)
    with pytest.raises(FieldErrors) as error:
        services.panel_appoint(opportunity=evaluation.opportunity, person=evaluation.bidders[0], capacity="vcs", by=commissioner)
    assert error.value.errors == {"person": "This person's organisation has bid, so they cannot sit on the panel"}


def test_naming_a_new_moderator_replaces_the_old_and_leaving_ends_the_place(trust, commissioner, evaluator, analyst):
    evaluation = opportunity_in_evaluation(trust)
    first, second = appoint(evaluation, commissioner, [(evaluator, "officer"), (analyst, "officer")])
    third = services.panel_appoint(opportunity=evaluation.opportunity, person=commissioner, capacity="officer", is_moderator=True, by=commissioner)
    first.refresh_from_db()
    assert not first.is_moderator and third.is_moderator
    services.panel_member_end(member=second, by=commissioner)
    analyst.refresh_from_db()
    assert not decide(analyst, Perm.EVALUATION_TAKE_PART, evaluation.bids[0]).allowed
    with pytest.raises(FieldErrors):
        services.panel_member_end(member=second, by=commissioner)
    with pytest.raises(FieldErrors) as error:
        services.panel_appoint(opportunity=evaluation.opportunity, person=evaluator, capacity="officer", by=commissioner)
    assert "already on the panel" in error.value.errors["person"]
