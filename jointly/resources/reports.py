"""Resource reports. Each is a class with its query, its rows, its chart and its CSV.

Every query aggregates in the database: one query a report, however much
spend there is.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Sum
from django.db.models.functions import Coalesce

from jointly.core.charts import bar_chart
from jointly.partnerships.models import Sector
from jointly.partnerships.sectors import third_sector_q

from .models import PooledFund, Purpose, SpendRecord

ZERO = Decimal("0.00")


def cents(value) -> Decimal:
    """A database sum as pounds and pence (SQLite drops the scale of a sum)."""
    return Decimal(value or 0).quantize(Decimal("0.01"))


def pounds(value: Decimal) -> str:
    return f"£{value:,.0f}" if value == value.to_integral_value() else f"£{value:,.2f}"


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """Part of the whole as a percentage to one decimal place; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def percent(value: Decimal | None) -> str:
    return "no spend" if value is None else f"{value}%"


class Report:
    slug = ""
    name = ""
    headings: tuple[str, ...] = ()

    def __init__(self, *, trust, year: str):
        self.trust, self.year = trust, year

    @property
    def title(self) -> str:
        return f"{self.name}, {self.trust.name}, {self.year}"

    def spend(self):
        return SpendRecord.objects.filter(trust=self.trust, year=self.year)

    @cached_property
    def rows(self) -> list[tuple]:
        """(label, amount, share of total) in descending amount."""
        grouped = list(self.spend().values(self.group_by).annotate(total=Sum("amount")).order_by("-total", self.group_by))
        whole = sum((cents(row["total"]) for row in grouped), ZERO)
        return [(self.label(row[self.group_by]), cents(row["total"]), share(cents(row["total"]), whole)) for row in grouped]

    group_by = ""

    def label(self, value) -> str:
        return str(value)

    @property
    def total(self) -> Decimal:
        return sum((row[1] for row in self.rows), ZERO)

    headings = ("", "Spend", "Share of total")

    @property
    def display_rows(self):
        rows = [(label, pounds(amount), percent(part)) for label, amount, part in self.rows]
        if self.rows:
            rows.append(("Total", pounds(self.total), "100.0%"))
        return rows

    @property
    def csv_headings(self):
        return self.headings

    @property
    def csv_rows(self):
        return self.rows

    @property
    def chart(self):
        return bar_chart([(row[0], row[1], pounds(row[1])) for row in self.rows], title=self.title)


class SpendByPartner(Report):
    slug, name, group_by = "by-partner", "Spend by partner", "partner__name"
    headings = ("Partner (who pays)", "Spend", "Share of total")


class SpendByOutcome(Report):
    slug, name, group_by = "by-outcome", "Spend by outcome area", "outcome_area__name"
    headings = ("Outcome area", "Spend", "Share of total")

    def label(self, value):
        return value or "No outcome area recorded"


class SpendBySector(Report):
    slug, name, group_by = "by-sector", "Spend by sector of the provider", "provider_sector"
    headings = ("Sector of the provider", "Spend", "Share of total")

    def label(self, value):
        return Sector(value).label if value in Sector.values else value


class PreventionShare(Report):
    slug, name, group_by = "prevention", "Prevention and intervention", "purpose"
    headings = ("Purpose", "Spend", "Share of total")

    def label(self, value):
        return Purpose(value).label

    @property
    def prevention_share(self) -> Decimal | None:
        for label, _, part in self.rows:
            if label == Purpose.PREVENTION.label:
                return part
        return Decimal("0.0") if self.rows else None


class VcsInvestment:
    """Investment in the third sector (VCSE) by trust and year: one query, any number of trusts.

    The third sector is `partnerships.sectors`' one definition: the VCS and social
    enterprises by the provider's sector when the money was spent, and a private
    provider whose legal form is a charity, CIC, co-operative or mutual.
    """

    slug = "vcs-investment"
    name = "Investment in the voluntary, community and social enterprise sector (VCSE)"
    headings = ("Trust and year", "Spend with the VCSE", "All spend", "VCSE share")
    csv_headings = ("Trust", "Year", "Spend with the VCSE", "All spend", "VCSE share (%)")

    def __init__(self, *, trusts, scope_name: str):
        self.trusts, self.scope_name = trusts, scope_name

    @property
    def title(self):
        return f"{self.name}, {self.scope_name}"

    @cached_property
    def rows(self) -> list[tuple]:
        """(trust name, year, VCS spend, all spend, VCS share)."""
        grouped = (
            SpendRecord.objects.filter(trust__in=self.trusts)
            .values("trust__name", "year")
            .annotate(
                total=Sum("amount"),
                vcs=Coalesce(Sum("amount", filter=third_sector_q("provider_sector", "provider__legal_form")), ZERO),
            )
            .order_by("trust__name", "-year")
        )
        return [
            (row["trust__name"], row["year"], cents(row["vcs"]), cents(row["total"]), share(cents(row["vcs"]), cents(row["total"])))
            for row in grouped
        ]

    @property
    def display_rows(self):
        return [(f"{name} {year}", pounds(vcs), pounds(total), percent(part)) for name, year, vcs, total, part in self.rows]

    @property
    def csv_rows(self):
        return self.rows

    @property
    def chart(self):
        return bar_chart(
            [(f"{name} {year}", part or ZERO, percent(part)) for name, year, _, _, part in self.rows],
            title=f"{self.title}: share of all spend",
        )


class PooledFundSummary:
    """A fund's contributions by partner and each one's share of the total."""

    slug = "contributions"
    headings = ("Partner", "Contribution", "Share of total")
    csv_headings = ("Partner", "In kind", "Contribution", "Share of total (%)")

    def __init__(self, *, fund: PooledFund):
        self.fund = fund
        self.name = f"Contributions to {fund.name}"

    title = property(lambda self: f"{self.name}, {self.fund.year}")

    @cached_property
    def rows(self) -> list[tuple]:
        """(partner name, in kind, amount, share)."""
        grouped = list(
            self.fund.contributions.values("organisation__name", "in_kind").annotate(total=Sum("amount")).order_by("-total", "organisation__name")
        )
        whole = sum((cents(row["total"]) for row in grouped), ZERO)
        return [(row["organisation__name"], row["in_kind"], cents(row["total"]), share(cents(row["total"]), whole)) for row in grouped]

    @property
    def total(self) -> Decimal:
        return sum((row[2] for row in self.rows), ZERO)

    def _label(self, name, in_kind):
        return f"{name} (in kind)" if in_kind else name

    @property
    def display_rows(self):
        rows = [(self._label(name, in_kind), pounds(amount), percent(part)) for name, in_kind, amount, part in self.rows]
        if self.rows:
            rows.append(("Total", pounds(self.total), "100.0%"))
        return rows

    @property
    def csv_rows(self):
        return [(name, "yes" if in_kind else "no", amount, part) for name, in_kind, amount, part in self.rows]

    @property
    def chart(self):
        return bar_chart([(self._label(n, k), a, pounds(a)) for n, k, a, _ in self.rows], title=self.title)


TRUST_REPORTS = {report.slug: report for report in (SpendByPartner, SpendByOutcome, PreventionShare, SpendBySector)}
