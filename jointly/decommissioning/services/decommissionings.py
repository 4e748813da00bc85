"""Decommissioning, step by step, each gate refused with its reason (issue 11, point 5).

This module is the only code that gives a contract notice or ends it early: it makes the contract's
`give_notice` and `terminate` moves, in the same transaction as its own, and only after its gates
("no contract can be ended early without these steps"; tests/decommissioning/test_only_here.py).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jointly.accounts.permissions import Perm, decide
from jointly.contracts.models import Contract
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import InvalidTransition, edit, transition
from jointly.partnerships.sectors import in_third_sector
from jointly.passport.models import Item, ItemKind
from jointly.reviews.models import ImprovementPlan

from ..models import Decommissioning, ExitPlanEntry, SignOff

# Fields each step's page edits, while the decommissioning is being prepared.
CASE_FIELDS = ("reason", "rationale", "evidence", "review", "improvement_plan", "no_improvement_plan_reason")
IMPACT_FIELDS = ("users_affected", "equality_impact", "risks", "provider_impact", "provider_income_share")
STAFF_FIELDS = ("tupe_applies", "tupe_note")
# A reference such as "YC-0147": letters, digits and separators, with a digit, and no spaces, so no name fits.
PSEUDONYM = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9/_-]{1,39}$")


def _text(value) -> str:
    return (value or "").strip()


def decommissioning_start(*, contract: Contract, by, reason: str, rationale: str = "", evidence: str = "") -> Decommissioning:
    errors = {}
    if contract.status != Contract.Status.ACTIVE:
        errors[NON_FIELD] = f"This contract is {contract.get_status_display().lower()}: only a signed, running contract is decommissioned."
    elif (
        Decommissioning.objects.filter(contract=contract)
        .exclude(status__in=[Decommissioning.Status.WITHDRAWN, Decommissioning.Status.COMPLETED])
        .exists()
    ):
        errors[NON_FIELD] = "This contract is already being decommissioned."
    if reason not in Decommissioning.Reason.values:
        errors["reason"] = "Choose why the service is ending"
    if errors:
        raise FieldErrors(errors)
    return Decommissioning.objects.create(contract=contract, reason=reason, rationale=_text(rationale), evidence=_text(evidence), proposed_by=by)


def _still_draft(row) -> str | None:
    return None if row.status == Decommissioning.Status.DRAFT else "Once sent for sign-off, the case and its assessment no longer change."


def decommissioning_update(*, decommissioning: Decommissioning, by, version: str | None = None, today: datetime.date | None = None, **fields):
    """Edit the case, the impact assessment or the staff-transfer flags while it is being prepared."""
    allowed = set(CASE_FIELDS) | set(IMPACT_FIELDS) | set(STAFF_FIELDS)
    if unknown := set(fields) - allowed:
        raise TypeError(f"decommissioning_update() got fields it does not edit: {sorted(unknown)}")
    errors = {}
    if "reason" in fields and fields["reason"] not in Decommissioning.Reason.values:
        errors["reason"] = "Choose why the service is ending"
    plan = fields.get("improvement_plan")
    if plan is not None and plan.contract_id != decommissioning.contract_id:
        errors["improvement_plan"] = "Choose an improvement plan of this contract"
    review = fields.get("review")
    if review is not None and review.contract_id != decommissioning.contract_id:
        errors["review"] = "Choose a review of this contract"
    share = fields.get("provider_income_share")
    if share is not None and not (Decimal(0) <= Decimal(share) <= Decimal(100)):
        errors["provider_income_share"] = "Enter a share between 0% and 100%"
    if errors:
        raise FieldErrors(errors)
    with edit(decommissioning, version=version, check=_still_draft) as row:
        for name, value in fields.items():
            setattr(row, name, value.strip() if isinstance(value, str) else value)
        if set(fields) & set(IMPACT_FIELDS):
            row.impact_assessed_on = today or timezone.localdate()
    return row


def _improvement_problem(case: Decommissioning) -> str | None:
    """Working with the provider first: a performance case needs the plan tried (completed or failed), or why not."""
    if case.reason != Decommissioning.Reason.POOR_PERFORMANCE:
        return None
    if case.improvement_plan_id:
        if case.improvement_plan.status not in (ImprovementPlan.Status.COMPLETED, ImprovementPlan.Status.FAILED):
            return "The improvement plan is still in progress: close it as completed or failed before decommissioning for poor performance"
        return None
    if _text(case.no_improvement_plan_reason):
        return None
    return "Decommissioning for poor performance needs an improvement plan tried with the provider first, or a recorded reason why not (a safeguarding concern, say)"


def submission_problems(case: Decommissioning) -> dict[str, str]:
    """Every step still missing before sign-off, at once, each against its step's field."""
    errors = {}
    if case.contract.status != Contract.Status.ACTIVE:
        errors[NON_FIELD] = f"The contract is {case.contract.get_status_display().lower()}, not running."
    if not _text(case.rationale):
        errors["rationale"] = "Enter why the service is ending"
    if not _text(case.evidence):
        errors["evidence"] = "Enter the evidence for ending it"
    if problem := _improvement_problem(case):
        errors["improvement_plan"] = problem
    if case.users_affected is None:
        errors["users_affected"] = "Enter how many children, young people and families use the service"
    if not _text(case.equality_impact):
        errors["equality_impact"] = "Enter the equality impact: on people with protected characteristics and the priority groups"
    if not _text(case.risks):
        errors["risks"] = "Enter the risks of ending the service and how they are managed"
    if not _text(case.provider_impact):
        supplier = case.contract.supplier
        small_vcs = in_third_sector(supplier.sector, supplier.legal_form)
        errors["provider_impact"] = "Enter the impact on the provider" + (
            ", a voluntary or community organisation: what share of its income this contract is, if known" if small_vcs else ""
        )
    if case.tupe_applies is None:
        errors["tupe_applies"] = "Say whether staff may transfer under TUPE"
    elif case.tupe_applies and not _text(case.tupe_note):
        errors["tupe_note"] = "Enter the staff-transfer arrangements"
    entries = list(case.exit_plan.all())
    if case.users_affected is not None and len(entries) < case.users_affected:
        errors["exit_plan"] = f"The exit plan covers {len(entries)} of the {case.users_affected} service users: add a transition for every one"
    return errors


