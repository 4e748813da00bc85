"""The needs part of the demo: real DfE data for every English authority, shapes, and neighbours.

Everything here is real published data except the statistical neighbour
lists, which are an illustrative stand-in (see places/data/README.md).
Loading twice changes nothing: each file's import is skipped when the same
file was already imported with the same choices.
"""

from __future__ import annotations

import csv
import hashlib
import math
import time
from pathlib import Path

from django.conf import settings
from django.db.models import Q

from jointly.places.models import Area
from jointly.places.services import DATA_DIR as PLACES_DATA
from jointly.places.services import neighbours_import, shapes_import

from .models import Breakdown, ImportRun, IndicatorDefinition, Observation, OutcomeArea, Polarity, ValueType
from .periods import dfe_period
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


# DfE's own words (cla_data_guidance.txt), shown wherever a missing-from-care figure is.
MISSING_CAUTION = (
    "DfE publishes these as Official Statistics and warns that they should be interpreted with caution across years "
    "and between local authorities, because authorities record missing and away-without-authorisation incidents "
    "differently: since 2017 a growing number report every incident as 'missing'. Do not compare them directly."
)
LOOKED_AFTER_12_MONTHS = "looked-after children (looked after for 12 months or more at 31 March)"
ABSENCE_CAUTION = (
    "Not compared with England for significance: the figure is a share of school sessions, and a pupil's sessions "
    "are not independent of each other, so an interval that counts each session as a separate trial would be far too "
    "narrow. Compare persistent absence, which counts pupils, instead (see decision record 0016)."
)

