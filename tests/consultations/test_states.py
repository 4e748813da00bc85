"""The consultation tables of moves, and edits that can never write back a state someone else changed."""

import datetime
import re
from pathlib import Path

import pytest

from jointly.consultations import services
from jointly.consultations.models import Consultation, Question, YouSaidWeDid
from jointly.consultations.services import consultations, findings, responses
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition, StaleEdit, version_of

from ..transitions import assert_moves_go_between_real_states, assert_services_make_only_table_moves
from .conftest import shared_areas, today

pytestmark = pytest.mark.django_db

STATEFUL = [Consultation, YouSaidWeDid]
SERVICES = [consultations, findings, responses]


@pytest.mark.parametrize("model", STATEFUL, ids=lambda model: model.__name__)
def test_every_move_goes_between_real_states(model):
    assert_moves_go_between_real_states(model)
    assert model.TRANSITIONS.editable, "details are fixed once a consultation opens, items once published"
    for move in model.TRANSITIONS:
        assert move.perm is not None, f"{move.name}: a person's move names the permission it needs"


def test_every_move_the_services_make_is_in_a_table_and_none_names_its_states():
    assert_services_make_only_table_moves(SERVICES, STATEFUL)
    made = {name for module in SERVICES for name in re.findall(r'move="(\w+)"', Path(module.__file__).read_text())}
    assert made == {move.name for model in STATEFUL for move in model.TRANSITIONS}, "every move has a service"
    # The app's own error classes are retired for FieldErrors and InvalidTransition.
    for path in Path(services.__file__).parent.parent.rglob("*.py"):
        source = path.read_text()
        assert "ConsultationError" not in source and "ResponseRejected" not in source, path


def _stored(instance):
    return type(instance).objects.get(pk=instance.pk)


class TestAStaleCopyCannotUndoAMove:
    """A form loaded before someone opened or closed the consultation, saved after."""

    def test_opening_it_meanwhile_refuses_the_change_and_it_stays_open(self, draft_consultation, commissioner):
        stale = Consultation.objects.get(pk=draft_consultation.pk)
        services.consultation_open(consultation=draft_consultation, by=commissioner)
        assert stale.status == Consultation.Status.DRAFT  # the copy still says draft
        with pytest.raises(InvalidTransition, match="^This consultation is open, so it can no longer be changed.$"):
            services.consultation_update(consultation=stale, by=commissioner, title="Renamed")
        stored = _stored(draft_consultation)
        assert (stored.status, stored.title, stored.opened_on) == (Consultation.Status.OPEN, "Youth clubs in your area", today())

    def test_closing_it_meanwhile_refuses_the_change_and_it_stays_closed(self, open_consultation, commissioner):
        stale = Consultation.objects.get(pk=open_consultation.pk)
        services.consultation_close(consultation=open_consultation, by=commissioner)
        with pytest.raises(InvalidTransition, match="^This consultation is closed, so it can no longer be changed.$"):
            services.consultation_update(consultation=stale, by=commissioner, title="Renamed", closes_on=today())
        stored = _stored(open_consultation)
        assert (stored.status, stored.closed_on, stored.title) == (Consultation.Status.CLOSED, today(), "Youth clubs in your area")

    def test_questions_of_a_stale_draft_are_fixed_once_it_has_opened(self, draft_consultation, commissioner):
        stale = Consultation.objects.get(pk=draft_consultation.pk)
        question = Question.objects.select_related("consultation").filter(consultation=draft_consultation).first()
        services.consultation_open(consultation=draft_consultation, by=commissioner)
        for attempt in (
            lambda: services.question_add(consultation=stale, by=commissioner, kind=Question.Kind.TEXT, text="More?"),
            lambda: services.question_update(question=question, by=commissioner, text="Changed"),
            lambda: services.question_delete(question=question, by=commissioner),
        ):
            with pytest.raises(InvalidTransition):
                attempt()
        assert _stored(question).text == "Do you go to a youth club?"
        assert draft_consultation.questions.count() == 4 and _stored(draft_consultation).status == Consultation.Status.OPEN

    def test_a_stale_item_cannot_be_changed_once_published(self, closed_consultation, commissioner):
        item = services.you_said_we_did_add(consultation=closed_consultation, you_said="Too dear", we_did="Cheaper", by=commissioner)
        stale = YouSaidWeDid.objects.get(pk=item.pk)
        services.consultation_publish_response(consultation=closed_consultation, by=commissioner)
        with pytest.raises(InvalidTransition, match="^This 'you said, we did' item is published, so it can no longer be changed.$"):
            services.you_said_we_did_update(item=stale, you_said="Rewritten", we_did="Cheaper", by=commissioner)
        stored = _stored(item)
        assert (stored.status, stored.published_on, stored.you_said) == (YouSaidWeDid.Status.PUBLISHED, today(), "Too dear")


