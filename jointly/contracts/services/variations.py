"""Variations and extensions of a signed contract.

A variation is tested against the rules when it is proposed (`change_test`): one that changes the
contract's overall nature, or takes the value or the term past the limits, is refused with the reason
(it would be a new procurement); one that changes the value by more than the small-change share needs a
contract change notice, except for light-touch services; one above the officers' limit, or needing a
notice, needs senior approval (CONTRACT_APPROVE). Nothing changes on the contract until approval, when
the value, the years and the end of the term are changed in the same transaction.

An extension takes the contract's next extension option: a decision with evidence (CONTRACT_APPROVE),
which adds the option's years with their value and moves the end of the term.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jointly.accounts.permissions import Perm, decide
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import edit, transition

from .. import config
from ..models import Contract, ContractYear, Extension, Variation
from .contracts import HUNDRED, PENNY, add_months, split_by_days, term_years
from .terms import _decimal


@dataclass(frozen=True)
class ChangeTest:
    refusals: dict[str, str]
    change_notice_needed: bool
    senior_approval_needed: bool
    note: str


def is_light_touch(contract: Contract) -> bool:
    """Light-touch services need no contract change notice (RULES.md)."""
    if contract.award_id:
        opportunity = contract.award.decision.opportunity
        if opportunity.light_touch is not None:
            return opportunity.light_touch
        return bool(opportunity.intention.light_touch)
    return bool(contract.intention and contract.intention.light_touch)


def original_terms(contract: Contract) -> tuple[Decimal, datetime.date]:
    """The value and end date the contract was signed with, before any approved change."""
    applied = [
        (row.decided_on, row.pk, row.value_before, row.ends_on_before)
        for row in [*contract.variations.filter(status=Variation.Status.APPROVED), *contract.extensions.filter(status=Extension.Status.APPROVED)]
        if row.value_before is not None
    ]
    if not applied:
        return contract.value, contract.ends_on
    _, _, value, ends_on = min(applied, key=lambda row: (row[0], row[1]))
    return value, ends_on


def change_test(
    contract: Contract, *, value_change: Decimal, new_ends_on: datetime.date | None, changes_nature: bool, on: datetime.date
) -> ChangeTest:
    refusals = {}
    original_value, original_end = original_terms(contract)
    if changes_nature:
        refusals["changes_nature"] = (
            "A change to the contract's overall nature (what is delivered, for whom) cannot be made by a variation: it needs a new procurement"
        )
    already = sum((row.value_change for row in contract.variations.filter(status=Variation.Status.APPROVED)), Decimal("0"))
    limit = config.value_change_limit_percent(on)
    together = already + value_change
    if original_value and abs(together) * HUNDRED / original_value > limit:
        refusals["value_change"] = (
            f"With the variations already made, this would change the value by {abs(together) * HUNDRED / original_value:.1f}% "
            f"of the £{original_value:,.2f} it was signed at: more than {limit}% needs a new procurement"
        )
    if contract.value + value_change < 0:
        refusals["value_change"] = "The change would make the contract's value less than £0"
    if new_ends_on is not None:
        if new_ends_on < max(on, contract.starts_on):
            refusals["new_ends_on"] = "The new end date must be today or later, and after the start date"
        original_days = (original_end - contract.starts_on).days + 1
        term_limit = config.term_change_limit_percent(on)
        longest = contract.starts_on + datetime.timedelta(days=int(original_days * (HUNDRED + term_limit) / HUNDRED) - 1)
        if new_ends_on > longest:
            refusals["new_ends_on"] = (
                f"A variation can lengthen the term by up to {term_limit}% ({longest:%-d %B %Y} at the latest): "
                "take one of the contract's extension options instead, or procure again"
            )
    small = config.small_change_percent(on)
    share = abs(value_change) * HUNDRED / original_value if original_value else Decimal("0")
    light = is_light_touch(contract)
    notice = not light and share > small
    senior = notice or abs(value_change) > config.officers_limit(on)
    notes = [f"The value changes by {share:.1f}% of the £{original_value:,.2f} it was signed at."]
    if light:
        notes.append("A light-touch service: no contract change notice is needed.")
    elif notice:
        notes.append(f"More than {small}%: publish a contract change notice before the change takes effect.")
    else:
        notes.append(f"Up to {small}%: a small change, needing no contract change notice.")
    if senior:
        notes.append("Senior approval is needed (above the officers' limit, or a change notice is needed).")
    return ChangeTest(refusals, notice, senior, " ".join(notes))


def variation_propose(
    *,
    contract: Contract,
    by,
    reason: str,
    value_change,
    new_ends_on: datetime.date | None = None,
    applies_from: datetime.date | None = None,
    description: str = "",
    changes_nature: bool = False,
    today: datetime.date | None = None,
) -> Variation:
    today = today or timezone.localdate()
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = "Enter the reason for the variation"
    change = _decimal(value_change, "value_change", errors, message="Enter the change in value as an amount in pounds", minimum=Decimal("-1e12"))
    if change is None and "value_change" not in errors:
        change = Decimal("0")
    applies_from = applies_from or today
    if not (contract.starts_on <= applies_from <= (new_ends_on or contract.ends_on)):
        errors["applies_from"] = "The change must apply from a date within the contract's term"
    if not contract.is_running:
        errors[NON_FIELD] = "Only a signed, running contract can be varied: change a draft's terms directly"
    if change == 0 and new_ends_on in (None, contract.ends_on) and "value_change" not in errors:
        errors.setdefault("value_change", "Enter a change in value, a new end date, or both")
    if errors:
        raise FieldErrors(errors)
    test = change_test(contract, value_change=change, new_ends_on=new_ends_on, changes_nature=changes_nature, on=today)
    if test.refusals:
        raise FieldErrors(test.refusals)
    with edit(contract):
        number = contract.variations.count() + 1
        return Variation.objects.create(
            contract=contract,
            number=number,
            reason=reason.strip(),
            description=(description or "").strip(),
            value_change=change,
            new_ends_on=new_ends_on if new_ends_on != contract.ends_on else None,
            applies_from=applies_from,
            change_notice_needed=test.change_notice_needed,
            senior_approval_needed=test.senior_approval_needed,
            test_note=test.note,
            proposed_by=by,
        )


def approval_refusal(variation: Variation, user) -> str | None:
    """Why this person may not approve or refuse the variation, or None."""
    contract = variation.contract
    if not decide(user, Perm.CONTRACTS_MANAGE, contract).allowed and not decide(user, Perm.CONTRACT_APPROVE, contract).allowed:
        return "Only the contract's commissioners or a senior approver can decide a variation."
    if variation.senior_approval_needed and not decide(user, Perm.CONTRACT_APPROVE, contract).allowed:
        return "This variation is above the officers' limit or needs a change notice: a senior approver (a board member) must decide it."
    return None


def _retime_years(contract: Contract, new_ends_on: datetime.date) -> None:
    """Move the term's end: years past it go, the last one is cut or lengthened, new years are added."""
    years = list(contract.years.order_by("number"))
    kept = [year for year in years if year.starts_on <= new_ends_on]
    for year in years:
        if year.starts_on > new_ends_on:
            if year.value:
                # Its value moves to the last year kept, so the total is unchanged by the retiming.
                kept[-1].value += year.value
            year.delete()
    last = kept[-1]
    natural_end = term_years(last.starts_on, new_ends_on)[0][1]
    last.ends_on = natural_end
    last.save()
    number = last.number
    start = natural_end + datetime.timedelta(days=1)
    for period_start, period_end in term_years(start, new_ends_on) if start <= new_ends_on else []:
        number += 1
        ContractYear.objects.create(contract=contract, number=number, starts_on=period_start, ends_on=period_end, value=Decimal("0"))


