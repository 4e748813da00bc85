"""The market tables as the pages show them and as CSV files give them.

A `Table` has the shape `resources/_report.html` draws (title, headings,
display rows, a bar chart from `core.charts`), so the market pages reuse
that template and chart rather than drawing their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jointly.core.charts import bar_chart
from jointly.partnerships.models import Sector, SizeBand
from jointly.providers.taxonomy import StaffBand
from jointly.resources.reports import percent, pounds

from . import analysis
from .analysis import Basis, CategoryMarket, GroupCount
from .selectors import CategoryRow

NOT_RECORDED = "Not recorded"


@dataclass
class Table:
    name: str
    title: str
    headings: tuple[str, ...]
    display_rows: list[tuple]
    csv_headings: tuple[str, ...]
    csv_rows: list[tuple]
    bars: list[tuple] = field(default_factory=list)  # (label, value, value as text) for the chart

    @property
    def chart(self):
        return bar_chart(self.bars, title=self.title) if self.bars else None


def amount_text(value: Decimal, basis: Basis) -> str:
    if basis == Basis.DIRECTORY:
        return f"{value:.0f} service{'' if value == 1 else 's'}"
    return pounds(value)


def _label(choices, value: str) -> str:
    return choices(value).label if value in choices.values else (value or NOT_RECORDED)


def _grouped(row: CategoryRow, *, name: str, heading: str, group, choices) -> Table:
    market = row.market
    groups: list[GroupCount] = group([share.provider for share in market.shares])
    basis_word = "spend" if market.basis == Basis.SPEND else "services"
    return Table(
        name=name,
        title=f"{name}, {row.category.name}, {row.trust.name}{_when(row)}",
        headings=(heading, "Providers", f"Share of {basis_word}"),
        display_rows=[(_label(choices, g.key), str(g.providers), percent(g.share)) for g in groups],
        csv_headings=(heading, "Providers", f"Amount ({'pounds' if market.basis == Basis.SPEND else 'services'})", "Share (%)"),
        csv_rows=[(_label(choices, g.key), g.providers, g.amount, g.share) for g in groups],
        bars=[(_label(choices, g.key), Decimal(g.providers), f"{g.providers} provider{'' if g.providers == 1 else 's'}") for g in groups],
    )


def by_sector(row: CategoryRow) -> Table:
    return _grouped(row, name="Providers by sector", heading="Sector", group=analysis.by_sector, choices=Sector)


def by_size(row: CategoryRow) -> Table:
    return _grouped(
        row,
        name="Providers by size (income)",
        heading="Income band",
        group=lambda present: analysis.by_size(present, SizeBand.values),
        choices=SizeBand,
    )


def by_staff(row: CategoryRow) -> Table:
    return _grouped(
        row,
        name="Providers by staff size",
        heading="Staff size",
        group=lambda present: analysis.by_staff(present, StaffBand.values),
        choices=StaffBand,
    )


def providers(row: CategoryRow) -> Table:
    market = row.market
    return Table(
        name="Providers and their shares",
        title=f"Providers and their shares, {row.category.name}, {row.trust.name}{_when(row)}",
        headings=("Provider", "Sector", "Spend" if market.basis == Basis.SPEND else "Services", "Share"),
        display_rows=[
            (s.provider.name, _label(Sector, s.provider.sector), amount_text(s.provider.amount, market.basis), percent(s.share))
            for s in market.shares
        ],
        csv_headings=("Provider", "Sector", "Income band", "Staff size", "Basis", "Amount", "Share (%)"),
        csv_rows=[
            (
                s.provider.name,
                _label(Sector, s.provider.sector),
                _label(SizeBand, s.provider.size_band),
                _label(StaffBand, s.provider.staff_band),
                market.basis.value,
                s.provider.amount,
                s.share,
            )
            for s in market.shares
        ],
    )


def changes(row: CategoryRow, all_changes) -> Table:
    def names(providers) -> str:
        return "; ".join(p.name for p in providers) or "None"

    return Table(
        name="Entries and exits",
        title=f"Providers entering and leaving, {row.category.name}, {row.trust.name}{_tier(row)}",
        headings=("Years", "Entered", "Exited"),
        display_rows=[(f"{c.previous_year} to {c.year}", names(c.entered), names(c.exited)) for c in all_changes],
        csv_headings=("From year", "To year", "Entered", "Exited", "Providers entering", "Providers leaving"),
        csv_rows=[(c.previous_year, c.year, len(c.entered), len(c.exited), names(c.entered), names(c.exited)) for c in all_changes],
    )


MARKET_HEADINGS = (
    "Trust",
    "Place",
    "Place code",
    "Category",
    "Year",
    "Tier",
    "Basis",
    "Providers",
    "Providers in the directory",
    "Total",
    "VCSE share (%)",
    "Largest provider",
    "Largest share (%)",
    "HHI",
    "HHI band",
    "Entered",
    "Exited",
    "Depends on one provider",
)


def market_csv_row(row: CategoryRow) -> tuple:
    market: CategoryMarket = row.market
    largest = market.largest
    change = market.change
    return (
        row.trust.name,
        row.area.name,
        row.area.code,
        row.category.name,
        row.year,
        row.tier or "all",
        market.basis.value,
        market.provider_count,
        row.directory_providers,
        market.total,
        market.vcs_share,
        largest.provider.name if largest else "",
        largest.share if largest else None,
        market.hhi,
        market.band.value if market.band else "",
        len(change.entered) if change else None,
        len(change.exited) if change else None,
        market.dependency.label,
    )


def market_table(rows: list[CategoryRow], *, title: str) -> Table:
    """The overview and regional tables as CSV: one line a trust and category."""
    return Table(
        name=title,
        title=title,
        headings=MARKET_HEADINGS,
        display_rows=[],
        csv_headings=MARKET_HEADINGS,
        csv_rows=[market_csv_row(row) for row in rows],
    )


def _tier(row: CategoryRow) -> str:
    return f", {row.tier} services" if row.tier else ""


def _when(row: CategoryRow) -> str:
    return f"{_tier(row)}{', ' + row.year if row.year else ''}"
