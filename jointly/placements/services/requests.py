"""Placement requests for one child: made under a pseudonymous reference, sent to approved providers, ended."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.mail import email_send_later
from jointly.core.transitions import edit, transition

from ..models import ChildDetails, Framework, PlacementRecipient, PlacementRequest
from .assessments import schedule_deletion

# What often gives a child away in free text: a date (of birth), a postcode, an email address, a phone number.
_PERSONAL_PATTERNS = (
    (re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"), "a date (a date of birth identifies a child)"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", re.IGNORECASE), "a postcode"),
    (re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b"), "an email address"),
    (re.compile(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b"), "a phone number"),
    (re.compile(r"\b(born|d\.o\.b|dob|date of birth|named)\b", re.IGNORECASE), "words that often come with personal details"),
)


def personal_data_warnings(*texts: str) -> list[str]:
    """What in the request's free text looks like personal data: a warning, since providers read it."""
    found = []
    for pattern, what in _PERSONAL_PATTERNS:
        if any(pattern.search(text or "") for text in texts) and what not in found:
            found.append(what)
    return found


def _next_reference(trust) -> str:
    count = PlacementRequest.objects.filter(trust=trust).count() + 1
    return f"{trust.slug.upper()[:12]}-P{count:04d}"


def _framework_problem(framework: Framework | None, trust) -> str:
    if framework is None:
        return "Choose the framework or dynamic list to call off from"
    if not framework.users.filter(trust=trust).exists():
        return "Choose a framework this trust uses"
    return ""


def request_problems(*, trust, framework, budget, buyer, needs, outcomes, kind, starts_on, duration_weeks, weekly_budget) -> dict[str, str]:
    errors = {}
    if problem := _framework_problem(framework, trust):
        errors["framework"] = problem
    if budget is not None and budget.trust_id != trust.pk:
        errors["budget"] = "Choose one of this trust's individual budgets"
    if buyer is None or not trust.partners.filter(organisation=buyer, statutory=True).exists():
        errors["buyer"] = "Choose the statutory partner that will contract for the placement"
    if kind not in PlacementRequest.Kind.values:
        errors["kind"] = "Select the type of placement or package"
    if not (needs or "").strip():
        errors["needs"] = "Enter the child's needs"
    if not (outcomes or "").strip():
        errors["outcomes"] = "Enter the outcomes the placement should achieve"
    if starts_on is None:
        errors["starts_on"] = "Enter the date the placement is wanted from"
    if not duration_weeks or duration_weeks < 1:
        errors["duration_weeks"] = "Enter the duration in weeks, 1 or more"
    if weekly_budget is None or weekly_budget <= 0:
        errors["weekly_budget"] = "Enter the most the placement can cost a week, more than £0"
    return errors


def request_create(
    *,
    trust,
    by,
    framework: Framework,
    buyer,
    kind: str,
    needs: str,
    outcomes: str,
    starts_on: datetime.date,
    duration_weeks: int,
    weekly_budget: Decimal,
    budget=None,
) -> PlacementRequest:
    """A draft request under a reference the service makes, so it is never a name."""
    errors = request_problems(
        trust=trust,
        framework=framework,
        budget=budget,
        buyer=buyer,
        needs=needs,
        outcomes=outcomes,
        kind=kind,
        starts_on=starts_on,
        duration_weeks=duration_weeks,
        weekly_budget=weekly_budget,
    )
    if errors:
        raise FieldErrors(errors)
    return PlacementRequest.objects.create(
        trust=trust,
        framework=framework,
        budget=budget,
        buyer=buyer,
        reference=_next_reference(trust),
        kind=kind,
        needs=needs.strip(),
        outcomes=outcomes.strip(),
        starts_on=starts_on,
        duration_weeks=duration_weeks,
        weekly_budget=weekly_budget,
        created_by=by,
    )