def _first(problems: dict[str, str]) -> str | None:
    return next(iter(problems.values()), None)


def _reload(case: Decommissioning) -> Decommissioning:
    return (
        Decommissioning.objects.select_related("contract__supplier", "improvement_plan", "proposed_by")
        .prefetch_related("exit_plan", "sign_offs")
        .get(pk=case.pk)
    )


def decommissioning_submit(*, decommissioning: Decommissioning, by) -> Decommissioning:
    case = _reload(decommissioning)
    if problems := submission_problems(case):
        raise FieldErrors(problems)
    return transition(instance=case, move="submit", by=by, check=lambda row: _first(submission_problems(_reload(row))))


def sign_off_refusal(case: Decommissioning, person, kind: str) -> str | None:
    """Why this person may not sign off this step now, or None."""
    if case.status != Decommissioning.Status.AWAITING_SIGN_OFF:
        return "Sign-off comes once the decommissioning has been sent for it."
    if not decide(person, Perm.CONTRACT_APPROVE, case.contract).allowed:
        return "Only a senior officer or board member who approves contract decisions for this trust can sign off."
    if person.pk == case.proposed_by_id:
        return "The person who proposed the decommissioning cannot sign it off."
    signed = {sign_off.kind: sign_off for sign_off in case.sign_offs.all()}
    if kind in signed:
        return f"The {SignOff.Kind(kind).label.lower()} sign-off is already recorded."
    if any(sign_off.by_id == person.pk for sign_off in signed.values()):
        return "You have already signed off: the second sign-off must be by someone else."
    return None


