"""Forms for the supplier passport. They only read the input: every rule is in services."""

from __future__ import annotations

from django import forms

from jointly.core.forms import GovukDateField, GovukForm

from .models import Check, ItemKind

_YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no(value) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class CoreForm(GovukForm):
    registered_address = forms.CharField(label="Registered address", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    postcode = forms.CharField(label="Postcode", required=False, max_length=10, widget=forms.TextInput(attrs={"autocomplete": "postal-code"}))
    share_code = forms.CharField(
        label="Central Digital Platform share code (optional)",
        required=False,
        max_length=20,
        help_text="The code the Central Digital Platform gives you to share your supplier information with buyers.",
    )
    staff = forms.IntegerField(label="Paid staff (full-time equivalent)", required=False, min_value=0)
    volunteers = forms.IntegerField(label="Volunteers", required=False, min_value=0)
    sme = forms.ChoiceField(
        label="Is your organisation a small or medium-sized enterprise?",
        choices=_YES_NO,
        required=False,
        widget=forms.RadioSelect,
        help_text="Fewer than 250 staff, and a turnover of £44 million or less (or a balance sheet of £38 million or less).",
    )


class _ItemForm(GovukForm):
    document = forms.FileField(
        label="Upload the document (optional if you give a link)",
        required=False,
        help_text="PDF, Word, OpenDocument, Excel, PNG or JPEG, smaller than 5 MB.",
    )
    link = forms.URLField(label="Or a link to it (optional)", required=False, assume_scheme="https")


class PolicyForm(_ItemForm):
    adopted_on = GovukDateField(label="Date adopted or last reviewed", label_for_errors="the date adopted", required=False)
    review_on = GovukDateField(
        label="Next review date (optional)", label_for_errors="the review date", required=False, help_text="For example, 31 3 2028"
    )


class InsuranceForm(_ItemForm):
    insurer = forms.CharField(label="Insurer", required=False, max_length=200)
    cover = forms.CharField(label="Cover amount, in pounds", required=False, max_length=20, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    expires_on = GovukDateField(label="Date the cover ends", label_for_errors="the date the cover ends", required=False)

    field_order = ["insurer", "cover", "expires_on", "document", "link"]


class AccountsForm(_ItemForm):
    year_end = GovukDateField(label="Financial year end", label_for_errors="the year end", required=False)
    income = forms.CharField(
        label="Income for the year, in pounds", required=False, max_length=20, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    expenditure = forms.CharField(
        label="Expenditure for the year, in pounds", required=False, max_length=20, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    reserves = forms.CharField(
        label="Unrestricted reserves, in pounds (optional)", required=False, max_length=20, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )

    field_order = ["year_end", "income", "expenditure", "reserves", "document", "link"]


ITEM_FORMS = {ItemKind.POLICY: PolicyForm, ItemKind.INSURANCE: InsuranceForm, ItemKind.ACCOUNTS: AccountsForm}


class CheckForm(GovukForm):
    scheme = forms.ChoiceField(label="How are you scoring it?", choices=Check.Scheme.choices, required=False, widget=forms.RadioSelect)
    passed = forms.ChoiceField(
        label="Pass or fail (if scoring pass or fail)", choices=[("yes", "Pass"), ("no", "Fail")], required=False, widget=forms.RadioSelect
    )
    score = forms.TypedChoiceField(
        label="Score (if scoring from 0 to 4)",
        choices=[(str(n), label) for n, label in enumerate(["0: unacceptable", "1: poor", "2: adequate", "3: good", "4: excellent"])],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Reason for the score", required=False, widget=forms.Textarea(attrs={"rows": 4}))
