"""Making and signing contracts: from an award once its standstill has ended, or a recorded direct award."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import edit, transition
from jointly.partnerships.sectors import in_third_sector
from jointly.procurement.services.award import award_signing_refusal

from ..models import Contract, ContractMeasure, ContractParty, ContractYear

PENNY = Decimal("0.01")
HUNDRED = Decimal("100")
# The seeds ask for funding of at least three years for the VCS; a shorter term needs a recorded reason.
VCS_MINIMUM_YEARS = 3


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def term_years(starts_on: datetime.date, ends_on: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The term as contract years from the start date, the last one possibly short."""
    years, start = [], starts_on
    while start <= ends_on:
        end = min(add_years(start, 1) - datetime.timedelta(days=1), ends_on)
        years.append((start, end))
        start = end + datetime.timedelta(days=1)
    return years


def split_by_days(total: Decimal, periods: list[tuple[datetime.date, datetime.date]]) -> list[Decimal]:
    """Share a total across periods by their days, in pence, the last taking the rounding so they add up."""
    days = [(end - start).days + 1 for start, end in periods]
    whole = sum(days)
    shares = [(total * day / whole).quantize(PENNY, rounding=ROUND_HALF_UP) for day in days[:-1]]
    return [*shares, total - sum(shares, Decimal("0"))]


def is_shorter_than_vcs_minimum(contract: Contract) -> bool:
    return contract.ends_on < add_years(contract.starts_on, VCS_MINIMUM_YEARS) - datetime.timedelta(days=1)


def needs_short_term_reason(contract: Contract) -> bool:
    """A contract with a VCS organisation shorter than three years must say why (the warning's record)."""
    return in_third_sector(contract.supplier.sector, contract.supplier.legal_form) and is_shorter_than_vcs_minimum(contract)


def _term_problems(starts_on, ends_on) -> dict[str, str]:
    errors = {}
    if starts_on is None:
        errors["starts_on"] = "Enter the start date"
    if ends_on is None:
        errors["ends_on"] = "Enter the end date"
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = "The end date must be on or after the start date"
    return errors


def _next_reference(trust) -> str:
    count = Contract.objects.filter(trust=trust).count() + 1
    return f"{trust.slug.upper()[:12]}-C{count:04d}"


def _write_years(contract: Contract) -> None:
    periods = term_years(contract.starts_on, contract.ends_on)
    values = split_by_days(contract.value, periods)
    ContractYear.objects.bulk_create(
        ContractYear(contract=contract, number=number, starts_on=start, ends_on=end, value=value)
        for number, ((start, end), value) in enumerate(zip(periods, values, strict=True), start=1)
    )


def _serving(intention):
    """The priority and indicator the intention's measures serve, where there is one of each to name."""
    if intention is None:
        return None, None
    priorities = list(intention.priorities.prefetch_related("targets"))
    if len(priorities) != 1:
        return None, None
    targets = list(priorities[0].targets.all())
    return priorities[0], targets[0].indicator if len(targets) == 1 else None


