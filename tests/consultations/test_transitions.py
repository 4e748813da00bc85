"""The consultation's states: draft → open → closed → reported, and only that way."""

import datetime

import pytest
import time_machine

from jointly.audit.models import AuditEntry
from jointly.consultations import services, tasks
from jointly.consultations.models import Consultation
from jointly.core.transitions import InvalidTransition

from .conftest import make_consultation, submit, today


class TestOpen:
    def test_a_draft_with_questions_opens_and_the_trail_says_who(self, draft_consultation, commissioner):
        opened = services.consultation_open(consultation=draft_consultation, by=commissioner)
        assert opened.status == Consultation.Status.OPEN
        assert opened.opened_on == today()
        entry = AuditEntry.objects.filter(object_type="consultations.consultation", action=AuditEntry.Action.TRANSITION).get()
        assert entry.actor == commissioner
        assert (entry.before["status"], entry.after["status"]) == ("draft", "open")

    def test_a_draft_without_questions_cannot_open(self, trust, commissioner):
        consultation = services.consultation_create(
            trust=trust,
            title="Empty",
            by=commissioner,
            purpose="Why",
            audiences=["vcs"],
            opens_on=today(),
            closes_on=today(),
            report_due_on=today(),
            retention_until=today(),
        )
        with pytest.raises(InvalidTransition, match="^Add at least one question before you open the consultation$"):
            services.consultation_open(consultation=consultation, by=commissioner)
        consultation.refresh_from_db()
        assert consultation.status == Consultation.Status.DRAFT

    def test_a_draft_whose_closing_date_has_passed_cannot_open(self, trust, commissioner):
        consultation = make_consultation(
            trust,
            commissioner,
            opens_on=today() - datetime.timedelta(days=20),
            closes_on=today() - datetime.timedelta(days=1),
        )
        with pytest.raises(InvalidTransition, match="closing date has passed"):
            services.consultation_open(consultation=consultation, by=commissioner)

    def test_an_open_consultation_cannot_open_again(self, open_consultation, commissioner):
        with pytest.raises(InvalidTransition):
            services.consultation_open(consultation=open_consultation, by=commissioner)


class TestClose:
    def test_an_open_consultation_closes(self, open_consultation, commissioner):
        closed = services.consultation_close(consultation=open_consultation, by=commissioner)
        assert closed.status == Consultation.Status.CLOSED
        assert closed.closed_on == today()

    def test_a_draft_cannot_close(self, draft_consultation, commissioner):
        with pytest.raises(InvalidTransition, match="^This consultation is draft, so you cannot close it. You can close it only when it is open.$"):
            services.consultation_close(consultation=draft_consultation, by=commissioner)

    def test_the_scheduler_closes_consultations_past_their_closing_date_once(self, trust, commissioner):
        consultation = make_consultation(trust, commissioner, opens_on=today() - datetime.timedelta(days=10), closes_on=today())
        services.consultation_open(consultation=consultation, by=commissioner)
        assert tasks.close_ended_consultations() == "0 consultations closed"  # the closing day itself still counts
        with time_machine.travel(datetime.datetime.now() + datetime.timedelta(days=2)):
            assert tasks.close_ended_consultations() == "1 consultations closed"
            assert tasks.close_ended_consultations() == "0 consultations closed"
        consultation.refresh_from_db()
        assert consultation.status == Consultation.Status.CLOSED

    def test_the_scheduler_leaves_consultations_still_running(self, open_consultation):
        assert tasks.close_ended_consultations() == "0 consultations closed"
        open_consultation.refresh_from_db()
        assert open_consultation.status == Consultation.Status.OPEN


class TestPublishResponse:
    def test_publishing_stamps_every_item_and_reports(self, closed_consultation, commissioner):
        services.you_said_we_did_add(consultation=closed_consultation, you_said="A", we_did="B", by=commissioner)
        services.you_said_we_did_add(consultation=closed_consultation, you_said="C", we_did="D", by=commissioner)
        reported = services.consultation_publish_response(consultation=closed_consultation, by=commissioner)
        assert reported.status == Consultation.Status.REPORTED
        assert reported.reported_on == today()
        assert list(reported.you_said_we_did.values_list("published_on", flat=True)) == [today(), today()]

    def test_nothing_to_say_means_nothing_to_publish(self, closed_consultation, commissioner):
        with pytest.raises(InvalidTransition, match="at least one 'you said, we did'"):
            services.consultation_publish_response(consultation=closed_consultation, by=commissioner)
        closed_consultation.refresh_from_db()
        assert closed_consultation.status == Consultation.Status.CLOSED

    def test_an_open_consultation_cannot_report(self, open_consultation, commissioner):
        submit(open_consultation)
        with pytest.raises(InvalidTransition):
            # Items can be added only after closing.
            services.you_said_we_did_add(consultation=open_consultation, you_said="A", we_did="B", by=commissioner)
        with pytest.raises(
            InvalidTransition, match="^This consultation is open, so you cannot report back on it. You can report back on it only when it is closed.$"
        ):
            services.consultation_publish_response(consultation=open_consultation, by=commissioner)

    def test_a_reported_consultation_cannot_report_again(self, reported_consultation, commissioner):
        with pytest.raises(InvalidTransition):
            services.consultation_publish_response(consultation=reported_consultation, by=commissioner)

    def test_an_item_added_later_is_published_on_its_own(self, reported_consultation, commissioner):
        item = services.you_said_we_did_add(consultation=reported_consultation, you_said="Late", we_did="Done", by=commissioner)
        assert item.published_on is None
        services.you_said_we_did_publish(item=item, by=commissioner)
        item.refresh_from_db()
        assert item.published_on == today()

    def test_single_items_cannot_be_published_before_the_whole_response(self, closed_consultation, commissioner):
        item = services.you_said_we_did_add(consultation=closed_consultation, you_said="A", we_did="B", by=commissioner)
        with pytest.raises(InvalidTransition, match="^Publish 'you said, we did' for the whole consultation first$"):
            services.you_said_we_did_publish(item=item, by=commissioner)
