"""The published needs assessment as a PDF, built from its frozen snapshot with fpdf2 (pure Python).

It is built on the first request and cached (a published version never changes):
the demo assessment takes about 0.5 s, so it needs no background job.
The built-in PDF fonts cover Latin-1 only, so typographic characters outside it
are written as their nearest plain equivalents.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.fonts import FontFace

_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "→": "->", "…": "...", "•": "-"})


def _text(value) -> str:
    return str(value if value is not None else "").translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def _value(point) -> str:
    if not point:
        return "-"
    if point.get("value") is None:
        return f"suppressed ({point.get('suppression') or 'no value'})"
    return f"{point['value']:g}"


class _Document(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.document_title = title
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, _text(f"{self.document_title} - page {self.page_no()}"), align="C")


def assessment_pdf(assessment) -> bytes:
    snapshot = assessment.snapshot
    title = f"{assessment.title} (version {assessment.version})"
    pdf = _Document(_text(title))
    pdf.set_title(_text(title))
    pdf.set_author(_text(assessment.trust.name))
    pdf.set_lang("en-GB")
    pdf.set_creator("Jointly")
    pdf.add_page()

    def heading(text, size=16):
        pdf.set_font("Helvetica", style="B", size=size)
        pdf.multi_cell(0, size * 0.5, _text(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    def body(text, size=10, style=""):
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(0, 5, _text(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    heading(title, 20)
    published = assessment.published_at.strftime("%-d %B %Y") if assessment.published_at else ""
    body(f"{snapshot.get('trust', assessment.trust.name)}. Plan period {assessment.period}. Published {published}.")
    if assessment.summary:
        body(assessment.summary)

    heading("What we found")
    for finding in snapshot.get("findings", []):
        body(finding["title"], 11, "B")
        if finding["outcome_area"]:
            body(f"Outcome area: {finding['outcome_area']}", 9, "I")
        body(finding["text"])
        if finding["evidence"]:
            body("Evidence: " + "; ".join(finding["evidence"]), 9)

    heading("Our priorities")
    for priority in snapshot.get("priorities", []):
        body(priority["title"], 11, "B")
        approval = (
            f", approved by {priority['approved_by']} on {priority['approved_on']} (minute {priority['minute_reference']})"
            if priority["approved_by"]
            else ""
        )
        body(f"{priority['outcome_area']}. {priority['status']}{approval}.", 9, "I")
        if priority["description"]:
            body(priority["description"])
        for target in priority["targets"]:
            body(
                f"- {target['indicator']}: from {target['baseline']:g} ({target['baseline_period']}) to "
                f"{target['target']:g} by {target['target_period']} ({target['direction'].lower()})",
                9,
            )

    indicators = snapshot.get("indicators", [])
    if indicators:
        heading("Indicators")
        pdf.set_font("Helvetica", size=8)
        with pdf.table(
            col_widths=(60, 20, 18, 18, 18, 20),
            headings_style=FontFace(emphasis="BOLD"),
            line_height=4.5,
            text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
        ) as table:
            table.row(["Indicator", "Period", snapshot.get("area", "Area"), "England", "Region", "Neighbours"])
            for row in indicators:
                latest = row["latest"] or {}
                neighbours = f"{row['neighbours_average']:g}" if row["neighbours_average"] is not None else "-"
                table.row(
                    [
                        _text(row["name"]),
                        _text(latest.get("period", "-")),
                        _text(_value(row["latest"])),
                        _text(_value(row["england"])),
                        _text(_value(row["region"])),
                        neighbours,
                    ]
                )

    evidence = snapshot.get("evidence", [])
    if evidence:
        heading("Evidence")
        for item in evidence:
            body(item["title"], 10, "B")
            body(f"{item['kind']} from {item['organisation']} ({item['sector']}), {item['dated']}", 9, "I")
            body(item["summary"], 9)
    return bytes(pdf.output())
