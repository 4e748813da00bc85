"""Staff pages, tried by every kind of person: the trust's staff, another trust's, a provider and nobody."""

import pytest
from django.urls import reverse

from jointly.consultations import services
from jointly.consultations.models import Answer, Coding, Consultation, Question, Response, Theme, YouSaidWeDid
from jointly.needs.models import OutcomeArea

from ..conftest import signed_in_client
from .conftest import form_data, make_consultation, shared_areas, today


def _text_question(consultation):
    return consultation.questions.get(kind=Question.Kind.TEXT)


# Each page: the state the consultation must be in, and its address.
PAGES = {
    "detail": ("open_consultation", lambda c: reverse("consultations:detail", args=[c.slug])),
    "edit": ("draft_consultation", lambda c: reverse("consultations:edit", args=[c.slug])),
    "question-add": ("draft_consultation", lambda c: reverse("consultations:question-add", args=[c.slug])),
    "question-edit": ("draft_consultation", lambda c: reverse("consultations:question-edit", args=[c.slug, c.questions.first().pk])),
    "open": ("draft_consultation", lambda c: reverse("consultations:open", args=[c.slug])),
    "close": ("open_consultation", lambda c: reverse("consultations:close", args=[c.slug])),
    "publish": ("closed_consultation", lambda c: reverse("consultations:publish", args=[c.slug])),
    "response-add": ("open_consultation", lambda c: reverse("consultations:response-add", args=[c.slug])),
    "results": ("closed_consultation", lambda c: reverse("consultations:results", args=[c.slug])),
    "coding": ("closed_consultation", lambda c: reverse("consultations:coding", args=[c.slug, _text_question(c).pk])),
    "ysdw-manage": ("closed_consultation", lambda c: reverse("consultations:ysdw-manage", args=[c.slug])),
    "ysdw-edit": (
        "closed_consultation",
        lambda c: reverse(
            "consultations:ysdw-edit",
            args=[c.slug, services.you_said_we_did_add(consultation=c, you_said="A", we_did="B", by=c.created_by).pk],
        ),
    ),
}
POST_ONLY = {
    "question-delete": ("draft_consultation", lambda c: reverse("consultations:question-delete", args=[c.slug, c.questions.first().pk])),
    "question-move": ("draft_consultation", lambda c: reverse("consultations:question-move", args=[c.slug, c.questions.first().pk])),
    "ysdw-publish": (
        "reported_consultation",
        lambda c: reverse("consultations:ysdw-publish", args=[c.slug, c.you_said_we_did.first().pk]),
    ),
}
MANAGE_ONLY = [name for name in PAGES if name not in ("detail", "results")]


def _url(request, table, page):
    state, build = table[page]
    return build(request.getfixturevalue(state))


class TestWhoMayOpenThePages:
    @pytest.mark.parametrize("page", PAGES)
    def test_the_trusts_commissioner_can(self, request, page, commissioner_client):
        response = commissioner_client.get(_url(request, PAGES, page))
        assert response.status_code == 200
        assert response.content.decode().count("<h1") == 1

    @pytest.mark.parametrize("page", PAGES)
    def test_the_trusts_analyst_can(self, request, page, analyst):
        assert signed_in_client(analyst).get(_url(request, PAGES, page)).status_code == 200

    @pytest.mark.parametrize("page", PAGES)
    def test_another_trusts_commissioner_finds_nothing(self, request, page, other_commissioner_client):
        assert other_commissioner_client.get(_url(request, PAGES, page)).status_code == 404

    @pytest.mark.parametrize("page", PAGES)
    def test_a_provider_is_forbidden_with_the_reason(self, request, page, provider_client):
        response = provider_client.get(_url(request, PAGES, page))
        assert response.status_code == 403
        assert "Your role (provider user) cannot" in response.content.decode()

    @pytest.mark.parametrize("page", PAGES)
    def test_anonymous_people_are_sent_to_sign_in(self, request, page, anonymous_client):
        url = _url(request, PAGES, page)
        response = anonymous_client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:sign-in')}?next={url}"

    @pytest.mark.parametrize("page", ["detail", "results"])
    def test_a_board_member_can_read_but_not_run(self, request, page, board_member):
        client = signed_in_client(board_member)
        assert client.get(_url(request, PAGES, page)).status_code == 200

    @pytest.mark.parametrize("page", MANAGE_ONLY)
    def test_a_board_member_cannot_run_it(self, request, page, board_member):
        assert signed_in_client(board_member).get(_url(request, PAGES, page)).status_code == 403

    @pytest.mark.parametrize("page", POST_ONLY)
    def test_post_only_actions_keep_strangers_out(self, request, page, other_commissioner_client, provider_client, anonymous_client):
        url = _url(request, POST_ONLY, page)
        assert other_commissioner_client.post(url, {"direction": "down"}).status_code == 404
        assert provider_client.post(url, {"direction": "down"}).status_code == 403
        assert anonymous_client.post(url, {"direction": "down"}).status_code == 302

    @pytest.mark.parametrize("page", POST_ONLY)
    def test_post_only_actions_refuse_get(self, request, page, commissioner_client):
        assert commissioner_client.get(_url(request, POST_ONLY, page)).status_code == 405


