"""Reads for partnerships. Every list is already narrowed to what the person may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from jointly.accounts.permissions import Perm, has_perm, trust_ids_for

from .models import Body, Organisation, Paper, Region, Seat, Trust, TrustPartner


def trusts_visible_to(*, user) -> QuerySet[Trust]:
    ids = trust_ids_for(user)
    trusts = Trust.objects.select_related("area", "region")
    return trusts if ids is None else trusts.filter(id__in=ids)


def regions_with_trusts() -> QuerySet[Region]:
    return Region.objects.select_related("ons_region").prefetch_related(
        Prefetch("trusts", queryset=Trust.objects.select_related("area").order_by("name"))
    )


def trust_partners(*, trust: Trust) -> QuerySet[TrustPartner]:
    return trust.partners.select_related("organisation").order_by("-statutory", "organisation__name")


def trust_bodies(*, trust: Trust) -> QuerySet[Body]:
    return trust.bodies.annotate(
        seat_count=Count("seats"),
        filled_count=Count("seats", filter=Q(seats__status=Seat.Status.FILLED)),
    ).order_by("name")


def body_seats(*, body: Body) -> QuerySet[Seat]:
    return body.seats.select_related("holder", "holder_organisation", "accountable_to").prefetch_related("report_backs")


def body_papers(*, body: Body, user) -> QuerySet[Paper]:
    papers = body.papers.all()
    if not has_perm(user, Perm.PAPER_VIEW_CONFIDENTIAL):
        papers = papers.filter(confidential=False)
    return papers


def organisations_matching(*, query: str = "", sector: str = "") -> QuerySet[Organisation]:
    organisations = Organisation.objects.all()
    if query:
        organisations = organisations.filter(Q(name__icontains=query) | Q(charity_number=query) | Q(company_number=query))
    if sector:
        organisations = organisations.filter(sector=sector)
    return organisations.order_by("name")


def organisation_partnerships(*, organisation: Organisation, user) -> QuerySet[TrustPartner]:
    return organisation.partnerships.select_related("trust").order_by("trust__name")


def organisation_people(*, organisation: Organisation):
    return organisation.people.filter(is_active=True).order_by("full_name")


@dataclass
class BodyRepresentation:
    body: Body
    has_vcs_seat: bool
    needs_vcs_seat: bool
    vacancies: list[Seat] = field(default_factory=list)
    ending_soon: list[Seat] = field(default_factory=list)
    # Filled significant providers' seats: shown beside a missing VCS seat, since they do not fill it.
    provider_seats: list[Seat] = field(default_factory=list)

    @property
    def missing_vcs(self) -> bool:
        return self.needs_vcs_seat and not self.has_vcs_seat

    @property
    def has_flags(self) -> bool:
        return self.missing_vcs or bool(self.vacancies) or bool(self.ending_soon)


def representation_for(*, trust: Trust, today: datetime.date | None = None) -> list[BodyRepresentation]:
    """Flag bodies with no filled VCS forum representative's seat, every vacancy and every term ending soon.

    A significant provider's seat is not VCS representation, even when the
    provider is a charity: it speaks for its own organisation, not for the
    sector through the forum (seed 002, principle 2).

    Two queries, however many bodies and seats the trust has.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.JOINTLY_TERM_ENDING_WARNING_DAYS)
    bodies = trust.bodies.prefetch_related(
        Prefetch("seats", queryset=Seat.objects.select_related("holder", "holder_organisation").order_by("title"))
    ).order_by("name")
    result = []
    for body in bodies:
        seats = list(body.seats.all())
        result.append(
            BodyRepresentation(
                body=body,
                has_vcs_seat=any(s.is_vcs_representation for s in seats),
                needs_vcs_seat=body.kind in Body.NEEDS_VCS_SEAT,
                vacancies=[s for s in seats if s.status == Seat.Status.VACANT],
                ending_soon=[s for s in seats if s.status == Seat.Status.FILLED and s.term_end and today <= s.term_end <= horizon],
                provider_seats=[s for s in seats if s.status == Seat.Status.FILLED and s.seat_type == Seat.SeatType.SIGNIFICANT_PROVIDER],
            )
        )
    return result


def seats_with_ended_terms(*, today: datetime.date) -> QuerySet[Seat]:
    """Only the due seats, through the index on (status, term_end); vacating one takes it out of the set."""
    return Seat.objects.filter(status=Seat.Status.FILLED, term_end__lt=today)


# --- For the management pages ------------------------------------------------


def vcs_forum_of(*, trust: Trust) -> Body | None:
    """The trust's VCS forum: where VCS representatives report back, unless told otherwise."""
    return trust.bodies.filter(kind=Body.Kind.VCS_FORUM).order_by("name").first()


def reports_to_choices(*, trust: Trust, body: Body | None = None) -> QuerySet[Body]:
    """Bodies another body may report to: the trust's own, leaving out the body itself and those below it."""
    bodies = trust.bodies.order_by("name")
    if body is None or body.pk is None:
        return bodies
    children: dict[int | None, list[int]] = {}
    for pk, parent in trust.bodies.values_list("pk", "reports_to_id"):
        children.setdefault(parent, []).append(pk)
    below, stack = {body.pk}, [body.pk]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in below:
                below.add(child)
                stack.append(child)
    return bodies.exclude(pk__in=below)


def accountable_to_choices(*, body: Body) -> QuerySet[Body]:
    """Bodies a seat's holder may report back to: the trust's others."""
    return body.trust.bodies.exclude(pk=body.pk).order_by("name")


def partner_candidates(*, trust: Trust, query: str) -> QuerySet[Organisation]:
    """Organisations matching a search that are not yet partners of the trust."""
    return organisations_matching(query=query.strip()).exclude(partnerships__trust=trust)


def cycle_links_for(*, trust: Trust, user) -> list[dict]:
    """Where this person can go next for this trust: each app's registered links, in the order of the cycle."""
    from django.urls import reverse

    from jointly.accounts.permissions import Perm, decide
    from jointly.core.registry import TRUST_IN_PATH, TRUST_IN_QUERY, registry

    links = []
    for link in registry().cycle_links:
        if link.permission is not None and not decide(user, Perm(link.permission), trust).allowed:
            continue
        if link.trust_in == TRUST_IN_PATH:
            href = reverse(link.url_name, args=[trust.slug])
        elif link.trust_in == TRUST_IN_QUERY:
            href = f"{reverse(link.url_name)}?trust={trust.slug}"
        else:
            href = reverse(link.url_name)
        links.append({"text": link.label, "href": href, "description": link.description, "stage": link.stage})
    return links
