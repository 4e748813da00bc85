"""The contract document: the library's core clauses in force on the start date, for the contract's form,
with the contract's own terms written in. The HTML page and the PDF read the same sections."""

from __future__ import annotations

import string
from dataclasses import dataclass

from django.db.models import Q

from ..models import Clause, Contract


@dataclass(frozen=True)
class Section:
    title: str
    text: str
    clause: Clause | None = None


class _Terms(dict):
    # A name the library uses that this contract has no value for is left visible, not blanked.
    def __missing__(self, key):
        return "{" + key + "}"


def clauses_for(contract: Contract) -> list[Clause]:
    """For each key, the latest version in force on the contract's start date that applies to its form."""
    rows = Clause.objects.filter(in_force_from__lte=contract.starts_on).filter(Q(applies_to=Clause.Applies.BOTH) | Q(applies_to=contract.form))
    latest: dict[str, Clause] = {}
    for clause in rows.order_by("key", "-version"):
        latest.setdefault(clause.key, clause)
    return sorted(latest.values(), key=lambda clause: (clause.order, clause.key))


def _money(amount) -> str:
    return f"£{amount:,.2f}"


def terms_of(contract: Contract) -> dict[str, str]:
    parties = list(contract.parties.all())
    members = [party for party in parties if party.part == party.Part.MEMBER]
    return _Terms(
        buyer=contract.buyer.name,
        supplier=contract.supplier.name,
        members=", ".join(f"{party.organisation.name} ({party.money_share}% of the money)" for party in members) or "none",
        title=contract.title,
        reference=contract.reference,
        starts_on=f"{contract.starts_on:%-d %B %Y}",
        ends_on=f"{contract.ends_on:%-d %B %Y}",
        value=_money(contract.value),
        payment_basis=contract.get_payment_basis_display().lower(),
        payment_terms_days=str(contract.payment_terms_days),
        notice_period_days=str(contract.notice_period_days),
        extensions=", ".join(f"{months} months" for months in contract.extension_months) or "none",
        clawback=contract.clawback_terms or "Money paid for work not delivered is repaid within 30 days of a written request.",
    )


def sections(contract: Contract) -> list[Section]:
    """The document's sections in order: the library's clauses, then the contract's own schedules."""
    terms = terms_of(contract)
    out = [Section(clause.title, string.Formatter().vformat(clause.text, (), terms), clause) for clause in clauses_for(contract)]
    years = "\n".join(
        f"Year {year.number} ({year.starts_on:%-d %b %Y} to {year.ends_on:%-d %b %Y}): {_money(year.value)}" for year in contract.years.all()
    )
    out.append(Section("Schedule 1: value by year", years or "No years recorded."))
    measures = "\n".join(
        f"{measure.get_kind_display()}: {measure.text}"
        + (f" (target {measure.target:g}{' ' + measure.unit if measure.unit else ''})" if measure.target is not None else "")
        for measure in contract.measures.all()
    )
    out.append(Section("Schedule 2: what the contract is measured by", measures or "No measures recorded."))
    risks = "\n".join(
        f"{risk.risk}: borne by {risk.get_bearer_display().lower()}"
        + (f" (the provider's share {risk.provider_share}%)" if risk.provider_share is not None else "")
        + (f". Clawback: {risk.clawback}" if risk.clawback else "")
        for risk in contract.risks.all()
    )
    out.append(Section("Schedule 3: risks and who bears them", risks or "No risks recorded."))
    cover = "\n".join(f"{row.get_kind_display()}: {_money(row.cover)} for each claim" for row in contract.insurance.all())
    out.append(Section("Schedule 4: insurance", cover or "No insurance required."))
    return out


_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "•": "-"})


def _latin(value) -> str:
    # The built-in PDF fonts cover Latin-1 only (as grants/pdf.py).
    return str(value).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def contract_pdf(contract: Contract) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(_latin(f"{contract.reference}: {contract.title}"))
    pdf.set_author(_latin(contract.buyer.name))
    pdf.set_lang("en-GB")
    pdf.set_creator("Jointly")
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=18)
    heading = "Short-form agreement" if contract.form == Contract.Form.SHORT else "Contract"
    pdf.multi_cell(0, 9, _latin(f"{heading}: {contract.title}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(
        0, 6, _latin(f"Reference {contract.reference}. Between {contract.buyer.name} and {contract.supplier.name}."), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(3)
    for number, section in enumerate(sections(contract), start=1):
        pdf.set_font("Helvetica", style="B", size=13)
        pdf.multi_cell(0, 7, _latin(f"{number}. {section.title}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, _latin(section.text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())
