"""The directory's vocabularies, and how they are published as ORUK taxonomies.

Every term has a stable UUID (a UUID 5 of the taxonomy and the term's code), so
ORUK consumers can rely on `taxonomy_term.id` across releases.

Outcome areas are `needs.OutcomeArea` rows: the directory uses the shared ones
(no trust), since its records and its open feed serve every trust. Their ORUK
term codes are the codes the directory published before it used that model
("be_healthy" for "be-healthy"), so their ids never change. Children's groups
are the one vocabulary in `needs.vocabulary`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import models

from jointly.needs.models import OutcomeArea
from jointly.needs.vocabulary import Group

# The namespace for every identifier the directory derives rather than stores.
DIRECTORY_NAMESPACE = uuid.UUID("6f1c8f8e-3b9e-5d61-9a55-8c3f0f1b7a42")

# The ORUK term codes first published for the five shared outcomes. Kept so their term ids stay the same;
# any other shared outcome area's code is its slug with underscores.
OUTCOME_TERM_CODES = {
    "be-healthy": "be_healthy",
    "stay-safe": "stay_safe",
    "enjoy-and-achieve": "enjoy_and_achieve",
    "make-a-positive-contribution": "positive_contribution",
    "achieve-economic-well-being": "economic_wellbeing",
}


def outcome_term_code(slug: str) -> str:
    """The ORUK term code of a shared outcome area ("make-a-positive-contribution" -> "positive_contribution")."""
    return OUTCOME_TERM_CODES.get(slug, slug.replace("-", "_"))


def directory_outcome_areas():
    """The outcome areas a directory service or partner listing can name: the shared ones, in order."""
    return OutcomeArea.objects.filter(trust__isnull=True).order_by("order", "name")


def outcome_area_choices() -> list[tuple[str, str]]:
    """The outcome areas a service can serve, as (slug, name) for forms."""
    return [(area.slug, area.name) for area in directory_outcome_areas()]


def outcome_slugs() -> dict[str, str]:
    """Every way a shared outcome area may be named (its slug, or its ORUK term code) -> its slug (one query)."""
    slugs = {}
    for slug in directory_outcome_areas().values_list("slug", flat=True):
        slugs[outcome_term_code(slug)] = slug
        slugs[slug] = slug
    return slugs


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
    taxonomy: Taxonomy
    code: str  # the ORUK term code, from which the id is made
    label: str
    value: str = ""  # what the directory stores for it, when that is not the code (an outcome area's slug)

    @property
    def id(self) -> uuid.UUID:
        return uuid.uuid5(DIRECTORY_NAMESPACE, f"taxonomy-term:{self.taxonomy.code}:{self.code}")

    @property
    def stored(self) -> str:
        return self.value or self.code


@dataclass(frozen=True)
class Taxonomy:
    code: str
    name: str
    description: str
    choices: type[models.TextChoices] | None = None

    @property
    def id(self) -> uuid.UUID:
        return uuid.uuid5(DIRECTORY_NAMESPACE, f"taxonomy:{self.code}")

    @property
    def terms(self) -> list[Term]:
        return [Term(self, value, label) for value, label in self.choices.choices]

    def term(self, code: str) -> Term | None:
        return next((term for term in self.terms if term.code == code), None)


class OutcomeTaxonomy(Taxonomy):
    """The shared outcome areas, read from `needs.OutcomeArea` (one query each time the terms are read)."""

    @property
    def terms(self) -> list[Term]:
        return [self.term_for(area) for area in directory_outcome_areas()]

    def term_for(self, area: OutcomeArea) -> Term:
        return Term(self, outcome_term_code(area.slug), area.name, value=area.slug)


OUTCOME_TAXONOMY = OutcomeTaxonomy(
    "outcome_area",
    "Every Child Matters outcomes",
    "The shared outcomes a service for children and young people contributes to.",
)
TAXONOMIES = [
    OUTCOME_TAXONOMY,
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
