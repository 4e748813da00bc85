"""Partner listings' outcomes move from the directory's old codes to the shared `needs.OutcomeArea` rows."""

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


def codes_to_areas(apps, schema_editor):
    OutcomeArea = apps.get_model("needs", "OutcomeArea")
    ListingOutcome = apps.get_model("capacity", "ListingOutcome")
    for code, slug in SLUG_FOR_CODE.items():
        area_id = OutcomeArea.objects.filter(trust__isnull=True, slug=slug).values_list("pk", flat=True).first()
        if area_id is not None:
            ListingOutcome.objects.filter(outcome=code).update(outcome_area_id=area_id)
    # A row must name an outcome area; a code that stood for none has nothing to keep.
    ListingOutcome.objects.filter(outcome_area__isnull=True).delete()


def areas_to_codes(apps, schema_editor):
    ListingOutcome = apps.get_model("capacity", "ListingOutcome")
    for row in ListingOutcome.objects.select_related("outcome_area").iterator():
        code = CODE_FOR_SLUG.get(row.outcome_area.slug)
        if code is None:
            row.delete()
        else:
            ListingOutcome.objects.filter(pk=row.pk).update(outcome=code)


class Migration(migrations.Migration):
    dependencies = [("capacity", "0005_listing_outcome_area")]

    operations = [migrations.RunPython(codes_to_areas, areas_to_codes)]