def contract_create_from_award(
    *,
    award,
    by,
    buyer,
    starts_on: datetime.date,
    ends_on: datetime.date,
    reference: str = "",
    title: str = "",
    form: str = Contract.Form.STANDARD,
    payment_basis: str = "",
    extension_months=(),
    short_term_reason: str = "",
) -> Contract:
    """A draft contract from an award: the bid's parties and shares, its value over the term by year,
    and the specification's outcomes as its measures, serving the intention's priority."""
    opportunity = award.decision.opportunity
    errors = _term_problems(starts_on, ends_on)
    if Contract.objects.filter(award=award).exists():
        errors[NON_FIELD] = "This award already has a contract."
    if not opportunity.trust.partners.filter(organisation=buyer).exists():
        errors["buyer"] = "Choose one of the trust's partners as the contracting body"
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        contract = Contract.objects.create(
            trust=opportunity.trust,
            buyer=buyer,
            supplier=award.organisation,
            reference=reference.strip() or _next_reference(opportunity.trust),
            title=title.strip() or (f"{opportunity.title}: {award.lot.title}" if award.lot else opportunity.title),
            description=opportunity.description,
            origin=Contract.Origin.AWARD,
            award=award,
            intention=opportunity.intention,
            form=form,
            starts_on=starts_on,
            ends_on=ends_on,
            extension_months=list(extension_months),
            short_term_reason=short_term_reason.strip(),
            value=award.value,
            payment_basis=payment_basis or Contract._meta.get_field("payment_basis").default,
            created_by=by,
        )
        bid = award.bid
        members = list(bid.members.all())
        ContractParty.objects.create(
            contract=contract,
            organisation=award.organisation,
            part=ContractParty.Part.LEAD,
            role=bid.lead_role,
            work_share=HUNDRED - sum((member.work_share for member in members), Decimal("0")),
            money_share=HUNDRED - sum((member.money_share for member in members), Decimal("0")),
        )
        ContractParty.objects.bulk_create(
            ContractParty(
                contract=contract,
                organisation=member.organisation,
                part=ContractParty.Part.MEMBER,
                role=member.role,
                work_share=member.work_share,
                money_share=member.money_share,
            )
            for member in members
        )
        _write_years(contract)
        priority, indicator = _serving(opportunity.intention)
        ContractMeasure.objects.bulk_create(
            ContractMeasure(
                contract=contract,
                kind=ContractMeasure.Kind.OUTCOME,
                question=ContractMeasure.Question.BETTER_OFF,
                text=outcome.text,
                how_measured=outcome.measure,
                priority=priority,
                indicator=indicator,
                source_outcome=outcome,
                order=outcome.order,
            )
            for outcome in opportunity.outcomes.all()
        )
    return contract


def contract_create_direct(
    *,
    trust,
    by,
    buyer,
    supplier,
    title: str,
    value: Decimal,
    starts_on: datetime.date,
    ends_on: datetime.date,
    justification: str,
    reference: str = "",
    intention=None,
    form: str = Contract.Form.STANDARD,
    payment_basis: str = "",
    extension_months=(),
    short_term_reason: str = "",
) -> Contract:
    """A draft contract from a direct award made outside a procurement here, with its justification."""
    errors = _term_problems(starts_on, ends_on)
    if not (title or "").strip():
        errors["title"] = "Enter the contract's title"
    if value is None or value < 0:
        errors["value"] = "Enter the contract's value, £0 or more"
    if not (justification or "").strip():
        errors["direct_award_justification"] = "Enter why the contract is awarded directly"
    if not trust.partners.filter(organisation=buyer).exists():
        errors["buyer"] = "Choose one of the trust's partners as the contracting body"
    if intention is not None and intention.trust_id != trust.pk:
        errors["intention"] = "Choose one of this trust's commissioning intentions"
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        contract = Contract.objects.create(
            trust=trust,
            buyer=buyer,
            supplier=supplier,
            reference=reference.strip() or _next_reference(trust),
            title=title.strip(),
            origin=Contract.Origin.DIRECT_AWARD,
            direct_award_justification=justification.strip(),
            intention=intention,
            form=form,
            starts_on=starts_on,
            ends_on=ends_on,
            extension_months=list(extension_months),
            short_term_reason=short_term_reason.strip(),
            value=value,
            payment_basis=payment_basis or Contract._meta.get_field("payment_basis").default,
            created_by=by,
        )
        ContractParty.objects.create(contract=contract, organisation=supplier, part=ContractParty.Part.LEAD, work_share=HUNDRED, money_share=HUNDRED)
        _write_years(contract)
    return contract


