"""The directory's vocabularies, and how they are published as ORUK taxonomies.

Every term has a stable UUID (a UUID 5 of the taxonomy and the term's code), so
ORUK consumers can rely on `taxonomy_term.id` across releases.

Outcome areas are the five Every Child Matters outcomes for now. The needs
assessment will own the outcome framework (`needs.OutcomeArea`); when it does,
`outcome_area_choices()` is the one place to point at it. The codes stored by
the directory (`ServiceOutcome.outcome`) are slugs that such a model can keep.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import models

# The namespace for every identifier the directory derives rather than stores.
DIRECTORY_NAMESPACE = uuid.UUID("6f1c8f8e-3b9e-5d61-9a55-8c3f0f1b7a42")


class OutcomeArea(models.TextChoices):
    BE_HEALTHY = "be_healthy", "Be healthy"
    STAY_SAFE = "stay_safe", "Stay safe"
    ENJOY_AND_ACHIEVE = "enjoy_and_achieve", "Enjoy and achieve"
    POSITIVE_CONTRIBUTION = "positive_contribution", "Make a positive contribution"
    ECONOMIC_WELLBEING = "economic_wellbeing", "Achieve economic well-being"


def outcome_area_choices() -> list[tuple[str, str]]:
    """The outcome areas a service can serve (the seam for `needs.OutcomeArea`)."""
    return list(OutcomeArea.choices)


# The needs framework's outcome slugs whose directory code is not simply the slug with underscores.
_CODES_FOR_SLUGS = {
    "make-a-positive-contribution": OutcomeArea.POSITIVE_CONTRIBUTION,
    "achieve-economic-well-being": OutcomeArea.ECONOMIC_WELLBEING,
}


def directory_outcome(slug: str) -> str | None:
    """The directory's outcome code for a `needs.OutcomeArea` slug ("be-healthy" -> "be_healthy"); None if it has none."""
    code = _CODES_FOR_SLUGS.get(slug, slug.replace("-", "_"))
    return code if code in OutcomeArea.values else None


class Tier(models.TextChoices):
    UNIVERSAL = "universal", "Universal"
    TARGETED = "targeted", "Targeted"
    SPECIALIST = "specialist", "Specialist"


TIER_HINTS = {
    Tier.UNIVERSAL: "Open to every child or family, like a youth club or a children's centre.",
    Tier.TARGETED: "For children or families with extra needs, like a young carers' group.",
    Tier.SPECIALIST: "For children with high or complex needs, like a residential placement.",
}


class Approach(models.TextChoices):
    PREVENTION = "prevention", "Prevention and early help"
    INTERVENTION = "intervention", "Intervention"


class Group(models.TextChoices):
    """Groups of children and families a service or organisation reaches."""

    DISABLED = "disabled_children", "Disabled children and young people"
    SEN = "special_educational_needs", "Children with special educational needs (SEN)"
    LOOKED_AFTER = "looked_after_children", "Looked-after children"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    YOUNG_CARERS = "young_carers", "Young carers"
    GYPSY_ROMA_TRAVELLER = "gypsy_roma_traveller", "Gypsy, Roma and Traveller families"
    REFUGEES = "refugees_asylum_seekers", "Refugees and asylum seekers"
    LGBTQ = "lgbtq", "LGBTQ+ young people"
    YOUTH_JUSTICE = "youth_justice", "Young people in the justice system"
    NEET = "neet", "Young people not in education, employment or training"
    YOUNG_PARENTS = "young_parents", "Young parents"
    MINORITY_ETHNIC = "minority_ethnic", "Black, Asian and minority ethnic families"
    LOW_INCOME = "low_income_families", "Families on low incomes"
    MENTAL_HEALTH = "mental_health", "Children and young people with mental health needs"
    CHILDREN_IN_NEED = "children_in_need", "Children in need or on a protection plan"


# The groups seed 002 asks commissioners to reach on purpose (principle 5).
HARD_TO_REACH = frozenset(
    {
        Group.DISABLED,
        Group.SEN,
        Group.LOOKED_AFTER,
        Group.CARE_LEAVERS,
        Group.YOUNG_CARERS,
        Group.GYPSY_ROMA_TRAVELLER,
        Group.REFUGEES,
        Group.LGBTQ,
        Group.YOUTH_JUSTICE,
        Group.NEET,
        Group.YOUNG_PARENTS,
    }
)


class StaffBand(models.TextChoices):
    VOLUNTEERS = "volunteers", "Volunteers only"
    ONE_TO_NINE = "1-9", "1 to 9 paid staff"
    TEN_TO_49 = "10-49", "10 to 49 paid staff"
    FIFTY_TO_249 = "50-249", "50 to 249 paid staff"
    OVER_250 = "250+", "250 or more paid staff"


class Weekday(models.TextChoices):
    # iCalendar BYDAY codes, as ORUK schedules use.
    MO = "MO", "Monday"
    TU = "TU", "Tuesday"
    WE = "WE", "Wednesday"
    TH = "TH", "Thursday"
    FR = "FR", "Friday"
    SA = "SA", "Saturday"
    SU = "SU", "Sunday"


WEEKDAY_ORDER = {code: index for index, code in enumerate(Weekday.values)}


# --- ORUK taxonomies ------------------------------------------------------


@dataclass(frozen=True)
class Term:
    taxonomy: "Taxonomy"
    code: str
    label: str

    @property
    def id(self) -> uuid.UUID:
        return uuid.uuid5(DIRECTORY_NAMESPACE, f"taxonomy-term:{self.taxonomy.code}:{self.code}")


@dataclass(frozen=True)
class Taxonomy:
    code: str
    name: str
    description: str
    choices: type[models.TextChoices]

    @property
    def id(self) -> uuid.UUID:
        return uuid.uuid5(DIRECTORY_NAMESPACE, f"taxonomy:{self.code}")

    @property
    def terms(self) -> list[Term]:
        return [Term(self, value, label) for value, label in self.choices.choices]

    def term(self, code: str) -> Term | None:
        return next((term for term in self.terms if term.code == code), None)


TAXONOMIES = [
    Taxonomy(
        "outcome_area",
        "Every Child Matters outcomes",
        "The five outcomes a service for children and young people contributes to.",
        OutcomeArea,
    ),
    Taxonomy("tier", "Service tier", "Universal, targeted or specialist provision.", Tier),
    Taxonomy("approach", "Prevention or intervention", "Whether a service prevents or intervenes.", Approach),
    Taxonomy("group", "Groups reached", "Groups of children and families a service is designed to reach.", Group),
]
TAXONOMY_BY_CODE = {taxonomy.code: taxonomy for taxonomy in TAXONOMIES}


def all_terms() -> list[Term]:
    return [term for taxonomy in TAXONOMIES for term in taxonomy.terms]


def term_by_id(term_id: str) -> Term | None:
    return next((term for term in all_terms() if str(term.id) == str(term_id)), None)


def taxonomy_by_id(taxonomy_id: str) -> Taxonomy | None:
    return next((taxonomy for taxonomy in TAXONOMIES if str(taxonomy.id) == str(taxonomy_id)), None)
