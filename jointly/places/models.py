import re

from django.core.exceptions import ValidationError
from django.db import models

from jointly.audit.models import AuditedModel

ONS_CODE = re.compile(r"^[EWSNK]\d{8}$")

# The attribution that must travel with any drawing of the ONS boundaries.
SHAPE_ATTRIBUTION = (
    "Contains Ordnance Survey, Office for National Statistics, National Records Scotland and LPS "
    "Intellectual Property data © Crown copyright and database right. Data licensed under the Open "
    "Government Licence v3.0. Ordnance Survey data covered by OS OpenData Licence. GeoJSON and "
    "TopoJSON UK Boundary Data by Martin Chorley, CC BY 4.0."
)


def validate_ons_code(value: str) -> None:
    if not ONS_CODE.match(value or ""):
        raise ValidationError("Enter an ONS code: a letter and eight digits, like E06000026", code="invalid_ons_code")


class Area(models.Model):
    """A place, keyed by its ONS code and the boundary year of that code.

    ONS issues a new code whenever a boundary changes materially, so one code
    is one place; `boundary_year` records the boundary set the code was first
    taken from. `shape` is the area's GeoJSON geometry (longitude, latitude)
    from the boundary set of `shape_year`, if there is one: reorganised
    authorities have no 2013 shape and are simply shown without a map.
    """

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
    shape = models.JSONField(null=True, blank=True)
    shape_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "boundary_year"], name="one_area_per_code_and_year"),
        ]
        indexes = [models.Index(fields=["kind", "name"], name="area_kind_name")]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def has_shape(self) -> bool:
        return self.shape is not None

    @staticmethod
    def kind_for_code(code: str) -> str:
        prefix = code[:3]
        return {
            "E92": Area.Kind.COUNTRY,
            "E12": Area.Kind.REGION,
            # Inner and Outer London: DfE reports them beside the regions.
            "E13": Area.Kind.REGION,
            "E06": Area.Kind.UPPER_TIER,
            "E08": Area.Kind.UPPER_TIER,
            "E09": Area.Kind.UPPER_TIER,
            "E10": Area.Kind.UPPER_TIER,
            "E07": Area.Kind.DISTRICT,
            "E05": Area.Kind.WARD,
        }.get(prefix, Area.Kind.DISTRICT)


class StatisticalNeighbour(AuditedModel):
    """One of an authority's ten most similar authorities, as ranked on a list of a given date."""

    authority = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="neighbour_entries")
    neighbour = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    list_date = models.DateField(help_text="The date of the list this ranking comes from.")
    # Where the list came from: a file and its hash, a person's edit, or the illustrative demo list.
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["authority", "-list_date", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "list_date", "rank"], name="one_neighbour_per_rank"),
            models.UniqueConstraint(fields=["authority", "list_date", "neighbour"], name="neighbour_listed_once"),
            models.CheckConstraint(condition=models.Q(rank__gte=1, rank__lte=10), name="neighbour_rank_1_to_10"),
            models.CheckConstraint(condition=~models.Q(authority=models.F("neighbour")), name="neighbour_not_self"),
        ]

    def __str__(self):
        return f"{self.neighbour.name} is neighbour {self.rank} of {self.authority.name} ({self.list_date:%d %B %Y})"
