"""A draft's terms: dates, extension options, funding, payment basis, notice; its measures, risks and insurance."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import edit

from .. import config
from ..models import Contract, ContractInsurance, ContractMeasure, ContractRisk, FundingShare
from .contracts import HUNDRED, _term_problems, _write_years


def _draft_only(row):
    return None if row.status == Contract.Status.DRAFT else "A signed contract's terms change only by a variation or an extension."


def _decimal(value, field, errors, *, message, minimum=Decimal("0")):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", "").replace("£", "").strip())
    except InvalidOperation:
        errors[field] = message
        return None
    if number < minimum:
        errors[field] = message
        return None
    return number


def extension_options(text: str) -> list[int]:
    """'24' or '12, 12' → [24] or [12, 12]; raises ValueError on anything else."""
    parts = [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]
    months = [int(part) for part in parts]
    if any(month <= 0 or month > 120 for month in months):
        raise ValueError
    return months


def default_form(value: Decimal, on: datetime.date) -> str:
    """The short form is offered by default below the configured value."""
    return Contract.Form.SHORT if value < config.short_form_below(on) else Contract.Form.STANDARD


def contract_terms_edit(
    *,
    contract: Contract,
    by,
    title: str,
    description: str = "",
    starts_on: datetime.date,
    ends_on: datetime.date,
    value,
    extension_months: str = "",
    form: str,
    payment_basis: str,
    payment_terms_days: int,
    notice_period_days: int,
    short_term_reason: str = "",
    clawback_terms: str = "",
    funding_note: str = "",
    pooled_fund=None,
    version: str | None = None,
) -> Contract:
    """Change a draft's terms; the years are split again by days when the dates or the value change."""
    errors = _term_problems(starts_on, ends_on)
    if not (title or "").strip():
        errors["title"] = "Enter the contract's title"
    amount = _decimal(value, "value", errors, message="Enter the contract's value as an amount in pounds, £0 or more")
    if amount is None and "value" not in errors:
        errors["value"] = "Enter the contract's value"
    if contract.award_id and amount is not None and amount != contract.award.value:
        errors["value"] = f"An awarded contract's value is the award's, £{contract.award.value:,.2f}: change it by a variation once signed"
    try:
        options = extension_options(extension_months)
    except ValueError:
        errors["extension_months"] = "Enter each extension option in whole months, separated by commas, for example 12, 12"
        options = []
    if payment_terms_days is not None and payment_terms_days > 30:
        errors["payment_terms_days"] = "Undisputed invoices must be paid within 30 days"
    if pooled_fund is not None and pooled_fund.trust_id != contract.trust_id:
        errors["pooled_fund"] = "Choose one of this trust's pooled or aligned funds"
    if errors:
        raise FieldErrors(errors)
    with edit(contract, version=version, check=_draft_only) as row:
        redo_years = (row.starts_on, row.ends_on, row.value) != (starts_on, ends_on, amount)
        row.title = title.strip()
        row.description = (description or "").strip()
        row.starts_on, row.ends_on, row.value = starts_on, ends_on, amount
        row.extension_months = options
        row.form = form
        row.payment_basis = payment_basis
        row.payment_terms_days = payment_terms_days
        row.notice_period_days = notice_period_days
        row.short_term_reason = (short_term_reason or "").strip()
        row.clawback_terms = (clawback_terms or "").strip()
        row.funding_note = (funding_note or "").strip()
        row.pooled_fund = pooled_fund
    if redo_years:
        row.years.all().delete()
        _write_years(row)
    return row


def measure_save(
    *,
    contract: Contract,
    by,
    kind: str,
    question: str,
    text: str,
    how_measured: str = "",
    value_type: str = ContractMeasure.ValueType.NUMBER,
    target=None,
    unit: str = "",
    required: bool = True,
    priority=None,
    indicator=None,
    measure: ContractMeasure | None = None,
) -> ContractMeasure:
    """Add a measure (outcome, KPI or social value commitment) to a draft, or change one."""
    errors = {}
    if not (text or "").strip():
        errors["text"] = "Enter what is measured"
    number = _decimal(target, "target", errors, message="Enter the target as a number", minimum=Decimal("-1e12"))
    if number is not None and value_type == ContractMeasure.ValueType.TEXT:
        errors["target"] = "A measure reported in words has no numeric target: leave the target empty"
    if number is not None and value_type == ContractMeasure.ValueType.PERCENT and not (0 <= number <= 100):
        errors["target"] = "A percentage target must be between 0 and 100"
    if priority is not None and priority.trust_id != contract.trust_id:
        errors["priority"] = "Choose one of this trust's priorities"
    if errors:
        raise FieldErrors(errors)
    fields = {
        "kind": kind,
        "question": question,
        "text": text.strip(),
        "how_measured": (how_measured or "").strip(),
        "value_type": value_type,
        "target": number,
        "unit": (unit or "").strip(),
        "required": required,
        "priority": priority,
        "indicator": indicator,
    }
    with edit(contract, check=_draft_only):
        if measure is None:
            order = contract.measures.count() + 1
            return ContractMeasure.objects.create(contract=contract, order=order, **fields)
        for name, value in fields.items():
            setattr(measure, name, value)
        measure.save()
        return measure