def _spread(contract: Contract, amount: Decimal, since: datetime.date) -> None:
    """Add `amount` to the years from `since` on, by their days from then."""
    years = [year for year in contract.years.order_by("number") if year.ends_on >= since]
    periods = [(max(year.starts_on, since), year.ends_on) for year in years]
    for year, share in zip(years, split_by_days(amount, periods), strict=True):
        year.value += share
        year.save()


def variation_decide(*, variation: Variation, by, approve: bool, note: str = "", today: datetime.date | None = None) -> Variation:
    today = today or timezone.localdate()
    refusal = approval_refusal(variation, by)
    if refusal:
        raise FieldErrors({NON_FIELD: refusal})
    if not approve and not (note or "").strip():
        raise FieldErrors({"note": "Enter why the variation is refused"})
    contract = variation.contract
    with transaction.atomic():
        if not approve:
            return transition(
                instance=variation,
                move="refuse",
                by=by,
                reason=note.strip(),
                changes={"decided_by": by, "decided_on": today, "decision_note": note.strip()},
            )
        # Tested again at the decision: another variation may have been approved since.
        test = change_test(contract, value_change=variation.value_change, new_ends_on=variation.new_ends_on, changes_nature=False, on=today)
        if test.refusals:
            raise FieldErrors(test.refusals)
        decided = transition(
            instance=variation,
            move="approve",
            by=by,
            reason=(note or "").strip() or variation.reason,
            changes={
                "decided_by": by,
                "decided_on": today,
                "decision_note": (note or "").strip(),
                "value_before": contract.value,
                "ends_on_before": contract.ends_on,
            },
        )
        with edit(contract) as row:
            row.value = row.value + variation.value_change
            if variation.new_ends_on:
                row.ends_on = variation.new_ends_on
        if variation.new_ends_on:
            _retime_years(row, variation.new_ends_on)
        if variation.value_change:
            _spread(row, variation.value_change, variation.applies_from)
    return decided


