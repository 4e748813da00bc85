"""Writes for the resource envelope. Every rule is checked here, with a message for people."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction

from jointly.core.errors import FieldErrors
from jointly.core.transitions import edit
from jointly.partnerships.models import Organisation, Trust, TrustPartner
from jointly.providers.models import DirectoryService

from .models import Budget, Contribution, FundingStream, PooledFund, Purpose, SpendKind, SpendRecord, Tier, financial_year_problem


def money(value, *, what: str = "the amount") -> Decimal:
    """Pounds as a Decimal, refusing what is not a sum of money or is below zero."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "").replace("£", "").strip())
    except (InvalidOperation, ValueError):
        raise FieldErrors({"amount": f"Enter {what} in pounds, like 12500 or 12500.50"}) from None
    if not amount.is_finite():
        raise FieldErrors({"amount": f"Enter {what} in pounds, like 12500 or 12500.50"})
    if amount < 0:
        raise FieldErrors(
            {"amount": f"Enter {what} as £0 or more: refunds and clawbacks are recorded against the year they reduce, not as negative spend"}
        )
    if amount.as_tuple().exponent < -2:
        raise FieldErrors({"amount": f"Enter {what} to the nearest penny"})
    if abs(amount) >= Decimal("1e12"):
        raise FieldErrors({"amount": f"Enter {what} under £1,000,000,000,000"})
    return amount.quantize(Decimal("0.01"))


def _collect(errors: dict, check, *args, **kwargs):
    """Run a check that raises FieldErrors, adding its problems to `errors`; returns what it returned, or None."""
    try:
        return check(*args, **kwargs)
    except FieldErrors as error:
        errors.update(error.errors)
        return None


def is_partner(*, trust: Trust, organisation: Organisation) -> bool:
    return TrustPartner.objects.filter(trust=trust, organisation=organisation).exists()


def _partner_problem(trust: Trust, organisation: Organisation, role: str) -> str:
    if is_partner(trust=trust, organisation=organisation):
        return ""
    return f"{organisation} is not a partner in {trust}: add it to the partnership before recording {role}"


def budget_create(*, trust: Trust, organisation: Organisation, year: str, amount, notes: str = "") -> Budget:
    errors = {}
    amount = _collect(errors, money, amount, what="the budget")
    problem = financial_year_problem(year)
    if problem:
        errors["year"] = problem
    elif Budget.objects.filter(trust=trust, organisation=organisation, year=year).exists():
        errors["year"] = f"{organisation} already has a budget for {year}: change that one instead"
    problem = _partner_problem(trust, organisation, "its budget")
    if problem:
        errors["organisation"] = problem
    if errors:
        raise FieldErrors(errors)
    return Budget.objects.create(trust=trust, organisation=organisation, year=year, amount=amount, notes=notes)


def funding_stream_create(
    *,
    trust: Trust,
    funder: Organisation,
    name: str,
    amount,
    starts_on: datetime.date,
    ends_on: datetime.date,
    conditions: str = "",
    ring_fenced: bool = False,
) -> FundingStream:
    errors = funding_stream_problems(name=name, amount=amount, starts_on=starts_on, ends_on=ends_on)
    if errors:
        raise FieldErrors(errors)
    amount = money(amount, what="the amount of the funding stream")
    return FundingStream.objects.create(
        trust=trust,
        funder=funder,
        name=name.strip(),
        amount=amount,
        starts_on=starts_on,
        ends_on=ends_on,
        conditions=conditions,
        ring_fenced=ring_fenced,
    )


def funding_stream_problems(*, name: str = "", amount=None, starts_on=None, ends_on=None, **_ignored) -> dict[str, str]:
    """Every problem with a funding stream, as {field: message}; what is not given (None) is not checked."""
    errors = {}
    if not (name or "").strip():
        errors["name"] = "Enter the name of the funding stream"
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = f"The end date must be the same as or after the start date ({starts_on:%-d %B %Y})"
    if amount is not None:
        _collect(errors, money, amount, what="the amount of the funding stream")
    return errors


def pooled_fund_create(
    *,
    trust: Trust,
    name: str,
    kind: str,
    host: Organisation,
    year: str,
    legal_basis: str = "",
    governance_agreement: str = "",
    agreement_signed_on: datetime.date | None = None,
    risk_share: str = "",
) -> PooledFund:
    errors = {}
    if not name.strip():
        errors["name"] = "Enter the name of the fund"
    if kind not in PooledFund.Kind.values:
        errors["kind"] = "Select whether this is a pooled fund or an aligned budget"
    elif kind == PooledFund.Kind.POOLED and not legal_basis:
        # A pooled fund is only lawful under a partnership agreement; an aligned budget needs none.
        errors["legal_basis"] = "Select the law the pooled fund is made under: section 75 of the NHS Act 2006 or section 10 of the Children Act 2004"
    if legal_basis and legal_basis not in PooledFund.LegalBasis.values:
        errors["legal_basis"] = "Select the law the pooled fund is made under"
    problem = financial_year_problem(year)
    if problem:
        errors["year"] = problem
    if not is_partner(trust=trust, organisation=host):
        errors["host"] = f"{host} is not a partner in {trust}: the host must be one of the partners"
    if errors:
        raise FieldErrors(errors)
    return PooledFund.objects.create(
        trust=trust,
        name=name.strip(),
        kind=kind,
        legal_basis=legal_basis,
        host=host,
        year=year,
        governance_agreement=governance_agreement,
        agreement_signed_on=agreement_signed_on,
        risk_share=risk_share,
    )


