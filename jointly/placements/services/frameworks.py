"""Frameworks and dynamic lists: the approved providers and the trusts that commission through them."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from jointly.core.errors import FieldErrors

from ..models import Framework, FrameworkProvider, FrameworkTrust


def framework_create(
    *,
    trust,
    by,
    name: str,
    kind: str = Framework.Kind.FRAMEWORK,
    covers: str = "",
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    contract=None,
    award=None,
) -> Framework:
    """A framework led by `trust`, which is its first user."""
    errors = {}
    if not (name or "").strip():
        errors["name"] = "Enter the framework's name"
    elif Framework.objects.filter(trust=trust, name=name.strip()).exists():
        errors["name"] = "The trust already has a framework with this name"
    if starts_on is None:
        errors["starts_on"] = "Enter the start date"
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = "The end date must be on or after the start date"
    if contract is not None and contract.trust_id != trust.pk:
        errors["contract"] = "Choose one of this trust's contracts"
    if award is not None and award.decision.opportunity.trust_id != trust.pk:
        errors["award"] = "Choose one of this trust's awards"
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        framework = Framework.objects.create(
            trust=trust,
            name=name.strip(),
            kind=kind,
            covers=covers.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            contract=contract,
            award=award,
            created_by=by,
        )
        FrameworkTrust.objects.create(framework=framework, trust=trust, joined_on=starts_on)
    return framework


def framework_trust_add(*, framework: Framework, trust, by, joined_on: datetime.date | None = None) -> FrameworkTrust:
    """A regional collaborative arrangement: another trust of the region commissions through the framework."""
    if trust.region_id is None or trust.region_id != framework.trust.region_id:
        raise FieldErrors({"trust": "Only trusts of the lead trust's region can share its framework"})
    if framework.users.filter(trust=trust).exists():
        raise FieldErrors({"trust": f"{trust} already uses this framework"})
    return FrameworkTrust.objects.create(framework=framework, trust=trust, joined_on=joined_on or timezone.localdate())


def framework_provider_add(*, framework: Framework, organisation, by, joined_on: datetime.date | None = None) -> FrameworkProvider:
    joined_on = joined_on or timezone.localdate()
    if framework.providers.filter(organisation=organisation, left_on__isnull=True).exists():
        raise FieldErrors({"organisation": f"{organisation} is already approved on this framework"})
    if joined_on < framework.starts_on:
        raise FieldErrors({"joined_on": "A provider cannot join before the framework starts"})
    if framework.ends_on and joined_on > framework.ends_on:
        raise FieldErrors({"joined_on": "The framework has ended by then"})
    return FrameworkProvider.objects.create(framework=framework, organisation=organisation, joined_on=joined_on)


def framework_provider_leave(*, approval: FrameworkProvider, by, left_on: datetime.date | None = None) -> FrameworkProvider:
    left_on = left_on or timezone.localdate()
    if approval.left_on is not None:
        raise FieldErrors({"left_on": "The provider has already left the framework"})
    if left_on < approval.joined_on:
        raise FieldErrors({"left_on": "The provider cannot leave before it joined"})
    approval.left_on = left_on
    approval.save(update_fields=["left_on"])
    return approval
