"""services.budgets: a lead professional holds the budget whatever their role; spend tracked; no overspend."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from jointly.accounts.permissions import Perm, decide
from jointly.core.errors import FieldErrors
from jointly.placements import selectors
from jointly.placements.models import BudgetLine
from jointly.placements.services import budgets

from .conftest import make_budget, make_request

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_the_holder_manages_their_budget_and_its_requests_only(trust, commissioner, participant, framework, buyer):
    budget = make_budget(trust, commissioner, participant)
    theirs = make_request(trust, commissioner, framework, buyer, budget=budget)
    another = make_request(trust, commissioner, framework, buyer)

    assert decide(participant, Perm.PLACEMENTS_MANAGE, budget).allowed
    assert decide(participant, Perm.PLACEMENTS_MANAGE, theirs).allowed
    assert not decide(participant, Perm.PLACEMENTS_MANAGE, another).allowed
    assert not decide(participant, Perm.PLACEMENTS_MANAGE, trust).allowed
    assert list(selectors.budgets_held_by(participant)) == [budget]


def test_a_budget_needs_a_pseudonymous_reference_and_its_parts(trust, commissioner):
    with pytest.raises(FieldErrors) as refused:
        budgets.budget_create(
            trust=trust,
            by=commissioner,
            reference="Jamie Smith",
            purpose="",
            amount=Decimal("0"),
            starts_on=TODAY(),
            ends_on=TODAY() - datetime.timedelta(days=1),
            holder=None,
        )
    assert set(refused.value.message_dict) == {"reference", "purpose", "amount", "ends_on", "holder"}


def test_spend_is_tracked_and_an_overspend_refused(trust, commissioner, participant):
    budget = make_budget(trust, commissioner, participant, amount="1000")
    commitment = budgets.budget_line_add(
        budget=budget, by=participant, kind=BudgetLine.Kind.COMMITMENT, amount=Decimal("600"), description="Short breaks", on_date=TODAY()
    )
    budgets.budget_line_add(
        budget=budget,
        by=participant,
        kind=BudgetLine.Kind.SPEND,
        amount=Decimal("250"),
        description="First breaks",
        on_date=TODAY(),
        commitment=commitment,
    )
    budgets.budget_line_add(budget=budget, by=participant, kind=BudgetLine.Kind.SPEND, amount=Decimal("100"), description="Bus pass", on_date=TODAY())
    assert budgets.budget_figures(budget) == {
        "amount": Decimal("1000.00"),
        "committed": Decimal("600.00"),
        "spent": Decimal("350.00"),
        "remaining": Decimal("300.00"),
    }

    with pytest.raises(FieldErrors, match="overspend the budget by £50.00"):
        budgets.budget_line_add(
            budget=budget, by=participant, kind=BudgetLine.Kind.SPEND, amount=Decimal("350"), description="Laptop", on_date=TODAY()
        )
    with pytest.raises(FieldErrors, match="Only £350.00 of this commitment"):
        budgets.budget_line_add(
            budget=budget,
            by=participant,
            kind=BudgetLine.Kind.SPEND,
            amount=Decimal("400"),
            description="More breaks",
            on_date=TODAY(),
            commitment=commitment,
        )
    assert budgets.budget_figures(budget)["remaining"] == Decimal("300.00")


def test_a_budget_is_revised_with_its_reason_but_never_below_what_is_used(trust, commissioner, participant, other_commissioner):
    from django.core.exceptions import PermissionDenied

    from jointly.audit.models import AuditEntry
    from jointly.core.transitions import StaleEdit, version_of

    budget = make_budget(trust, commissioner, participant, amount="1000")
    budgets.budget_line_add(
        budget=budget, by=participant, kind=BudgetLine.Kind.COMMITMENT, amount=Decimal("600"), description="Short breaks", on_date=TODAY()
    )
    budgets.budget_line_add(budget=budget, by=participant, kind=BudgetLine.Kind.SPEND, amount=Decimal("150"), description="Bus pass", on_date=TODAY())
    with pytest.raises(FieldErrors, match=r"cannot be less than £750.00: £600.00 is already committed and £150.00 spent"):
        budgets.budget_revise(budget=budget, by=participant, amount=Decimal("700"), reason="Fewer breaks needed")
    with pytest.raises(FieldErrors) as refused:
        budgets.budget_revise(budget=budget, by=participant, amount=None, reason=" ")
    assert set(refused.value.message_dict) == {"amount", "reason"}
    with pytest.raises(PermissionDenied):
        budgets.budget_revise(budget=budget, by=other_commissioner, amount=Decimal("2000"), reason="Not theirs")

    budget.refresh_from_db()
    shown = version_of(budget)
    raised = budgets.budget_revise(
        budget=budget, by=participant, amount=Decimal("1500"), reason="The panel agreed a second term of breaks", version=shown
    )
    assert raised.amount == Decimal("1500") and budgets.budget_figures(raised)["remaining"] == Decimal("750.00")
    entry = AuditEntry.objects.get(object_type="placements.individualbudget", object_id=str(budget.pk), action=AuditEntry.Action.UPDATE)
    assert entry.reason == "Budget revised from £1,000.00 to £1,500.00: The panel agreed a second term of breaks" and entry.actor == participant
    assert list(selectors.budget_revisions(budget)) == [entry]
    with pytest.raises(StaleEdit):
        budgets.budget_revise(budget=budget, by=commissioner, amount=Decimal("1200"), reason="Overtaken", version=shown)
    # The trust's placements staff may revise it as well as its holder; down to exactly what is used.
    assert budgets.budget_revise(budget=budget, by=commissioner, amount=Decimal("750"), reason="Breaks ended early").amount == Decimal("750")
