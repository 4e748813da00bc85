"""The one vocabulary of children's groups, used by every app that names whom something is for.

Evidence (who it is about), priorities (whom they mean to reach), directory
services and organisations (whom they reach), partner listings and the ORUK
feed all use these codes, so a gap on the service map or a filter on the
directory means the same group everywhere. See decision 0014.

Outcome areas are the other shared vocabulary: they are data
(`needs.OutcomeArea`), because a trust may add its own; read them with
`needs.selectors.outcome_areas_for`.

The groups are code rather than data: they are national categories that no
trust adds to, and the ORUK feed derives each term's published id from its
code, so a code never changes once published.
"""

from django.db import models


class Group(models.TextChoices):
    """Groups of children and families that evidence is about, a priority means to reach, or a service reaches."""

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
    UNDER_FIVES = "under_fives", "Children under five"


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


def group_labels(codes) -> list[str]:
    """The groups' names, in the order given; a code no longer in the vocabulary shows as it was stored."""
    labels = dict(Group.choices)
    return [labels.get(code, code) for code in codes]
