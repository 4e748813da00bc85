"""Results: counts, small-number suppression, charts with tables, and a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jointly.consultations import selectors, services
from jointly.consultations.models import AgeBand, Answer, Audience, Channel
from jointly.consultations.suppression import figure, suppress

from .conftest import submit


class TestSuppression:
    @pytest.mark.parametrize(
        "count, text, hidden", [(0, "0", ""), (1, "fewer than 5", "small"), (4, "fewer than 5", "small"), (5, "5", ""), (1234, "1,234", "")]
    )
    def test_one_figure(self, count, text, hidden):
        shown = figure(count)
        assert (shown.text, shown.hidden) == (text, hidden)
        assert shown.value == (None if hidden else count)

    def test_the_threshold_is_configuration(self, settings):
        settings.JOINTLY_CONSULTATION_SUPPRESS_BELOW = 10
        assert figure(9).text == "fewer than 10"

    def test_a_lone_small_cell_in_an_additive_breakdown_takes_the_next_smallest_with_it(self):
        shown = suppress([20, 3, 7, 12, 0], additive=True)
        assert [f.text for f in shown] == ["20", "fewer than 5", "hidden", "12", "0"]
        assert [f.hidden for f in shown] == ["", "small", "secondary", "", ""]
        assert all(f.value is None for f in shown if f.hidden)

    def test_two_small_cells_protect_each_other(self):
        assert [f.text for f in suppress([20, 3, 2, 12], additive=True)] == ["20", "fewer than 5", "fewer than 5", "12"]

    def test_figures_that_do_not_add_up_need_no_secondary_suppression(self):
        assert [f.text for f in suppress([20, 3, 7], additive=False)] == ["20", "fewer than 5", "7"]


class TestResults:
    @pytest.fixture
    def answered(self, open_consultation, commissioner, analyst):
        for _ in range(6):
            submit(open_consultation, age_band=AgeBand.AGE_11_15, choice="Yes")
        for _ in range(2):
            submit(open_consultation, age_band=AgeBand.UNDER_11, choice="No", channel=Channel.WORKSHOP, entered_by=analyst)
        submit(open_consultation, age_band=AgeBand.ADULT, audience=Audience.PARENTS_CARERS, choice="Sometimes", text="Cheaper")
        return open_consultation

    def test_counts_by_audience_age_and_channel_are_suppressed(self, answered):
        results = selectors.consultation_results(consultation=answered)
        assert results.total.text == "9"
        # One small group beside a shown total would give itself away, so the other is hidden too.
        assert dict((label, f.text) for label, f in results.by_audience.rows) == {
            "Children and young people": "hidden",
            "Parents and carers": "fewer than 5",
        }
        ages = dict((label, f.text) for label, f in results.by_age_band.rows)
        assert ages["11 to 15"] == "6" and ages["Under 11"] == "fewer than 5" and ages["26 or older"] == "fewer than 5"
        assert dict((label, f.text) for label, f in results.by_channel.rows) == {"Online": "hidden", "Workshop": "fewer than 5", "Paper form": "0"}
        assert results.any_hidden

    def test_the_breakdown_of_each_question(self, answered):
        results = selectors.consultation_results(consultation=answered)
        single, multiple, scale, text = results.questions
        assert [(label, f.text) for label, f in single.breakdown.rows] == [("Yes", "6"), ("No", "fewer than 5"), ("Sometimes", "fewer than 5")]
        assert single.answered.text == "9"
        assert [(label, f.text) for label, f in multiple.breakdown.rows] == [("Sport", "9"), ("Music", "0"), ("Art", "9"), ("Cooking", "0")]
        assert multiple.breakdown.total.text == ""  # choose-many figures do not add up to a total
        assert [label for label, _ in scale.breakdown.rows] == ["1 – Not at all", "2", "3", "4", "5 – Very much"]
        assert scale.breakdown.rows[3][1].text == "9"
        assert text.breakdown is None and text.text_count == 9

    def test_theme_counts(self, answered, analyst):
        cost = services.theme_create(consultation=answered, name="Cost", by=analyst)
        sport = services.theme_create(consultation=answered, name="Sport", by=analyst)
        texts = Answer.objects.filter(response__consultation=answered, question__kind="text").order_by("pk")
        services.answer_codings_set(
            consultation=answered, codings={a.pk: [sport.pk] + ([cost.pk] if i < 2 else []) for i, a in enumerate(texts)}, by=analyst
        )
        results = selectors.consultation_results(consultation=answered)
        assert [(label, f.text) for label, f in results.themes.rows] == [("Cost", "fewer than 5"), ("Sport", "9")]
        assert [(theme.name, f.text) for theme, f in results.questions[3].themes] == [("Cost", "fewer than 5"), ("Sport", "9")]

    def test_the_true_count_of_a_hidden_figure_never_reaches_the_page(self, answered, commissioner_client):
        html = commissioner_client.get(f"{answered.get_absolute_url()}results/").content.decode()
        assert "fewer than 5" in html
        # Two workshop responses: the count must not appear as the Workshop figure.
        assert (
            '<th scope="row" class="govuk-table__header">Workshop</th><td class="govuk-table__cell govuk-table__cell--numeric">fewer than 5</td>'
            in html
        )


def test_the_results_page_needs_the_same_queries_for_ten_or_two_hundred_responses(
    open_consultation, commissioner_client, analyst, django_assert_max_num_queries
):
    url = f"{open_consultation.get_absolute_url()}results/"
    theme = services.theme_create(consultation=open_consultation, name="Cost", by=analyst)

    def add(n):
        for i in range(n):
            submit(
                open_consultation,
                age_band=[AgeBand.AGE_11_15, AgeBand.AGE_16_18, AgeBand.UNDER_11][i % 3],
                choice=["Yes", "No"][i % 2],
                text=f"Idea {i}",
            )
        texts = Answer.objects.filter(response__consultation=open_consultation, question__kind="text")
        services.answer_codings_set(consultation=open_consultation, codings={a.pk: [theme.pk] for a in texts}, by=analyst)

    add(10)
    with CaptureQueriesContext(connection) as few:
        assert commissioner_client.get(url).status_code == 200
    add(190)
    with django_assert_max_num_queries(len(few)):
        response = commissioner_client.get(url)
    assert response.status_code == 200
    assert "200 responses" in response.content.decode()
    assert len(few) <= 20
