"""Providers' offers, the choice with its reasons, the others told why, and the spot purchase as a contract."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jointly.accounts.permissions import Perm, has_perm
from jointly.contracts.models import Contract, ContractMeasure, PaymentBasis
from jointly.contracts.services.contracts import contract_create_direct, contract_sign
from jointly.contracts.services.terms import measure_save
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.mail import email_send_later
from jointly.core.transitions import InvalidTransition, edit, transition

from ..models import BudgetLine, Offer, PlacementRequest
from .budgets import budget_line_add, commitment_problem
from .requests import _people_emails

# Care placements are paid per placement once running; other packages are spot purchases.
PENNY = Decimal("0.01")
PER_PLACEMENT_KINDS = {PlacementRequest.Kind.RESIDENTIAL, PlacementRequest.Kind.FOSTERING, PlacementRequest.Kind.SUPPORTED}


def _offer_problems(*, weekly_price, starts_on, how_outcomes_met) -> dict[str, str]:
    errors = {}
    if weekly_price is None or weekly_price <= 0:
        errors["weekly_price"] = "Enter the price a week, more than £0"
    if starts_on is None:
        errors["starts_on"] = "Enter the date you can start"
    if not (how_outcomes_met or "").strip():
        errors["how_outcomes_met"] = "Say how you will meet the outcomes"
    return errors


def offer_make(*, request: PlacementRequest, organisation, by, weekly_price: Decimal, starts_on: datetime.date, how_outcomes_met: str) -> Offer:
    """A provider's offer (or its change, while it is open) for a request sent to it."""
    if not request.recipients.filter(organisation=organisation).exists():
        raise FieldErrors({NON_FIELD: "This request was not sent to your organisation."})
    errors = _offer_problems(weekly_price=weekly_price, starts_on=starts_on, how_outcomes_met=how_outcomes_met)
    if errors:
        raise FieldErrors(errors)
    weekly_price = Decimal(weekly_price).quantize(PENNY)
    with transaction.atomic():
        locked = PlacementRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != PlacementRequest.Status.SENT:
            raise InvalidTransition(f"The request is {locked.get_status_display().lower()}, so offers can no longer be made or changed.")
        existing = Offer.objects.filter(request=locked, organisation=organisation).first()
        if existing is None:
            return Offer.objects.create(
                request=locked,
                organisation=organisation,
                weekly_price=weekly_price,
                starts_on=starts_on,
                how_outcomes_met=how_outcomes_met.strip(),
                made_by=by,
            )
        with edit(existing) as row:
            row.weekly_price, row.starts_on, row.how_outcomes_met, row.made_by = weekly_price, starts_on, how_outcomes_met.strip(), by
        return row


def offer_withdraw(*, offer: Offer, by) -> Offer:
    """The offering provider takes its offer back, while the request is still open for offers."""
    # The offer is the provider's own: the trust's staff decline offers through a choice, never withdraw them.
    if getattr(by, "organisation_id", None) != offer.organisation_id or not has_perm(by, Perm.PLACEMENT_OFFER):
        raise PermissionDenied("Only the provider that made the offer can withdraw it.")

    def still_open(row):
        status = PlacementRequest.objects.values_list("status", flat=True).get(pk=row.request_id)
        return None if status == PlacementRequest.Status.SENT else "The request is no longer open for offers, so the offer cannot be withdrawn."

    return transition(instance=offer, move="withdraw", by=by, reason="Withdrawn by the provider", check=still_open)


def choice_problems(*, request: PlacementRequest, offer: Offer | None, reasons: str, others_reason: str) -> dict[str, str]:
    errors = {}
    if offer is None or offer.request_id != request.pk or offer.status != Offer.Status.MADE:
        errors["offer"] = "Choose one of the offers made for this request"
    if not (reasons or "").strip():
        errors["reasons"] = "Enter why this offer is chosen"
    if not (others_reason or "").strip():
        errors["others_reason"] = "Enter a short reason to give the providers not chosen"
    if "offer" not in errors and request.budget_id:
        problem = commitment_problem(request.budget, offer.total_for(request.duration_weeks))
        if problem:
            errors["offer"] = problem
    return errors


def request_choose(*, request: PlacementRequest, offer: Offer, by, reasons: str, others_reason: str) -> PlacementRequest:
    """Choose an offer with reasons: the others are told, the budget committed, the spot contract made and signed."""
    errors = choice_problems(request=request, offer=offer, reasons=reasons, others_reason=others_reason)
    if errors:
        raise FieldErrors(errors)
    total = offer.total_for(request.duration_weeks)
    starts_on = max(offer.starts_on, request.starts_on)
    with transaction.atomic():
        contract = contract_create_direct(
            trust=request.trust,
            by=by,
            buyer=request.buyer,
            supplier=offer.organisation,
            title=f"Individual placement {request.reference}: {request.get_kind_display()}",
            value=total,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(weeks=request.duration_weeks) - datetime.timedelta(days=1),
            justification=f"Call-off under framework {request.framework.name}",
            form=Contract.Form.SHORT,
            payment_basis=PaymentBasis.PER_PLACEMENT if request.kind in PER_PLACEMENT_KINDS else PaymentBasis.SPOT,
            short_term_reason="An individual placement for one child, for as long as that child's plan needs it.",
        )
        # The contract is judged by the request's outcomes, written through contracts' own service.
        measure_save(
            contract=contract,
            by=by,
            kind=ContractMeasure.Kind.OUTCOME,
            question=ContractMeasure.Question.BETTER_OFF,
            text=request.outcomes[:2000],
            value_type=ContractMeasure.ValueType.TEXT,
            required=True,
        )
        contract = contract_sign(contract=contract, by=by, signed_on=timezone.localdate())
        chosen = transition(instance=offer, move="choose", by=by, reason=reasons.strip(), changes={"outcome_reason": reasons.strip()})
        placed = transition(
            instance=request,
            move="choose",
            by=by,
            reason=f"Offer from {offer.organisation.name} chosen",
            changes={"choice_reasons": reasons.strip(), "contract": contract},
        )
        if request.budget_id:
            budget_line_add(
                budget=request.budget,
                by=by,
                kind=BudgetLine.Kind.COMMITMENT,
                amount=total,
                description=f"Placement {request.reference} with {offer.organisation.name} ({request.duration_weeks} weeks)",
                on_date=timezone.localdate(),
                offer=chosen,
            )
        for other in request.offers.filter(status=Offer.Status.MADE).exclude(pk=offer.pk).select_related("organisation", "made_by"):
            transition(instance=other, move="decline", by=by, reason=others_reason.strip(), changes={"outcome_reason": others_reason.strip()})
            email_send_later(
                to=([other.made_by.email] if other.made_by else []) or _people_emails(other.organisation) or other.organisation.contact_email,
                subject=f"Placement request {request.reference}: your offer was not chosen",
                template="placements/email/offer_not_chosen.txt",
                context={"request": request, "offer": other, "reason": others_reason.strip()},
            )
        if offer.made_by:
            email_send_later(
                to=offer.made_by.email,
                subject=f"Placement request {request.reference}: your offer was chosen",
                template="placements/email/offer_chosen.txt",
                context={"request": request, "offer": chosen, "contract": contract},
            )
    return placed
