"""Writing a consultation and its questions: only while it is a draft, and only sensible content."""

import datetime

import pytest

from jointly.audit.models import AuditEntry
from jointly.consultations import services
from jointly.consultations.models import Question
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.needs.models import OutcomeArea

from .conftest import make_consultation, shared_areas, today


def _details(**overrides):
    fields = {
        "purpose": "Tell us about parks.",
        "audiences": ["children_young_people"],
        "opens_on": today(),
        "closes_on": today() + datetime.timedelta(days=10),
        "report_due_on": today() + datetime.timedelta(days=40),
        "retention_until": today() + datetime.timedelta(days=400),
    }
    fields.update(overrides)
    return fields


class TestCreate:
    def test_a_draft_is_created_with_a_unique_slug_and_its_outcomeshared_areas(self, trust, commissioner):
        healthy, safe = shared_areas("be-healthy", "stay-safe")
        first = services.consultation_create(
            trust=trust, title="Parks", by=commissioner, **_details(outcome_areas=[healthy, safe, healthy], other_themes="  parks,   transport ")
        )
        second = services.consultation_create(trust=trust, title="Parks", by=commissioner, **_details())
        assert (first.slug, second.slug) == ("parks", "parks-2")
        assert set(first.outcome_areas.all()) == {healthy, safe} and first.other_themes == "parks, transport"
        assert not second.outcome_areas.exists()
        assert first.status == "draft"
        assert AuditEntry.objects.filter(object_type="consultations.consultation", object_id=str(first.pk), action="create").exists()

    def test_a_title_of_new_does_not_hide_the_start_page(self, trust, commissioner):
        consultation = services.consultation_create(trust=trust, title="New", by=commissioner, **_details())
        assert consultation.slug == "new-2"

    @pytest.mark.parametrize(
        "overrides, field, message",
        [
            ({"audiences": []}, "audiences", "Select who the consultation is for"),
            ({"audiences": ["martians"]}, "audiences", "Select who the consultation is for from the list"),
            ({"closes_on": today() - datetime.timedelta(days=1)}, "closes_on", "The closing date must be on or after the opening date"),
            ({"report_due_on": today()}, "report_due_on", "must be on or after the closing date"),
            ({"retention_until": today() + datetime.timedelta(days=20)}, "retention_until", "Keep responses at least until"),
        ],
    )
    def test_dates_and_audiences_must_make_sense(self, trust, commissioner, overrides, field, message):
        with pytest.raises(FieldErrors) as raised:
            services.consultation_create(trust=trust, title="Parks", by=commissioner, **_details(**overrides))
        assert message in raised.value.errors[field]


class TestUpdate:
    def test_a_draft_can_change(self, draft_consultation, commissioner):
        services.consultation_update(consultation=draft_consultation, by=commissioner, title="Youth centres")
        draft_consultation.refresh_from_db()
        assert (draft_consultation.title, draft_consultation.slug) == ("Youth centres", "youth-centres")

    def test_its_outcome_areas_can_be_the_trusts_own_but_not_another_trusts(self, draft_consultation, commissioner, other_trust):
        ours = OutcomeArea.objects.create(trust=draft_consultation.trust, name="Ready for adulthood", slug="ready-for-adulthood")
        theirs = OutcomeArea.objects.create(trust=other_trust, name="Their own", slug="their-own")
        services.consultation_update(consultation=draft_consultation, by=commissioner, outcome_areas=[ours, *shared_areas("stay-safe")])
        assert set(draft_consultation.outcome_areas.all()) == {ours, *shared_areas("stay-safe")}
        with pytest.raises(FieldErrors) as raised:
            services.consultation_update(consultation=draft_consultation, by=commissioner, outcome_areas=[theirs], title="Changed")
        assert raised.value.errors == {"outcome_areas": "Select outcome areas from the list"}
        draft_consultation.refresh_from_db()
        assert draft_consultation.title != "Changed" and set(draft_consultation.outcome_areas.all()) == {ours, *shared_areas("stay-safe")}

    def test_an_open_consultation_cannot_change(self, open_consultation, commissioner):
        with pytest.raises(InvalidTransition, match="^This consultation is open, so it can no longer be changed.$"):
            services.consultation_update(consultation=open_consultation, by=commissioner, title="Changed")


class TestQuestions:
    def test_questions_are_added_in_order_with_clean_choices(self, draft_consultation, commissioner):
        question = services.question_add(
            consultation=draft_consultation,
            by=commissioner,
            kind=Question.Kind.SINGLE,
            text="  Which   day? ",
            choices=["Monday", " monday", "Tuesday", ""],
        )
        assert question.order == 5
        assert question.text == "Which day?"
        assert question.choices == ["Monday", "Tuesday"]

    @pytest.mark.parametrize("choices", [[], ["Only one"], ["Same", "same"]])
    def test_a_choice_question_needs_two_different_answers(self, draft_consultation, commissioner, choices):
        with pytest.raises(FieldErrors) as raised:
            services.question_add(consultation=draft_consultation, by=commissioner, kind=Question.Kind.MULTIPLE, text="Q", choices=choices)
        assert raised.value.errors == {"choices": "Enter at least 2 different answers to choose from, one on each line"}

    def test_a_text_question_keeps_no_choices_or_scale_labels(self, draft_consultation, commissioner):
        question = services.question_add(
            consultation=draft_consultation, by=commissioner, kind=Question.Kind.TEXT, text="Why?", choices=["x", "y"], scale_low_label="Low"
        )
        assert (question.choices, question.scale_low_label) == ([], "")

    def test_questions_move_and_are_removed(self, draft_consultation, commissioner):
        first, second = list(draft_consultation.questions.all())[:2]
        services.question_move(question=second, direction="up", by=commissioner)
        assert list(draft_consultation.questions.values_list("pk", flat=True))[:2] == [second.pk, first.pk]
        services.question_move(question=second, direction="up", by=commissioner)  # already first: nothing happens
        assert list(draft_consultation.questions.values_list("pk", flat=True))[:2] == [second.pk, first.pk]
        services.question_delete(question=first, by=commissioner)
        assert draft_consultation.questions.count() == 3

    def test_questions_are_fixed_once_open(self, open_consultation, commissioner):
        question = open_consultation.questions.first()
        for attempt in (
            lambda: services.question_add(consultation=open_consultation, by=commissioner, kind=Question.Kind.TEXT, text="More?"),
            lambda: services.question_update(question=question, by=commissioner, text="Changed"),
            lambda: services.question_delete(question=question, by=commissioner),
            lambda: services.question_move(question=question, direction="down", by=commissioner),
        ):
            with pytest.raises(InvalidTransition, match="^This consultation is open, so it can no longer be changed.$"):
                attempt()
        assert open_consultation.questions.count() == 4


def test_make_consultation_helper_builds_four_kinds(trust, commissioner):
    consultation = make_consultation(trust, commissioner)
    assert sorted(consultation.questions.values_list("kind", flat=True)) == ["multiple", "scale", "single", "text"]
