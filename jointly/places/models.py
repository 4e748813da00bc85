import re

from django.core.exceptions import ValidationError
from django.db import models

ONS_CODE = re.compile(r"^[EWSNK]\d{8}$")


def validate_ons_code(value: str) -> None:
    if not ONS_CODE.match(value or ""):
        raise ValidationError(
            "Enter an ONS code: a letter and eight digits, like E06000026", code="invalid_ons_code"
        )


class Area(models.Model):
    """A place, keyed by its ONS code and the boundary year of that code."""

    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        UPPER_TIER = "upper_tier", "Upper-tier local authority"
        DISTRICT = "district", "District"
        WARD = "ward", "Ward"

    code = models.CharField(max_length=9, validators=[validate_ons_code])
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    boundary_year = models.PositiveSmallIntegerField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "boundary_year"], name="one_area_per_code_and_year"),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @staticmethod
    def kind_for_code(code: str) -> str:
        prefix = code[:3]
        return {
            "E92": Area.Kind.COUNTRY,
            "E12": Area.Kind.REGION,
            "E06": Area.Kind.UPPER_TIER,
            "E08": Area.Kind.UPPER_TIER,
            "E09": Area.Kind.UPPER_TIER,
            "E10": Area.Kind.UPPER_TIER,
            "E07": Area.Kind.DISTRICT,
            "E05": Area.Kind.WARD,
        }.get(prefix, Area.Kind.DISTRICT)
