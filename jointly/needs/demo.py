"""The needs part of the demo: real DfE data for every English authority, shapes, and neighbours.

Everything here is real published data except the statistical neighbour
lists, which are an illustrative stand-in (see places/data/README.md).
Loading twice changes nothing: each file's import is skipped when the same
file was already imported with the same choices.
"""

from __future__ import annotations

import csv
import math
import time
from pathlib import Path

from django.conf import settings

from jointly.places.services import DATA_DIR as PLACES_DATA, neighbours_import, shapes_import

from .models import ImportRun, Polarity, ValueType
from .services import indicators_import_path

SHARED_DATA = Path(settings.JOINTLY_SHARED_DATA)
DFE = SHARED_DATA / "dfe"
GEO = SHARED_DATA / "geo"
NEIGHBOURS_CSV = PLACES_DATA / "illustrative_statistical_neighbours.csv"
CLA_12_MONTHS = {"social_care_group": "CLA 12 months at 31 March"}
SAME_CARER = (
    "Living with the same carer for at least 2 years, or are placed for adoption and their adoptive placement "
    "together with their previous placement, last for at least 2 years"
)
LONG_TERM = "Children looked after continuously for at least 2.5 years at 31 March aged under 16 years"


def _i(name, outcome, polarity=Polarity.NO_JUDGEMENT, **extra) -> dict:
    return {"name": name, "outcome_area": outcome, "polarity": polarity, **extra}


