"""Forms for managing a trust's bodies, seats, partners and papers.

Plain forms, not model forms: the services in services.py do every write and
hold the rules (a body reports within its trust, a seat is accountable to
another of the trust's bodies), so a form only collects and checks the input.
"""

from django import forms

from jointly.core.forms import GovukDateField, GovukForm, set_hint

from .models import Body, Organisation, Seat, Sector

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes(value) -> bool:
    return value == "yes"


class BodyForm(GovukForm):
    name = forms.CharField(
        label="Name of the body",
        max_length=200,
        error_messages={
            "required": "Enter the name of the body",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="What kind of body is it?",
        choices=Body.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of body it is"},
    )
    remit = forms.CharField(
        label="Remit (optional)",
        help_text="What the body decides, plans or advises on",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "The remit must be 5,000 characters or fewer"},
    )
    reports_to = forms.ModelChoiceField(
        label="Reports to (optional)",
        help_text="The body this one is accountable to",
        queryset=Body.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select a body from the list"},
    )

    def __init__(self, *args, reports_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reports_to"].queryset = reports_to
        self.fields["reports_to"].empty_label = "Does not report to another body"

    @classmethod
    def initial_for(cls, body: Body) -> dict:
        return {"name": body.name, "kind": body.kind, "remit": body.remit, "reports_to": body.reports_to_id}


class SeatForm(GovukForm):
    title = forms.CharField(
        label="Seat title",
        help_text="For example, 'VCS forum representative' or 'ICB commissioner'",
        max_length=200,
        error_messages={"required": "Enter the seat's title", "max_length": "The title must be 200 characters or fewer"},
    )
    sector = forms.ChoiceField(
        label="Which sector is the seat for?",
        choices=Sector.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which sector the seat is for"},
    )
    seat_type = forms.ChoiceField(
        label="What type of seat is it?",
        choices=Seat.SeatType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what type of seat it is"},
    )
    represents = forms.CharField(
        label="Whom the holder represents (optional)",
        help_text="For example, 'the Plymouth VCS forum's members'",
        required=False,
        max_length=300,
        error_messages={"max_length": "This must be 300 characters or fewer"},
    )
    accountable_to = forms.ModelChoiceField(
        label="Accountable to (optional)",
        queryset=Body.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select a body from the list"},
    )

    def __init__(self, *args, bodies, vcs_forum: Body | None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["accountable_to"]
        field.queryset = bodies
        field.empty_label = "No body"
        hint = "The body the holder reports back to."
        if vcs_forum is not None:
            hint += f" A VCS forum representative is accountable to {vcs_forum.name} unless you choose another body."
        set_hint(self, "accountable_to", hint)

    @classmethod
    def initial_for(cls, seat: Seat) -> dict:
        return {
            "title": seat.title,
            "sector": seat.sector,
            "seat_type": seat.seat_type,
            "represents": seat.represents,
            "accountable_to": seat.accountable_to_id,
        }


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, organisation: Organisation) -> str:
        extra = [organisation.get_sector_display()]
        if organisation.charity_number:
            extra.append(f"charity {organisation.charity_number}")
        return f"{organisation.name} ({', '.join(extra)})"


class PartnerSearchForm(GovukForm):
    q = forms.CharField(
        label="Search for an organisation",
        help_text="Name, charity number or company number",
        required=False,
        max_length=200,
    )


class TrustPartnerForm(GovukForm):
    # The search that produced the choices, carried so the same choices show again after an error.
    search = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    organisation = OrganisationChoiceField(
        label="Which organisation is joining the partnership?",
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the organisation that is joining the partnership",
            "invalid_choice": "Select an organisation from the search results",
        },
    )
    statutory = forms.TypedChoiceField(
        label="Is it a statutory partner?",
        help_text="Statutory partners have a duty to co-operate under section 10 of the Children Act 2004",
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the organisation is a statutory partner"},
    )
    joined_on = GovukDateField(
        label="When did it join? (optional)",
        label_for_errors="the date it joined",
        required=False,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = candidates


class PaperForm(GovukForm):
    title = forms.CharField(
        label="Title",
        max_length=300,
        error_messages={"required": "Enter the paper's title", "max_length": "The title must be 300 characters or fewer"},
    )
    meeting_date = GovukDateField(label="Date of the meeting", label_for_errors="the date of the meeting")
    summary = forms.CharField(
        label="Summary (optional)",
        help_text="One or two sentences shown above the paper",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The summary must be 2,000 characters or fewer"},
    )
    content = forms.CharField(
        label="The paper",
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={
            "required": "Enter the text of the paper",
            "max_length": "The paper must be 100,000 characters or fewer",
        },
    )
    confidential = forms.TypedChoiceField(
        label="Is the paper confidential?",
        help_text=("Only people in this trust whose role allows it can read a confidential paper, and every reading is recorded"),
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the paper is confidential"},
    )
