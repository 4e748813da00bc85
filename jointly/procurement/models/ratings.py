"""Bidders' ratings of a procurement process, once it has closed: they feed the trust's learning."""

from django.conf import settings
from django.db import models

from jointly.audit.models import AuditedModel

from .opportunities import Opportunity

__all__ = ["ProcessRating"]


class ProcessRating(AuditedModel):
    """One organisation's rating (1 to 5, with a comment) of one opportunity's process."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="process_ratings")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.CASCADE, related_name="process_ratings")
    rating = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["opportunity", "-rated_at"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "organisation"], name="one_process_rating_per_organisation"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="process_rating_one_to_five"),
        ]

    def __str__(self):
        return f"Rating {self.rating} of {self.opportunity}"

    def audit_trust_id(self):
        return self.opportunity.trust_id
