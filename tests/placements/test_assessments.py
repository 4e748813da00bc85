"""The DPIA gate: a child's personal data is recorded only under a data protection impact assessment,
never in the audit trail, never after the request is over."""

import datetime

import pytest
from django.utils import timezone

from jointly.audit.models import AuditEntry
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.placements.models import ChildDetails
from jointly.placements.services import assessments, requests

from .conftest import make_request, record_assessment

pytestmark = pytest.mark.django_db


def test_without_an_assessment_personal_data_is_refused_with_the_reason(trust, commissioner, framework, buyer):
    placement = make_request(trust, commissioner, framework, buyer)
    with pytest.raises(FieldErrors) as refused:
        assessments.child_details_record(request=placement, by=commissioner, school="Hilltop Primary")
    assert "data protection impact assessment" in refused.value.message_dict[NON_FIELD][0]
    assert not ChildDetails.objects.exists()


def test_another_trusts_assessment_does_not_count(trust, other_trust, commissioner, other_commissioner, framework, buyer):
    record_assessment(other_trust, other_commissioner)
    placement = make_request(trust, commissioner, framework, buyer)
    with pytest.raises(FieldErrors):
        assessments.child_details_record(request=placement, by=commissioner, school="Hilltop Primary")


def test_an_assessment_says_every_missing_part_at_once(trust, commissioner):
    with pytest.raises(FieldErrors) as refused:
        assessments.assessment_record(
            trust=trust,
            by=commissioner,
            lawful_basis="",
            minimisation=" ",
            retention_months=0,
            approved_by="",
            approved_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert set(refused.value.message_dict) == {"lawful_basis", "minimisation", "retention_months", "approved_by", "approved_on"}


def test_with_an_assessment_personal_data_is_recorded_and_kept_out_of_the_trail(trust, commissioner, framework, buyer):
    assessment = record_assessment(trust, commissioner)
    placement = make_request(trust, commissioner, framework, buyer)
    details = assessments.child_details_record(
        request=placement, by=commissioner, date_of_birth=datetime.date(2015, 3, 9), school="Hilltop Primary", family_member="Sam Jones, aunt"
    )
    assert details.assessment == assessment and details.delete_on is None
    trail = " ".join(str(entry.before) + str(entry.after) for entry in AuditEntry.objects.filter(object_type="placements.childdetails"))
    assert AuditEntry.objects.filter(object_type="placements.childdetails").exists()
    assert "Hilltop" not in trail and "Sam Jones" not in trail and "2015-03-09" not in trail


def test_nothing_is_added_once_the_request_is_over(trust, commissioner, framework, buyer):
    record_assessment(trust, commissioner)
    placement = make_request(trust, commissioner, framework, buyer)
    assessments.child_details_record(request=placement, by=commissioner, school="Hilltop Primary")
    cancelled = requests.request_cancel(request=placement, by=commissioner, reason="Family placement found")
    assert ChildDetails.objects.get().delete_on == assessments.add_months(cancelled.ended_on, 24)
    with pytest.raises(FieldErrors, match="over"):
        assessments.child_details_record(request=cancelled, by=commissioner, school="Another school")


def test_add_months_keeps_the_day_or_the_months_last():
    assert assessments.add_months(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)
    assert assessments.add_months(datetime.date(2027, 11, 15), 24) == datetime.date(2029, 11, 15)
