"""Storing a response: all of it or none of it, with messages a twelve-year-old can follow."""

import datetime

import pytest

from jointly.consultations import services
from jointly.consultations.models import AgeBand, Answer, Audience, Channel, Response
from jointly.core.errors import FieldErrors

from .conftest import good_answers, make_consultation, questions, submit, today


class TestAValidResponse:
    def test_it_is_stored_with_one_answer_per_question(self, open_consultation):
        response = submit(open_consultation)
        single, multiple, scale, text = questions(open_consultation)
        assert response.channel == Channel.ONLINE
        assert response.submitted_on == today()
        assert response.entered_by is None
        stored = {answer.question_id: answer for answer in response.answers.all()}
        assert stored[single.pk].choice == "Yes"
        assert stored[multiple.pk].choices == ["Sport", "Art"]
        assert stored[scale.pk].scale == 4
        assert stored[text.pk].text == "More football please"

    def test_choices_keep_the_consultations_order_whatever_the_browser_sent(self, open_consultation):
        single, multiple, scale, text = questions(open_consultation)
        answers = good_answers(open_consultation)
        answers[multiple.pk] = ["Cooking", "Sport"]
        response = services.response_submit(
            consultation=open_consultation,
            channel=Channel.ONLINE,
            age_band=AgeBand.UNDER_11,
            audience=Audience.CHILDREN_YOUNG_PEOPLE,
            answers=answers,
        )
        assert response.answers.get(question=multiple).choices == ["Sport", "Cooking"]

    def test_an_optional_question_left_empty_stores_no_answer(self, open_consultation):
        single, multiple, scale, text = questions(open_consultation)
        answers = good_answers(open_consultation)
        answers[multiple.pk] = []
        response = services.response_submit(
            consultation=open_consultation,
            channel=Channel.ONLINE,
            age_band=AgeBand.NOT_SAID,
            audience=Audience.PARENTS_CARERS,
            answers=answers,
        )
        assert not response.answers.filter(question=multiple).exists()
        assert response.answers.count() == 3

    def test_line_breaks_count_as_one_character_each(self, open_consultation, settings):
        settings.JOINTLY_CONSULTATION_ANSWER_MAX_CHARS = 10
        response = submit(open_consultation, text="abcd\r\nefgh\r\n")  # 12 as sent; 9 once \r\n is one character and the end trimmed
        assert response.answers.get(question__kind="text").text == "abcd\nefgh"


class TestRefused:
    @pytest.mark.parametrize(
        "kind, value, message",
        [
            ("single", "", "Choose an answer"),
            ("single", "Maybe", "Choose one of the answers in the list"),
            ("multiple", ["Sport", "Skydiving"], "Choose from the answers in the list"),
            ("scale", None, "Choose a number from 1 to 5"),
            ("scale", 6, "Choose a number from 1 to 5"),
            ("scale", "lots", "Choose a number from 1 to 5"),
            ("text", "", "Write your answer in the box"),
            ("text", "   \n ", "Write your answer in the box"),
            ("text", "x" * 2001, "Your answer is too long. Use 2,000 characters or fewer"),
        ],
    )
    def test_bad_answers_are_refused_in_plain_words_and_nothing_is_stored(self, open_consultation, kind, value, message):
        question = open_consultation.questions.get(kind=kind)
        answers = good_answers(open_consultation)
        answers[question.pk] = value
        with pytest.raises(FieldErrors) as rejected:
            services.response_submit(
                consultation=open_consultation,
                channel=Channel.ONLINE,
                age_band=AgeBand.AGE_11_15,
                audience=Audience.CHILDREN_YOUNG_PEOPLE,
                answers=answers,
            )
        assert rejected.value.errors == {f"q{question.pk}": message}
        assert Response.objects.count() == 0
        assert Answer.objects.count() == 0

    def test_exactly_the_limit_is_fine(self, open_consultation):
        response = submit(open_consultation, text="x" * 2000)
        assert len(response.answers.get(question__kind="text").text) == 2000

    def test_age_band_and_audience_must_be_from_the_lists(self, open_consultation):
        with pytest.raises(FieldErrors) as rejected:
            services.response_submit(
                consultation=open_consultation,
                channel=Channel.ONLINE,
                age_band="1999-04-01",
                audience=Audience.STAFF,
                answers=good_answers(open_consultation),
            )
        assert rejected.value.errors == {"age_band": "Choose how old you are", "audience": "Choose who you are answering as"}

    def test_an_answer_to_another_consultations_question_is_refused(self, open_consultation, other_trust_consultation):
        answers = good_answers(open_consultation)
        answers[other_trust_consultation.questions.first().pk] = "Yes"
        with pytest.raises(FieldErrors, match="not in this consultation"):
            services.response_submit(
                consultation=open_consultation,
                channel=Channel.ONLINE,
                age_band=AgeBand.AGE_11_15,
                audience=Audience.CHILDREN_YOUNG_PEOPLE,
                answers=answers,
            )
        assert Response.objects.count() == 0

    def test_a_response_with_no_answers_at_all_is_refused(self, trust, commissioner):
        consultation = make_consultation(trust, commissioner)
        for question in consultation.questions.all():
            services.question_update(question=question, by=commissioner, required=False)
        consultation = services.consultation_open(consultation=consultation, by=commissioner)
        with pytest.raises(FieldErrors, match="Answer at least one question"):
            services.response_submit(
                consultation=consultation,
                channel=Channel.ONLINE,
                age_band=AgeBand.AGE_11_15,
                audience=Audience.CHILDREN_YOUNG_PEOPLE,
                answers={},
            )


