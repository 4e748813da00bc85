"""Forms for market development; every rule lives in services."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils import timezone

from jointly.core.forms import GovukDateField, GovukForm
from jointly.needs.vocabulary import Group
from jointly.providers.taxonomy import outcome_area_choices

from .models import LookingFor, Offer, SupportKind

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
_EMAIL_MESSAGES = {"required": "Enter your email address", "invalid": "Enter an email address in the correct format, like name@example.com"}


class SupportNeedForm(GovukForm):
    kinds = forms.MultipleChoiceField(
        label="What help does your organisation need?",
        choices=SupportKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. Your partner trusts see how many organisations need each kind of help, to plan training and support.",
    )
    other = forms.CharField(
        label="Anything else (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Any other help you need, in your own words.",
    )


class OfferForm(GovukForm):
    kind = forms.ChoiceField(
        label="Kind of offer",
        choices=Offer.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select training, mentoring, meet the buyer or provider forum"},
    )
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title for the offer"})
    description = forms.CharField(
        label="What it covers", widget=forms.Textarea(attrs={"rows": 5}), error_messages={"required": "Enter what the offer covers"}
    )
    topics = forms.MultipleChoiceField(
        label="Kinds of help it gives",
        choices=SupportKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Organisations that said they need this help are shown the offer.",
        error_messages={"required": "Select at least one kind of help the offer gives"},
    )
    audience = forms.CharField(
        label="Who it is for",
        max_length=300,
        help_text="For example, small charities and community groups new to tendering",
        error_messages={"required": "Enter who the offer is for"},
    )


def _time(value: str, *, field_words: str) -> datetime.time:
    match = _TIME.match(value or "")
    if not match:
        raise forms.ValidationError(f"Enter {field_words} as hours and minutes, like 10:00 or 14:30")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        raise forms.ValidationError(f"Enter {field_words} as a real time, like 10:00 or 14:30")
    return datetime.time(hours, minutes)


class EventForm(GovukForm):
    day = GovukDateField(label="Date", label_for_errors="the date of the event")
    starts = forms.CharField(label="Start time", max_length=5, help_text="For example, 10:00", error_messages={"required": "Enter the start time"})
    ends = forms.CharField(label="End time", max_length=5, help_text="For example, 12:30", error_messages={"required": "Enter the end time"})
    venue = forms.CharField(label="Venue address (leave empty if only online)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    online = forms.BooleanField(label="People can join online", required=False)
    accessibility = forms.CharField(
        label="Accessibility information",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Step-free access, parking, hearing loop, accessible toilets; or captions and a phone dial-in online.",
        error_messages={"required": "Enter the accessibility information"},
    )
    places = forms.IntegerField(
        label="Places",
        min_value=1,
        max_value=10000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "required": "Enter the number of places",
            "invalid": "Enter the number of places as a whole number, like 20",
            "min_value": "Enter the number of places, 1 or more",
            "max_value": "Enter 10,000 places or fewer",
        },
    )
    booking_closes = GovukDateField(
        label="Booking closes",
        label_for_errors="the date booking closes",
        help_text="Booking closes at the end of this day, or when the event starts if sooner. For example, 20 3 2027",
    )

    def clean_starts(self):
        return _time(self.cleaned_data["starts"], field_words="the start time")

    def clean_ends(self):
        return _time(self.cleaned_data["ends"], field_words="the end time")

    def event_data(self) -> dict:
        """The form's answers as the service takes them: aware datetimes in the site's time zone."""
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        starts_at = datetime.datetime.combine(data["day"], data["starts"], tzinfo=zone)
        ends_at = datetime.datetime.combine(data["day"], data["ends"], tzinfo=zone)
        closes_at = datetime.datetime.combine(data["booking_closes"], datetime.time(23, 59), tzinfo=zone)
        if data["booking_closes"] == data["day"]:
            closes_at = min(closes_at, starts_at)
        return {
            "starts_at": starts_at,
            "ends_at": ends_at,
            "booking_closes_at": closes_at,
            "venue": data["venue"],
            "online": data["online"],
            "accessibility": data["accessibility"],
            "places": data["places"],
        }


class PlacesForm(GovukForm):
    places = forms.IntegerField(
        label="Places",
        min_value=1,
        max_value=10000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        help_text="More places move people up from the waiting list, first come first served.",
        error_messages={
            "required": "Enter the number of places",
            "invalid": "Enter the number of places as a whole number, like 20",
            "min_value": "Enter the number of places, 1 or more",
            "max_value": "Enter 10,000 places or fewer",
        },
    )


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label="Why is it cancelled?",
        help_text="People who booked are emailed this.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why it is cancelled"},
    )


class InterestForm(GovukForm):
    """The least a person gives to register interest; a booking asks this and their access needs."""

    name = forms.CharField(
        label="Your name", max_length=200, error_messages={"required": "Enter your name"}, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We send your confirmation and your private link here.",
        error_messages=_EMAIL_MESSAGES,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    organisation_name = forms.CharField(
        label="Organisation or group",
        max_length=300,
        error_messages={"required": "Enter your organisation's name"},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )


class BookingForm(InterestForm):
    access_needs = forms.CharField(
        label="Access needs (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything the organisers should arrange so you can take part, like a BSL interpreter or step-free access.",
    )


class ListingForm(GovukForm):
    can_offer = forms.CharField(
        label="What can your organisation offer a partnership?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, trusted links with young carers in rural Devon; a safeguarding lead; a community venue.",
        error_messages={"required": "Enter what your organisation can offer a partnership"},
    )
    looking_for = forms.MultipleChoiceField(
        label="What are you looking for?",
        choices=LookingFor.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select what your organisation is looking for"},
    )
    outcomes = forms.MultipleChoiceField(
        label="Outcome areas you work on (optional)", choices=outcome_area_choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    groups = forms.MultipleChoiceField(
        label="Groups of children and families you reach (optional)", choices=Group.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