def variation_withdraw(*, variation: Variation, by, reason: str) -> Variation:
    if not (reason or "").strip():
        raise FieldErrors({"reason": "Enter why the variation is withdrawn"})
    return transition(instance=variation, move="withdraw", by=by, reason=reason.strip())


def next_extension_option(contract: Contract) -> tuple[int, int] | None:
    """(option number, months) of the next option not yet taken or declined, or None when none is left."""
    decided = contract.extensions.exclude(status=Extension.Status.PROPOSED).count()
    options = list(contract.extension_months or [])
    if decided >= len(options):
        return None
    return decided + 1, options[decided]


def extension_propose(*, contract: Contract, by, value, evidence: str) -> Extension:
    errors = {}
    option = next_extension_option(contract)
    if not contract.is_running or contract.status != Contract.Status.ACTIVE:
        errors[NON_FIELD] = "Only an active contract can be extended"
    elif option is None:
        errors[NON_FIELD] = "The contract has no extension option left: a longer term needs a new procurement"
    elif contract.extensions.filter(status=Extension.Status.PROPOSED).exists():
        errors[NON_FIELD] = "An extension is already awaiting its decision"
    if not (evidence or "").strip():
        errors["evidence"] = "Enter the evidence for extending (the reviews, the returns, the need now)"
    amount = _decimal(value, "value", errors, message="Enter the value of the extension as an amount in pounds, £0 or more")
    if amount is None and "value" not in errors:
        errors["value"] = "Enter the value of the extension"
    if errors:
        raise FieldErrors(errors)
    number, months = option
    with edit(contract):
        return Extension.objects.create(contract=contract, option=number, months=months, value=amount, evidence=evidence.strip(), proposed_by=by)


def extension_decide(*, extension: Extension, by, approve: bool, note: str = "", today: datetime.date | None = None) -> Extension:
    today = today or timezone.localdate()
    if not decide(by, Perm.CONTRACT_APPROVE, extension.contract).allowed:
        raise FieldErrors({NON_FIELD: "Only a senior approver (a board member) can decide an extension."})
    if not approve and not (note or "").strip():
        raise FieldErrors({"note": "Enter why the contract is not extended"})
    contract = extension.contract
    changes = {"decided_by": by, "decided_on": today, "decision_note": (note or "").strip()}
    with transaction.atomic():
        if not approve:
            return transition(instance=extension, move="decline", by=by, reason=note.strip(), changes=changes)
        new_end = add_months(contract.ends_on + datetime.timedelta(days=1), extension.months) - datetime.timedelta(days=1)
        decided = transition(
            instance=extension,
            move="approve",
            by=by,
            reason=(note or "").strip() or f"Extension option {extension.option} taken",
            changes={**changes, "value_before": contract.value, "ends_on_before": contract.ends_on},
        )
        start = contract.ends_on + datetime.timedelta(days=1)
        periods = term_years(start, new_end)
        number = contract.years.count()
        for offset, ((period_start, period_end), share) in enumerate(zip(periods, split_by_days(extension.value, periods), strict=True), start=1):
            ContractYear.objects.create(
                contract=contract, number=number + offset, starts_on=period_start, ends_on=period_end, value=share, extension=True
            )
        with edit(contract) as row:
            row.value = (row.value + extension.value).quantize(PENNY)
            row.ends_on = new_end
    return decided
