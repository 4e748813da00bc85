"""Grant programmes, short applications, the panel and decisions, through the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from jointly.accounts.models import Assignment
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.grants import selectors, services, tasks
from jointly.grants.models import GrantApplication, GrantProgramme, PanelScore
from jointly.plans.models import Route
from tests.procurement.factories import IntentionFactory

from .conftest import application_data, close, make_programme, programme_data, sent_application

pytestmark = pytest.mark.django_db


def test_a_programme_comes_from_a_published_grant_intention(trust, commissioner):
    not_a_grant = IntentionFactory(trust=trust, route=Route.OPEN)
    with pytest.raises(FieldErrors) as error:
        services.programme_create(trust=trust, by=commissioner, **programme_data(not_a_grant))
    assert "route is a grant" in error.value.errors["intention"]


def test_every_bad_field_is_reported_at_once(trust, commissioner):
    intention = IntentionFactory(trust=trust, route=Route.GRANT)
    with pytest.raises(FieldErrors) as error:
        services.programme_create(trust=trust, by=commissioner, **programme_data(intention, title="", fund_size="lots", max_award="36000"))
    assert set(error.value.errors) == {"title", "fund_size", "max_award"}
    assert "£35,000" in error.value.errors["max_award"]


def test_the_small_grant_limit_is_dated_configuration(trust, commissioner, settings):
    settings.JOINTLY_SMALL_GRANT_LIMITS = ((datetime.date(2020, 1, 1), Decimal("10000")),)
    intention = IntentionFactory(trust=trust, route=Route.GRANT)
    with pytest.raises(FieldErrors) as error:
        services.programme_create(trust=trust, by=commissioner, **programme_data(intention, max_award="12000"))
    assert "£10,000" in error.value.errors["max_award"]


def test_publishing_needs_criteria_and_questions_up_front(trust, commissioner):
    intention = IntentionFactory(trust=trust, route=Route.GRANT)
    programme = services.programme_create(trust=trust, by=commissioner, **programme_data(intention))
    with pytest.raises(InvalidTransition, match="criteria applications are judged on and at least one question"):
        services.programme_publish(programme=programme, by=commissioner)
    services.criterion_add(programme=programme, by=commissioner, title="Need")
    services.question_add(programme=programme, by=commissioner, text="What will you do?")
    assert services.programme_publish(programme=programme, by=commissioner).status == GrantProgramme.Status.OPEN
    with pytest.raises(InvalidTransition, match="published with the programme"):
        services.question_add(programme=programme, by=commissioner, text="A late question")


def test_a_small_grant_asks_few_short_questions(trust, commissioner):
    programme = make_programme(trust, commissioner, publish=False)
    with pytest.raises(FieldErrors) as error:
        services.question_add(programme=programme, by=commissioner, text="Tell us everything", word_limit=2000)
    assert "word limit" in error.value.errors["word_limit"]


def test_a_draft_is_kept_and_sending_checks_every_answer(programme, provider_user):
    application = services.application_start(
        programme=programme, organisation=provider_user.organisation, by=provider_user, project_title="Skate park jam"
    )
    assert application.status == GrantApplication.Status.DRAFT
    with pytest.raises(FieldErrors) as error:
        services.application_submit(application=application, by=provider_user)
    question = programme.questions.get()
    assert set(error.value.errors) == {"summary", "amount_requested", f"answer_{question.pk}"}
    services.application_save(application=application, by=provider_user, **application_data(programme))
    sent = services.application_submit(application=application, by=provider_user)
    assert sent.status == GrantApplication.Status.SUBMITTED and sent.submitted_by == provider_user


def test_over_the_word_limit_or_the_largest_award_is_refused_and_nothing_saved_is_lost(programme, provider_user):
    application = services.application_start(
        programme=programme, organisation=provider_user.organisation, by=provider_user, **application_data(programme)
    )
    question = programme.questions.get()
    with pytest.raises(FieldErrors) as error:
        services.application_save(
            application=application,
            by=provider_user,
            **application_data(programme, amount_requested="6000", **{f"answer_{question.pk}": "word " * 101}),
        )
    assert "101" in error.value.errors[f"answer_{question.pk}"] and "£5,000" in error.value.errors["amount_requested"]
    application.refresh_from_db()
    assert application.amount_requested == Decimal("4000")
    assert application.answers.get().text == "Young people chose it at the youth forum."


def test_the_closing_time_is_enforced_on_the_write_whatever_the_clock_did(programme, provider_user):
    application = services.application_start(
        programme=programme, organisation=provider_user.organisation, by=provider_user, **application_data(programme)
    )
    after = programme.closes_at + datetime.timedelta(seconds=1)
    assert GrantProgramme.objects.get(pk=programme.pk).status == GrantProgramme.Status.OPEN  # the clock has not run
    with pytest.raises(InvalidTransition, match="closed at"):
        services.application_submit(application=application, by=provider_user, now=after)
    with pytest.raises(InvalidTransition, match="closed at"):
        services.application_save(application=application, by=provider_user, now=after, **application_data(programme))


def test_only_the_organisations_own_people_apply(programme, provider_user, commissioner, other_provider_user):
    with pytest.raises(InvalidTransition):
        services.application_start(programme=programme, organisation=provider_user.organisation, by=commissioner, project_title="X")
    application = services.application_start(programme=programme, organisation=provider_user.organisation, by=provider_user, project_title="X")
    with pytest.raises(InvalidTransition):
        services.application_save(application=application, by=other_provider_user, project_title="Taken over")


def test_the_clock_closes_a_programme_once_and_only_after_its_closing_time(programme, monkeypatch):
    tasks.close_programmes_at_closing_time()
    assert GrantProgramme.objects.get(pk=programme.pk).status == GrantProgramme.Status.OPEN
    monkeypatch.setattr(tasks.timezone, "now", lambda: programme.closes_at + datetime.timedelta(minutes=1))
    tasks.close_programmes_at_closing_time()
    assert GrantProgramme.objects.get(pk=programme.pk).status == GrantProgramme.Status.PANEL
    tasks.close_programmes_at_closing_time()  # a second run changes nothing
    assert GrantProgramme.objects.get(pk=programme.pk).status == GrantProgramme.Status.PANEL


@pytest.fixture
def panel_round(programme, commissioner, provider_user, other_provider_user, participant):
    first = sent_application(programme, provider_user)
    second = sent_application(programme, other_provider_user, project_title="Youth radio")
    services.panel_add(programme=programme, person=participant, by=commissioner)
    return close(programme), first, second


def test_a_young_person_declares_for_every_applicant_before_seeing_any_application(panel_round, participant):
    programme, first, second = panel_round
    with pytest.raises(PermissionDenied, match="Declare"):
        selectors.panel_applications(participant, programme)
    with pytest.raises(InvalidTransition, match="Declare"):
        services.panel_score(application=first, person=participant, score=3, reason="Good")
    with pytest.raises(FieldErrors) as error:
        services.panel_declare(programme=programme, person=participant, answers={first.pk: (True, "")})
    assert set(error.value.errors) == {f"note_{first.pk}", f"conflict_{second.pk}"}
    services.panel_declare(programme=programme, person=participant, answers={first.pk: (True, "My sister runs it"), second.pk: (False, "")})
    assert list(selectors.panel_applications(participant, programme)) == [second]


def test_a_conflict_bars_the_member_from_scoring_that_application(panel_round, participant):
    programme, first, second = panel_round
    services.panel_declare(programme=programme, person=participant, answers={first.pk: (True, "I volunteer there"), second.pk: (False, "")})
    assert Assignment.objects.filter(person=participant, kind=Assignment.Kind.CONFLICT, object_id=str(first.pk), ended_at__isnull=True).exists()
    with pytest.raises(InvalidTransition, match="conflict of interest"):
        services.panel_score(application=first, person=participant, score=4, reason="Great")
    services.panel_score(application=second, person=participant, score=3, reason="Young people lead it")
    assert PanelScore.objects.filter(person=participant).count() == 1


def test_someone_off_the_panel_cannot_declare_or_score(panel_round, evaluator):
    programme, first, _ = panel_round
    with pytest.raises(InvalidTransition):
        services.panel_declare(programme=programme, person=evaluator, answers={})
    with pytest.raises(InvalidTransition):
        services.panel_score(application=first, person=evaluator, score=1, reason="No")


def test_a_score_needs_a_reason_and_a_place_on_the_scale(panel_round, participant):
    programme, first, second = panel_round
    services.panel_declare(programme=programme, person=participant, answers={first.pk: (False, ""), second.pk: (False, "")})
    with pytest.raises(FieldErrors) as error:
        services.panel_score(application=first, person=participant, score=9, reason=" ")
    assert set(error.value.errors) == {"score", "reason"}


def test_an_applicant_cannot_sit_on_the_panel(programme, commissioner, provider_user):
    sent_application(programme, provider_user)
    with pytest.raises(FieldErrors, match="own organisation has applied"):
        services.panel_add(programme=programme, person=provider_user, by=commissioner)


def test_decisions_carry_feedback_and_stay_within_the_request_and_the_fund(panel_round, commissioner):
    programme, first, second = panel_round
    with pytest.raises(FieldErrors) as error:
        services.application_decide(application=first, by=commissioner, award=True, amount="4500", feedback="")
    assert set(error.value.errors) == {"amount", "feedback"}
    awarded = services.application_decide(application=first, by=commissioner, award=True, amount="3500", feedback="Strong: young people lead it.")
    assert awarded.status == GrantApplication.Status.AWARDED and awarded.agreement_conditions == programme.conditions
    with pytest.raises(InvalidTransition, match="1 application is still to be decided"):
        services.programme_finish(programme=programme, by=commissioner)
    services.application_decide(application=second, by=commissioner, award=False, feedback="Not enough detail on who takes part.")
    assert services.programme_finish(programme=programme, by=commissioner).status == GrantProgramme.Status.DECIDED


def test_awards_cannot_exceed_the_fund(trust, commissioner, provider_user, other_provider_user):
    programme = make_programme(trust, commissioner, fund_size="6000", max_award="5000")
    first, second = sent_application(programme, provider_user), sent_application(programme, other_provider_user)
    close(programme)
    services.application_decide(application=first, by=commissioner, award=True, amount="4000", feedback="Yes")
    with pytest.raises(FieldErrors, match="Only £2,000.00 of the fund is left"):
        services.application_decide(application=second, by=commissioner, award=True, amount="3000", feedback="Yes")