class TestTwoPeopleEditing:
    def test_details_changed_since_the_form_was_shown_are_refused(self, draft_consultation, commissioner):
        version = version_of(draft_consultation)
        services.consultation_update(consultation=draft_consultation, by=commissioner, title="Their title")
        with pytest.raises(StaleEdit, match="Someone else changed this consultation while you were editing it"):
            services.consultation_update(consultation=draft_consultation, by=commissioner, version=version, title="My title")
        assert _stored(draft_consultation).title == "Their title"
        services.consultation_update(
            consultation=draft_consultation, by=commissioner, version=version_of(_stored(draft_consultation)), title="My title"
        )
        assert _stored(draft_consultation).title == "My title"

    def test_an_item_changed_since_its_form_was_shown_is_refused(self, closed_consultation, commissioner):
        item = services.you_said_we_did_add(consultation=closed_consultation, you_said="A", we_did="B", by=commissioner)
        version = version_of(item)
        services.you_said_we_did_update(item=item, you_said="Theirs", we_did="B", by=commissioner)
        with pytest.raises(StaleEdit):
            services.you_said_we_did_update(item=item, you_said="Mine", we_did="B", by=commissioner, version=version)
        assert _stored(item).you_said == "Theirs"


class TestEveryProblemAtOnce:
    def test_the_details_name_every_problem_in_one_go(self, trust, commissioner, other_trust):
        from jointly.needs.models import OutcomeArea

        theirs = OutcomeArea.objects.create(trust=other_trust, name="Their own", slug="their-own")
        with pytest.raises(FieldErrors) as raised:
            services.consultation_create(
                trust=trust,
                title="  ",
                by=commissioner,
                purpose="",
                audiences=[],
                outcome_areas=[theirs],
                opens_on=today(),
                closes_on=today(),
                report_due_on=today(),
                retention_until=today(),
            )
        assert raised.value.errors == {
            "title": "Enter the title",
            "purpose": "Enter why you are asking",
            "audiences": "Select who the consultation is for",
            "outcome_areas": "Select outcome areas from the list",
        }
        assert not Consultation.objects.exists()

    def test_a_question_names_every_problem_in_one_go(self, draft_consultation, commissioner):
        with pytest.raises(FieldErrors) as raised:
            services.question_add(consultation=draft_consultation, by=commissioner, kind=Question.Kind.SINGLE, text="  ", choices=["Only"])
        assert raised.value.errors == {
            "text": "Enter the question",
            "choices": "Enter at least 2 different answers to choose from, one on each line",
        }

    def test_a_changed_draft_keeps_its_areas_when_the_change_is_refused(self, draft_consultation, commissioner):
        services.consultation_update(consultation=draft_consultation, by=commissioner, outcome_areas=shared_areas("stay-safe"))
        with pytest.raises(FieldErrors) as raised:
            services.consultation_update(
                consultation=draft_consultation,
                by=commissioner,
                outcome_areas=shared_areas("be-healthy"),
                title="",
                closes_on=draft_consultation.opens_on - datetime.timedelta(days=1),
            )
        assert set(raised.value.errors) == {"title", "closes_on"}
        assert list(_stored(draft_consultation).outcome_areas.all()) == shared_areas("stay-safe")