def contribution_add(*, fund: PooledFund, organisation: Organisation, amount, in_kind: bool = False) -> Contribution:
    errors = {}
    amount = _collect(errors, money, amount, what="the contribution")
    problem = _partner_problem(fund.trust, organisation, "a contribution to its fund")
    if problem:
        errors["organisation"] = problem
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        existing = Contribution.objects.filter(fund=fund, organisation=organisation, in_kind=in_kind).first()
        if existing:
            # One row per partner and kind: a second entry is a correction, not a second payment.
            with edit(existing) as row:
                row.amount = amount
            return row
        return Contribution.objects.create(fund=fund, organisation=organisation, amount=amount, in_kind=in_kind)


def spend_record_create(
    *,
    trust: Trust,
    year: str,
    partner: Organisation,
    provider: Organisation,
    kind: str,
    service_name: str,
    tier: str,
    purpose: str,
    amount,
    outcome_area=None,
    priority=None,
    place=None,
    budget: Budget | None = None,
    funding_stream: FundingStream | None = None,
    pooled_fund: PooledFund | None = None,
    service: DirectoryService | None = None,
    row_hash: str = "",
) -> SpendRecord:
    errors = spend_record_problems(
        trust=trust,
        year=year,
        partner=partner,
        kind=kind,
        service_name=service_name,
        tier=tier,
        purpose=purpose,
        outcome_area=outcome_area,
        priority=priority,
        budget=budget,
        funding_stream=funding_stream,
        pooled_fund=pooled_fund,
        provider=provider,
        service=service,
    )
    amount = _collect(errors, money, amount, what="the amount spent")
    if errors:
        raise FieldErrors(errors)
    return SpendRecord.objects.create(
        trust=trust,
        year=year,
        partner=partner,
        provider=provider,
        kind=kind,
        service_name=service_name.strip(),
        tier=tier,
        purpose=purpose,
        amount=amount,
        outcome_area=outcome_area,
        priority=priority,
        place=place,
        provider_sector=provider.sector,
        budget=budget,
        funding_stream=funding_stream,
        pooled_fund=pooled_fund,
        service=service,
        row_hash=row_hash,
    )


def spend_form_problems(*, trust: Trust, data: dict) -> dict[str, str]:
    """Every problem with what a spend form could read (`data`, its cleaned fields; a field it refused is missing)."""
    errors = spend_record_problems(
        trust=trust,
        year=data.get("year") or "",
        partner=data.get("partner"),
        kind=data.get("kind") or "",
        service_name=data.get("service_name") or "",
        tier=data.get("tier") or "",
        purpose=data.get("purpose") or "",
        outcome_area=data.get("outcome_area"),
        priority=data.get("priority"),
        budget=data.get("budget"),
        funding_stream=data.get("funding_stream"),
        pooled_fund=data.get("pooled_fund"),
        provider=data.get("provider"),
        service=data.get("service"),
    )
    if data.get("amount") is not None:
        _collect(errors, money, data["amount"], what="the amount spent")
    return errors


def service_problem(*, provider: Organisation | None, service: DirectoryService | None) -> str:
    """Why `service` cannot be the directory entry for spend with `provider`, or '' when it can."""
    if service is None or provider is None or service.organisation_id == provider.pk:
        return ""
    return f"{service.name} is run by {service.organisation.name}, not by {provider.name}"


def spend_record_link_service(*, record: SpendRecord, service: DirectoryService | None) -> SpendRecord:
    """Point a spend record at the directory service it paid for (or at none); the ledger's name is kept."""
    problem = service_problem(provider=record.provider, service=service)
    if problem:
        raise FieldErrors({"service": problem})
    with edit(record) as row:  # Saves only the link, on the locked row.
        row.service = service
    return row


def spend_record_problems(
    *,
    trust,
    year,
    partner,
    kind,
    service_name,
    tier,
    purpose,
    outcome_area,
    budget,
    funding_stream,
    pooled_fund,
    priority=None,
    provider=None,
    service=None,
) -> dict[str, str]:
    """Every problem with a spend record but its amount, as {field: message}."""
    errors = {}
    problem = financial_year_problem(year)
    if problem:
        errors["year"] = problem
    if not service_name.strip():
        errors["service_name"] = "Enter the name of the service"
    if kind not in SpendKind.values:
        errors["kind"] = "Select commissioned service, in-house service or grant"
    if tier not in Tier.values:
        errors["tier"] = "Select universal, targeted or specialist"
    if purpose not in Purpose.values:
        errors["purpose"] = "Select prevention or intervention"
    if partner is not None and not is_partner(trust=trust, organisation=partner):
        errors["partner"] = f"{partner} is not a partner in {trust}: only partners' spending is recorded"
    if outcome_area is not None and outcome_area.trust_id not in (None, trust.pk):
        errors["outcome_area"] = "Select one of this trust's outcome areas"
    if priority is not None and priority.trust_id != trust.pk:
        errors["priority"] = "Select one of this trust's priorities"
    sources = [source for source in (budget, funding_stream, pooled_fund) if source is not None]
    if len(sources) > 1:
        errors["funded_from"] = "Select one source of funding: a budget, a funding stream or a pooled fund"
    elif sources and sources[0].trust_id != trust.pk:
        errors["funded_from"] = "Select a budget, funding stream or fund of this trust"
    elif budget is not None and partner is not None and budget.organisation_id != partner.pk:
        errors["funded_from"] = f"That budget is {budget.organisation}'s, not {partner}'s"
    problem = service_problem(provider=provider, service=service)
    if problem:
        errors["service"] = problem
    return errors
