"""The consultation jobs read only the consultations due, through their indexes, and handle each on its own."""

import datetime

import pytest
import time_machine

from jointly.consultations import selectors, services, tasks
from jointly.consultations.models import Consultation, Response
from jointly.core.errors import FieldErrors
from tests.due_work import assert_served_by_index, breaks_for, queries_made

from .conftest import make_consultation, submit, today

LATER = datetime.timedelta(days=400)


def _open(trust, by, **dates):
    return services.consultation_open(consultation=make_consultation(trust, by, **dates), by=by)


def _at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


def test_the_closing_job_reads_through_its_index(db):
    assert_served_by_index(selectors.consultations_past_closing(today=today()), "consultation_closing_due")


def test_the_erasure_job_reads_through_its_index(db):
    assert_served_by_index(selectors.consultations_past_retention(today=today()), "consultation_erasure_due")


def test_consultations_not_due_cost_the_closing_job_nothing(trust, commissioner):
    _open(trust, commissioner, title="Due")
    with _at(today() + datetime.timedelta(days=31)):
        alone = queries_made(tasks.close_ended_consultations)
    _open(trust, commissioner, title="Also due")
    _open(trust, commissioner, title="Still running", closes_on=today() + datetime.timedelta(days=60))
    make_consultation(trust, commissioner, title="A draft")
    with _at(today() + datetime.timedelta(days=31)):
        assert queries_made(tasks.close_ended_consultations) == alone
    assert Consultation.objects.filter(status=Consultation.Status.OPEN).count() == 1


def test_consultations_not_due_cost_the_erasure_job_nothing(closed_consultation, trust, commissioner):
    day_after = closed_consultation.retention_until + datetime.timedelta(days=1)
    with _at(day_after):
        alone = queries_made(tasks.erase_expired_responses)
    due = _open(trust, commissioner, title="Also due", retention_until=closed_consultation.retention_until)
    for _ in range(3):
        submit(due)
    for title in ("Kept longer", "Kept longer still"):
        submit(_open(trust, commissioner, title=title, retention_until=today() + LATER))
    with _at(day_after):
        assert queries_made(tasks.erase_expired_responses) == alone
    assert Response.objects.count() == 2


def test_a_consultation_closed_by_hand_meanwhile_is_refused_and_the_others_still_close(trust, commissioner, monkeypatch):
    stale, due = _open(trust, commissioner, title="Closed by hand"), _open(trust, commissioner, title="Due")
    monkeypatch.setattr(selectors, "consultations_past_closing", lambda today: [stale, due])
    services.consultation_close(consultation=Consultation.objects.get(pk=stale.pk), by=commissioner)
    with _at(today() + datetime.timedelta(days=31)):
        result = tasks.close_ended_consultations()
    assert result.startswith(f"1 consultations closed, 1 refused (consultation {stale.pk}: This consultation is closed")
    due.refresh_from_db()
    assert due.status == Consultation.Status.CLOSED


def test_an_erasure_that_breaks_is_reported_and_the_others_are_still_erased(closed_consultation, other_trust, other_commissioner, monkeypatch):
    second = _open(other_trust, other_commissioner, title="Essex play schemes")
    submit(second)
    monkeypatch.setattr(
        services, "consultation_responses_erase", breaks_for(services.consultation_responses_erase, closed_consultation, argument="consultation")
    )
    with _at(closed_consultation.retention_until + datetime.timedelta(days=1)):
        result = tasks.erase_expired_responses()
    assert result == f"1 responses deleted, 1 failed (consultation {closed_consultation.pk}: RuntimeError: the disk is full)"
    assert Response.objects.filter(consultation=closed_consultation).count() == 3


@pytest.mark.parametrize("days_after", [1, 30])
def test_online_answers_are_refused_after_the_closing_date_whether_or_not_the_job_has_run(open_consultation, days_after):
    with _at(open_consultation.closes_on + datetime.timedelta(days=days_after)):
        with pytest.raises(FieldErrors, match="not taking answers"):
            submit(open_consultation)
    open_consultation.refresh_from_db()
    assert open_consultation.status == Consultation.Status.OPEN  # the job has not run
