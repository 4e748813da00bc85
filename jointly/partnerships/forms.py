from django import forms

from jointly.core.forms import GovukDateField, GovukForm, GovukModelForm

from .models import LegalForm, Organisation, Sector, SizeBand
from .services import IDENTIFIER_COLUMNS, duplicate_message, duplicates_of


class OrganisationForm(GovukModelForm):
    # Declared to say how a bare "www.example.org" is read: as https, Django 6's default.
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": "Enter a website address like https://www.example.org"},
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "sector",
            "legal_form",
            "size_band",
            "charity_number",
            "company_number",
            "ppon",
            "description",
            "website",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        labels = {
            "name": "Organisation name",
            "sector": "Sector",
            "legal_form": "Legal form",
            "size_band": "Size, by yearly income",
            "charity_number": "Charity number (if you have one)",
            "company_number": "Company number (if you have one)",
            "ppon": "Public procurement organisation number (PPON, if you have one)",
            "description": "What the organisation does",
            "contact_name": "Contact name (private)",
            "contact_email": "Contact email address (private)",
            "contact_phone": "Contact telephone number (private)",
        }
        help_texts = {
            "ppon": "You get a PPON when you register on the Central Digital Platform",
            "contact_email": "Only your organisation and the trusts you work with can see contact details",
        }
        widgets = {
            "sector": forms.RadioSelect,
            "legal_form": forms.Select,
            "size_band": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "name": {"required": "Enter the organisation's name"},
            "sector": {"required": "Select the organisation's sector"},
            "legal_form": {"required": "Select the organisation's legal form"},
            "contact_email": {"invalid": "Enter an email address in the correct format, like name@example.org"},
        }

    duplicate = None

    def _identifier(self, name):
        # Registers print identifiers in capitals; people type them any way.
        return (self.cleaned_data.get(name) or "").strip().upper()

    def clean_charity_number(self):
        return self._identifier("charity_number")

    def clean_company_number(self):
        return self._identifier("company_number")

    def clean_ppon(self):
        return self._identifier("ppon")

    def clean(self):
        data = super().clean()
        # Name the organisation already registered, on the identifier's own field,
        # so the page can link to it. (The model's constraint would only say "duplicate".)
        found = duplicates_of(
            charity_number=data.get("charity_number", ""),
            company_number=data.get("company_number", ""),
            ppon=data.get("ppon", ""),
            exclude_pk=self.instance.pk,
        )
        for existing, label in found:
            self.add_error(IDENTIFIER_COLUMNS[label], duplicate_message(existing, label))
        if found:
            self.duplicate = found[0][0]
        return data

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = Sector.choices
        self.fields["size_band"].choices = [("", "Not known"), *SizeBand.choices]
        self.fields["legal_form"].choices = [("", "Choose a legal form"), *LegalForm.choices]


class SeatAppointForm(GovukForm):
    holder = forms.ModelChoiceField(
        label="Who will hold the seat?",
        queryset=None,
        error_messages={"required": "Select who will hold the seat", "invalid_choice": "Select a person from the list"},
    )
    term_start = GovukDateField(label="Term starts", label_for_errors="the date the term starts")
    term_end = GovukDateField(label="Term ends", label_for_errors="the date the term ends")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = people
        self.fields["holder"].empty_label = "Choose a person"

    def clean(self):
        data = super().clean()
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", "The term must end after it starts")
        return data


class SeatVacateForm(GovukForm):
    reason = forms.CharField(
        label="Why is the term ending?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the term is ending", "max_length": "Use 500 characters or fewer"},
    )


class ReportBackForm(GovukForm):
    held_on = GovukDateField(label="Date of the report-back", label_for_errors="the date of the report-back")
    summary = forms.CharField(
        label="What was reported",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what was reported", "max_length": "Use 5,000 characters or fewer"},
    )


class OrganisationSearchForm(GovukForm):
    q = forms.CharField(label="Name, charity or company number", required=False, max_length=200)
    sector = forms.ChoiceField(label="Sector", required=False, choices=[("", "Any sector"), *Sector.choices])