# file -> the columns chosen, and the indicators taken from it with their names, outcome areas and polarity.
DEMO_IMPORTS: list[tuple[str, dict]] = [
    ("cla_number_and_rate_per_10k_children.csv", {
        "dataset": "cla_number_and_rate_per_10k_children",
        "indicator_columns": ["rate_per_10000", "number"],
        "indicator_filter_columns": ["population_count"],
        "companions": {"rate_per_10000": {"count": "number", "denominator": "population_estimate"}},
        "only_listed": True,
        "indicators": {
            "rate_per_10000|Children looked after at 31 March each year": _i(
                "Children looked after at 31 March, rate per 10,000 children", "stay-safe",
                unit="per 10,000 children aged under 18", method="Number looked after at 31 March divided by the mid-year population aged under 18, times 10,000."),
            "rate_per_10000|Children starting to be looked after each year": _i(
                "Children starting to be looked after during the year, rate per 10,000 children", "stay-safe",
                unit="per 10,000 children aged under 18", method="Only the first time a child started to be looked after in the year is counted."),
            "rate_per_10000|Children ceasing to be looked after each year": _i(
                "Children ceasing to be looked after during the year, rate per 10,000 children", "stay-safe",
                unit="per 10,000 children aged under 18"),
            "number|Children looked after at 31 March each year": _i(
                "Children looked after at 31 March (number)", "stay-safe", unit="children"),
        },
    }),
    ("la_cla_placement_stability.csv", {
        "dataset": "la_cla_placement_stability",
        "indicator_columns": ["percentage"],
        "indicator_filter_columns": ["cla_group", "placement_stability"],
        "companions": {"percentage": {"count": "number"}},
        "only_listed": True,
        "indicators": {
            "percentage|CLA on 31 March|With 3 or more placements during the year": _i(
                "Children looked after with three or more placements during the year (%)", "stay-safe", Polarity.LOWER_BETTER),
            f"percentage|{LONG_TERM}|{SAME_CARER}": _i(
                "Children looked after for 2.5 years or more (under 16) living with the same carer for 2 years (%)",
                "stay-safe", Polarity.HIGHER_BETTER),
        },
    }),
    ("la_children_who_were_missing_or_away_from_placement_without_authorisation.csv", {
        "dataset": "la_children_missing_or_away_from_placement",
        "indicator_columns": ["number"],
        "indicator_filter_columns": ["CLA_group"],
        "only_listed": True,
        "indicators": {
            "number|Percentage of children who had a missing incident during the year": _i(
                "Children looked after who went missing during the year (%)", "stay-safe", Polarity.LOWER_BETTER,
                value_type=ValueType.PERCENTAGE, unit="%"),
            "number|Average number of missing incidents per looked after child who went missing": _i(
                "Missing incidents per looked after child who went missing (average)", "stay-safe", Polarity.LOWER_BETTER,
                value_type=ValueType.AVERAGE, unit="incidents"),
            "number|Percentage of children who were away from placement without authorisation during the year": _i(
                "Children looked after who were away from placement without authorisation (%)", "stay-safe",
                Polarity.LOWER_BETTER, value_type=ValueType.PERCENTAGE, unit="%"),
        },
    }),
    ("la_care_leavers_activity.csv", {
        "dataset": "la_care_leavers_activity",
        "indicator_columns": ["percentage"],
        "indicator_filter_columns": ["activity"],
        "filter_columns": ["age"],
        "companions": {"percentage": {"count": "number"}},
        "only_listed": True,
        "indicators": {
            "percentage|Total in education, employment or training": _i(
                "Care leavers in education, employment or training (%)", "achieve-economic-well-being",
                Polarity.HIGHER_BETTER, headline={"age": "Aged 19 to 21"}),
            "percentage|Total not in education, employment or training": _i(
                "Care leavers not in education, employment or training (%)", "achieve-economic-well-being",
                Polarity.LOWER_BETTER, headline={"age": "Aged 19 to 21"}),
        },
    }),
    ("permanent_exclusions_and_suspensions_la.csv", {
        "dataset": "permanent_exclusions_and_suspensions_la",
        "indicator_columns": ["pt_perm_excl", "pt_one_plus_sus"],
        "filter_columns": ["social_care_group"],
        "companions": {
            "pt_perm_excl": {"count": "t_perm_excl", "denominator": "t_pupils"},
            "pt_one_plus_sus": {"count": "t_one_plus_sus", "denominator": "t_pupils"},
        },
        "indicators": {
            "pt_perm_excl": _i("Pupils permanently excluded (%)", "make-a-positive-contribution",
                               Polarity.LOWER_BETTER, headline=CLA_12_MONTHS),
            "pt_one_plus_sus": _i("Pupils with one or more suspensions (%)", "make-a-positive-contribution",
                                  Polarity.LOWER_BETTER, headline=CLA_12_MONTHS),
        },
    }),
    ("ks2_la.csv", {
        "dataset": "ks2_la",
        "indicator_columns": ["pt_rwm_met_expected_standard"],
        "filter_columns": ["social_care_group"],
        "companions": {"pt_rwm_met_expected_standard": {
            "count": "t_rwm_met_expected_standard", "denominator": "t_rwm_eligible_pupils"}},
        "indicators": {
            "pt_rwm_met_expected_standard": _i(
                "Pupils meeting the expected standard in reading, writing and maths at key stage 2 (%)",
                "enjoy-and-achieve", Polarity.HIGHER_BETTER, headline=CLA_12_MONTHS),
        },
    }),
    ("absence_six_half_terms_la.csv", {
        "dataset": "absence_six_half_terms_la",
        "indicator_columns": ["pt_overall", "pt_pupils_pa_10_exact"],
        "filter_columns": ["social_care_group", "school_type"],
        "companions": {
            "pt_overall": {"count": "t_sess_overall", "denominator": "t_sess_possible"},
            "pt_pupils_pa_10_exact": {"count": "t_pupils_pa_10_exact", "denominator": "t_pupils"},
        },
        "indicators": {
            "pt_overall": _i("Sessions missed through absence (%)", "enjoy-and-achieve", Polarity.LOWER_BETTER,
                             headline=CLA_12_MONTHS),
            "pt_pupils_pa_10_exact": _i("Pupils persistently absent (missing 10% or more of sessions) (%)",
                                        "enjoy-and-achieve", Polarity.LOWER_BETTER, headline=CLA_12_MONTHS),
        },
    }),
    ("fsm_la.csv", {
        "dataset": "fsm_la",
        "indicator_columns": ["pt_FSM_eligible"],
        "filter_columns": ["social_care_group"],
        "companions": {"pt_FSM_eligible": {"count": "t_FSM_eligible", "denominator": "t_pupils"}},
        "indicators": {
            "pt_FSM_eligible": _i("Pupils eligible for free school meals (%)", "achieve-economic-well-being",
                                  headline={"social_care_group": "CINO at 31 March"}),
        },
    }),
]


