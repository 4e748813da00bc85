"""Who may do what to the partnership's records: organisations, seats and authorities.

Registered with the permission catalogue when the apps start (accounts/apps.py).
"""

from django.dispatch import receiver

from jointly.accounts.disclosure import Private, disclose
from jointly.accounts.models import Role
from jointly.accounts.permissions import Decision, Perm, decide, rule, trust_ids_for
from jointly.accounts.signals import person_deactivated

from .models import Body, Organisation, Paper, Region, ReportBack, Seat, Trust, TrustPartner


@rule(Perm.ORGANISATION_VIEW_PRIVATE)
def private_organisation(user, organisation) -> Decision:
    if user.role == Role.ADMINISTRATOR or user.organisation_id == organisation.pk:
        return Decision(True)
    if user.role != Role.PROVIDER_USER:
        ids = trust_ids_for(user)
        if ids and organisation.partnerships.filter(trust_id__in=ids).exists():
            return Decision(True)
    return Decision(False, "Only the organisation's own people and its partner trusts' staff can see this.")


@rule(Perm.ORGANISATION_EDIT)
def edit_organisation(user, organisation) -> Decision:
    if user.role == Role.PROVIDER_USER and user.organisation_id != organisation.pk:
        return Decision(False, "You can change only your own organisation's details.")
    # The change form shows the private details, so changing needs seeing them.
    if not private_organisation(user, organisation).allowed:
        return Decision(False, "Only the organisation's own people and its partner trusts' staff can change it.")
    return Decision(True)


@rule(Perm.SEAT_REPORT_BACK)
def report_back(user, seat) -> Decision:
    # The holder is let in by their SEAT_HOLDER assignment before this rule is asked.
    if user.role in (Role.COMMISSIONER, Role.ADMINISTRATOR):
        return Decision(True)
    return Decision(False, "Only the seat's holder or a commissioner can record a report-back.")


@rule(Perm.NEIGHBOURS_MANAGE)
def neighbours(user, area) -> Decision:
    """An authority's neighbour list is changed by its own trust's people (or an administrator).

    Registered here, not in places, because "its own trust" is the partnership's knowledge.
    """
    if user.role == Role.ADMINISTRATOR:
        return Decision(True)
    ids = trust_ids_for(user)
    if Trust.objects.filter(area_id=area.pk, id__in=ids or ()).exists():
        return Decision(True)
    return Decision(False, "You can change the statistical neighbours only of your own trust's authority.")


@receiver(person_deactivated, dispatch_uid="partnerships.vacate_seats_of_deactivated")
def vacate_seats_of_deactivated(sender, *, user, by, reason, **kwargs):
    """Someone who can no longer sign in cannot report back: their seats become vacancies the trust can see."""
    from .services import seat_vacate

    for seat in Seat.objects.filter(holder=user, status=Seat.Status.FILLED).select_related("body"):
        seat_vacate(seat=seat, by=by, reason=f"The holder's account was deactivated: {reason}")


# --- Disclosure: who sees which records and fields (decision 0013) ---------

# The organisation page shows these only to its own people and its partner trusts' staff.
ORGANISATION_PRIVATE_FIELDS = ("contact_name", "contact_email", "contact_phone", "private_notes")


def _paper(user, paper) -> Decision:
    return decide(user, Perm.PAPER_VIEW_CONFIDENTIAL if paper.confidential else Perm.PAPER_VIEW, paper)


disclose(Organisation, private=[Private(ORGANISATION_PRIVATE_FIELDS, perm=Perm.ORGANISATION_VIEW_PRIVATE)])
disclose(Region)
for _model in (Trust, TrustPartner, Body, Seat, ReportBack):
    disclose(_model, see=Perm.TRUST_VIEW)
disclose(Paper, see=_paper)
