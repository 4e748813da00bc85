"""Individual budgets held by a lead professional, and what is committed and spent against them.

An overspend is refused, not approved after the fact: the budget is the amount agreed for one child,
so spending past it would leave the figure the trust reports untrue. A larger need is a new decision
on the budget itself, made by the trust, not a line that runs past it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, Sum

from jointly.accounts.models import Assignment
from jointly.accounts.permissions import Perm
from jointly.accounts.services import assignment_grant
from jointly.audit.models import AuditEntry
from jointly.audit.services import audit_record, snapshot, transition_in_progress
from jointly.core.errors import FieldErrors
from jointly.core.transitions import StaleEdit, version_of

from ..models import BudgetLine, IndividualBudget

ZERO = Decimal("0.00")


def budget_figures(budget: IndividualBudget) -> dict[str, Decimal]:
    """Budget, committed, spent and remaining, in one query."""
    sums = budget.lines.aggregate(
        committed=Sum("amount", filter=Q(kind=BudgetLine.Kind.COMMITMENT)),
        spent=Sum("amount", filter=Q(kind=BudgetLine.Kind.SPEND)),
        spent_outside=Sum("amount", filter=Q(kind=BudgetLine.Kind.SPEND, commitment__isnull=True)),
    )
    committed, spent, outside = (sums[key] or ZERO for key in ("committed", "spent", "spent_outside"))
    # Spend drawn from a commitment is inside it; spend outside any commitment takes from what is left.
    return {"amount": budget.amount, "committed": committed, "spent": spent, "remaining": budget.amount - committed - outside}


def budget_create(
    *, trust, by, reference: str, purpose: str, amount: Decimal, starts_on: datetime.date, ends_on: datetime.date, holder
) -> IndividualBudget:
    """An individual budget for one child (pseudonymous reference), its holder made its lead professional."""
    errors = {}
    reference = (reference or "").strip()
    if not reference:
        errors["reference"] = "Enter the child's pseudonymous reference"
    elif " " in reference:
        errors["reference"] = "Use the child's pseudonymous reference (letters, numbers and hyphens), never a name"
    elif IndividualBudget.objects.filter(trust=trust, reference=reference).exists():
        errors["reference"] = "The trust already has a budget with this reference"
    if not (purpose or "").strip():
        errors["purpose"] = "Enter what the budget is for"
    if amount is None or amount <= 0:
        errors["amount"] = "Enter the budget, more than £0"
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = "The end date must be on or after the start date"
    if holder is None or not holder.is_active:
        errors["holder"] = "Choose the lead professional who holds the budget"
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        budget = IndividualBudget.objects.create(
            trust=trust,
            reference=reference,
            purpose=purpose.strip(),
            amount=amount,
            starts_on=starts_on,
            ends_on=ends_on,
            holder=holder,
            created_by=by,
        )
        assignment_grant(person=holder, kind=Assignment.Kind.LEAD_PROFESSIONAL, obj=budget, by=by, note=f"Holds individual budget {reference}")
    return budget


def budget_revise(*, budget: IndividualBudget, by, amount: Decimal, reason: str, version: str | None = None) -> IndividualBudget:
    """Raise or revise the amount agreed for the child, with the reason, recorded in the audit trail.

    This is the "decision on the budget itself" an overspend refusal points to. The new amount can
    never be less than what is already committed and spent outside commitments, or the figures the
    trust reports would show a budget overspent. `version` is the budget's version_of() when the form
    was shown: another revision made since is refused (lines recorded since are counted on the locked row).
    """
    # Checked here too, not only by the page: the lead professional's assignment or the trust's PLACEMENTS_MANAGE.
    if not by.has_perm(str(Perm.PLACEMENTS_MANAGE), budget):
        raise PermissionDenied("Only the lead professional holding the budget, or the trust's placements staff, can revise it.")
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = "Enter the new budget, more than £0"
    if not (reason or "").strip():
        errors["reason"] = "Enter why the budget is changed"
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        locked = _locked(budget)
        if version and version != version_of(locked):
            raise StaleEdit(
                "Someone else changed this budget while you were revising it, so the new amount has not been saved. "
                "Check the budget as it is now and revise it again."
            )
        if amount == locked.amount:
            raise FieldErrors({"amount": f"The budget is already £{amount:,.2f}: enter the new amount"})
        figures = budget_figures(locked)
        committed, outside = figures["committed"], figures["amount"] - figures["remaining"] - figures["committed"]
        used = committed + outside
        if amount < used:
            raise FieldErrors(
                {
                    "amount": f"The budget cannot be less than £{used:,.2f}: £{committed:,.2f} is already committed "
                    f"and £{outside:,.2f} spent outside any commitment"
                }
            )
        before, old = snapshot(locked), locked.amount
        locked.amount = amount
        # Saved as one audited change carrying the reason, not a plain save without one.
        with transition_in_progress():
            locked.save(update_fields=["amount"])
        audit_record(
            action=AuditEntry.Action.UPDATE,
            instance=locked,
            before=before,
            after=snapshot(locked),
            reason=f"Budget revised from £{old:,.2f} to £{amount:,.2f}: {reason.strip()}",
            by=by,
        )
    return locked


def _locked(budget: IndividualBudget) -> IndividualBudget:
    # Lines are checked against the remaining money on the locked budget row, so two at once cannot overspend.
    return IndividualBudget.objects.select_for_update().get(pk=budget.pk)


def _overspend_refusal(figures, amount: Decimal) -> str:
    over = amount - figures["remaining"]
    return (
        f"This would overspend the budget by £{over:,.2f}: £{figures['remaining']:,.2f} is left of £{figures['amount']:,.2f}. "
        "An individual budget cannot be overspent; the trust must first agree a larger budget."
    )


def budget_line_add(
    *,
    budget: IndividualBudget,
    by,
    kind: str,
    amount: Decimal,
    description: str,
    on_date: datetime.date,
    commitment: BudgetLine | None = None,
    offer=None,
) -> BudgetLine:
    errors = {}
    if kind not in BudgetLine.Kind.values:
        errors["kind"] = "Select whether the money is committed or spent"
    if amount is None or amount <= 0:
        errors["amount"] = "Enter an amount more than £0"
    if not (description or "").strip():
        errors["description"] = "Enter what the money is for"
    if on_date is None:
        errors["on_date"] = "Enter the date"
    if commitment is not None and (
        commitment.budget_id != budget.pk or commitment.kind != BudgetLine.Kind.COMMITMENT or kind != BudgetLine.Kind.SPEND
    ):
        errors["commitment"] = "Spend can be drawn only from one of this budget's commitments"
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        locked = _locked(budget)
        if commitment is not None:
            drawn = commitment.drawn.aggregate(total=Sum("amount"))["total"] or ZERO
            if drawn + amount > commitment.amount:
                raise FieldErrors(
                    {"amount": f"Only £{commitment.amount - drawn:,.2f} of this commitment is left to spend: record the rest as spend outside it"}
                )
        else:
            figures = budget_figures(locked)
            if amount > figures["remaining"]:
                raise FieldErrors({"amount": _overspend_refusal(figures, amount)})
        return BudgetLine.objects.create(
            budget=locked,
            kind=kind,
            amount=amount,
            description=description.strip(),
            on_date=on_date,
            commitment=commitment,
            offer=offer,
            recorded_by=by,
        )


def commitment_problem(budget: IndividualBudget, amount: Decimal) -> str:
    """Why committing this much would be refused, or "" (asked before a choice is made)."""
    figures = budget_figures(budget)
    return _overspend_refusal(figures, amount) if amount > figures["remaining"] else ""
