"""Forms for the directory: the public search, the provider's own entry, and decisions on changes.

The forms check the shape of what was typed; the directory's rules (known
places, no negative fee, ages in order…) live in `validation.py`, and their
messages come back onto the right field through `core.errors.save_form`
(each form's FIELD_MAP names the field where a rule's message goes).
"""

from __future__ import annotations

import functools

from django import forms

from jointly.core.forms import GovukDateField, GovukForm
from jointly.needs.vocabulary import Group
from jointly.partnerships.models import LegalForm, Sector, SizeBand

from .models import MAX_AGE, Accreditation, DirectoryService
from .selectors import place_choices
from .taxonomy import TIER_HINTS, Approach, StaffBand, Tier, Weekday, outcome_area_choices
from .validation import known_areas


def _age_field(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        error_messages={
            "invalid": f"{label} must be a whole number, like 5",
            "min_value": f"{label} must be 0 or more",
            "max_value": f"{label} must be {MAX_AGE} or less",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
    )


class DirectoryFilterForm(GovukForm):
    q = forms.CharField(label="Search", required=False, max_length=200, help_text="For example, young carers or swimming")
    near = forms.CharField(
        label="Near a postcode or place",
        required=False,
        max_length=100,
        help_text="A postcode, like PL1 2AA or PL4, or the name of a town or place",
        # Not autocomplete="postal-code": a town's name is as good an answer.
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    outcome = forms.ChoiceField(label="Helps children to", required=False)
    age = forms.IntegerField(
        label="Age of the child or young person",
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        error_messages={
            "invalid": "Enter the age as a whole number, like 8",
            "min_value": "Enter an age of 0 or more",
            "max_value": f"Enter an age of {MAX_AGE} or less",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
    )
    place = forms.ChoiceField(label="Place", required=False)
    tier = forms.ChoiceField(label="Type of service", required=False)
    sector = forms.ChoiceField(label="Run by", required=False)
    group = forms.ChoiceField(label="Designed for", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", "Any outcome"), *outcome_area_choices()]
        self.fields["place"].choices = [("", "Anywhere"), *place_choices()]
        self.fields["tier"].choices = [("", "Any type"), *Tier.choices]
        self.fields["sector"].choices = [("", "Any organisation"), *Sector.choices]
        self.fields["group"].choices = [("", "Anyone"), *Group.choices]


class ServiceForm(GovukForm):
    name = forms.CharField(label="Name of the service", max_length=300, error_messages={"required": "Enter the name of the service"})
    description = forms.CharField(
        label="What the service does",
        help_text="Say what happens and who it helps, in plain words",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Describe what the service does"},
    )
    status = forms.ChoiceField(label="Is the service running?", widget=forms.RadioSelect, choices=DirectoryService.Status.choices)
    outcome_areas = forms.MultipleChoiceField(
        label="What it helps children and young people to do",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one outcome the service helps with"},
    )
    tier = forms.ChoiceField(label="Who can use it", widget=forms.RadioSelect, choices=Tier.choices)
    approach = forms.ChoiceField(label="Prevention or intervention", widget=forms.RadioSelect, choices=Approach.choices)
    min_age = _age_field("The youngest age", "Leave empty if there is no lower limit")
    max_age = _age_field("The oldest age", f"Up to {MAX_AGE}. Leave empty if there is no upper limit")
    eligibility = forms.CharField(
        label="Who is eligible (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, families referred by a health visitor",
    )
    groups = forms.MultipleChoiceField(
        label="Groups it is designed to reach (optional)", required=False, widget=forms.CheckboxSelectMultiple, choices=Group.choices
    )
    area_codes = forms.MultipleChoiceField(label="Places it covers", required=False, widget=forms.CheckboxSelectMultiple)
    other_area_codes = forms.CharField(
        label="Other places, by ONS code (optional)",
        required=False,
        help_text="For wards or districts. Separate codes with commas, like E05000001, E05000002",
    )
    schedule = forms.CharField(
        label="When it runs (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example, term time only; or by appointment",
    )
    days = forms.MultipleChoiceField(label="Days it is open (optional)", required=False, widget=forms.CheckboxSelectMultiple, choices=Weekday.choices)
    opens_at = forms.CharField(
        label="Opening time",
        required=False,
        help_text="In 24-hour format, like 16:00",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    closes_at = forms.CharField(
        label="Closing time",
        required=False,
        help_text="In 24-hour format, like 18:30",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    cost = forms.ChoiceField(label="Does it cost anything?", widget=forms.RadioSelect, choices=DirectoryService.Cost.choices)
    fee_amount = forms.CharField(
        label="Fee, in pounds (if there is one)",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
    )
    fee_description = forms.CharField(label="What the fee is for (optional)", required=False, help_text="For example, per session")
    contact_name = forms.CharField(label="Contact name (optional)", required=False, max_length=200)
    email = forms.CharField(label="Email address (optional)", required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label="Telephone (optional)",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "autocomplete": "tel"}),
    )
    url = forms.CharField(label="Website (optional)", required=False)

    # Where each rule's message goes on this form; a venue's (locations.<n>.<part>) goes on its own box (see `field_for`).
    FIELD_MAP = {"opening_times": "opens_at"}
    VENUE_PARTS = ("name", "address_1", "address_2", "city", "postcode", "area_code")
    MAX_VENUES = 10

    # How many venues the form has boxes for: set by `service_form`, which makes the form for a service.
    venue_count = 0

    def __init__(self, *args, statuses=None, **kwargs):
        """`statuses`: the statuses to offer (the service's own and those its moves reach); all for a new service.

        Only the radios are limited: any status is accepted, so one the service's state no longer allows
        (a form opened before it closed for good) is refused by the service, in words.
        """
        super().__init__(*args, **kwargs)
        known = place_choices()
        # A venue may be in a ward or district the service covers, as well as in a trust's area.
        codes = [*(self.initial.get("area_codes") or []), *str(self.initial.get("other_area_codes") or "").replace(",", " ").split()]
        codes += [self.initial.get(f"venue_{index}_area_code") or "" for index in range(self.venue_count)]
        named = known_areas(code for code in codes if code)
        covered = [(code, area.name) for code, area in sorted(named.items(), key=lambda item: item[1].name) if code not in dict(known)]
        for index in range(self.venue_count):
            self.fields[f"venue_{index}_area_code"].choices = [("", "The place the service covers"), *covered, *known]
        # The venues come after the opening times, as on the page, so the error summary is in the page's order.
        names = [name for name in self.fields if not name.startswith("venue_")]
        cut = names.index("closes_at") + 1
        self.order_fields(names[:cut] + [name for name in self.fields if name.startswith("venue_")] + names[cut:])
        if statuses is not None:
            self.fields["status"].widget.choices = [(value, label) for value, label in DirectoryService.Status.choices if value in statuses]
        self.fields["outcome_areas"].choices = outcome_area_choices()
        self.fields["area_codes"].choices = known
        self.fields["tier"].help_text = " ".join(f"{Tier(key).label}: {text}" for key, text in TIER_HINTS.items())

    def venues(self) -> list[list]:
        """Each venue's boxes, in order, for the template."""
        return [[self[f"venue_{index}_{part}"] for part in self.VENUE_PARTS] for index in range(self.venue_count)]

    @classmethod
    def field_for(cls, name: str) -> str:
        """The form's field for a rule's field name: a venue's problem (locations.1.city) goes on that venue's box."""
        if name.startswith("locations."):
            _, index, part = (name.split(".") + ["", ""])[:3]
            return f"venue_{index}_{part if part in cls.VENUE_PARTS else 'postcode'}"
        return cls.FIELD_MAP.get(name, name)

    @staticmethod
    def initial_from(data: dict) -> dict:
        """Form values for an existing version of a service."""
        known = {code for code, _ in place_choices()}
        venues = {
            f"venue_{index}_{part}": location.get(part) or ""
            for index, location in enumerate(data.get("locations") or [])
            for part in ServiceForm.VENUE_PARTS
        }
        times = data.get("opening_times") or []
        return {
            **{
                key: data.get(key)
                for key in (
                    "name",
                    "description",
                    "status",
                    "outcome_areas",
                    "tier",
                    "approach",
                    "min_age",
                    "max_age",
                    "eligibility",
                    "groups",
                    "schedule",
                    "cost",
                    "fee_amount",
                    "fee_description",
                    "contact_name",
                    "email",
                    "phone",
                    "url",
                )
            },
            "area_codes": [code for code in data.get("area_codes", []) if code in known],
            "other_area_codes": ", ".join(code for code in data.get("area_codes", []) if code not in known),
            "days": [row["weekday"] for row in times],
            "opens_at": times[0]["opens_at"] if times else "",
            "closes_at": times[0]["closes_at"] if times else "",
            **venues,
        }

    def to_data(self, current: dict | None = None) -> dict:
        """The proposed version, keeping the ids (and anything the form does not show) of the current one."""
        current = current or {}
        data = {name: value for name, value in self.cleaned_data.items() if name != "version"}
        extra_codes = [code for code in data.pop("other_area_codes", "").replace(",", " ").split() if code]
        data["area_codes"] = list(data.get("area_codes") or []) + extra_codes
        days, opens, closes = data.pop("days"), data.pop("opens_at"), data.pop("closes_at")
        earlier = {row["weekday"]: row.get("id") for row in current.get("opening_times", [])}
        data["opening_times"] = [{"id": earlier.get(day), "weekday": day, "opens_at": opens, "closes_at": closes} for day in days]
        # Each box keeps its venue's id (and what the form does not show, like coordinates).
        earlier_venues = list(current.get("locations", []))
        data["locations"] = [
            {
                **(earlier_venues[index] if index < len(earlier_venues) else {}),
                **{part: data.pop(f"venue_{index}_{part}") for part in self.VENUE_PARTS},
            }
            for index in range(self.venue_count)
        ]
        return {**current, **data}


class _AnyPlaceField(forms.ChoiceField):
    """A list of places to choose from that accepts any ONS code sent: the directory's rules check the place exists
    (so a ward the service covers is accepted even when the list, made from the form's first showing, lacks it)."""

    def valid_value(self, value):
        return True


def _venue_fields(index: int) -> dict[str, forms.Field]:
    number = index + 1
    return {
        f"venue_{index}_name": forms.CharField(
            label=f"Name of venue {number}", required=False, max_length=200, help_text="For example, Stonehouse Community Centre"
        ),
        f"venue_{index}_address_1": forms.CharField(label="Address line 1", required=False, max_length=300),
        f"venue_{index}_address_2": forms.CharField(label="Address line 2 (optional)", required=False, max_length=300),
        f"venue_{index}_city": forms.CharField(
            label="Town or city", required=False, max_length=100, widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds"})
        ),
        f"venue_{index}_postcode": forms.CharField(
            label="Postcode", required=False, max_length=10, widget=forms.TextInput(attrs={"class": "govuk-input--width-10"})
        ),
        f"venue_{index}_area_code": _AnyPlaceField(
            label="Place it is in", required=False, help_text="Leave this as it is if the service covers one place"
        ),
    }


@functools.cache
def service_form(venues: int = 0) -> type[ServiceForm]:
    """The service form for a service with `venues` venues: a box for each and one more (two for a service with none),
    so a venue is added without JavaScript; emptying a venue's boxes removes it. Declared as fields of the class,
    so GovukForm styles and describes them as it does every other field."""
    count = min(max(venues + 1, 2), ServiceForm.MAX_VENUES)
    fields = {name: field for index in range(count) for name, field in _venue_fields(index).items()}
    return type(f"ServiceFormWith{count}Venues", (ServiceForm,), {"venue_count": count, **fields})


class ProfileForm(GovukForm):
    description = forms.CharField(label="What your organisation does", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    website = forms.CharField(label="Website (optional)", required=False)
    email = forms.CharField(label="Public email address (optional)", required=False, help_text="Shown in the public directory")
    phone = forms.CharField(
        label="Public telephone (optional)", required=False, max_length=30, widget=forms.TextInput(attrs={"class": "govuk-input--width-20"})
    )
    income_band = forms.ChoiceField(label="Yearly income", required=False, widget=forms.RadioSelect)
    staff_band = forms.ChoiceField(label="Paid staff", required=False, widget=forms.RadioSelect)
    area_codes = forms.MultipleChoiceField(label="Places you work in (optional)", required=False, widget=forms.CheckboxSelectMultiple)
    groups = forms.MultipleChoiceField(
        label="Groups you reach (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Group.choices,
        help_text="Include groups that services often find hard to reach",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["income_band"].choices = [("", "Prefer not to say"), *SizeBand.choices]
        self.fields["staff_band"].choices = [("", "Prefer not to say"), *StaffBand.choices]
        self.fields["area_codes"].choices = place_choices()


class AccreditationForm(GovukForm):
    kind = forms.ChoiceField(label="Type", choices=Accreditation.Kind.choices, required=False)
    body = forms.CharField(label="Given by", required=False, max_length=200, help_text="For example, Ofsted or the Care Quality Commission")
    rating = forms.CharField(label="Rating or award", required=False, max_length=200, help_text="For example, Good")
    awarded_on = GovukDateField(label="Date given (optional)", required=False, label_for_errors="the date it was given")


AccreditationFormSet = forms.formset_factory(AccreditationForm, extra=1, max_num=10)


# The shared outcome areas in the words a small group would use.
PLAIN_OUTCOMES = {
    "be-healthy": "Health and well-being",
    "stay-safe": "Keeping safe",
    "enjoy-and-achieve": "Learning, play and having fun",
    "make-a-positive-contribution": "Getting involved and having a say",
    "achieve-economic-well-being": "Money, work and training",
}


class ListingForm(GovukForm):
    """Everything a small group needs to say, and nothing else."""

    name = forms.CharField(label="Name of your group", max_length=300, error_messages={"required": "Enter the name of your group"})
    legal_form = forms.ChoiceField(
        label="What kind of group are you?",
        widget=forms.RadioSelect,
        choices=[
            (LegalForm.UNINCORPORATED_GROUP, "A community group or club"),
            (LegalForm.UNINCORPORATED_CHARITY, "A registered charity"),
            (LegalForm.CIO, "A charitable incorporated organisation (CIO)"),
            (LegalForm.CIC, "A community interest company (CIC)"),
            (LegalForm.OTHER, "Something else"),
        ],
        error_messages={"required": "Select what kind of group you are"},
    )
    charity_number = forms.CharField(
        label="Charity number (if you have one)", required=False, widget=forms.TextInput(attrs={"class": "govuk-input--width-10"})
    )
    company_number = forms.CharField(
        label="Company number (if you have one)", required=False, widget=forms.TextInput(attrs={"class": "govuk-input--width-10"})
    )
    activity = forms.CharField(
        label="Name of your activity (optional)",
        required=False,
        max_length=300,
        help_text="For example, Saturday football club. Leave empty to use your group's name",
    )
    description = forms.CharField(
        label="What do you do?",
        help_text="A few sentences, in your own words",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Tell us what your group does"},
    )
    helps_with = forms.MultipleChoiceField(
        label="What does it help with?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one thing your activity helps with"},
    )
    open_to = forms.ChoiceField(
        label="Who can come?",
        widget=forms.RadioSelect,
        choices=[(Tier.UNIVERSAL, "Anyone of the right age"), (Tier.TARGETED, "Only children or families with particular needs")],
        error_messages={"required": "Select who can come"},
    )
    min_age = _age_field("Youngest age", "Leave empty if there is no lower limit")
    max_age = _age_field("Oldest age", "Leave empty if there is no upper limit")
    groups = forms.MultipleChoiceField(
        label="Is it designed for any of these groups? (optional)", required=False, widget=forms.CheckboxSelectMultiple, choices=Group.choices
    )
    area_codes = forms.MultipleChoiceField(
        label="Where do you run it?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one place where you run your activity"},
    )
    schedule = forms.CharField(
        label="When does it run? (optional)", required=False, help_text="For example, Saturdays 10am to 12 noon, term time only"
    )
    free = forms.ChoiceField(
        label="Is it free?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes, it is free"), ("no", "No, there is a charge")],
        error_messages={"required": "Select whether your activity is free"},
    )
    fee_amount = forms.CharField(
        label="How much, in pounds? (if there is a charge)",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
    )
    email = forms.CharField(
        label="Email address for people to contact you (optional)", required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label="Telephone for people to contact you (optional)",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "autocomplete": "tel"}),
    )
    url = forms.CharField(label="Website or social media page (optional)", required=False)
    submitter_name = forms.CharField(
        label="Your name",
        max_length=200,
        help_text="Not published",
        error_messages={"required": "Enter your name"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    submitter_email = forms.EmailField(
        label="Your email address",
        help_text="Not published. We will tell you when your group is listed",
        error_messages={"required": "Enter your email address", "invalid": "Enter an email address in the correct format, like name@example.org"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    # The service's rules name its fields as the directory does (listing_submit calls the service's name `activity`).
    FIELD_MAP = {"outcome_areas": "helps_with", "tier": "open_to", "cost": "free"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helps_with"].choices = [(slug, PLAIN_OUTCOMES.get(slug, name)) for slug, name in outcome_area_choices()]
        self.fields["area_codes"].choices = place_choices()

    # Both read what the form could clean: a field it refused is missing, so the directory's rules can
    # still be asked about the rest in the same submit (views.list_your_group).
    def organisation_data(self) -> dict:
        data = self.cleaned_data
        return {key: data.get(key, "") for key in ("name", "legal_form", "charity_number", "company_number")}

    def service_data(self) -> dict:
        data = self.cleaned_data
        free = data.get("free")
        return {
            "name": data.get("activity") or data.get("name", ""),
            "description": data.get("description", ""),
            "status": DirectoryService.Status.ACTIVE,
            "outcome_areas": data.get("helps_with"),
            "tier": data.get("open_to"),
            # Community groups open to children mostly prevent problems rather than treat them.
            "approach": Approach.PREVENTION,
            "min_age": data.get("min_age"),
            "max_age": data.get("max_age"),
            "groups": data.get("groups"),
            "area_codes": data.get("area_codes"),
            "schedule": data.get("schedule", ""),
            "cost": DirectoryService.Cost.FEE if free == "no" else DirectoryService.Cost.FREE,
            "fee_amount": data.get("fee_amount"),
            "email": data.get("email", ""),
            "phone": data.get("phone", ""),
            "url": data.get("url", ""),
        }


class DecisionForm(GovukForm):
    """The decision on a proposed change: one choice for each move the page offers (approve, reject)."""

    CHOICES = [("approve", "Approve and publish"), ("reject", "Do not approve")]

    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=CHOICES,
        error_messages={"required": "Select whether to approve the change"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed if you do not approve: the provider will see it",
    )

    def __init__(self, *args, moves=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [(name, label) for name, label in self.CHOICES if name in moves]