def _demo_districts() -> list[str]:
    """The districts of the demo trusts: each unitary itself, and each county's districts."""
    from jointly.partnerships.demo import EAST, PENINSULA

    codes = [area.code for area in PENINSULA + EAST]
    with open(PLACES_DATA / "district_county_2013.csv", encoding="utf-8-sig", newline="") as handle:
        by_county: dict[str, list[str]] = {}
        for row in csv.DictReader(handle):
            by_county.setdefault(row["county_code"], []).append(row["district_code"])
    districts = []
    for code in codes:
        districts.extend(by_county.get(code, [code]))
    return districts


def load(stdout=None) -> None:
    def say(text: str) -> None:
        if stdout:
            stdout.write(text)

    started = time.perf_counter()
    if not DFE.exists():
        say(f"No DfE data at {DFE}: the needs demo was not loaded.")
        return
    imported = 0
    for file_name, spec in DEMO_IMPORTS:
        run, new = indicators_import_path(path=DFE / file_name, format="dfe", spec=spec)
        if run.status != ImportRun.Status.SUCCEEDED:
            raise RuntimeError(f"The demo import of {file_name} failed: {run.message} {run.errors[:5]}")
        imported += new
    say(f"DfE data: {imported} files imported, {len(DEMO_IMPORTS) - imported} already there ({time.perf_counter() - started:.1f} s).")

    lad = GEO / "england_lad_2013.topo.json"
    if lad.exists():
        summary = shapes_import(districts_path=lad, wards_dir=GEO / "wards_by_lad", ward_districts=_demo_districts())
        say(f"Shapes: {summary.districts} districts, {summary.wards} wards of the demo areas.")
    if NEIGHBOURS_CSV.exists():
        neighbours = neighbours_import(path=NEIGHBOURS_CSV)
        say(f"Illustrative statistical neighbours: {neighbours.lists} lists.")
    say(f"Needs demo loaded in {time.perf_counter() - started:.1f} s.")


# --- The illustrative neighbour lists ------------------------------------------------

NEIGHBOUR_FEATURES = (
    "Children looked after at 31 March each year",
    "Children starting to be looked after each year",
    "Children ceasing to be looked after each year",
)


def write_illustrative_neighbours(path: Path = NEIGHBOURS_CSV, year: str = "2023") -> int:
    """Write the demo's stand-in neighbour lists (see places/data/README.md for the method). Returns rows written."""
    from jointly.partnerships.demo import EAST, PENINSULA

    features: dict[str, dict[str, float]] = {}
    names: dict[str, str] = {}
    with open(DFE / "cla_number_and_rate_per_10k_children.csv", encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["time_period"] != year or row["geographic_level"] != "Local authority":
                continue
            code = row["new_la_code"]
            names[code] = row["la_name"]
            values = features.setdefault(code, {})
            if row["population_count"] in NEIGHBOUR_FEATURES and _is_number(row["rate_per_10000"]):
                values[row["population_count"]] = float(row["rate_per_10000"])
            if _is_number(row["population_estimate"]):
                values["log population"] = math.log(float(row["population_estimate"]))
    keys = (*NEIGHBOUR_FEATURES, "log population")
    complete = {code: values for code, values in features.items() if all(k in values for k in keys)}
    means = {k: sum(v[k] for v in complete.values()) / len(complete) for k in keys}
    spreads = {k: math.sqrt(sum((v[k] - means[k]) ** 2 for v in complete.values()) / len(complete)) or 1 for k in keys}
    scaled = {code: [(values[k] - means[k]) / spreads[k] for k in keys] for code, values in complete.items()}
    rows = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["authority_code", "authority_name", "neighbour_code", "neighbour_name", "rank", "list_date"])
        for area in PENINSULA + EAST:
            if area.code not in scaled:
                continue
            distances = sorted(
                (math.dist(scaled[area.code], point), code) for code, point in scaled.items() if code != area.code
            )
            for rank, (_, code) in enumerate(distances[:10], start=1):
                writer.writerow([area.code, names[area.code], code, names[code], rank, f"{year}-03-31"])
                rows += 1
    return rows


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