EDITABLE = ("framework", "budget", "buyer", "kind", "needs", "outcomes", "starts_on", "duration_weeks", "weekly_budget")


def request_update(*, request: PlacementRequest, by, version: str | None = None, **changes) -> PlacementRequest:
    """Change a draft request, checked as a new one is; refused once it is sent (providers have read it).

    `version` is the request's version_of() when the form was shown: a change made since is refused.
    """
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    with edit(request, version=version) as row:
        # What is not changed is read from the locked row, so the whole request is checked as it will be saved.
        data = {name: getattr(row, name) for name in EDITABLE} | changes
        if errors := request_problems(trust=row.trust, **data):
            raise FieldErrors(errors)
        data["needs"], data["outcomes"] = data["needs"].strip(), data["outcomes"].strip()
        for name, value in data.items():
            setattr(row, name, value)
    return row


def approved_providers(framework: Framework, *, on: datetime.date):
    """The organisations approved on the framework on the day."""
    from jointly.partnerships.models import Organisation

    approved = framework.providers.filter(joined_on__lte=on).exclude(left_on__lt=on).values("organisation_id")
    return Organisation.objects.filter(pk__in=approved).order_by("name")


def request_send(*, request: PlacementRequest, by, organisations=None) -> PlacementRequest:
    """Send the request to the framework's approved providers (all, or those chosen) and tell their people."""
    today = timezone.localdate()
    approved = list(approved_providers(request.framework, on=today))
    chosen = approved if organisations is None else list(organisations)
    outside = [organisation.name for organisation in chosen if organisation not in approved]
    if outside:
        raise FieldErrors({"organisations": f"Only providers approved on the framework can be sent the request: not {', '.join(outside)}"})
    if not chosen:
        raise FieldErrors({"organisations": "Choose at least one approved provider to send the request to"})
    with transaction.atomic():
        sent = transition(instance=request, move="send", by=by, reason=f"Sent to {len(chosen)} providers", changes={"sent_at": timezone.now()})
        PlacementRecipient.objects.bulk_create(PlacementRecipient(request=sent, organisation=organisation) for organisation in chosen)
        for organisation in chosen:
            email_send_later(
                to=_people_emails(organisation) or organisation.contact_email,
                subject=f"Placement request {sent.reference}: {sent.get_kind_display()}",
                template="placements/email/request_sent.txt",
                context={"request": sent, "organisation": organisation},
            )
    return sent


def _people_emails(organisation) -> list[str]:
    from jointly.accounts.models import Role, User

    return list(User.objects.filter(organisation=organisation, role=Role.PROVIDER_USER, is_active=True).values_list("email", flat=True))


def request_cancel(*, request: PlacementRequest, by, reason: str) -> PlacementRequest:
    if not (reason or "").strip():
        raise FieldErrors({"reason": "Enter why the request is cancelled"})
    with transaction.atomic():
        cancelled = transition(instance=request, move="cancel", by=by, reason=reason.strip(), changes={"ended_on": timezone.localdate()})
        schedule_deletion(cancelled, ended_on=cancelled.ended_on)
    return cancelled


def request_end(*, request: PlacementRequest, by, ended_on: datetime.date) -> PlacementRequest:
    """The placement has ended: the retention period of the child's personal data starts."""
    if ended_on is None:
        raise FieldErrors({"ended_on": "Enter the date the placement ended"})
    if ended_on > timezone.localdate():
        raise FieldErrors({"ended_on": "The end date cannot be in the future"})
    if ended_on < request.starts_on:
        raise FieldErrors({"ended_on": "The placement cannot end before it started"})
    with transaction.atomic():
        ended = transition(instance=request, move="end", by=by, reason=f"Ended on {ended_on:%-d %B %Y}", changes={"ended_on": ended_on})
        schedule_deletion(ended, ended_on=ended_on)
    return ended


def has_personal_data(request: PlacementRequest) -> bool:
    return ChildDetails.objects.filter(request=request).exists()
