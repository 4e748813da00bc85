"""No personal data: nothing that identifies who answered is stored anywhere, and answers are deleted on time."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models

from jointly.audit.models import AuditEntry
from jointly.consultations import services, tasks
from jointly.consultations.models import Answer, Coding, Consultation, Response, Theme
from jointly.core.middleware import SEEN_KEY

from .conftest import form_data, make_consultation, submit

PERSONAL_WORDS = ("name", "email", "mail", "ip", "address", "birth", "dob", "phone", "postcode", "agent", "cookie", "session")


@pytest.mark.parametrize("model", [Response, Answer])
def test_responses_and_answers_have_no_field_for_personal_data(model):
    for field in model._meta.get_fields():
        assert not isinstance(field, (models.EmailField, models.GenericIPAddressField, models.URLField))
        words = field.name.lower().split("_")
        assert not any(word in PERSONAL_WORDS for word in words), f"{model.__name__}.{field.name} looks personal"
    # Only the member of staff who typed in a paper response is linked to a person.
    people = [
        f.name for f in model._meta.get_fields() if f.is_relation and f.related_model is not None and f.related_model._meta.label == "accounts.User"
    ]
    assert people == (["entered_by"] if model is Response else [])


def test_a_response_keeps_the_date_not_the_time(open_consultation):
    assert isinstance(Response._meta.get_field("submitted_on"), models.DateField)
    assert not isinstance(Response._meta.get_field("submitted_on"), models.DateTimeField)


def _every_stored_text() -> str:
    """Everything in the database that could hold text: every model's text fields and every session."""
    chunks = []
    for model in apps.get_models():
        text_fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField, models.GenericIPAddressField))
        ]
        if text_fields:
            for row in model._base_manager.values_list(*text_fields):
                chunks.append(repr(row))
    for session in Session.objects.all():
        chunks.append(repr(session.get_decoded()))
    return "\n".join(chunks)


def test_the_address_and_browser_of_someone_answering_are_not_saved_anywhere(anonymous_client, open_consultation):
    address, forwarded, agent = "203.0.113.77", "198.51.100.23", "PrivacyProbeBrowser/1.0"
    response = anonymous_client.post(
        open_consultation.get_public_url(),
        form_data(open_consultation),
        REMOTE_ADDR=address,
        HTTP_X_FORWARDED_FOR=forwarded,
        HTTP_USER_AGENT=agent,
    )
    assert response.status_code == 302
    assert Response.objects.count() == 1
    everything = _every_stored_text()
    # The probe is sound: the answer text itself is found by the same search.
    assert "Somewhere warm to go after school" in everything
    for secret in (address, forwarded, agent):
        assert secret not in everything


def test_answers_refused_are_kept_nowhere(anonymous_client, open_consultation):
    """A response sent back to be put right leaves nothing behind: not in the tables, the trail or the session."""
    text_question = open_consultation.questions.get(kind="text")
    response = anonymous_client.post(
        open_consultation.get_public_url(),
        form_data(open_consultation, consent=None, **{f"q{text_question.pk}": "A worry I wrote down"}),
    )
    assert response.status_code == 200 and "A worry I wrote down" in response.content.decode()  # kept on the page only
    assert "A worry I wrote down" not in _every_stored_text()
    assert not Response.objects.exists()


def test_the_session_holds_no_answers_only_a_count(anonymous_client, open_consultation):
    anonymous_client.post(open_consultation.get_public_url(), form_data(open_consultation))
    session = anonymous_client.session
    # Beside the count, only when the session was last seen (to end it after two hours idle).
    assert set(session.keys()) == {"consultations.sent_at", "consultations.sent_to", SEEN_KEY}
    assert isinstance(session[SEEN_KEY], int)
    assert "Somewhere warm" not in repr(dict(session.items()))


def test_responses_leave_no_copy_in_the_audit_trail(open_consultation):
    submit(open_consultation, text="A private thought")
    assert not AuditEntry.objects.filter(object_type__in=["consultations.response", "consultations.answer"]).exists()
    assert not AuditEntry.objects.filter(after__icontains="A private thought").exists()


class TestRetention:
    @pytest.fixture
    def coded(self, closed_consultation, analyst):
        theme = services.theme_create(consultation=closed_consultation, name="Cost", by=analyst)
        answer = Answer.objects.filter(response__consultation=closed_consultation, question__kind="text").first()
        services.answer_codings_set(consultation=closed_consultation, codings={answer.pk: [theme.pk]}, by=analyst)
        return closed_consultation

    def test_responses_are_deleted_after_the_retention_date_and_themes_stay(self, coded, other_trust, other_commissioner):
        kept_longer = make_consultation(other_trust, other_commissioner, retention_until=coded.retention_until + datetime.timedelta(days=30))
        kept_longer = services.consultation_open(consultation=kept_longer, by=other_commissioner)
        submit(kept_longer)
        day_after = coded.retention_until + datetime.timedelta(days=1)
        assert tasks.erase_expired_responses() == "0 responses deleted"
        with time_machine.travel(datetime.datetime.combine(day_after, datetime.time(12))):
            assert tasks.erase_expired_responses() == "3 responses deleted"
            assert tasks.erase_expired_responses() == "0 responses deleted"
        assert not Response.objects.filter(consultation=coded).exists()
        assert not Answer.objects.filter(response__consultation=coded).exists()
        assert not Coding.objects.exists()
        assert Theme.objects.filter(consultation=coded).count() == 1
        coded.refresh_from_db()
        assert coded.responses_erased_on == day_after
        # Another consultation's responses are kept until its own date.
        assert Response.objects.filter(consultation=kept_longer).count() == 1
        assert AuditEntry.objects.filter(
            object_type="consultations.consultation", object_id=str(coded.pk), after__responses_erased_on=day_after.isoformat()
        ).exists()

    def test_drafts_are_left_alone(self, draft_consultation):
        later = draft_consultation.retention_until + datetime.timedelta(days=5)
        with time_machine.travel(datetime.datetime.combine(later, datetime.time(12))):
            assert tasks.erase_expired_responses() == "0 responses deleted"
        draft_consultation.refresh_from_db()
        assert (draft_consultation.status, draft_consultation.responses_erased_on) == (Consultation.Status.DRAFT, None)
