"""The grant agreement as a short PDF, in plain English, built with fpdf2 (pure Python) from the award as recorded.

The built-in PDF fonts cover Latin-1 only, so typographic characters outside it are written plainly.
"""

from __future__ import annotations

from django.utils import timezone
from fpdf import FPDF

from . import threesixty

_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "•": "-"})


def _text(value) -> str:
    return str(value if value is not None else "").translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def agreement_pdf(application) -> bytes:
    programme = application.programme
    title = f"Grant agreement {threesixty.grant_id(application)}"
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(_text(title))
    pdf.set_author(_text(programme.funder_name))
    pdf.set_lang("en-GB")
    pdf.set_creator("Jointly")
    pdf.add_page()

    def heading(text, size=13):
        pdf.set_font("Helvetica", style="B", size=size)
        pdf.multi_cell(0, size * 0.5, _text(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    def body(text):
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, _text(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    heading("Grant agreement", 18)
    body(f"Reference: {threesixty.grant_id(application)}")
    body(f"This agreement is between {programme.funder_name} (the funder) and {application.organisation.name} (you).")
    body(f"Project: {application.project_title}")
    body(f"Programme: {programme.title}")
    body(f"Grant: £{application.amount_awarded:,.2f}")
    body(f"Awarded on: {timezone.localtime(application.decided_at):%-d %B %Y}")
    heading("What the money is for")
    body(application.summary)
    heading("Conditions")
    body(application.agreement_conditions)
    heading("What we publish")
    body(
        "We publish the grant (your organisation's name, the project, the amount and the date) as open data in the 360Giving standard. We publish nothing about any person."
    )
    return bytes(pdf.output())
