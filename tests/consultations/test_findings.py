"""Themes, coding free text to themes, and writing 'you said, we did'."""

import pytest

from jointly.audit.models import AuditEntry
from jointly.consultations import services
from jointly.consultations.models import Answer, Coding
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition

from .conftest import submit


def _text_answers(consultation):
    return list(Answer.objects.filter(response__consultation=consultation, question__kind="text").order_by("pk"))


class TestThemes:
    def test_a_theme_is_added_once_whatever_its_case(self, closed_consultation, analyst):
        services.theme_create(consultation=closed_consultation, name="  Somewhere   safe ", by=analyst)
        with pytest.raises(FieldErrors, match="already a theme called 'somewhere safe'"):
            services.theme_create(consultation=closed_consultation, name="somewhere safe", by=analyst)
        assert list(closed_consultation.themes.values_list("name", flat=True)) == ["Somewhere safe"]

    def test_a_theme_needs_a_name(self, closed_consultation, analyst):
        with pytest.raises(FieldErrors) as raised:
            services.theme_create(consultation=closed_consultation, name="   ", by=analyst)
        assert raised.value.errors == {"name": "Enter the theme"}

    def test_drafts_have_nothing_to_code(self, draft_consultation, analyst):
        with pytest.raises(InvalidTransition, match="^This consultation is draft. You can add themes once it has opened.$"):
            services.theme_create(consultation=draft_consultation, name="Cost", by=analyst)


class TestCoding:
    @pytest.fixture
    def themes(self, closed_consultation, analyst):
        return [services.theme_create(consultation=closed_consultation, name=name, by=analyst) for name in ("Cost", "Transport")]

    def test_codings_are_set_added_and_removed(self, closed_consultation, themes, analyst):
        cost, transport = themes
        first, second, _ = _text_answers(closed_consultation)
        assert services.answer_codings_set(
            consultation=closed_consultation, codings={first.pk: [cost.pk, transport.pk], second.pk: [cost.pk]}, by=analyst
        ) == (3, 0)
        assert services.answer_codings_set(
            consultation=closed_consultation, codings={first.pk: [transport.pk], second.pk: [cost.pk]}, by=analyst
        ) == (0, 1)
        assert set(Coding.objects.values_list("answer_id", "theme_id")) == {(first.pk, transport.pk), (second.pk, cost.pk)}
        coding = Coding.objects.get(answer=first)
        assert coding.coded_by == analyst
        # Who coded what is in the trail, without the answer's words.
        entry = AuditEntry.objects.filter(object_type="consultations.coding", action="create").first()
        assert entry.actor_label.startswith(analyst.full_name) and entry.trust_id == closed_consultation.trust_id

    def test_another_consultations_answers_or_themes_are_refused_as_a_whole(
        self, closed_consultation, themes, other_trust_consultation, other_commissioner, analyst
    ):
        submit(other_trust_consultation)
        foreign_answer = _text_answers(other_trust_consultation)[0]
        mine = _text_answers(closed_consultation)[0]
        with pytest.raises(FieldErrors, match="not free-text answers to this consultation"):
            services.answer_codings_set(
                consultation=closed_consultation, codings={mine.pk: [themes[0].pk], foreign_answer.pk: [themes[0].pk]}, by=analyst
            )
        foreign_theme = services.theme_create(consultation=other_trust_consultation, name="Elsewhere", by=other_commissioner)
        with pytest.raises(FieldErrors, match="Choose themes from this consultation"):
            services.answer_codings_set(consultation=closed_consultation, codings={mine.pk: [foreign_theme.pk]}, by=analyst)
        assert not Coding.objects.exists()

    def test_only_free_text_answers_are_coded(self, closed_consultation, themes, analyst):
        choice_answer = Answer.objects.filter(response__consultation=closed_consultation, question__kind="single").first()
        with pytest.raises(FieldErrors):
            services.answer_codings_set(consultation=closed_consultation, codings={choice_answer.pk: [themes[0].pk]}, by=analyst)


class TestYouSaidWeDid:
    def test_an_item_needs_both_halves(self, closed_consultation, commissioner):
        with pytest.raises(FieldErrors) as raised:
            services.you_said_we_did_add(consultation=closed_consultation, you_said=" ", we_did="", by=commissioner)
        # Both at once, each against its own box.
        assert raised.value.errors == {"you_said": "Enter what people said", "we_did": "Enter what you did, or will do, about it"}

    def test_items_are_numbered_in_order_and_change_until_published(self, closed_consultation, commissioner):
        first = services.you_said_we_did_add(consultation=closed_consultation, you_said="A", we_did="B", by=commissioner)
        second = services.you_said_we_did_add(consultation=closed_consultation, you_said="C", we_did="D", by=commissioner)
        assert (first.order, second.order) == (1, 2)
        services.you_said_we_did_update(item=first, you_said="A, better", we_did="B", by=commissioner)
        services.consultation_publish_response(consultation=closed_consultation, by=commissioner)
        first.refresh_from_db()
        assert first.you_said == "A, better"
        with pytest.raises(InvalidTransition, match="^This 'you said, we did' item is published, so it can no longer be changed.$"):
            services.you_said_we_did_update(item=first, you_said="Rewritten history", we_did="B", by=commissioner)

    def test_not_before_the_consultation_closes(self, open_consultation, commissioner):
        with pytest.raises(InvalidTransition, match="^This consultation is open. You can add 'you said, we did' once it has closed.$"):
            services.you_said_we_did_add(consultation=open_consultation, you_said="A", we_did="B", by=commissioner)