def funding_share_add(*, contract: Contract, by, organisation, share, budget: str = "") -> FundingShare:
    errors = {}
    amount = _decimal(share, "share", errors, message="Enter the share as a percentage more than 0 and up to 100")
    if amount is None and "share" not in errors:
        errors["share"] = "Enter the partner's share of the cost"
    elif amount is not None and not (0 < amount <= HUNDRED):
        errors["share"] = "Enter the share as a percentage more than 0 and up to 100"
    if not contract.trust.partners.filter(organisation=organisation).exists():
        errors["organisation"] = "Choose one of the trust's partners"
    elif contract.funding_shares.filter(organisation=organisation).exists():
        errors["organisation"] = f"{organisation} already pays a share of this contract"
    if amount is not None and "share" not in errors:
        taken = sum((row.share for row in contract.funding_shares.all()), Decimal("0"))
        if taken + amount > HUNDRED:
            errors["share"] = f"The partners' shares would add up to {taken + amount}%: they can add up to 100% at most"
    if errors:
        raise FieldErrors(errors)
    with edit(contract, check=_draft_only):
        return FundingShare.objects.create(contract=contract, organisation=organisation, share=amount, budget=(budget or "").strip())


def risk_add(*, contract: Contract, by, risk: str, bearer: str, provider_share=None, mitigation: str = "", clawback: str = "") -> ContractRisk:
    """Record one risk and who bears it; a shared risk says the provider's part."""
    errors = {}
    if not (risk or "").strip():
        errors["risk"] = "Enter the risk"
    share = _decimal(provider_share, "provider_share", errors, message="Enter the provider's share as a percentage between 1 and 99")
    if bearer == ContractRisk.Bearer.SHARED:
        if share is None and "provider_share" not in errors:
            errors["provider_share"] = "Enter the provider's share of a shared risk"
        elif share is not None and not (0 < share < HUNDRED):
            errors["provider_share"] = "Enter the provider's share as a percentage between 1 and 99"
    elif share is not None:
        errors["provider_share"] = "Only a shared risk has a provider's share: leave it empty"
    if errors:
        raise FieldErrors(errors)
    with edit(contract, check=_draft_only):
        return ContractRisk.objects.create(
            contract=contract,
            risk=risk.strip(),
            bearer=bearer,
            provider_share=share,
            mitigation=(mitigation or "").strip(),
            clawback=(clawback or "").strip(),
        )


def insurance_set(*, contract: Contract, by, kind: str, cover, note: str = "") -> ContractInsurance:
    """Require one kind of cover (replacing an earlier figure for the same kind)."""
    errors = {}
    amount = _decimal(cover, "cover", errors, message="Enter the cover as an amount in pounds")
    if amount is None and "cover" not in errors:
        errors["cover"] = "Enter the cover for each claim"
    if errors:
        raise FieldErrors(errors)
    with edit(contract, check=_draft_only):
        row, _ = ContractInsurance.objects.update_or_create(contract=contract, kind=kind, defaults={"cover": amount, "note": (note or "").strip()})
        return row


def insurance_apply_defaults(*, contract: Contract, by) -> list[ContractInsurance]:
    """Require the cover proportionate to the contract's value (config.insurance_defaults), kinds not yet set."""
    have = set(contract.insurance.values_list("kind", flat=True))
    defaults = config.insurance_defaults(contract.value, contract.starts_on)
    if not defaults:
        raise FieldErrors({NON_FIELD: "There are no default insurance levels in force for this contract's start date."})
    with edit(contract, check=_draft_only):
        return [
            ContractInsurance.objects.create(contract=contract, kind=kind, cover=cover, note="Proportionate to the contract's value")
            for kind, cover in defaults.items()
            if kind not in have
        ]
