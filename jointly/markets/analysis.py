"""Market measures for one service category in one place: arithmetic on plain records, no database.

The selectors turn spend records and directory services into `ProviderAmount`
rows; everything here is a pure function of those rows, so each measure can be
checked by hand (see tests/markets/test_analysis.py for worked examples).

* A provider's share is its part of the category's total, as a percentage.
* The Herfindahl–Hirschman index (HHI) is the sum of the squared percentage
  shares, from near 0 (many small providers) to 10,000 (one provider).
* The bands are those of the US Department of Justice and Federal Trade
  Commission's Horizontal Merger Guidelines (1992, section 1.51): below 1,000
  unconcentrated, 1,000 to 1,800 moderately concentrated, above 1,800 highly
  concentrated. The 2023 Merger Guidelines keep 1,800 as the line above which
  a market is highly concentrated.
* A provider with spend in a year and none in the year before entered the
  market; one with spend the year before and none this year exited.
* A category depends on one provider when only one provider serves it, or
  when one provider has `DEPENDENCY_SHARE` per cent of it or more.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from jointly.partnerships.sectors import in_third_sector

# One provider holding this percentage of a category or more makes the place depend on it.
DEPENDENCY_SHARE = Decimal(80)
# HHI bands: US DoJ/FTC Horizontal Merger Guidelines (1992), section 1.51.
UNCONCENTRATED_BELOW = 1000
HIGHLY_CONCENTRATED_ABOVE = 1800
HHI_SOURCE = "US Department of Justice and Federal Trade Commission, Horizontal Merger Guidelines (1992), section 1.51"


class Basis(StrEnum):
    """What the shares are shares of."""

    SPEND = "spend"
    DIRECTORY = "directory"
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            Basis.SPEND: "Share of spend",
            Basis.DIRECTORY: "Share of active directory services (no spend recorded)",
            Basis.NONE: "No spend and no directory services",
        }[self]


class Band(StrEnum):
    UNCONCENTRATED = "unconcentrated"
    MODERATE = "moderately concentrated"
    HIGH = "highly concentrated"


class Dependency(StrEnum):
    NONE = "none"
    SOLE = "sole"
    DOMINANT = "dominant"

    @property
    def label(self) -> str:
        return {
            Dependency.NONE: "No",
            Dependency.SOLE: "Yes: only one provider",
            Dependency.DOMINANT: f"Yes: one provider has {DEPENDENCY_SHARE}% or more",
        }[self]


@dataclass(frozen=True)
class ProviderAmount:
    """One provider's part of a category: pounds of spend, or a number of directory services."""

    provider_id: int
    name: str
    amount: Decimal
    slug: str = ""
    sector: str = ""
    size_band: str = ""
    staff_band: str = ""
    legal_form: str = ""

    @property
    def third_sector(self) -> bool:
        """In the VCSE by the one rule (partnerships.sectors): social enterprises, co-operatives and mutuals too."""
        return in_third_sector(self.sector, self.legal_form)


@dataclass(frozen=True)
class ProviderShare:
    provider: ProviderAmount
    share: Decimal  # percentage, one decimal place


@dataclass(frozen=True)
class GroupCount:
    """Providers sharing a sector or a size: how many, and their combined amount and share."""

    key: str
    providers: int
    amount: Decimal
    share: Decimal | None


@dataclass(frozen=True)
class Change:
    """Providers that entered and exited between the year before and this year."""

    previous_year: str
    year: str
    entered: tuple[ProviderAmount, ...]
    exited: tuple[ProviderAmount, ...]


@dataclass(frozen=True)
class CategoryMarket:
    basis: Basis
    shares: tuple[ProviderShare, ...]
    total: Decimal
    hhi: int | None
    band: Band | None
    largest: ProviderShare | None
    vcs_share: Decimal | None  # of the third sector (VCSE), by `third_sector_share`
    dependency: Dependency
    change: Change | None  # None when the year before has no spend recorded to compare with

    @property
    def provider_count(self) -> int:
        return len(self.shares)