# file -> the columns chosen, and the indicators taken from it with their names, cohorts, outcome areas and polarity.
# Names carry their cohort, so a figure read on its own (a download, the API) still says whom it counts.
DEMO_IMPORTS: list[tuple[str, dict]] = [
    (
        "cla_number_and_rate_per_10k_children.csv",
        {
            "dataset": "cla_number_and_rate_per_10k_children",
            "indicator_columns": ["rate_per_10000", "number"],
            "indicator_filter_columns": ["population_count"],
            "companions": {"rate_per_10000": {"count": "number", "denominator": "population_estimate"}},
            "only_listed": True,
            "indicators": {
                "rate_per_10000|Children looked after at 31 March each year": _i(
                    "Looked-after children at 31 March, rate per 10,000 children",
                    "stay-safe",
                    unit="per 10,000 children aged under 18",
                    cohort="looked-after children at 31 March",
                    method="Number looked after at 31 March divided by the mid-year population aged under 18, times 10,000.",
                ),
                "rate_per_10000|Children starting to be looked after each year": _i(
                    "Children starting to be looked after during the year, rate per 10,000 children",
                    "stay-safe",
                    unit="per 10,000 children aged under 18",
                    cohort="children who started to be looked after during the year",
                    method="Only the first time a child started to be looked after in the year is counted.",
                ),
                "rate_per_10000|Children ceasing to be looked after each year": _i(
                    "Children ceasing to be looked after during the year, rate per 10,000 children",
                    "stay-safe",
                    unit="per 10,000 children aged under 18",
                    cohort="children who ceased to be looked after during the year",
                ),
                "number|Children looked after at 31 March each year": _i(
                    "Looked-after children at 31 March (number)", "stay-safe", unit="children", cohort="looked-after children at 31 March"
                ),
            },
        },
    ),
    (
        "la_cla_placement_stability.csv",
        {
            "dataset": "la_cla_placement_stability",
            "indicator_columns": ["percentage"],
            "indicator_filter_columns": ["cla_group", "placement_stability"],
            "companions": {"percentage": {"count": "number"}},
            # The base of each percentage is the "Total children" row of its group.
            "from_rows": {
                "percentage|CLA on 31 March|With 3 or more placements during the year": {
                    "denominator": {"column": "number", "split": ["CLA on 31 March", "Total children"]},
                },
                f"percentage|{LONG_TERM}|{SAME_CARER}": {"denominator": {"column": "number", "split": [LONG_TERM, "Total children"]}},
            },
            "only_listed": True,
            "indicators": {
                "percentage|CLA on 31 March|With 3 or more placements during the year": _i(
                    "Looked-after children with three or more placements during the year (%)",
                    "stay-safe",
                    Polarity.LOWER_BETTER,
                    cohort="looked-after children at 31 March",
                    method="Children with three or more placements during the year, as a percentage of all children looked after at 31 March.",
                ),
                f"percentage|{LONG_TERM}|{SAME_CARER}": _i(
                    "Looked-after children under 16, looked after for 2.5 years or more, living with the same carer for 2 years (%)",
                    "stay-safe",
                    Polarity.HIGHER_BETTER,
                    cohort="looked-after children under 16 looked after continuously for at least 2.5 years at 31 March",
                    method="Those living with the same carer for at least 2 years (or placed for adoption), as a percentage of that group.",
                ),
            },
        },
    ),
    (
        "la_children_who_were_missing_or_away_from_placement_without_authorisation.csv",
        {
            "dataset": "la_children_missing_or_away_from_placement",
            "indicator_columns": ["number"],
            "indicator_filter_columns": ["CLA_group"],
            # DfE publishes the percentage, its count and its base as separate rows.
            "from_rows": {
                "number|Percentage of children who had a missing incident during the year": {
                    "count": {"column": "number", "split": ["Children who had a missing incident during the year"]},
                    "denominator": {"column": "number", "split": ["Children looked after during the year"]},
                },
                "number|Percentage of children who were away from placement without authorisation during the year": {
                    "count": {"column": "number", "split": ["Children who were away from placement without authorisation during the year"]},
                    "denominator": {"column": "number", "split": ["Children looked after during the year"]},
                },
            },
            "only_listed": True,
            "indicators": {
                "number|Percentage of children who had a missing incident during the year": _i(
                    "Looked-after children who went missing during the year (%)",
                    "stay-safe",
                    Polarity.LOWER_BETTER,
                    value_type=ValueType.PERCENTAGE,
                    unit="%",
                    cohort="children looked after during the year",
                    caution=MISSING_CAUTION,
                ),
                "number|Average number of missing incidents per looked after child who went missing": _i(
                    "Missing incidents per looked-after child who went missing (average)",
                    "stay-safe",
                    Polarity.LOWER_BETTER,
                    value_type=ValueType.AVERAGE,
                    unit="incidents",
                    cohort="looked-after children who went missing during the year",
                    caution=MISSING_CAUTION,
                ),
                "number|Percentage of children who were away from placement without authorisation during the year": _i(
                    "Looked-after children who were away from placement without authorisation (%)",
                    "stay-safe",
                    Polarity.LOWER_BETTER,
                    value_type=ValueType.PERCENTAGE,
                    unit="%",
                    cohort="children looked after during the year",
                    caution=MISSING_CAUTION,
                ),
            },
        },
    ),
    (
        "la_care_leavers_activity.csv",
        {
            "dataset": "la_care_leavers_activity",
            "indicator_columns": ["percentage"],
            "indicator_filter_columns": ["activity"],
            "filter_columns": ["age"],
            "companions": {"percentage": {"count": "number"}},
            # The base is the "Total" row of the same age group.
            "from_rows": {
                "percentage|Total in education, employment or training": {"denominator": {"column": "number", "split": ["Total"]}},
                "percentage|Total not in education, employment or training": {"denominator": {"column": "number", "split": ["Total"]}},
            },
            "only_listed": True,
            "indicators": {
                "percentage|Total in education, employment or training": _i(
                    "Care leavers aged 19 to 21 in education, employment or training (%)",
                    "achieve-economic-well-being",
                    Polarity.HIGHER_BETTER,
                    headline={"age": "Aged 19 to 21"},
                    cohort="care leavers aged 19 to 21 (the groups of children also give 17 to 18)",
                ),
                "percentage|Total not in education, employment or training": _i(
                    "Care leavers aged 19 to 21 not in education, employment or training (%)",
                    "achieve-economic-well-being",
                    Polarity.LOWER_BETTER,
                    headline={"age": "Aged 19 to 21"},
                    cohort="care leavers aged 19 to 21 (the groups of children also give 17 to 18)",
                ),
            },
        },
    ),
    (
        "permanent_exclusions_and_suspensions_la.csv",
        {
            "dataset": "permanent_exclusions_and_suspensions_la",
            "indicator_columns": ["pt_perm_excl", "pt_one_plus_sus"],
            "filter_columns": ["social_care_group"],
            "companions": {
                "pt_perm_excl": {"count": "t_perm_excl", "denominator": "t_pupils"},
                "pt_one_plus_sus": {"count": "t_one_plus_sus", "denominator": "t_pupils"},
            },
            "indicators": {
                "pt_perm_excl": _i(
                    "Looked-after pupils permanently excluded (%)",
                    "make-a-positive-contribution",
                    Polarity.LOWER_BETTER,
                    headline=CLA_12_MONTHS,
                    cohort=LOOKED_AFTER_12_MONTHS,
                ),
                "pt_one_plus_sus": _i(
                    "Looked-after pupils with one or more suspensions (%)",
                    "make-a-positive-contribution",
                    Polarity.LOWER_BETTER,
                    headline=CLA_12_MONTHS,
                    cohort=LOOKED_AFTER_12_MONTHS,
                    decimal_places=2,  # as DfE publishes it (the file says so too; named here as the example people check)
                ),
            },
        },
    ),
    (
        "ks2_la.csv",
        {
            "dataset": "ks2_la",
            "indicator_columns": ["pt_rwm_met_expected_standard"],
            "filter_columns": ["social_care_group"],
            "companions": {"pt_rwm_met_expected_standard": {"count": "t_rwm_met_expected_standard", "denominator": "t_rwm_eligible_pupils"}},
            "indicators": {
                "pt_rwm_met_expected_standard": _i(
                    "Looked-after pupils meeting the expected standard in reading, writing and maths at key stage 2 (%)",
                    "enjoy-and-achieve",
                    Polarity.HIGHER_BETTER,
                    headline=CLA_12_MONTHS,
                    cohort=LOOKED_AFTER_12_MONTHS,
                ),
            },
        },
    ),
    (
        "absence_six_half_terms_la.csv",
        {
            "dataset": "absence_six_half_terms_la",
            "indicator_columns": ["pt_overall", "pt_pupils_pa_10_exact"],
            "filter_columns": ["social_care_group", "school_type"],
            "companions": {
                "pt_overall": {"count": "t_sess_overall", "denominator": "t_sess_possible"},
                "pt_pupils_pa_10_exact": {"count": "t_pupils_pa_10_exact", "denominator": "t_pupils"},
            },
            "indicators": {
                "pt_overall": _i(
                    "Looked-after pupils' sessions missed through absence (%)",
                    "enjoy-and-achieve",
                    Polarity.LOWER_BETTER,
                    headline=CLA_12_MONTHS,
                    cohort=LOOKED_AFTER_12_MONTHS,
                    interval_method="none",
                    caution=ABSENCE_CAUTION,
                ),
                "pt_pupils_pa_10_exact": _i(
                    "Looked-after pupils persistently absent (missing 10% or more of sessions) (%)",
                    "enjoy-and-achieve",
                    Polarity.LOWER_BETTER,
                    headline=CLA_12_MONTHS,
                    cohort=LOOKED_AFTER_12_MONTHS,
                ),
            },
        },
    ),
    (
        "fsm_la.csv",
        {
            "dataset": "fsm_la",
            "indicator_columns": ["pt_FSM_eligible"],
            "filter_columns": ["social_care_group"],
            "companions": {"pt_FSM_eligible": {"count": "t_FSM_eligible", "denominator": "t_pupils"}},
            "indicators": {
                "pt_FSM_eligible": _i(
                    "Children in need eligible for free school meals (%)",
                    "achieve-economic-well-being",
                    headline={"social_care_group": "CINO at 31 March"},
                    cohort="children in need at 31 March, other than those on a child protection plan or looked after (CINO)",
                    description=(
                        "Children in need only: DfE publishes this for children in need and children on a protection plan, "
                        "not for all pupils, so it is not the share of all pupils eligible for free school meals."
                    ),
                ),
            },
        },
    ),
]

