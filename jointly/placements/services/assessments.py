"""The data protection impact assessment of a trust's placements, and the child's personal details it allows."""

from __future__ import annotations

import calendar
import datetime

from django.utils import timezone

from jointly.core.errors import NON_FIELD, FieldErrors

from ..models import ChildDetails, PlacementRequest, ProcessingAssessment

NO_ASSESSMENT = (
    "A child's personal data can be recorded only once a data protection impact assessment for the trust's "
    "placements is recorded (lawful basis, minimisation, retention and who approved it). Record one first, "
    "or keep to the pseudonymous reference."
)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def assessment_in_force(trust, *, on: datetime.date | None = None) -> ProcessingAssessment | None:
    """The latest DPIA approved on or before the day."""
    on = on or timezone.localdate()
    return ProcessingAssessment.objects.filter(trust=trust, approved_on__lte=on).order_by("-approved_on", "-pk").first()


def assessment_record(
    *, trust, by, lawful_basis: str, minimisation: str, retention_months: int, approved_by: str, approved_on: datetime.date
) -> ProcessingAssessment:
    errors = {}
    for name, value, message in (
        ("lawful_basis", lawful_basis, "Enter the lawful basis for processing children's personal data"),
        ("minimisation", minimisation, "Enter what is collected and why no more is needed"),
        ("approved_by", approved_by, "Enter who approved the assessment"),
    ):
        if not (value or "").strip():
            errors[name] = message
    if retention_months is None or not 1 <= retention_months <= 1200:
        errors["retention_months"] = "Enter the retention period in months, from 1 to 1200"
    if approved_on is None:
        errors["approved_on"] = "Enter the date the assessment was approved"
    elif approved_on > timezone.localdate():
        errors["approved_on"] = "The approval date cannot be in the future"
    if errors:
        raise FieldErrors(errors)
    return ProcessingAssessment.objects.create(
        trust=trust,
        lawful_basis=lawful_basis.strip(),
        minimisation=minimisation.strip(),
        retention_months=retention_months,
        approved_by=approved_by.strip(),
        approved_on=approved_on,
        recorded_by=by,
    )


def child_details_record(
    *, request: PlacementRequest, by, date_of_birth: datetime.date | None = None, school: str = "", family_member: str = ""
) -> ChildDetails:
    """Record (or change) the child's personal data: refused without a DPIA in force, or once the request is over."""
    assessment = assessment_in_force(request.trust)
    if assessment is None:
        raise FieldErrors({NON_FIELD: NO_ASSESSMENT})
    if request.status in (PlacementRequest.Status.ENDED, PlacementRequest.Status.CANCELLED):
        raise FieldErrors({NON_FIELD: "The request is over: its personal data is kept only until its retention ends, and not added to."})
    if date_of_birth and date_of_birth > timezone.localdate():
        raise FieldErrors({"date_of_birth": "The date of birth must be in the past"})
    details, _ = ChildDetails.objects.update_or_create(
        request=request,
        defaults={
            "assessment": assessment,
            "date_of_birth": date_of_birth,
            "school": (school or "").strip(),
            "family_member": (family_member or "").strip(),
            "recorded_by": by,
        },
    )
    return details


def schedule_deletion(request: PlacementRequest, *, ended_on: datetime.date) -> None:
    """When the request is over, the personal data is kept for the DPIA's retention period, then deleted."""
    details = ChildDetails.objects.filter(request=request).select_related("assessment").first()
    if details is not None:
        details.delete_on = add_months(ended_on, details.assessment.retention_months)
        details.save(update_fields=["delete_on"])


def details_past_retention(*, today: datetime.date):
    """The scheduled job's query (indexed on delete_on)."""
    return ChildDetails.objects.filter(delete_on__lte=today)


def child_details_delete(details: ChildDetails, *, today: datetime.date) -> int:
    """Delete the personal data once its retention has passed; checked again on the row (idempotent)."""
    row = ChildDetails.objects.select_for_update().filter(pk=details.pk, delete_on__lte=today).first()
    if row is None:
        return 0
    row.delete()
    return 1