def previous_year(year: str) -> str:
    """The financial year before `year`: 2026-27 → 2025-26."""
    start = int(year[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"


def active(providers: Iterable[ProviderAmount]) -> list[ProviderAmount]:
    """Providers with something in the category: a £0 record is not a presence in the market."""
    return [provider for provider in providers if provider.amount > 0]


def _total(providers: Iterable[ProviderAmount]) -> Decimal:
    return sum((provider.amount for provider in providers), Decimal(0))


def percentage(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def shares(providers: Iterable[ProviderAmount]) -> list[ProviderShare]:
    """Each active provider's share, largest first (ties by name)."""
    present = sorted(active(providers), key=lambda p: (-p.amount, p.name, p.provider_id))
    whole = _total(present)
    return [ProviderShare(provider, percentage(provider.amount, whole)) for provider in present]


def largest(providers: Iterable[ProviderAmount]) -> ProviderShare | None:
    ranked = shares(providers)
    return ranked[0] if ranked else None


def hhi(providers: Iterable[ProviderAmount]) -> int | None:
    """Sum of squared percentage shares, worked exactly and rounded to the nearest whole number.

    Σ (100 × aᵢ / T)² = 10,000 × Σ aᵢ² / T²; exact fractions, so rounding
    the shares first cannot move a market across a band's line.
    """
    amounts = [Fraction(provider.amount) for provider in active(providers)]
    whole = sum(amounts, Fraction(0))
    if not whole:
        return None
    exact = Fraction(10_000) * sum(amount * amount for amount in amounts) / (whole * whole)
    return math.floor(exact + Fraction(1, 2))


def hhi_band(value: int | None) -> Band | None:
    if value is None:
        return None
    if value < UNCONCENTRATED_BELOW:
        return Band.UNCONCENTRATED
    if value <= HIGHLY_CONCENTRATED_ABOVE:
        return Band.MODERATE
    return Band.HIGH


def sector_share(providers: Iterable[ProviderAmount], sector: str) -> Decimal | None:
    present = active(providers)
    return percentage(_total(p for p in present if p.sector == sector), _total(present))


def third_sector_share(providers: Iterable[ProviderAmount]) -> Decimal | None:
    """The VCSE's share: voluntary and community organisations, social enterprises, co-operatives and mutuals."""
    present = active(providers)
    return percentage(_total(p for p in present if p.third_sector), _total(present))


def count_by(providers: Iterable[ProviderAmount], key: Callable[[ProviderAmount], str], bands: Sequence[str] | None = None) -> list[GroupCount]:
    """Providers grouped by `key` (a sector, a size band).

    Without `bands`: most providers first, then the larger amount. With `bands`
    (codes from smallest to largest): in that order, so a reader sees the shape
    of the market by size; any other code next, and "not known" ("") last.
    """
    present = active(providers)
    whole = _total(present)
    groups: dict[str, list[ProviderAmount]] = {}
    for provider in present:
        groups.setdefault(key(provider), []).append(provider)
    counted = [GroupCount(k, len(members), _total(members), percentage(_total(members), whole)) for k, members in groups.items()]
    if bands is not None:
        position = {code: n for n, code in enumerate(bands)}
        return sorted(counted, key=lambda group: (not group.key, position.get(group.key, len(position)), group.key))
    return sorted(counted, key=lambda group: (-group.providers, -group.amount, group.key))


def by_sector(providers: Iterable[ProviderAmount]) -> list[GroupCount]:
    return count_by(providers, lambda provider: provider.sector)


def by_size(providers: Iterable[ProviderAmount], bands: Sequence[str]) -> list[GroupCount]:
    """By income band (the NCVO bands, `bands` from smallest to largest), in band order."""
    return count_by(providers, lambda provider: provider.size_band, bands)


def by_staff(providers: Iterable[ProviderAmount], bands: Sequence[str]) -> list[GroupCount]:
    """By staff size (`bands` from smallest to largest), in band order."""
    return count_by(providers, lambda provider: provider.staff_band, bands)


def entries_and_exits(previous: Iterable[ProviderAmount], current: Iterable[ProviderAmount], *, previous_year: str, year: str) -> Change:
    before = {provider.provider_id: provider for provider in active(previous)}
    now = {provider.provider_id: provider for provider in active(current)}
    by_name = lambda provider: (provider.name, provider.provider_id)  # noqa: E731
    return Change(
        previous_year=previous_year,
        year=year,
        entered=tuple(sorted((p for pid, p in now.items() if pid not in before), key=by_name)),
        exited=tuple(sorted((p for pid, p in before.items() if pid not in now), key=by_name)),
    )


def dependency(providers: Iterable[ProviderAmount]) -> Dependency:
    present = active(providers)
    if len(present) == 1:
        return Dependency.SOLE
    whole = _total(present)
    if present and max(p.amount for p in present) * 100 >= DEPENDENCY_SHARE * whole:
        return Dependency.DOMINANT
    return Dependency.NONE


def measure(
    *,
    spend: Iterable[ProviderAmount],
    directory: Iterable[ProviderAmount] = (),
    previous_spend: Iterable[ProviderAmount] | None = None,
    year: str = "",
) -> CategoryMarket:
    """Every measure of one category in one place and year.

    Shares are of spend when the category has spend that year; otherwise of
    active directory services, and the basis says so. Entries and exits are
    always of spend, and only when the year before has spend recorded
    (`previous_spend` is None when it has none at all).
    """
    spend, directory = active(spend), active(directory)
    basis = Basis.SPEND if spend else Basis.DIRECTORY if directory else Basis.NONE
    measured = spend if spend else directory
    ranked = shares(measured)
    value = hhi(measured)
    change = None
    if previous_spend is not None and year:
        change = entries_and_exits(previous_spend, spend, previous_year=previous_year(year), year=year)
    return CategoryMarket(
        basis=basis,
        shares=tuple(ranked),
        total=_total(measured),
        hhi=value,
        band=hhi_band(value),
        largest=ranked[0] if ranked else None,
        vcs_share=third_sector_share(measured),
        dependency=dependency(measured),
        change=change,
    )