# What the demo says about each indicator, beyond what the file holds: refreshed on every load,
# so a demo database loaded before a name or cohort changed tells the truth too.
DESCRIBED = ("name", "unit", "method", "description", "cohort", "caution", "interval_method", "decimal_places")


def _describe(spec: dict) -> None:
    """Bring the demo's indicators' words up to date with their spec (an import never overwrites an existing one)."""
    from .importers.dfe import DfeImporter

    importer = DfeImporter(spec)
    for ident, meta in spec["indicators"].items():
        wanted = {name: meta[name] for name in DESCRIBED if name in meta}
        indicator = IndicatorDefinition.objects.filter(code=importer.indicator_code(ident)).first()
        if indicator is None:
            continue
        changed = {name: value for name, value in wanted.items() if getattr(indicator, name) != value}
        if changed:
            for name, value in changed.items():
                setattr(indicator, name, value)
            indicator.save(update_fields=[*changed, "updated_at"])


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
        _describe(spec)
    say(f"DfE data: {imported} files imported, {len(DEMO_IMPORTS) - imported} already there ({time.perf_counter() - started:.1f} s).")

    lad = GEO / "england_lad_2013.topo.json"
    if lad.exists():
        summary = shapes_import(districts_path=lad, wards_dir=GEO / "wards_by_lad", ward_districts=_demo_districts())
        say(f"Shapes: {summary.districts} districts, {summary.wards} wards of the demo areas.")
    if NEIGHBOURS_CSV.exists():
        neighbours = neighbours_import(path=NEIGHBOURS_CSV)
        say(f"Illustrative statistical neighbours: {neighbours.lists} lists.")
    wards = ward_need_load()
    say(f"Illustrative ward estimates: {wards} wards.")
    say(f"Needs demo loaded in {time.perf_counter() - started:.1f} s.")


