"""Directory outcomes move from the directory's own codes to the shared `needs.OutcomeArea` rows.

Each `ServiceOutcome` code is matched to the shared outcome area it stood for,
and the proposed versions kept in `Revision.data` name outcome areas by slug
from now on. A code that stands for nothing is left as it was in a revision
(so the version still reads as written) and its row is removed, since a row
must name an outcome area.
"""

from django.db import migrations

# The directory's codes and the slugs of the shared outcome areas (needs migration 0002) they stood for.
SLUG_FOR_CODE = {
    "be_healthy": "be-healthy",
    "stay_safe": "stay-safe",
    "enjoy_and_achieve": "enjoy-and-achieve",
    "positive_contribution": "make-a-positive-contribution",
    "economic_wellbeing": "achieve-economic-well-being",
}
CODE_FOR_SLUG = {slug: code for code, slug in SLUG_FOR_CODE.items()}


def _rename(values, names: dict) -> list:
    return [names.get(value, value) for value in values or []]


def _revision_data(data: dict, names: dict) -> dict:
    data = dict(data)
    if "outcome_areas" in data:
        data["outcome_areas"] = _rename(data["outcome_areas"], names)
    if isinstance(data.get("service"), dict) and "outcome_areas" in data["service"]:
        data["service"] = {**data["service"], "outcome_areas": _rename(data["service"]["outcome_areas"], names)}
    return data


def rewrite_revisions(Revision, names: dict) -> None:
    for revision in Revision.objects.filter(kind__in=["service", "listing"]).only("pk", "data").iterator():
        data = _revision_data(revision.data or {}, names)
        if data != revision.data:
            Revision.objects.filter(pk=revision.pk).update(data=data)


def codes_to_areas(apps, schema_editor):
    OutcomeArea = apps.get_model("needs", "OutcomeArea")
    ServiceOutcome = apps.get_model("providers", "ServiceOutcome")
    area_for_code = {
        code: area_id
        for code, slug in SLUG_FOR_CODE.items()
        if (area_id := OutcomeArea.objects.filter(trust__isnull=True, slug=slug).values_list("pk", flat=True).first())
    }
    for code, area_id in area_for_code.items():
        ServiceOutcome.objects.filter(outcome=code).update(outcome_area_id=area_id)
    ServiceOutcome.objects.filter(outcome_area__isnull=True).delete()
    rewrite_revisions(apps.get_model("providers", "Revision"), SLUG_FOR_CODE)


def areas_to_codes(apps, schema_editor):
    ServiceOutcome = apps.get_model("providers", "ServiceOutcome")
    for row in ServiceOutcome.objects.select_related("outcome_area").iterator():
        code = CODE_FOR_SLUG.get(row.outcome_area.slug)
        if code is None:
            row.delete()
        else:
            ServiceOutcome.objects.filter(pk=row.pk).update(outcome=code)
    rewrite_revisions(apps.get_model("providers", "Revision"), CODE_FOR_SLUG)


class Migration(migrations.Migration):
    dependencies = [("providers", "0002_service_outcome_area")]

    operations = [migrations.RunPython(codes_to_areas, areas_to_codes)]
