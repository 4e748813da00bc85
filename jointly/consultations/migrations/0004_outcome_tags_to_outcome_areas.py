"""Each consultation's free outcome tags become links to outcome areas, and nothing typed is lost.

A tag names an outcome area when it is the area's name or slug, whatever the
case, spacing and hyphens ("be healthy", "Be-Healthy", "be_healthy"); the areas looked at are the
shared ones and the consultation's trust's own. Any tag that names none is
kept, as typed, in the consultation's "other themes".
"""

from django.db import migrations
from django.utils.text import slugify

SEPARATOR = ", "


def _key(text: str) -> str:
    return slugify(" ".join(str(text).split())).replace("_", "-")


def match_tags(tags, areas) -> tuple[list, list[str]]:
    """(the areas the tags name, in tag order; the tags that name none)."""
    by_key = {}
    for area in areas:
        by_key.setdefault(_key(area.slug), area)
        by_key.setdefault(_key(area.name), area)
    matched, other = [], []
    for tag in tags or []:
        tag = " ".join(str(tag).split())
        area = by_key.get(_key(tag)) if tag else None
        if area is not None:
            if area not in matched:
                matched.append(area)
        elif tag and tag not in other:
            other.append(tag)
    return matched, other


def tags_to_areas(apps, schema_editor):
    Consultation = apps.get_model("consultations", "Consultation")
    OutcomeArea = apps.get_model("needs", "OutcomeArea")
    shared = list(OutcomeArea.objects.filter(trust__isnull=True).order_by("order", "name"))
    for consultation in Consultation.objects.iterator():
        if not consultation.outcome_tags:
            continue
        # The trust's own first: a trust's "be healthy" is the one its staff meant.
        own = list(OutcomeArea.objects.filter(trust_id=consultation.trust_id).order_by("order", "name"))
        matched, other = match_tags(consultation.outcome_tags, own + shared)
        consultation.outcome_areas.add(*matched)
        if other:
            themes = SEPARATOR.join(part for part in (consultation.other_themes, SEPARATOR.join(other)) if part)
            Consultation.objects.filter(pk=consultation.pk).update(other_themes=themes)


def areas_to_tags(apps, schema_editor):
    Consultation = apps.get_model("consultations", "Consultation")
    for consultation in Consultation.objects.prefetch_related("outcome_areas").iterator(chunk_size=500):
        tags = [area.name for area in consultation.outcome_areas.all()]
        tags += [part.strip() for part in consultation.other_themes.split(",") if part.strip()]
        Consultation.objects.filter(pk=consultation.pk).update(outcome_tags=tags, other_themes="")


class Migration(migrations.Migration):
    dependencies = [("consultations", "0003_consultation_outcome_areas")]

    operations = [migrations.RunPython(tags_to_areas, areas_to_tags)]
