"""The contract and implementation stages of the OCDS feed, for the same ocid as the procurement.

Registered with `procurement.ocds.register_release_part` (procurement cannot import contracts). Each
opportunity whose awards became signed contracts gets one more release, tagged "contract" (and
"contractAmendment" when approved variations or extensions changed it, "contractTermination" once it
ended): the UK7 contract details (id, the award's id, status, period, value, date signed), its amendments
and, once ended, its termination. Drafts and cancelled drafts never appear. A direct award recorded here
with no opportunity has no ocid, so no release. Payments (implementation.transactions) are
`ocds_payments.transactions_for(contract)`, where that part is installed; the KPI results
(implementation.metrics) are monitoring's own release part (`monitoring/ocds.py`).

A consortium contract names every member: each is a party (roles "supplier" and "tenderer", with its
identifier, as the award's supplier is) and the contract's `suppliers` (the contract suppliers
extension's field) lists the lead first, then the members.
"""

from __future__ import annotations

import importlib

from jointly.procurement import ocds as procurement_ocds

from .models import Contract, Extension, Variation

PUBLISHED = (Contract.Status.ACTIVE, Contract.Status.IN_NOTICE, Contract.Status.ENDED, Contract.Status.TERMINATED)
_STATUS = {
    Contract.Status.ACTIVE: "active",
    Contract.Status.IN_NOTICE: "active",
    # OCDS 1.1: "terminated" is a contract that was in force and has come to a close, at its end or early.
    Contract.Status.ENDED: "terminated",
    Contract.Status.TERMINATED: "terminated",
}


def _day(day) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _end(day) -> str:
    return f"{day.isoformat()}T23:59:59Z"


def _transactions(contract) -> list[dict]:
    try:
        module = importlib.import_module("jointly.contracts.ocds_payments")
    except ModuleNotFoundError:
        return []
    return list(module.transactions_for(contract))


def _amendments(contract) -> list[dict]:
    rows = []
    for variation in contract.variations.all():
        if variation.status != Variation.Status.APPROVED:
            continue
        rows.append(
            {
                "id": f"variation-{variation.number}",
                "date": _day(variation.decided_on),
                "rationale": variation.reason,
                "description": variation.description or variation.test_note,
            }
        )
    for extension in contract.extensions.all():
        if extension.status != Extension.Status.APPROVED:
            continue
        rows.append(
            {
                "id": f"extension-{extension.option}",
                "date": _day(extension.decided_on),
                "rationale": "An extension option in the contract was taken.",
                "description": f"Extended by {extension.months} months, adding £{extension.value:,.2f}. Evidence: {extension.evidence}",
            }
        )
    return sorted(rows, key=lambda row: row["date"])


def contract_id(contract: Contract, ocid: str) -> str:
    """The contract's OCDS id, shared by every release about it under the ocid (so a record merges them)."""
    return f"{ocid}-contract-{contract.pk}"


def supplier_organisations(contract: Contract) -> list:
    """The lead, then each consortium member (from prefetched parties when there are any)."""
    members = [party.organisation for party in contract.parties.all() if party.organisation_id != contract.supplier_id]
    return [contract.supplier, *sorted(members, key=lambda organisation: (organisation.name, organisation.pk))]


def _supplier_party(organisation) -> dict:
    # A consortium tendered together, its lead bidding for all: every member is a supplier and a tenderer.
    return {**procurement_ocds._supplier_party(organisation), "roles": ["supplier", "tenderer"]}


def contract_entry(contract: Contract, ocid: str) -> dict:
    entry = {
        "id": contract_id(contract, ocid),
        "awardID": f"{ocid}-award-{contract.award_id}",
        "title": contract.title,
        "suppliers": [
            {"id": procurement_ocds.organisation_party_id(organisation), "name": organisation.name}
            for organisation in supplier_organisations(contract)
        ],
        "status": _STATUS[contract.status],
        "period": {"startDate": _day(contract.starts_on), "endDate": _end(contract.ended_on or contract.ends_on)},
        "value": procurement_ocds._value(contract.value),
    }
    if contract.description:
        entry["description"] = contract.description
    if contract.signed_on:
        entry["dateSigned"] = _day(contract.signed_on)
    amendments = _amendments(contract)
    if amendments:
        entry["amendments"] = amendments
    if contract.status == Contract.Status.TERMINATED:
        entry["terminationRationaleClassifications"] = [{"scheme": "jointly", "id": "early", "description": "Ended early after decommissioning"}]
    elif contract.status == Contract.Status.ENDED:
        entry["terminationRationaleClassifications"] = [{"scheme": "jointly", "id": "completed", "description": "Ended at the end of its term"}]
    transactions = _transactions(contract)
    if transactions:
        entry["implementation"] = {"transactions": transactions}
    return entry


def _payer_and_payee_parties(entries: list[dict], suppliers: dict[str, dict]) -> list[dict]:
    """Every transaction's payer and payee is a party of the release, so the ids join up.

    The payer is the buying partner that pays (a council, an ICB), not the trust that is the buyer; a
    supplier paid gains the "payee" role. Returns the parties not already among the suppliers.
    """
    others: dict[str, dict] = {}
    for entry in entries:
        for transaction in entry.get("implementation", {}).get("transactions", []):
            for side, role in (("payer", "payer"), ("payee", "payee")):
                party_id = transaction[side]["id"]
                party = suppliers.get(party_id) or others.setdefault(party_id, {**transaction[side], "roles": []})
                if role not in party["roles"]:
                    party["roles"] = [*party["roles"], role]
    return list(others.values())


def releases_for(opportunity, *, base: dict, buyer_party: dict) -> list[dict]:
    contracts = list(
        Contract.objects.filter(award__decision__opportunity=opportunity, status__in=PUBLISHED)
        .select_related("supplier", "award")
        .prefetch_related("variations", "extensions", "parties__organisation")
        .order_by("pk")
    )
    if not contracts:
        return []
    entries = [contract_entry(contract, opportunity.ocid) for contract in contracts]
    tags = ["contract"]
    if any("amendments" in entry for entry in entries):
        tags.append("contractAmendment")
    if any("implementation" in entry for entry in entries):
        tags.append("implementation")
    if any(entry["status"] == "terminated" for entry in entries):
        tags.append("contractTermination")
    suppliers = {
        procurement_ocds.organisation_party_id(organisation): _supplier_party(organisation)
        for contract in contracts
        for organisation in supplier_organisations(contract)
    }
    payers = _payer_and_payee_parties(entries, suppliers)
    dated = [entry.get("dateSigned") or entry["period"]["startDate"] for entry in entries]
    dated += [amendment["date"] for entry in entries for amendment in entry.get("amendments", [])]
    return [
        {
            **base,
            "id": f"{opportunity.ocid}-contract",
            "date": max(dated),
            "tag": tags,
            "parties": [buyer_party, *suppliers.values(), *payers],
            "contracts": entries,
        }
    ]


procurement_ocds.register_release_part(releases_for)
