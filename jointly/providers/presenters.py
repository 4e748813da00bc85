"""A version of a directory record in words, for the pages that show and compare versions."""

from __future__ import annotations

from dataclasses import dataclass

from jointly.needs.vocabulary import Group
from jointly.partnerships.models import LegalForm, SizeBand

from .models import Accreditation, DirectoryService
from .taxonomy import Approach, StaffBand, Tier, Weekday, directory_outcome_areas, outcome_term_code
from .validation import known_areas


def _label(choices, value) -> str:
    if not value:
        return ""
    try:
        return choices(value).label
    except ValueError:
        return str(value)


def _ages(data: dict) -> str:
    low, high = data.get("min_age"), data.get("max_age")
    if low is None and high is None:
        return "All ages"
    if high is None:
        return f"{low} and over"
    if low in (None, 0):
        return f"Up to {high}"
    return f"{low} to {high}"


def _outcomes(values: list[str]) -> str:
    """The outcome areas' names; a slug (or an older code) no shared outcome area has shows as it was written."""
    names = dict(directory_outcome_areas().values_list("slug", "name"))
    slugs = {outcome_term_code(slug): slug for slug in names}
    return ", ".join(names.get(slugs.get(value, value), value) for value in values)


def _places(codes: list[str]) -> str:
    areas = known_areas(codes)
    return ", ".join(f"{areas[code].name} ({code})" if code in areas else code for code in codes)


def _cost(data: dict) -> str:
    if data.get("cost") != DirectoryService.Cost.FEE:
        return "Free"
    amount = f"£{data['fee_amount']}" if data.get("fee_amount") else "A fee"
    return f"{amount} {data.get('fee_description', '')}".strip()


def _times(rows: list[dict]) -> str:
    return "; ".join(f"{_label(Weekday, row['weekday'])} {row['opens_at']} to {row['closes_at']}" for row in rows)


def _locations(rows: list[dict]) -> str:
    places = known_areas(row["area_code"] for row in rows if row.get("area_code"))
    return "; ".join(
        ", ".join(
            part
            for part in (
                row.get("name"),
                row.get("address_1"),
                row.get("address_2"),
                row.get("city"),
                row.get("postcode"),
                f"in {places[row['area_code']].name}" if row.get("area_code") in places else "",
            )
            if part
        )
        for row in rows
    )


def service_rows(data: dict) -> list[tuple[str, str]]:
    return [
        ("Name", data.get("name", "")),
        ("What it does", data.get("description", "")),
        ("Status", _label(DirectoryService.Status, data.get("status"))),
        ("Outcomes", _outcomes(data.get("outcome_areas", []))),
        ("Tier", _label(Tier, data.get("tier"))),
        ("Prevention or intervention", _label(Approach, data.get("approach"))),
        ("Ages", _ages(data)),
        ("Eligibility", data.get("eligibility", "")),
        ("Groups", ", ".join(_label(Group, code) for code in data.get("groups", []))),
        ("Places", _places(data.get("area_codes", []))),
        ("When it runs", data.get("schedule", "")),
        ("Opening times", _times(data.get("opening_times", []))),
        ("Cost", _cost(data)),
        ("Contact", data.get("contact_name", "")),
        ("Email", data.get("email", "")),
        ("Telephone", data.get("phone", "")),
        ("Website", data.get("url", "")),
        ("Venues", _locations(data.get("locations", []))),
    ]


def profile_rows(data: dict) -> list[tuple[str, str]]:
    accreditations = "; ".join(
        f"{row['body']}: {row['rating']}"
        + (f" ({row['awarded_on']})" if row.get("awarded_on") else "")
        + f" – {_label(Accreditation.Kind, row['kind']).lower()}"
        for row in data.get("accreditations", [])
    )
    return [
        ("What the organisation does", data.get("description", "")),
        ("Website", data.get("website", "")),
        ("Public email", data.get("email", "")),
        ("Public telephone", data.get("phone", "")),
        ("Yearly income", _label(SizeBand, data.get("income_band"))),
        ("Paid staff", _label(StaffBand, data.get("staff_band"))),
        ("Places", _places(data.get("area_codes", []))),
        ("Groups reached", ", ".join(_label(Group, code) for code in data.get("groups", []))),
        ("Accreditations and ratings", accreditations),
    ]


def listing_rows(data: dict) -> list[tuple[str, str]]:
    organisation = data.get("organisation", {})
    return [
        ("Group", organisation.get("name", "")),
        ("Kind of group", _label(LegalForm, organisation.get("legal_form"))),
        ("Charity number", organisation.get("charity_number", "")),
        ("Company number", organisation.get("company_number", "")),
        *service_rows(data.get("service", {})),
    ]


@dataclass
class Change:
    label: str
    current: str
    proposed: str

    @property
    def changed(self) -> bool:
        return self.current != self.proposed


def compare(current: list[tuple[str, str]] | None, proposed: list[tuple[str, str]]) -> list[Change]:
    before = dict(current or [])
    return [Change(label, before.get(label, ""), value) for label, value in proposed]