def signing_problems(contract: Contract) -> dict[str, str]:
    """Everything that stops the contract being signed, at once."""
    errors = {}
    if contract.award_id is not None:
        refusal = award_signing_refusal(contract.award)
        if refusal:
            errors[NON_FIELD] = refusal
    parties = list(contract.parties.all())
    if sum(1 for party in parties if party.part == ContractParty.Part.LEAD) != 1:
        errors["parties"] = "The contract needs one lead provider"
    elif sum((party.money_share for party in parties), Decimal("0")) != HUNDRED:
        errors["parties"] = "The parties' shares of the money must add up to 100%"
    years = [year for year in contract.years.all() if not year.extension]
    if sum((year.value for year in years), Decimal("0")) != contract.value:
        errors["years"] = "The values by year must add up to the contract's value"
    if not contract.measures.exists():
        errors["measures"] = "Add at least one outcome or KPI the contract is measured by"
    if needs_short_term_reason(contract) and not contract.short_term_reason.strip():
        errors["short_term_reason"] = (
            f"This contract with a voluntary or community organisation is shorter than {VCS_MINIMUM_YEARS} years: record why"
        )
    return errors


def contract_sign(*, contract: Contract, by, signed_on: datetime.date | None = None) -> Contract:
    """Record the contract as signed by both sides, making it active."""
    signed_on = signed_on or timezone.localdate()
    problems = signing_problems(contract)
    if problems:
        raise FieldErrors(problems)
    return transition(
        instance=contract,
        move="sign",
        by=by,
        reason=f"Signed on {signed_on:%-d %B %Y}",
        changes={"signed_on": signed_on, "signed_by": by},
    )


def contract_cancel(*, contract: Contract, by, reason: str) -> Contract:
    if not (reason or "").strip():
        raise FieldErrors({"reason": "Enter why the contract is cancelled"})
    return transition(instance=contract, move="cancel", by=by, reason=reason.strip())


def contract_expire(contract: Contract, *, today: datetime.date) -> Contract:
    """The clock: end a running contract whose term has ended, checked again on the locked row."""

    def still_due(row):
        return None if row.ends_on < today else "The contract's term has not ended."

    return transition(
        instance=contract,
        move="expire",
        by=None,
        reason=f"Term ended on {contract.ends_on:%-d %B %Y}",
        check=still_due,
        changes={"ended_on": contract.ends_on},
    )


def contract_parties_set(*, contract: Contract, by, members) -> list[ContractParty]:
    """Make a draft's consortium: `members` is [(organisation, role, work share, money share)]; the lead keeps the rest."""
    errors, seen = {}, {contract.supplier_id}
    for index, (organisation, _role, work, money) in enumerate(members):
        if organisation.pk in seen:
            errors[f"members-{index}"] = f"{organisation} is already a party to this contract"
        seen.add(organisation.pk)
        if not (0 < Decimal(work) < HUNDRED and 0 <= Decimal(money) < HUNDRED):
            errors[f"members-{index}"] = "Each member's shares must be more than 0% and less than 100%"
    work_left = HUNDRED - sum((Decimal(work) for _o, _r, work, _m in members), Decimal("0"))
    money_left = HUNDRED - sum((Decimal(money) for _o, _r, _w, money in members), Decimal("0"))
    if work_left <= 0 or money_left < 0:
        errors[NON_FIELD] = "The members' shares leave nothing for the lead: the shares must add up to 100% with the lead's"
    if errors:
        raise FieldErrors(errors)

    def still_draft(row):
        return None if row.status == Contract.Status.DRAFT else "The parties of a signed contract change only by a variation."

    with edit(contract, check=still_draft) as row:
        row.parties.exclude(part=ContractParty.Part.LEAD).delete()
        row.parties.filter(part=ContractParty.Part.LEAD).update(work_share=work_left, money_share=money_left)
        created = ContractParty.objects.bulk_create(
            ContractParty(contract=row, organisation=organisation, part=ContractParty.Part.MEMBER, role=role, work_share=work, money_share=money)
            for organisation, role, work, money in members
        )
    return created