def decommissioning_sign_off(*, decommissioning: Decommissioning, by, kind: str, note: str = "", today: datetime.date | None = None):
    """A senior or board sign-off; the second, by another person, approves the decommissioning."""
    if kind not in SignOff.Kind.values:
        raise FieldErrors({"kind": "Choose which sign-off this is: senior officer or board"})
    with transaction.atomic():
        case = _reload(Decommissioning.objects.select_for_update().get(pk=decommissioning.pk))
        if refusal := sign_off_refusal(case, by, kind):
            raise InvalidTransition(refusal)
        SignOff.objects.create(
            decommissioning=case, kind=kind, by=by, by_name=by.full_name or by.email, note=_text(note), signed_on=today or timezone.localdate()
        )
        if SignOff.objects.filter(decommissioning=case).count() == len(SignOff.Kind):
            return transition(instance=case, move="approve", by=by, reason="Senior officer and board signed off")
    return case


def earliest_end(case: Decommissioning, given_on: datetime.date) -> datetime.date:
    """The first day the service may end: the contract's notice period after notice is given."""
    return given_on + datetime.timedelta(days=case.contract.notice_period_days)


def notice_problems(case: Decommissioning, given_on: datetime.date | None, ends_on: datetime.date | None) -> dict[str, str]:
    errors = {}
    if case.status != Decommissioning.Status.APPROVED:
        missing = submission_problems(case) if case.status == Decommissioning.Status.DRAFT else {}
        steps = "; ".join(missing.values())
        signed = len(case.sign_offs.all())
        errors[NON_FIELD] = (
            "Notice can be given only after the decommissioning steps: the rationale and evidence, the risk and equality "
            "impact assessment, the exit plan, and senior and board sign-off by two people other than the proposer. "
            + (f"Still missing: {steps}. " if steps else "")
            + f"Sign-offs recorded: {signed} of {len(SignOff.Kind)}."
        )
        return errors
    if case.contract.status != Contract.Status.ACTIVE:
        errors[NON_FIELD] = f"The contract is {case.contract.get_status_display().lower()}, so notice cannot be given."
    if given_on is None:
        errors["notice_given_on"] = "Enter the date notice is given"
        return errors
    if ends_on is not None:
        least = earliest_end(case, given_on)
        if ends_on < least:
            errors["ends_on"] = (
                f"The notice must be at least the contract's {case.contract.notice_period_days} days: the service can end on {least:%-d %B %Y} at the earliest"
            )
        elif ends_on >= case.contract.ends_on:
            errors["ends_on"] = f"The contract's term ends on {case.contract.ends_on:%-d %B %Y} anyway: no notice is needed to end it then"
    return errors


def decommissioning_give_notice(
    *, decommissioning: Decommissioning, by, given_on: datetime.date | None, ends_on: datetime.date | None = None
) -> Decommissioning:
    """Give the provider notice: the decommissioning's move and the contract's, together, after every gate."""
    case = _reload(decommissioning)
    if given_on is not None and ends_on is None:
        ends_on = earliest_end(case, given_on)
    if problems := notice_problems(case, given_on, ends_on):
        raise FieldErrors(problems)

    def approved(row):
        return (
            None
            if Decommissioning.objects.filter(pk=case.pk, status=Decommissioning.Status.APPROVED).exists()
            else "The decommissioning is not signed off."
        )

    with transaction.atomic():
        # The contract's move first, while the decommissioning is still signed off (its gate, checked in this transaction).
        transition(
            instance=case.contract,
            move="give_notice",
            by=by,
            reason=f"Decommissioned: notice given on {given_on:%-d %B %Y}, ending on {ends_on:%-d %B %Y}",
            check=approved,
        )
        done = transition(
            instance=case,
            move="give_notice",
            by=by,
            reason=f"Notice given on {given_on:%-d %B %Y}, ending on {ends_on:%-d %B %Y}",
            changes={"notice_given_on": given_on, "ends_on": ends_on},
        )
    return done


