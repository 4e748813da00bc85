"""Who may report an organisation's support needs."""

from jointly.accounts.disclosure import disclose, own_organisation
from jointly.accounts.permissions import Perm, rule
from jointly.partnerships.rules import edit_organisation

from .models import Event, Interest, ListingGroup, ListingOutcome, Offer, OfferTopic, PartnerListing, Registration, SupportNeed

# Its own people report them, or its partner trusts' staff on its behalf: the same people who may change it.
rule(Perm.SUPPORT_NEEDS_REPORT)(edit_organisation)


# --- Disclosure (decision 0013) ---------------------------------------------
# The offer's manage page (drafts, cancellations, who booked) is for the people who run offers;
# a booking's name, email and access needs are never in the trail (Registration.audit_exclude).
disclose(Offer, see=Perm.CAPACITY_MANAGE)
disclose(OfferTopic, parent=lambda topic: topic.offer)
disclose(Event, parent=lambda event: event.offer)
disclose(Registration, see=Perm.CAPACITY_MANAGE, parent=lambda registration: registration.event)
disclose(Interest, see=Perm.CAPACITY_MANAGE, parent=lambda interest: interest.offer)
# Support needs and partner listings are an organisation's own, of no trust: its people's and administrators'
# (trusts read support needs only added up, and listings only as published).
disclose(SupportNeed, see=own_organisation(lambda need: need.organisation_id))
disclose(PartnerListing, see=own_organisation(lambda listing: listing.organisation_id))
for _model in (ListingOutcome, ListingGroup):
    disclose(_model, parent=lambda row: row.listing)
