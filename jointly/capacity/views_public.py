"""Open pages: published offers and their events, and booking a place without an account."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm
from jointly.core.pagination import paginate
from jointly.core.transitions import actions
from jointly.partnerships.models import Trust

from . import selectors, services
from .forms import BookingForm, InterestForm
from .models import INTEREST_RETENTION_DAYS, REGISTRATION_RETENTION_DAYS, Event, Offer, Registration, SupportKind

OFFERS_CRUMB = ("Support for organisations", "")


LIMITED_MESSAGE = "You have sent a lot of bookings in the last hour. Wait an hour, then try again."


def booking_limited(request) -> bool:
    """Count this attempt against the IP address's allowance (in the shared database cache); True once it is used up."""
    # Bookings and registrations of interest share one allowance per IP address.
    return is_ratelimited(request, group="capacity-booking-ip", key="ip", rate=settings.JOINTLY_BOOKING_LIMIT, increment=True)


def offer_list(request):
    filters = {name: request.GET.get(name, "") for name in ("trust", "kind", "need")}
    return render(
        request,
        "capacity/offers.html",
        {
            "page_obj": paginate(request, selectors.published_offers(**filters)),
            "filters": filters,
            "trusts": Trust.objects.order_by("name").values_list("slug", "name"),
            "kinds": Offer.Kind.choices,
            "needs": SupportKind.choices,
            "page_title": "Training, mentoring and events for organisations",
            "breadcrumbs": [("Training, mentoring and events", "")],
        },
    )


def _public_offer(pk) -> Offer:
    offer = get_object_or_404(selectors.with_events(Offer.objects.all()), pk=pk)
    if offer.status == Offer.Status.DRAFT or offer.published_at is None:
        raise Http404("Not found.")
    return offer


def offer_detail(request, pk):
    offer = _public_offer(pk)
    return render(
        request,
        "capacity/offer.html",
        {
            "offer": offer,
            "takes_interest": services.takes_interest(offer),
            "page_title": offer.title,
            "breadcrumbs": [("Training, mentoring and events", reverse("capacity:offers")), (offer.title, "")],
        },
    )


def _submit(request, form, write, *, message, link: str):
    """Handle a posted booking or interest form: (limited, redirect or None).

    A post over the rate limit gets the message above the form and saves
    nothing. Otherwise a valid form is written with `write(cleaned_data)` ->
    (record, token); the person goes on to the private page at `link`.
    """
    if request.method == "POST" and booking_limited(request):
        form.is_valid()  # a form must be cleaned before it takes an error
        form.add_error(None, LIMITED_MESSAGE)
        return True, None
    saved = save_form(request, form, write)
    if not saved:
        return False, None
    record, token = saved
    messages.success(request, message(record))
    return False, redirect(link, token)


def _initial(user) -> dict:
    if not user.is_authenticated:
        return {}
    return {"name": user.full_name, "email": user.email, "organisation_name": user.organisation.name if user.organisation_id else ""}


@never_cache
@require_http_methods(["GET", "POST"])
def book(request, pk):
    event = get_object_or_404(selectors.with_counts(Event.objects.select_related("offer__trust")), pk=pk, offer__status=Offer.Status.PUBLISHED)
    form = BookingForm(request.POST or None, initial=_initial(request.user))

    def booked(registration):
        return (
            "Your place is booked." if registration.status == Registration.Status.BOOKED else "Every place is taken, so you are on the waiting list."
        )

    limited, done = _submit(
        request, form, lambda data: services.registration_book(event=event, user=request.user, **data), message=booked, link="capacity:booking"
    )
    if done:
        return done
    return render(
        request,
        "capacity/book.html",
        {
            "event": event,
            "offer": event.offer,
            "form": form,
            "retention_days": REGISTRATION_RETENTION_DAYS,
            "open": event.open_for_booking(),
            "full": event.status == Event.Status.FULL,
            "page_title": f"Book a place: {event.offer.title}",
            "breadcrumbs": [
                ("Training, mentoring and events", reverse("capacity:offers")),
                (event.offer.title, event.offer.get_absolute_url()),
                ("Book", ""),
            ],
        },
        status=429 if limited else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def booking(request, token):
    """The private page behind the link in the confirmation: see the booking and cancel it. GET changes nothing."""
    registration = services.registration_for_token(token)
    if registration is None:
        raise Http404("This link is not right, or the booking's details have been deleted.")
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: services.registration_cancel(registration=registration)):
        messages.success(request, "Your booking is cancelled. If you had a place, it has gone to the first person on the waiting list.")
        return redirect("capacity:booking", token)
    event = selectors.with_counts(Event.objects.select_related("offer__trust")).get(pk=registration.event_id)
    return render(
        request,
        "capacity/booking.html",
        {
            "registration": registration,
            "form": form,
            **actions(registration, request.user),
            "event": event,
            "offer": event.offer,
            "position": selectors.waiting_position(registration),
            "retention_days": REGISTRATION_RETENTION_DAYS,
            "erase_after": registration.erase_after(),
            "page_title": f"Your booking: {event.offer.title}",
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def interest(request, pk):
    """Register interest in an offer with no dates to book, without an account."""
    offer = _public_offer(pk)
    form = InterestForm(request.POST or None, initial=_initial(request.user))
    limited, done = _submit(
        request,
        form,
        lambda data: services.interest_register(offer=offer, user=request.user, **data),
        message=lambda _: f"Your interest is registered. {offer.trust.name} will contact you.",
        link="capacity:interest-link",
    )
    if done:
        return done
    return render(
        request,
        "capacity/interest.html",
        {
            "offer": offer,
            "form": form,
            "open": services.takes_interest(offer),
            "retention_days": INTEREST_RETENTION_DAYS,
            "page_title": f"Register interest: {offer.title}",
            "breadcrumbs": [
                ("Training, mentoring and events", reverse("capacity:offers")),
                (offer.title, offer.get_absolute_url()),
                ("Register interest", ""),
            ],
        },
        status=429 if limited else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def interest_link(request, token):
    """The private page behind the link in the confirmation: see the interest and withdraw it. GET changes nothing."""
    registered = services.interest_for_token(token)
    if registered is None:
        raise Http404("This link is not right, or the details have been deleted.")
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: services.interest_withdraw(interest=registered)):
        messages.success(request, "Your interest is withdrawn and your details are deleted.")
        return redirect("capacity:interest-link", token)
    return render(
        request,
        "capacity/interest_link.html",
        {
            "interest": registered,
            "form": form,
            **actions(registered, request.user),
            "offer": registered.offer,
            "retention_days": INTEREST_RETENTION_DAYS,
            "page_title": f"Your interest: {registered.offer.title}",
        },
    )
