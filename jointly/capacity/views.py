"""Staff pages: a trust's offers and events, their registrations, and the support-needs summary.

Every page fetches its trust through `get_object_for`: another trust's pages
are "not found", a role without the permission is "forbidden" with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, get_object_for
from jointly.audit.history import may_open_history
from jointly.core import downloads
from jointly.core.charts import bar_chart
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm, VersionField
from jointly.core.pagination import paginate
from jointly.core.transitions import actions, available, version_of
from jointly.partnerships.models import Trust

from . import selectors, services
from .forms import EventForm, OfferForm, PlacesForm, ReasonForm
from .models import INTEREST_RETENTION_DAYS, Event, Offer, Registration


def _trust(request, slug: str, perm: Perm = Perm.CAPACITY_MANAGE) -> Trust:
    return get_object_for(request.user, perm, Trust.objects.select_related("region"), slug=slug)


def _crumbs(trust: Trust, *more):
    return [(trust.name, trust.get_absolute_url()), ("Offers and events", reverse("capacity:manage", args=[trust.slug])), *more]


def _offer(trust: Trust, pk) -> Offer:
    return get_object_or_404(selectors.with_events(Offer.objects.all()), pk=pk, trust=trust)


def _event(trust: Trust, pk) -> Event:
    return get_object_or_404(selectors.with_counts(Event.objects.select_related("offer__trust")), pk=pk, offer__trust=trust)


def _form_page(request, trust, form, *, title, crumbs, cancel_url, submit="Save", intro=""):
    return render(
        request,
        "core/form_page.html",
        {
            "trust": trust,
            "form": form,
            "cancel_url": cancel_url,
            "submit": submit,
            "intro": intro,
            "page_title": title,
            "breadcrumbs": crumbs,
        },
    )


@login_required
def manage(request, slug):
    trust = _trust(request, slug)
    status = request.GET.get("status", "")
    return render(
        request,
        "capacity/manage.html",
        {
            "trust": trust,
            "page_obj": paginate(request, selectors.offers_for(trust=trust, status=status)),
            "status": status,
            "statuses": Offer.Status.choices,
            "page_title": f"Offers and events: {trust.name}",
            "breadcrumbs": [(trust.name, trust.get_absolute_url()), ("Offers and events", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_add(request, slug):
    trust = _trust(request, slug)
    form = OfferForm(request.POST or None)
    offer = save_form(request, form, lambda data: services.offer_create(trust=trust, by=request.user, **data))
    if offer:
        messages.success(request, f"Draft offer saved: {offer.title}. Add its events, then publish it.")
        return redirect("capacity:offer-manage", trust.slug, offer.pk)
    return _form_page(
        request,
        trust,
        form,
        title="Add an offer",
        crumbs=_crumbs(trust, ("Add an offer", "")),
        cancel_url=reverse("capacity:manage", args=[trust.slug]),
    )


@login_required
def offer_manage(request, slug, pk):
    trust = _trust(request, slug)
    offer = _offer(trust, pk)
    return render(
        request,
        "capacity/offer_manage.html",
        {
            "trust": trust,
            "offer": offer,
            "events": selectors.with_counts(offer.events.all()).order_by("starts_at", "pk"),
            "interested": selectors.interests_for(offer).count(),
            **actions(offer, request.user, edit_perm=Perm.CAPACITY_MANAGE),
            "can_see_history": may_open_history(request.user, offer),
            "page_title": offer.title,
            "breadcrumbs": _crumbs(trust, (offer.title, "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request, slug, pk):
    trust = _trust(request, slug)
    offer = _offer(trust, pk)
    initial = {"kind": offer.kind, "title": offer.title, "description": offer.description, "topics": offer.covers, "audience": offer.audience}
    form = OfferForm(request.POST or None, initial=initial)
    # Saving refuses the change if someone else changed the offer (or cancelled it) after this form was shown.
    form.fields["version"] = VersionField(initial=version_of(offer))
    detail = reverse("capacity:offer-manage", args=[trust.slug, offer.pk])
    if save_form(request, form, lambda data: services.offer_update(offer=offer, by=request.user, **data)):
        messages.success(request, "Offer changed.")
        return redirect(detail)
    return _form_page(
        request, trust, form, title=f"Change: {offer.title}", crumbs=_crumbs(trust, (offer.title, detail), ("Change", "")), cancel_url=detail
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_publish(request, slug, pk):
    trust = _trust(request, slug)
    offer = _offer(trust, pk)
    detail = reverse("capacity:offer-manage", args=[trust.slug, offer.pk])
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: services.offer_publish(offer=offer, by=request.user)):
        messages.success(request, "Published: anyone can now see the offer and book its events, with or without an account.")
        return redirect(detail)
    return render(
        request,
        "core/confirm_page.html",
        {
            "trust": trust,
            "form": form,
            "button": "Publish",
            "cancel_url": detail,
            "message": "Publishing puts the offer and its events on the open pages, where anyone can book a place without an account.",
            "page_title": f"Publish: {offer.title}",
            "breadcrumbs": _crumbs(trust, (offer.title, detail), ("Publish", "")),
        },
    )


def _reason_page(request, trust, *, title, crumbs, cancel_url, act, done, intro="", hint=""):
    form = ReasonForm(request.POST or None)
    if hint:
        form.fields["reason"].help_text = hint
    if save_form(request, form, lambda data: act(data["reason"])):
        messages.success(request, done)
        return redirect(cancel_url)
    return _form_page(request, trust, form, title=title, crumbs=crumbs, cancel_url=cancel_url, submit="Cancel it", intro=intro)


@login_required
@require_http_methods(["GET", "POST"])
def offer_cancel(request, slug, pk):
    trust = _trust(request, slug)
    offer = _offer(trust, pk)
    detail = reverse("capacity:offer-manage", args=[trust.slug, offer.pk])
    return _reason_page(
        request,
        trust,
        title=f"Cancel the offer: {offer.title}",
        crumbs=_crumbs(trust, (offer.title, detail), ("Cancel", "")),
        cancel_url=detail,
        act=lambda reason: services.offer_cancel(offer=offer, by=request.user, reason=reason),
        done="Offer cancelled, with its events still to come. People who booked are emailed.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_add(request, slug, pk):
    trust = _trust(request, slug)
    offer = _offer(trust, pk)
    detail = reverse("capacity:offer-manage", args=[trust.slug, offer.pk])
    form = EventForm(request.POST or None)
    event = save_form(
        request,
        form,
        lambda _: services.event_add(offer=offer, by=request.user, **form.event_data()),
        rename={"starts_at": "starts", "ends_at": "ends", "booking_closes_at": "booking_closes"},
    )
    if event:
        messages.success(request, f"Event added: {event.starts_at:%-d %B %Y}.")
        return redirect(detail)
    return _form_page(
        request,
        trust,
        form,
        title=f"Add an event: {offer.title}",
        crumbs=_crumbs(trust, (offer.title, detail), ("Add an event", "")),
        cancel_url=detail,
    )


@login_required
def event_manage(request, slug, pk):
    """The event's registrations, booked first then the waiting list in order; as CSV for the organisers."""
    trust = _trust(request, slug)
    event = _event(trust, pk)
    if request.GET.get("format") == "csv":
        return downloads.csv_response(
            filename=f"{trust.slug}-event-{event.pk}-registrations",
            headings=selectors.REGISTRATION_CSV_COLUMNS,
            rows=selectors.registration_rows(event),
        )
    offer_url = reverse("capacity:offer-manage", args=[trust.slug, event.offer_id])
    page = paginate(request, selectors.registrations_for(event))
    for registration in page:
        registration.event = event  # already loaded, with its offer: asking which moves are offered reads no more
        registration.moves = {move.name: move for move in available(registration, request.user)}
    return render(
        request,
        "capacity/event_manage.html",
        {
            "trust": trust,
            "event": event,
            "offer": event.offer,
            "page_obj": page,
            **actions(event, request.user, edit_perm=Perm.CAPACITY_MANAGE),
            "page_title": f"Registrations: {event}",
            "breadcrumbs": _crumbs(trust, (event.offer.title, offer_url), ("Registrations", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_places(request, slug, pk):
    trust = _trust(request, slug)
    event = _event(trust, pk)
    detail = reverse("capacity:event-manage", args=[trust.slug, event.pk])
    form = PlacesForm(request.POST or None, initial={"places": event.places})
    if save_form(request, form, lambda data: services.event_change_places(event=event, by=request.user, places=data["places"])):
        messages.success(request, f"Places changed to {form.cleaned_data['places']}.")
        return redirect(detail)
    return _form_page(
        request,
        trust,
        form,
        title=f"Change the places: {event}",
        cancel_url=detail,
        crumbs=_crumbs(trust, (event.offer.title, reverse("capacity:offer-manage", args=[trust.slug, event.offer_id])), ("Places", "")),
        intro=f"{event.booked_count} booked, {event.waiting_count} on the waiting list.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request, slug, pk):
    trust = _trust(request, slug)
    event = _event(trust, pk)
    detail = reverse("capacity:event-manage", args=[trust.slug, event.pk])
    return _reason_page(
        request,
        trust,
        title=f"Cancel the event: {event}",
        cancel_url=detail,
        crumbs=_crumbs(trust, (event.offer.title, reverse("capacity:offer-manage", args=[trust.slug, event.offer_id])), ("Cancel the event", "")),
        act=lambda reason: services.event_cancel(event=event, by=request.user, reason=reason),
        done="Event cancelled. Everyone booked or waiting is emailed.",
    )


@login_required
def offer_interest(request, slug, pk):
    """People who registered interest in the offer, to contact when it has dates; as CSV for the organisers."""
    trust = _trust(request, slug)
    offer = get_object_or_404(Offer, pk=pk, trust=trust)
    if request.GET.get("format") == "csv":
        return downloads.csv_response(
            filename=f"{trust.slug}-offer-{offer.pk}-interest", headings=selectors.INTEREST_CSV_COLUMNS, rows=selectors.interest_rows(offer)
        )
    detail = reverse("capacity:offer-manage", args=[trust.slug, offer.pk])
    return render(
        request,
        "capacity/interest_list.html",
        {
            "trust": trust,
            "offer": offer,
            "page_obj": paginate(request, selectors.interests_for(offer)),
            "retention_days": INTEREST_RETENTION_DAYS,
            "page_title": f"Interest: {offer.title}",
            "breadcrumbs": _crumbs(trust, (offer.title, detail), ("Interest", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request, slug, pk):
    """Cancel someone's booking for them, with a reason they are emailed."""
    trust = _trust(request, slug)
    registration = get_object_or_404(Registration.objects.select_related("event__offer"), pk=pk, event__offer__trust=trust)
    event = registration.event
    detail = reverse("capacity:event-manage", args=[trust.slug, event.pk])
    who = registration.name or "this person"
    intro = {
        Registration.Status.BOOKED: f"{who} has a place at {event}.",
        Registration.Status.WAITING: f"{who} is on the waiting list for {event}.",
    }.get(registration.status, "This booking is already cancelled.")
    return _reason_page(
        request,
        trust,
        title=f"Cancel the booking of {who}",
        cancel_url=detail,
        crumbs=_crumbs(
            trust,
            (event.offer.title, reverse("capacity:offer-manage", args=[trust.slug, event.offer_id])),
            ("Registrations", detail),
            ("Cancel a booking", ""),
        ),
        act=lambda reason: services.registration_cancel_for_person(registration=registration, by=request.user, reason=reason),
        done=f"The booking of {who} is cancelled and they are emailed. A place it freed has gone to the first person waiting.",
        intro=f"{intro} Cancel a booking when the person asks you to, or when they have booked twice.",
        hint="The person is emailed this.",
    )


@login_required
def support_summary(request, slug):
    trust = _trust(request, slug, Perm.SUPPORT_NEEDS_VIEW)
    summary = selectors.support_summary(trust=trust)
    if request.GET.get("format") == "csv":
        return downloads.csv_response(filename=f"{trust.slug}-support-needs", headings=summary.csv_headings, rows=summary.csv_rows)
    chart = bar_chart(
        [(row.label, row.total) for row in summary.rows],
        description=f"Bar chart: {summary.title}. The tables below give every figure.",
    )
    return render(
        request,
        "capacity/support_summary.html",
        {
            "trust": trust,
            "summary": summary,
            "chart": chart,
            "csv_url": "?format=csv",
            "page_title": summary.title,
            "breadcrumbs": [(trust.name, trust.get_absolute_url()), ("Support needs", "")],
        },
    )