def completion_problems(case: Decommissioning, today: datetime.date, note: str) -> dict[str, str]:
    errors = {}
    if case.status != Decommissioning.Status.IN_NOTICE:
        errors[NON_FIELD] = "A decommissioning is completed once notice has been given and has run."
        return errors
    if case.ends_on and today < case.ends_on:
        errors[NON_FIELD] = f"The notice runs until {case.ends_on:%-d %B %Y}: the decommissioning is completed after that"
    unsettled = [entry.reference for entry in case.exit_plan.all() if not entry.is_settled]
    if unsettled:
        errors["exit_plan"] = f"Every service user's move must be recorded first: still planned for {', '.join(unsettled)}"
    if not _text(note):
        errors["completion_note"] = "Enter what happened at the end: how service users moved on and what was learned"
    return errors


def decommissioning_complete(*, decommissioning: Decommissioning, by, note: str, today: datetime.date | None = None) -> Decommissioning:
    """The record of completion, ending the contract early (unless its term ended first and the clock ended it)."""
    today = today or timezone.localdate()
    case = _reload(decommissioning)
    if problems := completion_problems(case, today, note):
        raise FieldErrors(problems)
    with transaction.atomic():
        if case.contract.status == Contract.Status.IN_NOTICE:
            transition(
                instance=case.contract,
                move="terminate",
                by=by,
                reason=f"Decommissioned: ended early on {case.ends_on:%-d %B %Y}",
                check=lambda row: None if row.status == Contract.Status.IN_NOTICE else "The contract is not in notice.",
                changes={"ended_on": case.ends_on},
            )
        return transition(instance=case, move="complete", by=by, reason=_text(note), changes={"completed_on": today, "completion_note": _text(note)})


def decommissioning_withdraw(*, decommissioning: Decommissioning, by, reason: str) -> Decommissioning:
    if not _text(reason):
        raise FieldErrors({"reason": "Enter why the decommissioning is withdrawn"})
    return transition(instance=decommissioning, move="withdraw", by=by, reason=_text(reason), changes={"withdrawn_reason": _text(reason)})


def income_share_from_accounts(contract: Contract) -> Decimal | None:
    """The contract's yearly value as a share of the provider's income in its latest accounts (its passport), if known."""
    accounts = (
        Item.objects.filter(passport__organisation_id=contract.supplier_id, kind=ItemKind.ACCOUNTS, income__gt=0).order_by("-year_end", "-pk").first()
    )
    if accounts is None:
        return None
    days = (contract.ends_on - contract.starts_on).days + 1
    yearly = contract.value * Decimal(365) / Decimal(days)
    return min(Decimal(100), (yearly * 100 / accounts.income).quantize(Decimal("0.01")))


# The exit plan: one entry per service user, under a pseudonymous reference.


def _entries_open(case: Decommissioning) -> None:
    if case.status in (Decommissioning.Status.COMPLETED, Decommissioning.Status.WITHDRAWN):
        raise InvalidTransition(f"This decommissioning is {case.get_status_display().lower()}, so its exit plan no longer changes.")


def exit_entry_add(
    *, decommissioning: Decommissioning, by, reference: str, destination: str, move_by: datetime.date | None, destination_service=None, note: str = ""
) -> ExitPlanEntry:
    _entries_open(decommissioning)
    errors = {}
    reference = _text(reference)
    if not PSEUDONYM.match(reference):
        errors["reference"] = "Enter a pseudonymous reference such as YC-0147 (letters and numbers, no spaces), never a name"
    elif decommissioning.exit_plan.filter(reference__iexact=reference).exists():
        errors["reference"] = "This reference is already in the exit plan"
    if not _text(destination) and destination_service is None:
        errors["destination"] = "Enter where they will be supported"
    if move_by is None:
        errors["move_by"] = "Enter the date they move by"
    if errors:
        raise FieldErrors(errors)
    return ExitPlanEntry.objects.create(
        decommissioning=decommissioning,
        reference=reference,
        destination=_text(destination) or destination_service.name,
        destination_service=destination_service,
        move_by=move_by,
        note=_text(note),
    )


def exit_entry_update(*, entry: ExitPlanEntry, by, status: str, note: str = "") -> ExitPlanEntry:
    _entries_open(entry.decommissioning)
    if status not in ExitPlanEntry.Status.values:
        raise FieldErrors({"status": "Choose where this service user's move stands"})
    with edit(entry) as row:
        row.status = status
        row.note = _text(note) or row.note
    return row
