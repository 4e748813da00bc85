"""Observations: one value of one indicator, for one place, period and group."""

import hashlib
import json

from django.db import models

# Observations arrive by the million from published files; their provenance is
# the ImportRun that wrote them, so they are not audited row by row.


def breakdown_key(dimensions: dict[str, str]) -> str:
    canonical = json.dumps(dimensions, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(canonical.encode()).hexdigest()


TOTAL_KEY = breakdown_key({})


class Breakdown(models.Model):
    """A group of children an observation is about: dimension -> value (sex, age band, looked-after status…).

    No dimensions means everyone: the total.
    """

    key = models.CharField(max_length=40, unique=True)
    dimensions = models.JSONField(default=dict)

    def __str__(self):
        return self.label

    @property
    def is_total(self) -> bool:
        return not self.dimensions

    @property
    def label(self) -> str:
        if not self.dimensions:
            return "All"
        return "; ".join(f"{dimension_label(name)}: {value}" for name, value in sorted(self.dimensions.items()))

    @classmethod
    def total(cls) -> "Breakdown":
        return cls.objects.get_or_create(key=TOTAL_KEY, defaults={"dimensions": {}})[0]


def dimension_label(name: str) -> str:
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


class Observation(models.Model):
    """One published figure: an indicator, for a place, in a period, for a group of children.

    Its keys have no database foreign key constraints (decision 0017): a database checks those row by
    row, four lookups for every observation imported, which made a PostgreSQL import seven times a bare
    COPY. The importer, the only writer, checks every key it writes once per file, locking the rows it
    points at until commit; deletes go through Django, which applies `on_delete` itself.
    """

    indicator = models.ForeignKey(
        "needs.IndicatorDefinition", on_delete=models.CASCADE, related_name="observations", db_index=False, db_constraint=False
    )
    area = models.ForeignKey("places.Area", on_delete=models.PROTECT, related_name="observations", db_constraint=False)
    period = models.CharField(max_length=40)
    period_key = models.PositiveIntegerField()
    breakdown = models.ForeignKey(Breakdown, on_delete=models.PROTECT, related_name="observations", db_index=False, db_constraint=False)
    # Empty when the publisher suppressed the number; `suppression` then says why.
    value = models.FloatField(null=True, blank=True)
    lower_95 = models.FloatField(null=True, blank=True)
    upper_95 = models.FloatField(null=True, blank=True)
    lower_998 = models.FloatField(null=True, blank=True)
    upper_998 = models.FloatField(null=True, blank=True)
    count = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    suppression = models.CharField(max_length=8, blank=True)
    note = models.CharField(max_length=300, blank=True)
    # Not indexed: an index here costs a third of the import speed, and the
    # importer counts what it wrote without one.
    source_import = models.ForeignKey(
        "needs.ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="observations", db_index=False, db_constraint=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area", "period_key", "breakdown"], name="one_observation_per_cell"),
        ]

    def __str__(self):
        shown = (self.suppression or "no value") if self.value is None else f"{self.value:g}"
        return f"{self.indicator_id} {self.area_id} {self.period}: {shown}"

    @property
    def suppressed(self) -> bool:
        return self.value is None