class TestTheList:
    def test_each_person_sees_their_own_trusts_consultations(
        self, commissioner_client, other_commissioner_client, open_consultation, other_trust_consultation, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(12):
            mine = commissioner_client.get(reverse("consultations:list")).content.decode()
        assert open_consultation.title in mine and other_trust_consultation.title not in mine
        theirs = other_commissioner_client.get(reverse("consultations:list")).content.decode()
        assert other_trust_consultation.title in theirs and open_consultation.title not in theirs

    def test_providers_and_strangers_cannot_list(self, provider_client, anonymous_client):
        assert provider_client.get(reverse("consultations:list")).status_code == 403
        assert anonymous_client.get(reverse("consultations:list")).status_code == 302

    def test_the_list_takes_the_same_queries_for_many_consultations(self, trust, commissioner, commissioner_client, django_assert_max_num_queries):
        for n in range(30):
            make_consultation(trust, commissioner, title=f"Consultation {n}")
        with django_assert_max_num_queries(12):
            assert commissioner_client.get(reverse("consultations:list")).status_code == 200


class TestStartingAConsultation:
    def _post(self, trust, **overrides):
        data = {
            "trust": str(trust.pk),  # a hidden field when the person works in one trust
            "title": "Play parks",
            "purpose": "Tell us about play parks.",
            "audiences": ["children_young_people", "parents_carers"],
            "opens_on_0": "1",
            "opens_on_1": "3",
            "opens_on_2": str(today().year + 1),
            "closes_on_0": "30",
            "closes_on_1": "4",
            "closes_on_2": str(today().year + 1),
            "report_due_on_0": "30",
            "report_due_on_1": "6",
            "report_due_on_2": str(today().year + 1),
            "retention_until_0": "30",
            "retention_until_1": "6",
            "retention_until_2": str(today().year + 2),
            "outcome_areas": [str(area.pk) for area in shared_areas("enjoy-and-achieve", "be-healthy")],
            "other_themes": "Play streets",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    def test_the_commissioner_starts_a_draft_for_their_trust(self, commissioner_client, trust):
        response = commissioner_client.post(reverse("consultations:create"), self._post(trust))
        consultation = Consultation.objects.get()
        assert response.status_code == 302 and response["Location"] == consultation.get_absolute_url()
        assert (consultation.trust, consultation.status, consultation.other_themes) == (trust, "draft", "Play streets")
        assert set(consultation.outcome_areas.all()) == set(shared_areas("enjoy-and-achieve", "be-healthy"))

    def test_mistakes_are_explained_and_nothing_is_saved(self, commissioner_client, trust):
        response = commissioner_client.post(
            reverse("consultations:create"), self._post(trust, title="", audiences=None, closes_on_0="1", closes_on_1="1")
        )
        html = response.content.decode()
        assert response.status_code == 200 and 'class="govuk-error-summary"' in html
        for message in ("Enter the title", "Select who the consultation is for", "The closing date must be on or after the opening date"):
            assert message in html
        assert not Consultation.objects.exists()

    def test_a_commissioner_cannot_start_one_for_another_trust(self, commissioner_client, other_trust):
        response = commissioner_client.post(reverse("consultations:create"), self._post(other_trust))
        assert response.status_code == 200
        assert "Select one of your trusts" in response.content.decode()
        assert not Consultation.objects.exists()

    def test_outcome_areas_are_checkboxes_of_the_shared_and_the_trusts_own(self, commissioner_client, trust, other_trust):
        OutcomeArea.objects.create(trust=trust, name="Ready for adulthood", slug="ready-for-adulthood")
        theirs = OutcomeArea.objects.create(trust=other_trust, name="Their own outcome", slug="their-own")
        html = commissioner_client.get(reverse("consultations:create")).content.decode()
        assert 'class="govuk-checkboxes__input"' in html and 'name="outcome_areas"' in html
        assert "Be healthy" in html and "Ready for adulthood" in html and "Their own outcome" not in html
        response = commissioner_client.post(reverse("consultations:create"), self._post(trust, outcome_areas=[str(theirs.pk)]))
        assert response.status_code == 200 and "Select outcome areas from the list" in response.content.decode()
        assert not Consultation.objects.exists()

    def test_providers_cannot_start_one(self, provider_client, trust):
        assert provider_client.get(reverse("consultations:create")).status_code == 403
        assert provider_client.post(reverse("consultations:create"), self._post(trust)).status_code == 403
        assert not Consultation.objects.exists()


class TestRunningIt:
    def test_questions_are_added_through_the_page(self, commissioner_client, draft_consultation):
        url = reverse("consultations:question-add", args=[draft_consultation.slug])
        bad = commissioner_client.post(url, {"kind": "single", "text": "Pick one", "choices": "Only"})
        assert "Enter at least 2 different answers" in bad.content.decode()
        good = commissioner_client.post(url, {"kind": "single", "text": "Pick one", "choices": "Red\nBlue", "required": "on"})
        assert good.status_code == 302
        assert draft_consultation.questions.last().choices == ["Red", "Blue"]

    def test_an_open_consultations_questions_cannot_be_changed_through_the_page(self, commissioner_client, open_consultation):
        question = open_consultation.questions.first()
        response = commissioner_client.post(
            reverse("consultations:question-edit", args=[open_consultation.slug, question.pk]), {"kind": "text", "text": "Changed"}
        )
        assert response.status_code == 302
        question.refresh_from_db()
        assert question.text == "Do you go to a youth club?"

    def test_open_close_and_publish_through_the_pages(self, commissioner_client, draft_consultation, commissioner):
        slug = draft_consultation.slug
        assert commissioner_client.post(reverse("consultations:open", args=[slug])).status_code == 302
        assert Consultation.objects.get().status == "open"
        assert commissioner_client.post(reverse("consultations:close", args=[slug])).status_code == 302
        refused = commissioner_client.post(reverse("consultations:publish", args=[slug]))
        assert "Add at least one &#x27;you said, we did&#x27; item" in refused.content.decode()
        commissioner_client.post(reverse("consultations:ysdw-manage", args=[slug]), {"you_said": "Too dear", "we_did": "Cheaper"})
        assert commissioner_client.post(reverse("consultations:publish", args=[slug])).status_code == 302
        consultation = Consultation.objects.get()
        assert consultation.status == "reported"
        assert YouSaidWeDid.objects.get().published_on == today()

    def test_a_transition_from_the_wrong_state_is_explained(self, commissioner_client, draft_consultation):
        response = commissioner_client.post(reverse("consultations:close", args=[draft_consultation.slug]))
        assert response.status_code == 200
        assert "This consultation is draft, so you cannot close it. You can close it only when it is open." in response.content.decode()

    def test_a_paper_response_is_typed_in_with_the_same_checks(self, commissioner_client, commissioner, open_consultation):
        url = reverse("consultations:response-add", args=[open_consultation.slug])
        text_question = _text_question(open_consultation)
        bad = commissioner_client.post(url, form_data(open_consultation, channel="paper", **{f"q{text_question.pk}": "x" * 2001}))
        assert "Your answer is too long. Use 2,000 characters or fewer" in bad.content.decode()
        missing_channel = commissioner_client.post(url, form_data(open_consultation))
        assert "Choose how this response was given" in missing_channel.content.decode()
        assert not Response.objects.exists()
        good = commissioner_client.post(url, form_data(open_consultation, channel="paper"))
        assert good.status_code == 302
        response = Response.objects.get()
        assert (response.channel, response.entered_by) == ("paper", commissioner)

    def test_online_is_not_an_offline_channel(self, commissioner_client, open_consultation):
        url = reverse("consultations:response-add", args=[open_consultation.slug])
        commissioner_client.post(url, form_data(open_consultation, channel="online"))
        assert not Response.objects.exists()

    def test_answers_are_coded_to_themes_on_the_coding_page(self, commissioner_client, closed_consultation):
        question = _text_question(closed_consultation)
        url = reverse("consultations:coding", args=[closed_consultation.slug, question.pk])
        commissioner_client.post(url, {"action": "add-theme", "name": "Sport"})
        duplicate = commissioner_client.post(url, {"action": "add-theme", "name": "sport"})
        assert "There is already a theme called" in duplicate.content.decode()
        theme = Theme.objects.get()
        answers = list(Answer.objects.filter(question=question))
        response = commissioner_client.post(url, {"answer": [a.pk for a in answers], f"themes-{answers[0].pk}": [theme.pk]})
        assert response.status_code == 302
        assert list(Coding.objects.values_list("answer_id", "theme_id")) == [(answers[0].pk, theme.pk)]
        page = commissioner_client.get(url).content.decode()
        assert f'id="themes-{answers[0].pk}-{theme.pk}" name="themes-{answers[0].pk}" type="checkbox" value="{theme.pk}" checked' in page

    def test_a_tampered_coding_form_changes_nothing(self, commissioner_client, closed_consultation, other_trust_consultation, other_commissioner):
        question = _text_question(closed_consultation)
        url = reverse("consultations:coding", args=[closed_consultation.slug, question.pk])
        foreign = services.theme_create(consultation=other_trust_consultation, name="Elsewhere", by=other_commissioner)
        answer = Answer.objects.filter(question=question).first()
        response = commissioner_client.post(url, {"answer": [answer.pk], f"themes-{answer.pk}": [foreign.pk]})
        assert "Choose themes from this consultation" in response.content.decode()
        bad_id = commissioner_client.post(url, {"answer": [answer.pk], f"themes-{answer.pk}": ["drop table"]})
        assert bad_id.status_code == 200
        assert not Coding.objects.exists()

    def test_free_text_is_for_the_people_running_the_consultation(self, closed_consultation, board_member, commissioner_client):
        url = reverse("consultations:results", args=[closed_consultation.slug])
        coding_link = reverse("consultations:coding", args=[closed_consultation.slug, _text_question(closed_consultation).pk])
        assert coding_link in commissioner_client.get(url).content.decode()
        assert coding_link not in signed_in_client(board_member).get(url).content.decode()

    def test_the_results_page_draws_each_chart_accessibly(self, commissioner_client, closed_consultation):
        html = commissioner_client.get(reverse("consultations:results", args=[closed_consultation.slug])).content.decode()
        charts = html.count('<svg role="img"')
        assert charts >= 6  # audience, age, channel, three choice questions (themes only when there are some)
        assert html.count("<figure") == charts == html.count("<figcaption")
        assert html.count('aria-label="Bar chart:') == charts
        assert html.count('<caption class="govuk-table__caption govuk-table__caption--s">Figures:') == charts

    def test_an_item_is_published_on_its_own_after_the_first_report(self, commissioner_client, reported_consultation, commissioner):
        item = services.you_said_we_did_add(consultation=reported_consultation, you_said="Later", we_did="Done", by=commissioner)
        commissioner_client.post(reverse("consultations:ysdw-publish", args=[reported_consultation.slug, item.pk]))
        item.refresh_from_db()
        assert item.published_on == today()
        edit = commissioner_client.get(reverse("consultations:ysdw-edit", args=[reported_consultation.slug, item.pk]))
        assert edit.status_code == 302


class TestDraftingThroughThePages:
    def test_the_details_of_a_draft_change(self, commissioner_client, draft_consultation):
        url = reverse("consultations:edit", args=[draft_consultation.slug])
        form = commissioner_client.get(url).content.decode()
        assert 'value="Youth clubs in your area"' in form
        data = {
            "trust": str(draft_consultation.trust_id),
            "title": "Youth centres",
            "purpose": "New words.",
            "audiences": ["children_young_people"],
            "outcome_areas": [str(area.pk) for area in shared_areas("stay-safe")],
        }
        for name in ("opens_on", "closes_on", "report_due_on", "retention_until"):
            value = getattr(draft_consultation, name)
            data.update({f"{name}_0": str(value.day), f"{name}_1": str(value.month), f"{name}_2": str(value.year)})
        response = commissioner_client.post(url, data)
        draft_consultation.refresh_from_db()
        assert response.status_code == 302 and response["Location"] == draft_consultation.get_absolute_url()
        assert (draft_consultation.title, draft_consultation.audiences, list(draft_consultation.outcome_areas.all())) == (
            "Youth centres",
            ["children_young_people"],
            shared_areas("stay-safe"),
        )

    def test_an_open_consultations_details_page_sends_you_back(self, commissioner_client, open_consultation):
        response = commissioner_client.get(reverse("consultations:edit", args=[open_consultation.slug]))
        assert response.status_code == 302 and response["Location"] == open_consultation.get_absolute_url()

    def test_questions_move_and_are_removed_through_the_page(self, commissioner_client, draft_consultation):
        first, second = list(draft_consultation.questions.all())[:2]
        commissioner_client.post(reverse("consultations:question-move", args=[draft_consultation.slug, first.pk]), {"direction": "down"})
        assert list(draft_consultation.questions.values_list("pk", flat=True))[:2] == [second.pk, first.pk]
        commissioner_client.post(reverse("consultations:question-delete", args=[draft_consultation.slug, first.pk]))
        assert not draft_consultation.questions.filter(pk=first.pk).exists()

    def test_a_question_of_another_consultation_is_not_found(self, commissioner_client, draft_consultation, other_trust_consultation):
        foreign = other_trust_consultation.questions.first()
        url = reverse("consultations:question-edit", args=[draft_consultation.slug, foreign.pk])
        assert commissioner_client.get(url).status_code == 404


class TestButtonsFollowTheMoves:
    """Each page offers a button only when its move is available to that person now."""

    BUTTONS = {
        "Open the consultation": "open",
        "Change the details": "edit",
        "Close the consultation": "close",
        "Publish 'you said, we did'": "publish",
        "Add a question": "question-add",
    }

    def _offered(self, client, consultation):
        html = client.get(reverse("consultations:detail", args=[consultation.slug])).content.decode()
        return {name for text, name in self.BUTTONS.items() if text in html and reverse(f"consultations:{name}", args=[consultation.slug]) in html}

    @pytest.mark.parametrize(
        "state, offered",
        [
            ("draft_consultation", {"open", "edit", "question-add"}),
            ("open_consultation", {"close"}),
            ("closed_consultation", {"publish"}),
            ("reported_consultation", set()),
        ],
    )
    def test_the_commissioner_is_offered_the_moves_of_the_state(self, request, commissioner_client, state, offered):
        assert self._offered(commissioner_client, request.getfixturevalue(state)) == offered

    def test_a_board_member_is_offered_none(self, board_member, open_consultation, closed_consultation):
        client = signed_in_client(board_member)
        assert self._offered(client, open_consultation) == set() == self._offered(client, closed_consultation)

    def test_questions_are_changed_only_on_a_draft(self, commissioner_client, draft_consultation, commissioner):
        question = draft_consultation.questions.first()
        detail = reverse("consultations:detail", args=[draft_consultation.slug])
        change = reverse("consultations:question-edit", args=[draft_consultation.slug, question.pk])
        assert change in commissioner_client.get(detail).content.decode()
        services.consultation_open(consultation=draft_consultation, by=commissioner)
        assert change not in commissioner_client.get(detail).content.decode()

    def test_an_item_is_offered_for_publishing_only_once_the_consultation_has_reported(self, commissioner_client, closed_consultation, commissioner):
        item = services.you_said_we_did_add(consultation=closed_consultation, you_said="A", we_did="B", by=commissioner)
        url = reverse("consultations:ysdw-manage", args=[closed_consultation.slug])
        publish_one = reverse("consultations:ysdw-publish", args=[closed_consultation.slug, item.pk])
        change = reverse("consultations:ysdw-edit", args=[closed_consultation.slug, item.pk])
        publish_all = reverse("consultations:publish", args=[closed_consultation.slug])
        html = commissioner_client.get(url).content.decode()
        assert publish_one not in html and change in html and publish_all in html
        services.consultation_publish_response(consultation=closed_consultation, by=commissioner)
        later = services.you_said_we_did_add(consultation=closed_consultation, you_said="C", we_did="D", by=commissioner)
        html = commissioner_client.get(url).content.decode()
        assert publish_one not in html and change not in html and publish_all not in html  # published with the report
        assert reverse("consultations:ysdw-publish", args=[closed_consultation.slug, later.pk]) in html

    def test_a_button_refused_by_the_service_says_why_on_the_page_it_came_from(self, commissioner_client, open_consultation):
        question = open_consultation.questions.first()
        response = commissioner_client.post(reverse("consultations:question-delete", args=[open_consultation.slug, question.pk]), follow=True)
        assert "This consultation is open, so it can no longer be changed." in response.content.decode()
        assert open_consultation.questions.filter(pk=question.pk).exists()

    def test_publishing_an_item_twice_is_refused_in_words(self, commissioner_client, reported_consultation):
        item = reported_consultation.you_said_we_did.get()
        response = commissioner_client.post(reverse("consultations:ysdw-publish", args=[reported_consultation.slug, item.pk]), follow=True)
        assert "This &#x27;you said, we did&#x27; item is published, so you cannot publish it." in response.content.decode()


class TestFormsOfTwoPeople:
    def _details(self, consultation, **overrides):
        data = {
            "trust": str(consultation.trust_id),
            "title": consultation.title,
            "purpose": consultation.purpose,
            "audiences": consultation.audiences,
        }
        for name in ("opens_on", "closes_on", "report_due_on", "retention_until"):
            value = getattr(consultation, name)
            data.update({f"{name}_0": str(value.day), f"{name}_1": str(value.month), f"{name}_2": str(value.year)})
        return {**data, **overrides}

    def test_two_people_changing_one_consultation_cannot_overwrite_each_other(self, commissioner_client, draft_consultation):
        import re

        url = reverse("consultations:edit", args=[draft_consultation.slug])
        version = re.search(r'name="version" value="([0-9a-f]+)"', commissioner_client.get(url).content.decode()).group(1)
        # Someone else saves first, from a form they opened at the same time.
        assert commissioner_client.post(url, self._details(draft_consultation, purpose="Their words.", version=version)).status_code == 302
        html = commissioner_client.post(url, self._details(draft_consultation, purpose="My words.", version=version)).content.decode()
        assert "There is a problem" in html and "Someone else changed this consultation while you were editing it" in html
        draft_consultation.refresh_from_db()
        assert draft_consultation.purpose == "Their words."

    def test_a_form_opened_before_the_consultation_opened_cannot_change_it(self, commissioner_client, draft_consultation, commissioner):
        url = reverse("consultations:edit", args=[draft_consultation.slug])
        commissioner_client.get(url)
        services.consultation_open(consultation=draft_consultation, by=commissioner)
        response = commissioner_client.post(url, self._details(draft_consultation, title="Renamed"), follow=True)
        assert "This consultation is open, so its details and questions can no longer be changed." in response.content.decode()
        draft_consultation.refresh_from_db()
        assert (draft_consultation.status, draft_consultation.title) == ("open", "Youth clubs in your area")

    def test_a_problem_only_the_service_finds_is_shown_against_its_field(self, commissioner_client, draft_consultation):
        url = reverse("consultations:question-add", args=[draft_consultation.slug])
        html = commissioner_client.post(url, {"kind": "single", "text": "Pick one", "choices": "Same\nsame"}).content.decode()
        assert '<a href="#id_choices">Enter at least 2 different answers to choose from, one on each line</a>' in html
        assert draft_consultation.questions.count() == 4
