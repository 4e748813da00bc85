"""Directory services and spend for the market tests."""

from django.utils import timezone

from jointly.needs.models import OutcomeArea
from jointly.providers.models import DirectoryService, ProviderProfile, ServiceOutcome

from ..resources.factories import SpendRecordFactory, partner_of  # noqa: F401  (re-exported for the market tests)


def outcome(slug: str) -> OutcomeArea:
    """One of the five shared Every Child Matters outcome areas (made by a data migration)."""
    return OutcomeArea.objects.get(slug=slug, trust__isnull=True)


def listed_service(
    organisation, *, outcome_slug: str, areas, tier: str = "targeted", status=DirectoryService.Status.ACTIVE, published: bool = True, name: str = ""
) -> DirectoryService:
    """An organisation's service in the directory, with its directory entry published (or not)."""
    profile, _ = ProviderProfile.objects.get_or_create(organisation=organisation)
    if published and profile.published_at is None:
        profile.published_at = timezone.now()
        profile.save()
    service = DirectoryService.objects.create(
        organisation=organisation,
        name=name or f"{organisation.name} service",
        description="A service.",
        status=status,
        tier=tier,
        approach="prevention",
    )
    service.areas.set(areas)
    ServiceOutcome.objects.create(service=service, outcome=outcome(outcome_slug))
    return service
