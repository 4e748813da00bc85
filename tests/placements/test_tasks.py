"""The retention clock, driven by a frozen clock: personal details deleted once the retention has passed, once."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from jointly.placements import tasks
from jointly.placements.models import ChildDetails
from jointly.placements.services import assessments, offers, requests

from .conftest import offer_from, record_assessment

pytestmark = pytest.mark.django_db


def _on(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_current_timezone()), tick=False)


def test_personal_details_are_deleted_when_the_retention_after_the_end_has_passed(trust, commissioner, sent, provider_user):
    record_assessment(trust, commissioner, retention_months=6)
    assessments.child_details_record(request=sent, by=commissioner, school="Hilltop Primary")
    offer = offer_from(sent, provider_user)
    placed = offers.request_choose(request=sent, offer=offer, by=commissioner, reasons="Closest to school.", others_reason="Another was closer.")
    ended_on = placed.starts_on + datetime.timedelta(days=30)
    with _on(ended_on):
        requests.request_end(request=placed, by=commissioner, ended_on=ended_on)
    due = assessments.add_months(ended_on, 6)
    assert ChildDetails.objects.get().delete_on == due

    with _on(due - datetime.timedelta(days=1)):
        assert tasks.delete_personal_details_past_retention() == "0 deleted"
    assert ChildDetails.objects.exists()
    with _on(due):
        assert tasks.delete_personal_details_past_retention() == "1 deleted"
        assert tasks.delete_personal_details_past_retention() == "0 deleted"  # idempotent
    assert not ChildDetails.objects.exists()
    placed.refresh_from_db()
    assert placed.reference and placed.needs  # the pseudonymous request stays


def test_a_running_placements_details_are_never_due(trust, commissioner, sent):
    record_assessment(trust, commissioner)
    assessments.child_details_record(request=sent, by=commissioner, school="Hilltop Primary")
    with _on(timezone.localdate() + datetime.timedelta(days=3650)):
        assert tasks.delete_personal_details_past_retention() == "0 deleted"
    assert ChildDetails.objects.exists()


def test_the_job_reads_through_its_index(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        tasks.delete_personal_details_past_retention()
