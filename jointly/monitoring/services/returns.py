"""A provider's one return per period: opened for every running contract its adopting partners bought,
saved as a draft whatever is in it, and checked in full only when it is submitted."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from jointly.contracts.models import Contract, ContractMeasure
from jointly.contracts.selectors.contracts import running_contracts_of
from jointly.core.errors import FieldErrors
from jointly.core.transitions import edit, transition

from .. import config
from ..models import Adoption, MonitoringReturn, ReturnLine, ReturnPart, ReturnTemplate
from .templates import current_version

EDITABLE = (MonitoringReturn.Status.DRAFT, MonitoringReturn.Status.CHANGES_REQUESTED)


def _in_scope(contracts, template: ReturnTemplate):
    """Those whose buyer adopted the template, let by the template's trust (or by a trust of its region)."""
    buyers = Adoption.objects.filter(template=template).values("organisation_id")
    scope = Q(trust_id=template.trust_id) if template.trust_id else Q(trust__region_id=template.region_id)
    return contracts.filter(buyer_id__in=buyers).filter(scope).order_by("reference", "pk")


def covered_contracts(organisation, template: ReturnTemplate):
    """The running contracts the organisation reports on with the template: those it holds alone or
    leads (any trust). A consortium contract is reported once, by its lead (`Contract.supplier`), so
    no member's return repeats its figures."""
    return _in_scope(running_contracts_of(organisation).filter(supplier=organisation), template)


def reported_by_lead(organisation, template: ReturnTemplate):
    """The running consortium contracts the organisation is a member of (not the lead) that the template
    covers: its lead reports on them, so the member's return names them and asks nothing."""
    return _in_scope(running_contracts_of(organisation).exclude(supplier=organisation), template).select_related("supplier")


def templates_covering(organisation):
    """The templates adopted by a buyer of one of the organisation's running contracts."""
    buyers = running_contracts_of(organisation).filter(supplier=organisation).values("buyer_id")
    return ReturnTemplate.objects.filter(adoptions__organisation_id__in=buyers).distinct().select_related("trust", "region")


def value_a_year(contract: Contract, on: datetime.date) -> Decimal:
    """The contract's value in the year that holds the day (ContractYear), else its value spread over its term."""
    for year in contract.years.all():
        if year.starts_on <= on <= year.ends_on:
            return year.value
    days = (contract.ends_on - contract.starts_on).days + 1
    return (contract.value * 365 / days).quantize(Decimal("0.01")) if days else contract.value


def frequency_of(contracts, on: datetime.date) -> str:
    """Proportionate to value: the most frequent that any covered contract's yearly value calls for."""
    wanted = {config.frequency_for_value(value_a_year(contract, on), on) for contract in contracts}
    return next((frequency for frequency in config.BY_FREQUENCY if frequency in wanted), config.BY_FREQUENCY[-1])


def period_for(organisation, template: ReturnTemplate, on: datetime.date) -> tuple[str, datetime.date, datetime.date] | None:
    """(frequency, first day, last day) of the organisation's return period holding the day; None if nothing is covered."""
    contracts = list(covered_contracts(organisation, template).prefetch_related("years"))
    if not contracts:
        return None
    frequency = frequency_of(contracts, on)
    return (frequency, *config.period_containing(on, frequency))


def previous_return(monitoring_return: MonitoringReturn) -> MonitoringReturn | None:
    return (
        MonitoringReturn.objects.filter(
            organisation_id=monitoring_return.organisation_id,
            template_id=monitoring_return.template_id,
            period_starts_on__lt=monitoring_return.period_starts_on,
        )
        .order_by("-period_starts_on")
        .first()
    )


def _add_parts_and_lines(monitoring_return: MonitoringReturn, contracts) -> None:
    """A part for each covered contract not yet in the return, a line for each of its measures and each question."""
    have = set(monitoring_return.parts.values_list("contract_id", flat=True))
    for contract in contracts:
        if contract.pk in have:
            continue
        part = ReturnPart.objects.create(monitoring_return=monitoring_return, contract=contract)
        for measure in ContractMeasure.objects.filter(contract=contract).order_by("order", "pk"):
            ReturnLine.objects.create(monitoring_return=monitoring_return, part=part, measure=measure)
    asked = set(monitoring_return.lines.filter(question__isnull=False).values_list("question_id", flat=True))
    previous = previous_return(monitoring_return)
    # The narrative is carried forward as a starting point, matched by the question's wording
    # (a new version of the template asks its questions again as new rows).
    carried = {}
    if previous is not None:
        carried = {line.question.text: line.entry for line in previous.lines.filter(question__isnull=False).select_related("question")}
    for question in monitoring_return.template_version.questions.all():
        if question.pk not in asked:
            ReturnLine.objects.create(monitoring_return=monitoring_return, question=question, entry=carried.get(question.text, ""))


def return_open(*, organisation, template: ReturnTemplate, on: datetime.date) -> MonitoringReturn | None:
    """The organisation's return for the period holding the day, opened if it is not yet (idempotent).

    None when nothing it holds is covered, or the template has no published version. A draft
    already open gains the parts of contracts covered since it was opened.
    """
    contracts = list(covered_contracts(organisation, template).prefetch_related("years"))
    version = current_version(template)
    if not contracts or version is None:
        return None
    frequency = frequency_of(contracts, on)
    starts, ends = config.period_containing(on, frequency)
    # Only contracts whose term overlaps the period are reported on in it.
    contracts = [contract for contract in contracts if contract.starts_on <= ends and contract.ends_on >= starts]
    if not contracts:
        return None
    with transaction.atomic():
        existing = MonitoringReturn.objects.filter(organisation=organisation, template=template, period_starts_on=starts).first()
        if existing is None:
            try:
                with transaction.atomic():
                    existing = MonitoringReturn.objects.create(
                        organisation=organisation,
                        template=template,
                        template_version=version,
                        frequency=frequency,
                        period_starts_on=starts,
                        period_ends_on=ends,
                        due_on=config.due_date(ends),
                    )
            except IntegrityError:  # another run opened it first
                existing = MonitoringReturn.objects.get(organisation=organisation, template=template, period_starts_on=starts)
        if existing.status in EDITABLE:
            _add_parts_and_lines(existing, contracts)
    return existing


