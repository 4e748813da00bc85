"""Capacity migrations 0003–0005: partner listings' outcome codes become links to the shared outcome areas."""

from jointly.capacity.models import ListingOutcome

from ..factories import OrganisationFactory
from ..migrator import seed_outcome_areas


def test_listing_codes_become_outcome_areas_and_go_back(migrator):
    old = migrator.migrate(("capacity", "0005_listing_outcome_area"))
    seed_outcome_areas(old)
    listing = old.get_model("capacity", "PartnerListing").objects.create(organisation_id=OrganisationFactory().pk, can_offer="A venue")
    Outcome = old.get_model("capacity", "ListingOutcome")
    for code in ("stay_safe", "economic_wellbeing", "no_such_code"):
        Outcome.objects.create(listing_id=listing.pk, outcome=code)

    migrator.latest()

    slugs = ListingOutcome.objects.filter(listing_id=listing.pk).order_by("outcome__order").values_list("outcome__slug", flat=True)
    assert list(slugs) == ["stay-safe", "achieve-economic-well-being"]

    back = migrator.migrate(("capacity", "0004_state_labels_read_as_words"))
    codes = back.get_model("capacity", "ListingOutcome").objects.order_by("outcome").values_list("outcome", flat=True)
    assert list(codes) == ["economic_wellbeing", "stay_safe"]
