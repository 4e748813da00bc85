"""The public pages, as someone with no account — a twelve-year-old on a phone, say — uses them."""

import datetime
import html as html_lib
import re

import pytest
from django.urls import reverse

from jointly.consultations import services
from jointly.consultations.models import Answer, Response

from .conftest import form_data, make_consultation, questions, today


def _html(response) -> str:
    return response.content.decode()


def _text(response) -> str:
    """What a person reads: the page without tags, with entities and spacing tidied."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", _html(response))).split())


class TestTheForm:
    def test_it_opens_without_an_account_and_says_what_a_young_person_needs_to_know(self, anonymous_client, open_consultation):
        response = anonymous_client.get(open_consultation.get_public_url())
        assert response.status_code == 200
        html, text = _html(response), _text(response)
        assert html.count("<h1") == 1
        assert (
            "If you are worried about your safety or someone else's, talk to a trusted adult or call Childline free on 0800 1111. "
            "Your answers are anonymous, so we cannot reply to you."
        ) in text
        assert "You can also talk to a youth worker." in text  # the trust's own safeguarding contact
        assert "How old are you?" in text and "We ask for an age group, not your date of birth." in text
        assert "I am happy to share my answers" in text
        # Nothing that asks who they are.
        for asked in ('type="email"', 'name="name"', 'name="email"', 'name="postcode"', 'name="date_of_birth"'):
            assert asked not in html
        # The form posts back to the server: it works with no JavaScript.
        assert re.search(r'<form method="post"[^>]*>', html)
        assert 'type="submit"' in html
        # Nothing kept in a shared computer's cache or autofill.
        assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
        assert 'autocomplete="off"' in html

    def test_no_tracking_or_third_party_scripts(self, anonymous_client, open_consultation):
        html = _html(anonymous_client.get(open_consultation.get_public_url()))
        for src in re.findall(r'<script[^>]*src="([^"]+)"', html):
            assert src.startswith("/static/")
        for tracker in ("googletagmanager", "google-analytics", "gtag(", "plausible", "matomo", "facebook", "hotjar"):
            assert tracker not in html

    def test_a_single_audience_is_not_asked(self, anonymous_client, trust, commissioner):
        consultation = make_consultation(trust, commissioner, title="Just for young people", audiences=["children_young_people"])
        consultation = services.consultation_open(consultation=consultation, by=commissioner)
        html = _html(anonymous_client.get(consultation.get_public_url()))
        assert "Who are you answering as?" not in html
        anonymous_client.post(consultation.get_public_url(), form_data(consultation, audience=None))
        assert Response.objects.get().audience == "children_young_people"

    def test_a_valid_response_is_stored_once_with_its_answers_and_thanked(self, anonymous_client, open_consultation):
        response = anonymous_client.post(open_consultation.get_public_url(), form_data(open_consultation))
        assert response.status_code == 302
        assert response["Location"] == reverse("consultations:sent", args=[open_consultation.slug])
        stored = Response.objects.get()
        assert (stored.consultation, stored.channel, stored.age_band, stored.audience) == (
            open_consultation,
            "online",
            "11_15",
            "children_young_people",
        )
        assert stored.answers.count() == 4
        assert Answer.objects.count() == 4
        thanks = anonymous_client.get(response["Location"])
        html, text = _html(thanks), _text(thanks)
        assert 'class="govuk-panel govuk-panel--confirmation"' in html
        assert "Your answers have been sent" in text
        assert f"By {open_consultation.report_due_on.strftime('%-d %B %Y')} we will publish what people said" in text
        assert reverse("consultations:you-said-we-did", args=[open_consultation.slug]) in html

    @pytest.mark.parametrize(
        "overrides, message",
        [
            ({"age_band": None}, "Choose how old you are"),
            ({"audience": None}, "Choose who you are answering as"),
            ({"consent": None}, "Tick the box if you are happy to share your answers"),
            ({"text": ""}, "Write your answer in the box"),
            ({"text": "a" * 2001}, "Your answer is too long. Use 2,000 characters or fewer"),
            ({"single": None}, "Choose an answer"),
            ({"single": "Maybe"}, "Choose one of the answers in the list"),
            ({"scale": "9"}, "Choose a number from 1 to 5"),
            ({"multiple": ["Sport", "Bungee"]}, "Choose from the answers in the list"),
        ],
    )
    def test_a_bad_response_shows_the_error_summary_and_stores_nothing(self, anonymous_client, open_consultation, overrides, message):
        single, multiple, scale, text = questions(open_consultation)
        names = {"single": f"q{single.pk}", "multiple": f"q{multiple.pk}", "scale": f"q{scale.pk}", "text": f"q{text.pk}"}
        data = form_data(open_consultation, **{names.get(key, key): value for key, value in overrides.items()})
        response = anonymous_client.post(open_consultation.get_public_url(), data)
        assert response.status_code == 200
        html = _html(response)
        assert 'class="govuk-error-summary"' in html
        assert _text(response).count(message) == 2  # in the summary and beside the question
        assert "<title>Error: " in html
        assert Response.objects.count() == 0 and Answer.objects.count() == 0

    def test_every_problem_is_shown_at_once(self, anonymous_client, open_consultation):
        single, multiple, scale, text = questions(open_consultation)
        data = form_data(open_consultation, age_band=None, consent=None, **{f"q{single.pk}": "Maybe", f"q{text.pk}": "a" * 2001})
        page = _text(anonymous_client.post(open_consultation.get_public_url(), data))
        for message in (
            "Choose how old you are",
            "Tick the box if you are happy to share your answers",
            "Choose one of the answers in the list",
            "Your answer is too long. Use 2,000 characters or fewer",
        ):
            assert page.count(message) == 2, message
        assert Response.objects.count() == 0

    def test_what_was_typed_is_kept_on_the_page_after_an_error(self, anonymous_client, open_consultation):
        single, multiple, scale, text = questions(open_consultation)
        html = _html(anonymous_client.post(open_consultation.get_public_url(), form_data(open_consultation, consent=None)))
        assert "Somewhere warm to go after school</textarea>" in html
        assert 'value="Yes" checked' in html

    def test_the_thank_you_page_is_only_for_people_who_sent_answers(self, anonymous_client, open_consultation):
        response = anonymous_client.get(reverse("consultations:sent", args=[open_consultation.slug]))
        assert response.status_code == 302
        assert response["Location"] == open_consultation.get_public_url()


class TestNotOpen:
    def test_a_draft_is_not_there(self, anonymous_client, draft_consultation):
        assert anonymous_client.get(draft_consultation.get_public_url()).status_code == 404
        assert anonymous_client.get(reverse("consultations:you-said-we-did", args=[draft_consultation.slug])).status_code == 404

    def test_a_closed_consultation_says_so_kindly_and_takes_nothing(self, anonymous_client, closed_consultation):
        before = Response.objects.count()
        page = anonymous_client.get(closed_consultation.get_public_url())
        assert page.status_code == 200
        html = _html(page)
        assert "Thank you for wanting to take part. This consultation has closed" in _text(page)
        assert "<form" not in html.split('id="main-content"')[1]
        anonymous_client.post(closed_consultation.get_public_url(), form_data(closed_consultation))
        assert Response.objects.count() == before

    def test_a_consultation_not_yet_open_says_when_it_opens(self, anonymous_client, trust, commissioner):
        consultation = make_consultation(trust, commissioner, title="Soon", opens_on=today() + datetime.timedelta(days=7))
        consultation = services.consultation_open(consultation=consultation, by=commissioner)
        page = anonymous_client.get(consultation.get_public_url())
        assert f"This consultation is not open yet. You can answer from {consultation.opens_on.strftime('%-d %B %Y')}." in _text(page)


class TestRepeatSending:
    def test_one_browser_session_is_slowed_after_the_limit_without_keeping_addresses(self, anonymous_client, open_consultation, settings):
        settings.JOINTLY_CONSULTATION_SESSION_LIMIT = 2
        for _ in range(2):
            assert anonymous_client.post(open_consultation.get_public_url(), form_data(open_consultation)).status_code == 302
        third = anonymous_client.post(open_consultation.get_public_url(), form_data(open_consultation))
        assert third.status_code == 429
        assert "You have sent answers a lot of times" in _text(third)
        assert Response.objects.count() == 2

    def test_a_new_browser_session_can_answer(self, anonymous_client, open_consultation, settings, client):
        settings.JOINTLY_CONSULTATION_SESSION_LIMIT = 1
        anonymous_client.post(open_consultation.get_public_url(), form_data(open_consultation))
        assert client.post(open_consultation.get_public_url(), form_data(open_consultation)).status_code == 302
        assert Response.objects.count() == 2


class TestYouSaidWeDidPage:
    def test_before_publishing_it_says_when(self, anonymous_client, closed_consultation):
        html = _html(anonymous_client.get(reverse("consultations:you-said-we-did", args=[closed_consultation.slug])))
        assert "We have not published this yet" in html
        assert closed_consultation.report_due_on.strftime("%-d %B %Y") in html

    def test_once_published_it_lists_the_items(self, anonymous_client, reported_consultation):
        html = _html(anonymous_client.get(reverse("consultations:you-said-we-did", args=[reported_consultation.slug])))
        assert "Clubs cost too much." in html and "We made 200 places free." in html

    def test_unpublished_items_stay_hidden(self, anonymous_client, reported_consultation, commissioner):
        services.you_said_we_did_add(consultation=reported_consultation, you_said="Draft thought", we_did="Not yet", by=commissioner)
        html = _html(anonymous_client.get(reverse("consultations:you-said-we-did", args=[reported_consultation.slug])))
        assert "Draft thought" not in html

    def test_the_index_lists_open_and_reported_consultations_but_not_drafts(self, anonymous_client, open_consultation, trust, commissioner):
        make_consultation(trust, commissioner, title="A secret draft")
        html = _html(anonymous_client.get(reverse("consultations:index")))
        assert open_consultation.title in html
        assert "A secret draft" not in html
