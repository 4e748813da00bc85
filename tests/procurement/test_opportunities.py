"""Opportunity services: created from a published intention, every publication gate refuses with its reason, extend and cancel."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from jointly.audit.models import AuditEntry
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition, StaleEdit, transition, version_of
from jointly.plans.models import CommissioningIntention
from jointly.procurement.models import Criterion, Opportunity, RouteKind
from jointly.procurement.services import opportunities as services

from .factories import IntentionFactory
from .opportunity_helpers import complete, draft, published

pytestmark = pytest.mark.django_db


def _problems(opportunity):
    return services.publish_problems(Opportunity.objects.get(pk=opportunity.pk))


def test_created_from_a_published_intention_with_its_ocid(trust, commissioner, settings):
    settings.JOINTLY_OCID_PREFIX = "ocds-abc123"
    intention = IntentionFactory(trust=trust, title="Young carers", total_value=Decimal("700000"))
    opportunity = services.opportunity_create(intention=intention, by=commissioner, route=RouteKind.LIGHT_TOUCH)
    assert opportunity.ocid == f"ocds-abc123-{trust.slug}-{opportunity.pk}"
    assert (opportunity.title, opportunity.estimated_value, opportunity.trust) == ("Young carers", Decimal("700000.00"), trust)
    assert list(intention.opportunities.all()) == [opportunity]


def test_a_draft_intention_cannot_become_an_opportunity(trust, commissioner):
    intention = IntentionFactory(trust=trust, status=CommissioningIntention.Status.DRAFT)
    with pytest.raises(FieldErrors) as error:
        services.opportunity_create(intention=intention, by=commissioner, route=RouteKind.LIGHT_TOUCH)
    assert "intention" in error.value.errors


def test_a_route_not_open_to_the_value_is_refused_with_the_reason(trust, commissioner):
    intention = IntentionFactory(trust=trust, total_value=Decimal("20000"))
    with pytest.raises(FieldErrors) as error:
        services.opportunity_create(intention=intention, by=commissioner, route=RouteKind.LIGHT_TOUCH)
    assert error.value.errors["route"] == "Light-touch competitive procedure is not open to this procurement: only from £663,540 including VAT."


def test_grant_routes_are_for_the_grants_team(trust, commissioner):
    intention = IntentionFactory(trust=trust, total_value=Decimal("20000"))
    with pytest.raises(FieldErrors) as error:
        services.opportunity_create(intention=intention, by=commissioner, route=RouteKind.SMALL_GRANT)
    assert "grant programme" in error.value.errors["route"]


def test_a_direct_award_needs_its_justification(trust, commissioner):
    with pytest.raises(FieldErrors) as error:
        draft(trust, commissioner, route=RouteKind.DIRECT_AWARD)
    assert error.value.errors == {"route_justification": "Record why direct award (with recorded justification) is justified"}
    assert draft(trust, commissioner, route=RouteKind.DIRECT_AWARD, route_justification="Only one provider can do it.").pk


def test_no_pre_qualification_stage_below_threshold(trust, commissioner):
    intention = IntentionFactory(trust=trust, total_value=Decimal("100000"))
    with pytest.raises(FieldErrors) as error:
        draft(trust, commissioner, intention=intention, route=RouteKind.BELOW_THRESHOLD_OPEN, pre_qualification=True, light_touch=True)
    assert "below the threshold cannot have a pre-qualification stage" in error.value.errors["pre_qualification"]
    with pytest.raises(FieldErrors) as error:
        draft(trust, commissioner, route=RouteKind.OPEN, pre_qualification=True)
    assert "Open procedure has no pre-qualification stage" in error.value.errors["pre_qualification"]
    assert draft(trust, commissioner, route=RouteKind.COMPETITIVE_FLEXIBLE, pre_qualification=True).pre_qualification


def test_an_empty_draft_lists_every_missing_gate_at_once(trust, commissioner):
    opportunity = draft(trust, commissioner)
    problems = _problems(opportunity)
    assert set(problems) == {"conflicts", "social_value", "outcomes", "criteria", "social_value_weighting", "scale", "questions"}
    with pytest.raises(FieldErrors) as error:
        services.opportunity_publish(opportunity=opportunity, by=commissioner)
    assert set(error.value.errors) == set(problems)


def test_a_complete_draft_publishes_and_is_stamped(trust, commissioner):
    opportunity = complete(draft(trust, commissioner), commissioner)
    assert _problems(opportunity) == {}
    opened = services.opportunity_publish(opportunity=opportunity, by=commissioner)
    assert opened.status == Opportunity.Status.OPEN and opened.published_at is not None


def test_the_guard_holds_even_when_the_service_is_bypassed(trust, commissioner):
    opportunity = draft(trust, commissioner)
    with pytest.raises(InvalidTransition) as error:
        transition(instance=opportunity, move="publish", by=commissioner, check=services._publish_guard)
    assert "conflicts assessment" in str(error.value)


@pytest.mark.parametrize(
    "gate, undo",
    [
        ("conflicts", lambda o: o.conflicts_assessments.all().delete()),
        ("social_value", lambda o: o.social_value.delete()),
        ("outcomes", lambda o: o.outcomes.all().delete()),
        ("questions", lambda o: o.questions.all().delete()),
        ("scale", lambda o: o.scale.filter(score=2).delete()),
        ("criteria", lambda o: o.criteria.filter(kind=Criterion.Kind.PRICE).update(weight=20)),
        ("social_value_weighting", lambda o: o.criteria.filter(kind=Criterion.Kind.SOCIAL_VALUE).update(kind=Criterion.Kind.QUALITY)),
    ],
)
def test_each_gate_refuses_alone_with_its_reason(trust, commissioner, gate, undo):
    opportunity = complete(draft(trust, commissioner), commissioner)
    undo(opportunity)
    problems = _problems(opportunity)
    assert list(problems) == [gate]
    with pytest.raises(FieldErrors):
        services.opportunity_publish(opportunity=opportunity, by=commissioner)


def test_the_criteria_messages_say_what_is_wrong(trust, commissioner):
    opportunity = complete(draft(trust, commissioner), commissioner)
    opportunity.criteria.filter(kind=Criterion.Kind.PRICE).update(weight=20)
    assert _problems(opportunity)["criteria"] == "The criteria's weights add up to 90%: they must add up to 100%"
    opportunity.scale.filter(score__in=[1, 3]).delete()
    assert _problems(opportunity)["scale"].startswith("Say what a score of 1, 3 means")


def test_social_value_act_consideration_only_above_threshold(trust, commissioner):
    intention = IntentionFactory(trust=trust, total_value=Decimal("150000"))
    opportunity = complete(draft(trust, commissioner, intention=intention, route=RouteKind.BELOW_THRESHOLD_OPEN), commissioner, social_value=False)
    assert _problems(opportunity) == {}


def test_a_window_shorter_than_the_local_policy_is_refused(trust, commissioner):
    opportunity = complete(draft(trust, commissioner, closes_at=timezone.now() + datetime.timedelta(days=30)), commissioner)
    assert _problems(opportunity) == {
        "closes_at": "The response window is 30 days: the trust's local policy asks for at least 40 days from publication"
    }


def test_the_local_window_can_be_shortened_with_a_reason_but_never_below_the_law(trust, commissioner):
    opportunity = complete(draft(trust, commissioner, closes_at=timezone.now() + datetime.timedelta(days=20)), commissioner)
    with pytest.raises(FieldErrors) as error:
        services.policy_override(opportunity=opportunity, by=commissioner, reason="", response_days=10)
    assert "reason" in error.value.errors
    services.policy_override(opportunity=opportunity, by=commissioner, reason="Urgent: the current contract ends early", response_days=10)
    assert _problems(opportunity) == {"closes_at": "The response window is 20 days: the law asks for at least 25 days from publication"}
    services.opportunity_update(opportunity=opportunity, by=commissioner, closes_at=timezone.now() + datetime.timedelta(days=26))
    assert _problems(opportunity) == {}
    entry = AuditEntry.objects.filter(object_type="procurement.opportunity", object_id=str(opportunity.pk)).order_by("at", "pk")
    assert any((e.after or {}).get("response_days_reason") == "Urgent: the current contract ends early" for e in entry)


def test_the_trust_policy_sets_the_default_window(trust, commissioner):
    services.local_policy_set(trust=trust, by=commissioner, min_response_days=50, social_value_minimum=10, reason="Board decision, May 2026")
    opportunity = complete(draft(trust, commissioner), commissioner)
    assert "at least 50 days" in _problems(opportunity)["closes_at"]


def test_the_social_value_minimum_is_switched_off_only_with_a_reason(trust, commissioner):
    opportunity = complete(draft(trust, commissioner), commissioner)
    opportunity.criteria.filter(kind=Criterion.Kind.SOCIAL_VALUE).update(kind=Criterion.Kind.QUALITY)
    with pytest.raises(FieldErrors):
        services.policy_override(opportunity=opportunity, by=commissioner, reason=" ", social_value_minimum_applies=False)
    services.policy_override(
        opportunity=opportunity, by=commissioner, reason="Pilot with a single provider market", social_value_minimum_applies=False
    )
    assert _problems(opportunity) == {}
    assert Opportunity.objects.get(pk=opportunity.pk).social_value_minimum_reason == "Pilot with a single provider market"


def test_criteria_weights_cannot_pass_100(trust, commissioner):
    opportunity = draft(trust, commissioner)
    services.criterion_add(opportunity=opportunity, by=commissioner, title="Quality", weight=80)
    with pytest.raises(FieldErrors) as error:
        services.criterion_add(opportunity=opportunity, by=commissioner, title="Price", weight=30)
    assert error.value.errors == {"weight": "The criteria already carry 80%: this one can carry at most 20%"}


def test_parts_change_only_in_a_draft(trust, commissioner):
    opportunity = published(trust, commissioner)
    for change in (
        lambda: services.outcome_add(opportunity=opportunity, by=commissioner, text="x", measure="y"),
        lambda: services.lot_add(opportunity=opportunity, by=commissioner, title="x"),
        lambda: services.question_add(opportunity=opportunity, by=commissioner, text="x"),
        lambda: services.part_remove(opportunity=opportunity, by=commissioner, part="outcomes", pk=opportunity.outcomes.first().pk),
        lambda: services.opportunity_update(opportunity=opportunity, by=commissioner, title="New"),
    ):
        with pytest.raises(InvalidTransition):
            change()


def test_a_stale_edit_is_refused(trust, commissioner):
    opportunity = draft(trust, commissioner)
    version = version_of(opportunity)
    services.opportunity_update(opportunity=opportunity, by=commissioner, title="Changed elsewhere")
    with pytest.raises(StaleEdit):
        services.opportunity_update(opportunity=opportunity, by=commissioner, title="Mine", version=version)


def test_the_deadline_is_extended_only_later_while_open_with_a_reason(trust, commissioner):
    opportunity = draft(trust, commissioner)
    later = opportunity.closes_at + datetime.timedelta(days=7)
    with pytest.raises(InvalidTransition):
        services.deadline_extend(opportunity=opportunity, by=commissioner, closes_at=later, reason="More time")
    opportunity = published(trust, commissioner)
    with pytest.raises(FieldErrors) as error:
        services.deadline_extend(opportunity=opportunity, by=commissioner, closes_at=opportunity.closes_at - datetime.timedelta(days=1), reason="x")
    assert "must be later" in error.value.errors["closes_at"]
    with pytest.raises(FieldErrors) as error:
        services.deadline_extend(opportunity=opportunity, by=commissioner, closes_at=later, reason="")
    assert set(error.value.errors) == {"reason"}
    extended = services.deadline_extend(
        opportunity=opportunity, by=commissioner, closes_at=opportunity.closes_at + datetime.timedelta(days=7), reason="A bank holiday"
    )
    assert extended.closes_at > opportunity.closes_at
    entry = AuditEntry.objects.filter(object_type="procurement.opportunity", object_id=str(opportunity.pk)).order_by("-at", "-pk").first()
    assert entry.reason == "Deadline extended: A bank holiday" and entry.actor == commissioner


def test_cancel_needs_a_reason(trust, commissioner):
    opportunity = published(trust, commissioner)
    with pytest.raises(FieldErrors):
        services.opportunity_cancel(opportunity=opportunity, by=commissioner, reason="")
    cancelled = services.opportunity_cancel(opportunity=opportunity, by=commissioner, reason="The need has changed")
    assert (cancelled.status, cancelled.cancelled_reason) == (Opportunity.Status.CANCELLED, "The need has changed")


def test_the_conflicts_assessment_is_kept_up_to_date(trust, commissioner):
    opportunity = published(trust, commissioner)
    services.conflicts_assessment_record(
        opportunity=opportunity, by=commissioner, declarations="A panel member chairs a bidder.", actions="Replaced."
    )
    assert opportunity.conflicts_assessments.count() == 2
    assert opportunity.conflicts_assessments.first().declarations == "A panel member chairs a bidder."
    with pytest.raises(FieldErrors) as error:
        services.conflicts_assessment_record(opportunity=opportunity, by=commissioner, declarations="", actions="")
    assert set(error.value.errors) == {"declarations", "actions"}
