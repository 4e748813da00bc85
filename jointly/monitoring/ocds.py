"""The KPI results of the OCDS implementation stage, from the monitoring returns the commissioners accepted.

Registered with `procurement.ocds.register_release_part` (neither procurement nor contracts can import
monitoring). Each opportunity whose signed contracts have an accepted return gets one more release
under its ocid, tagged "implementation": per contract (the same id as the contract release, so a
record merges them) its measures with a target as `agreedMetrics` (the OCDS metrics extension, as the
OCDS for the UK profile publishes KPIs) and, in `implementation.metrics`, each accepted period's figure
for each measure as an observation over the return's period, in the measure's unit.

Disclosure: only returns the commissioners accepted (never a draft, a submitted return still under
review, or one sent back), only figures (numbers and percentages, never the words of a text answer or
a note, which may name people), and only the contracts the contract release publishes. The RAG rating
is the trust's judgement of the whole contract, not of each measure, so no observation carries a
`measureClassification`.
"""

from __future__ import annotations

from jointly.contracts import ocds as contract_ocds
from jointly.contracts.models import Contract, ContractMeasure
from jointly.procurement import ocds as procurement_ocds

from .models import MonitoringReturn, ReturnLine

FIGURES = (ContractMeasure.ValueType.NUMBER, ContractMeasure.ValueType.PERCENT)


_day, _end = contract_ocds._day, contract_ocds._end


def _amount(number) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def _unit(measure: ContractMeasure) -> dict | None:
    if measure.value_type == ContractMeasure.ValueType.PERCENT:
        return {"name": "%"}
    return {"name": measure.unit} if measure.unit else None


def _metric(measure: ContractMeasure) -> dict:
    metric = {"id": f"measure-{measure.pk}", "title": measure.text}
    description = measure.get_kind_display()
    if measure.how_measured:
        description = f"{description}. {measure.how_measured}"
    metric["description"] = description
    return metric


def _observation(observation_id: str, number, measure: ContractMeasure, period: dict) -> dict:
    row = {"id": observation_id, "period": period, "measure": _amount(number)}
    unit = _unit(measure)
    if unit:
        row["unit"] = unit
    return row


def accepted_lines(contracts) -> list[ReturnLine]:
    """The accepted returns' figures for the contracts' measures, oldest period first (one query)."""
    return list(
        ReturnLine.objects.filter(
            part__contract__in=contracts,
            monitoring_return__status=MonitoringReturn.Status.ACCEPTED,
            measure__value_type__in=FIGURES,
            number__isnull=False,
        )
        .select_related("measure", "part", "monitoring_return")
        .order_by("part__contract_id", "measure__order", "measure_id", "monitoring_return__period_starts_on", "pk")
    )


def metrics_entry(contract: Contract, ocid: str, lines: list[ReturnLine]) -> dict:
    """The contract's agreed targets (every measure of a figure with a target) and its reported results,
    as a partial contract of the release."""
    term = {"startDate": _day(contract.starts_on), "endDate": _end(contract.ends_on)}
    targets = [
        {**_metric(measure), "observations": [_observation("target", measure.target, measure, term)]}
        for measure in contract.measures.all()
        if measure.value_type in FIGURES and measure.target is not None
    ]
    results: dict[int, dict] = {}
    for line in lines:
        measure, monitoring_return = line.measure, line.monitoring_return
        metric = results.setdefault(measure.pk, {**_metric(measure), "observations": []})
        period = {"startDate": _day(monitoring_return.period_starts_on), "endDate": _end(monitoring_return.period_ends_on)}
        metric["observations"].append(_observation(f"return-{monitoring_return.pk}", line.number, measure, period))
    entry = {"id": contract_ocds.contract_id(contract, ocid), "awardID": f"{ocid}-award-{contract.award_id}"}
    if targets:
        entry["agreedMetrics"] = targets
    entry["implementation"] = {"metrics": list(results.values())}
    return entry


def releases_for(opportunity, *, base: dict, buyer_party: dict) -> list[dict]:
    contracts = list(
        Contract.objects.filter(award__decision__opportunity=opportunity, status__in=contract_ocds.PUBLISHED)
        .select_related("award")
        .prefetch_related("measures")
        .order_by("pk")
    )
    if not contracts:
        return []
    lines = accepted_lines(contracts)
    if not lines:
        return []
    by_contract: dict[int, list[ReturnLine]] = {}
    for line in lines:
        by_contract.setdefault(line.part.contract_id, []).append(line)
    entries = [metrics_entry(contract, opportunity.ocid, by_contract[contract.pk]) for contract in contracts if contract.pk in by_contract]
    decided = max(line.monitoring_return.decided_at or line.monitoring_return.submitted_at for line in lines)
    return [
        {
            **base,
            "id": f"{opportunity.ocid}-performance",
            "date": procurement_ocds._iso(decided),
            "tag": ["implementation"],
            "parties": [buyer_party],
            "contracts": entries,
        }
    ]


procurement_ocds.register_release_part(releases_for)