class TestWhenResponsesAreTaken:
    def test_a_draft_takes_no_answers(self, draft_consultation):
        with pytest.raises(FieldErrors, match="not taking answers"):
            submit(draft_consultation)

    def test_online_answers_stop_when_closed_but_paper_can_still_be_typed_in(self, open_consultation, commissioner, analyst):
        closed = services.consultation_close(consultation=open_consultation, by=commissioner)
        with pytest.raises(FieldErrors, match="not taking answers"):
            submit(closed)
        response = submit(closed, channel=Channel.PAPER, entered_by=analyst)
        assert (response.channel, response.entered_by) == (Channel.PAPER, analyst)

    def test_online_answers_stop_after_the_closing_date_even_before_the_scheduler_runs(self, open_consultation):
        with pytest.raises(FieldErrors, match="not taking answers"):
            services.response_submit(
                consultation=open_consultation,
                channel=Channel.ONLINE,
                age_band=AgeBand.AGE_11_15,
                audience=Audience.CHILDREN_YOUNG_PEOPLE,
                answers=good_answers(open_consultation),
                today=open_consultation.closes_on + datetime.timedelta(days=1),
            )

    def test_no_paper_responses_after_the_retention_date_even_before_the_erasure_runs(self, closed_consultation, analyst):
        with pytest.raises(FieldErrors, match="no longer taking responses"):
            services.response_submit(
                consultation=closed_consultation,
                channel=Channel.PAPER,
                age_band=AgeBand.AGE_11_15,
                audience=Audience.CHILDREN_YOUNG_PEOPLE,
                answers=good_answers(closed_consultation),
                entered_by=analyst,
                today=closed_consultation.retention_until + datetime.timedelta(days=1),
            )
        assert services.response_submit(
            consultation=closed_consultation,
            channel=Channel.PAPER,
            age_band=AgeBand.AGE_11_15,
            audience=Audience.CHILDREN_YOUNG_PEOPLE,
            answers=good_answers(closed_consultation),
            entered_by=analyst,
            today=closed_consultation.retention_until,
        ).pk

    def test_offline_responses_need_a_member_of_staff(self, open_consultation):
        with pytest.raises(FieldErrors, match="typed in by staff"):
            submit(open_consultation, channel=Channel.WORKSHOP)

    def test_once_reported_nothing_more_is_taken(self, reported_consultation, analyst):
        with pytest.raises(FieldErrors, match="no longer taking responses"):
            submit(reported_consultation, channel=Channel.PAPER, entered_by=analyst)

    def test_online_responses_never_record_who_typed_them(self, open_consultation, analyst):
        response = submit(open_consultation, entered_by=analyst)
        assert response.entered_by is None