# --- The illustrative ward estimates ---------------------------------------------------
# DfE publishes these figures for whole authorities only, so the demo's ward map of
# need would be empty. These made-up ward figures stand in for local data, and say so
# wherever the indicator shows.

WARD_NEED_CODE = "jointly-demo/illustrative-ward-estimates/children-in-need-fsm"
WARD_NEED_NAME = "Children in need eligible for free school meals (%) (illustrative ward estimates)"
WARD_NEED_SOURCE = "Made-up figures for the Jointly demonstration, derived from DfE's published authority rate: not published statistics"
WARD_NEED_METHOD = (
    "Illustrative ward estimates, made up for the demonstration: they are not published statistics and say nothing "
    "true about any ward. DfE publishes the share of children in need (at 31 March) who are eligible for free school "
    "meals only for whole local authorities (fsm_la.csv). The authority's own figure here is its published rate for "
    "the latest year. Each ward's figure is that rate multiplied by a fixed factor between 0.7 and 1.3 worked out "
    "from the ward's ONS code, with the factors of each authority's wards scaled so that they average 1; figures are "
    "capped at 100%. A higher figure is read as more need."
)
FSM_FILE = "fsm_la.csv"
FSM_GROUP = "CINO at 31 March"


def ward_need_factor(code: str) -> float:
    """A fixed factor between 0.7 and 1.3 from a ward's code: the same on every load."""
    return 0.7 + int(hashlib.sha256(f"jointly-demo-ward-need:{code}".encode()).hexdigest(), 16) % 601 / 1000


def ward_need_estimates(rate: float, ward_codes: list[str]) -> dict[str, float]:
    """Each ward's made-up figure: the authority's rate spread by the wards' factors, which average 1."""
    factors = {code: ward_need_factor(code) for code in ward_codes}
    if not factors:
        return {}
    mean = sum(factors.values()) / len(factors)
    return {code: round(min(100.0, rate * factor / mean), 1) for code, factor in factors.items()}


