"""Evidence names children's groups in the one vocabulary (`needs.vocabulary.Group`).

Evidence had its own list of groups; each of its codes is renamed to the code
of the same group in the vocabulary the directory and the service map use
("looked_after" becomes "looked_after_children"). A code that is in neither
list is kept as it was, so nothing recorded is lost.
"""

from django.db import migrations

NEW_CODE = {
    "disabled": "disabled_children",
    "sen": "special_educational_needs",
    "looked_after": "looked_after_children",
    "care_leavers": "care_leavers",
    "young_carers": "young_carers",
    "ethnic_minority": "minority_ethnic",
    "refugee": "refugees_asylum_seekers",
    "poverty": "low_income_families",
    "early_years": "under_fives",
    "neet": "neet",
    "youth_justice": "youth_justice",
    "lgbtq": "lgbtq",
}
OLD_CODE = {new: old for old, new in NEW_CODE.items()}


def renamed(groups, names: dict) -> list[str]:
    """The groups renamed, each once, sorted as evidence keeps them."""
    return sorted({names.get(group, group) for group in groups or []})


def _rename_all(apps, names: dict) -> None:
    EvidenceItem = apps.get_model("assessment", "EvidenceItem")
    for item in EvidenceItem.objects.only("pk", "groups").iterator():
        groups = renamed(item.groups, names)
        if groups != item.groups:
            EvidenceItem.objects.filter(pk=item.pk).update(groups=groups)


def forwards(apps, schema_editor):
    _rename_all(apps, NEW_CODE)


def backwards(apps, schema_editor):
    _rename_all(apps, OLD_CODE)


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