def returns_open_for_day(today: datetime.date) -> list[MonitoringReturn]:
    """Every return that should be open today: one per provider and template with covered contracts."""
    opened = []
    buyers = Adoption.objects.values("organisation_id")
    running = Contract.objects.filter(status__in=[Contract.Status.ACTIVE, Contract.Status.IN_NOTICE], buyer_id__in=buyers)
    organisations = {contract.supplier for contract in running.select_related("supplier")}
    for contract in running.prefetch_related("parties__organisation"):
        organisations |= {party.organisation for party in contract.parties.all()}
    for organisation in sorted(organisations, key=lambda org: org.pk):
        for template in templates_covering(organisation):
            opened_return = return_open(organisation=organisation, template=template, on=today)
            if opened_return is not None:
                opened.append(opened_return)
    return opened


def return_save(*, monitoring_return: MonitoringReturn, by, answers: dict, version: str | None = None) -> MonitoringReturn:
    """Keep what was typed, as typed: never refused for a missing or a malformed answer (a draft is never lost).

    `answers` holds, by a line's field name (`measure_<id>`, `question_<id>`), the value, and under
    `<name>_note` and `<name>_date` its note and its date as "day/month/year".
    """
    with edit(monitoring_return, version=version) as row:
        for line in row.lines.all():
            name = line.field_name
            changed = False
            for key, attribute in ((name, "entry"), (f"{name}_note", "note"), (f"{name}_date", "date_entry")):
                if key in answers:
                    value = str(answers[key] or "").strip()
                    if attribute == "date_entry":
                        value = value[:40]
                    if getattr(line, attribute) != value:
                        setattr(line, attribute, value)
                        changed = True
            if changed:
                line.save()
        return row


def parse_number(text: str) -> Decimal | None:
    cleaned = text.replace(",", "").replace("£", "").strip().rstrip("%").strip()
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def parse_date(text: str) -> datetime.date | None:
    parts = [part for part in re.split(r"[/\-\s.]+", text.strip()) if part]
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return None
    day, month, year = (int(part) for part in parts)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _line_label(line: ReturnLine) -> str:
    if line.measure_id:
        return f"{line.part.contract.reference}: {line.measure.text}"
    return line.question.text


def submit_problems(monitoring_return: MonitoringReturn) -> dict[str, str]:
    """Every reason the return cannot be submitted, by field: missing required answers, a value of the
    wrong type (a number, a percentage from 0 to 100, words), a date outside the period."""
    problems: dict[str, str] = {}
    period = f"{monitoring_return.period_starts_on:%-d %B %Y} and {monitoring_return.period_ends_on:%-d %B %Y}"
    lines = monitoring_return.lines.select_related("measure", "question", "part__contract").order_by(
        "part__contract__reference", "measure__order", "pk"
    )
    for line in lines:
        name, label = line.field_name, _line_label(line)
        quoted = f"\u201c{label}\u201d"
        required = line.measure.required if line.measure_id else line.question.required
        if not line.entry:
            if required:
                problems[name] = f"Answer {quoted}" if line.question_id else f"Enter the figure for {label}"
        elif line.measure_id and line.measure.value_type != ContractMeasure.ValueType.TEXT:
            number = parse_number(line.entry)
            if number is None:
                what = "a percentage" if line.measure.value_type == ContractMeasure.ValueType.PERCENT else "a number"
                problems[name] = f"The figure for {label} must be {what}, like 42"
            elif line.measure.value_type == ContractMeasure.ValueType.PERCENT and not (0 <= number <= 100):
                problems[name] = f"The figure for {label} must be a percentage from 0 to 100"
        if line.question_id and line.question.asks_date:
            day = parse_date(line.date_entry) if line.date_entry else None
            if not line.date_entry:
                if line.entry or required:
                    problems[f"{name}_date"] = f"Enter the date for {quoted}"
            elif day is None:
                problems[f"{name}_date"] = f"The date for {quoted} must be a real date"
            elif not (monitoring_return.period_starts_on <= day <= monitoring_return.period_ends_on):
                problems[f"{name}_date"] = f"The date for {quoted} must be between {period}"
    return problems


def return_submit(*, monitoring_return: MonitoringReturn, by, now=None) -> MonitoringReturn:
    """Submit, refusing with every problem at once; late when after the due date."""
    now = now or timezone.now()
    problems = submit_problems(monitoring_return)
    if problems:
        raise FieldErrors(problems)
    with transaction.atomic():
        for line in monitoring_return.lines.select_related("measure", "question"):
            number = parse_number(line.entry) if line.measure_id and line.measure.value_type != ContractMeasure.ValueType.TEXT else None
            on_date = parse_date(line.date_entry) if line.date_entry else None
            if (number, on_date) != (line.number, line.on_date):
                line.number, line.on_date = number, on_date
                line.save()
        # Late is decided by the first submission: sent back and sent again is not late again.
        late = monitoring_return.late if monitoring_return.submitted_at else timezone.localdate(now) > monitoring_return.due_on
        return transition(
            instance=monitoring_return,
            move="submit",
            by=by,
            changes={"submitted_at": now, "submitted_by": by, "late": late},
        )