def demo_wards() -> dict[str, list[Area]]:
    """The wards of each demo trust's area (a unitary's own wards, a county's districts' wards), by trust area code."""
    from jointly.partnerships.demo import EAST, PENINSULA

    codes = [area.code for area in PENINSULA + EAST]
    wards: dict[str, list[Area]] = {code: [] for code in codes}
    found = (
        Area.objects.filter(kind=Area.Kind.WARD)
        .filter(Q(parent__code__in=codes) | Q(parent__parent__code__in=codes))
        .select_related("parent__parent")
        .defer("shape", "parent__shape", "parent__parent__shape")
        .order_by("code")
    )
    for ward in found:
        authority = ward.parent.code if ward.parent.code in wards else ward.parent.parent.code
        wards[authority].append(ward)
    return wards


def _published_rates(codes: set[str]) -> dict[str, tuple[str, str, float]]:
    """Each authority's latest published rate: code -> (time_period, time_identifier, value)."""
    rates: dict[str, tuple[str, str, float]] = {}
    with open(DFE / FSM_FILE, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["new_la_code"]
            if code not in codes or row["geographic_level"] != "Local authority" or row["social_care_group"] != FSM_GROUP:
                continue
            if not _is_number(row["pt_FSM_eligible"]):
                continue
            if code not in rates or row["time_period"] > rates[code][0]:
                rates[code] = (row["time_period"], row["time_identifier"], float(row["pt_FSM_eligible"]))
    return rates


def ward_need_load() -> int:
    """Store the illustrative ward estimates for every demo ward, and each authority's published rate beside them.

    Writes the same rows every time (an upsert of fixed values), so loading
    twice changes nothing. Returns how many wards have a figure.
    """
    wards = demo_wards()
    if not any(wards.values()) or not (DFE / FSM_FILE).exists():
        return 0
    indicator, _ = IndicatorDefinition.objects.get_or_create(
        code=WARD_NEED_CODE,
        defaults={
            "name": WARD_NEED_NAME,
            "description": "Made-up ward figures for the demonstration, so the service map can show need by ward.",
            "cohort": "children in need at 31 March, other than those on a child protection plan or looked after (CINO)",
            "decimal_places": 1,
            "outcome_area": OutcomeArea.objects.filter(slug="achieve-economic-well-being", trust__isnull=True).first(),
            "polarity": Polarity.LOWER_BETTER,
            "value_type": ValueType.PERCENTAGE,
            "unit": "%",
            "source": WARD_NEED_SOURCE,
            "method": WARD_NEED_METHOD,
            "disclosure_rule": "Not needed: no figure here counts real children.",
            "dataset": "jointly-demo",
        },
    )
    total = Breakdown.total()
    authorities = {area.code: area for area in Area.objects.filter(code__in=list(wards), kind=Area.Kind.UPPER_TIER).defer("shape")}
    rows = []
    for code, (time_period, identifier, rate) in _published_rates(set(wards)).items():
        if code not in authorities or not wards[code]:
            continue
        period, period_key = dfe_period(time_period, identifier)
        cell = {"indicator": indicator, "period": period, "period_key": period_key, "breakdown": total}
        rows.append(Observation(area=authorities[code], value=rate, note="Published rate (DfE, fsm_la.csv)", **cell))
        estimates = ward_need_estimates(rate, [ward.code for ward in wards[code]])
        rows.extend(
            Observation(area=ward, value=estimates[ward.code], note="Illustrative estimate, not a published statistic", **cell)
            for ward in wards[code]
        )
    Observation.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["indicator", "area", "period_key", "breakdown"],
        update_fields=["period", "value", "note"],
    )
    return sum(1 for row in rows if row.area.kind == Area.Kind.WARD)


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
            distances = sorted((math.dist(scaled[area.code], point), code) for code, point in scaled.items() if code != area.code)
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
