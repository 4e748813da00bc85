"""Reads for grants. What a panel member may open is decided here, under every page and the API."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Prefetch, Q

from jointly.accounts.models import Assignment

from .models import GrantAnswer, GrantApplication, GrantProgramme, PanelScore
from .services import has_declared

PUBLIC_STATES = (GrantProgramme.Status.OPEN, GrantProgramme.Status.PANEL, GrantProgramme.Status.DECIDED)


def public_programmes():
    return GrantProgramme.objects.filter(status__in=PUBLIC_STATES).select_related("trust").order_by("closes_at", "pk")


def programme_with_parts(queryset=None):
    return (queryset or GrantProgramme.objects.all()).select_related("trust", "intention").prefetch_related("criteria", "questions")


def programmes_for(trust):
    return (
        GrantProgramme.objects.filter(trust=trust)
        .annotate(
            sent=Count("applications", filter=Q(applications__status__in=["submitted", "awarded", "declined"])),
            awarded=Count("applications", filter=Q(applications__status="awarded")),
        )
        .order_by("-opens_at", "-pk")
    )


def applications_of(organisation_id):
    return GrantApplication.objects.filter(organisation_id=organisation_id).select_related("programme").order_by("-created_at", "-pk")


def with_answers(queryset):
    return queryset.select_related("programme", "organisation").prefetch_related(
        Prefetch("answers", queryset=GrantAnswer.objects.select_related("question"))
    )


def _conflicted_ids(user, programme) -> set[int]:
    rows = Assignment.objects.filter(
        person_id=user.pk,
        kind=Assignment.Kind.CONFLICT,
        content_type=ContentType.objects.get_for_model(GrantApplication),
        ended_at__isnull=True,
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in rows}


def panel_programmes(user):
    ids = Assignment.objects.filter(
        person_id=user.pk,
        kind=Assignment.Kind.PANEL_MEMBER,
        content_type=ContentType.objects.get_for_model(GrantProgramme),
        ended_at__isnull=True,
    ).values_list("object_id", flat=True)
    return GrantProgramme.objects.filter(pk__in=[int(pk) for pk in ids]).exclude(status=GrantProgramme.Status.DRAFT).select_related("trust")


def panel_applications(user, programme):
    """The applications this panel member may open: none before the close or before declaring; never a conflicted one."""
    if programme.status not in (GrantProgramme.Status.PANEL, GrantProgramme.Status.DECIDED):
        raise PermissionDenied("Applications open to the panel when the programme closes.")
    if not has_declared(user, programme):
        raise PermissionDenied("Declare any conflicts of interest for every applicant before you see any application.")
    return (
        programme.applications.filter(status__in=["submitted", "awarded", "declined"])
        .exclude(pk__in=_conflicted_ids(user, programme))
        .select_related("organisation")
        .prefetch_related(Prefetch("scores", queryset=PanelScore.objects.filter(person=user), to_attr="my_scores"))
        .order_by("pk")
    )


def decision_list(programme):
    """Every sent application with the panel's scores added up, for the grant officers' decisions."""
    return (
        programme.applications.filter(status__in=["submitted", "awarded", "declined"])
        .select_related("organisation")
        .annotate(score_count=Count("scores"), score_mean=Avg("scores__score"))
        .order_by("pk")
    )
