"""Forms for contracts' pages; every rule lives in services."""

from __future__ import annotations

from django import forms

from jointly.core.forms import GovukDateField, GovukForm, VersionField

from .models import Contract, ContractInsurance, ContractMeasure, ContractRisk, PaymentBasis

_MONEY = {"inputmode": "decimal", "class": "govuk-input--width-10"}
_DAYS = {"inputmode": "numeric", "class": "govuk-input--width-4"}


def _organisations(queryset):
    return queryset.order_by("name")


class _TermFields(GovukForm):
    starts_on = GovukDateField(label="Start date", label_for_errors="the start date", help_text="For example, 1 4 2027")
    ends_on = GovukDateField(label="End date of the term", label_for_errors="the end date", help_text="Before any extension. For example, 31 3 2030")
    extension_months = forms.CharField(
        label="Extension options, in months (optional)", required=False, help_text="Three years plus two is '24', or '12, 12' for two single years"
    )
    form = forms.ChoiceField(label="Form of contract", choices=Contract.Form.choices, widget=forms.RadioSelect, initial=Contract.Form.STANDARD)
    payment_basis = forms.ChoiceField(label="Payment basis", choices=PaymentBasis.choices, initial=PaymentBasis.BLOCK)
    short_term_reason = forms.CharField(
        label="Why the term is shorter than three years (if it is, with a voluntary or community organisation)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DirectAwardForm(_TermFields):
    title = forms.CharField(label="Title", max_length=300)
    buyer = forms.ModelChoiceField(label="Contracting partner", queryset=None, help_text="The partner that signs and pays")
    supplier = forms.ModelChoiceField(label="Provider", queryset=None)
    value = forms.DecimalField(
        label="Total value over the term, in pounds, including VAT", min_value=0, decimal_places=2, widget=forms.TextInput(attrs=_MONEY)
    )
    justification = forms.CharField(label="Why the contract is awarded directly", widget=forms.Textarea(attrs={"rows": 4}))
    field_order = ["title", "buyer", "supplier", "value", "justification"]

    def __init__(self, *args, buyers, suppliers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = _organisations(buyers)
        self.fields["supplier"].queryset = _organisations(suppliers)


class FromAwardForm(_TermFields):
    title = forms.CharField(label="Title (optional)", max_length=300, required=False, help_text="Leave empty to use the opportunity's title")
    buyer = forms.ModelChoiceField(label="Contracting partner", queryset=None, help_text="The partner that signs and pays")
    field_order = ["title", "buyer"]

    def __init__(self, *args, buyers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = _organisations(buyers)


class TermsForm(GovukForm):
    version = VersionField()
    title = forms.CharField(label="Title", max_length=300)
    description = forms.CharField(label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    starts_on = GovukDateField(label="Start date", label_for_errors="the start date")
    ends_on = GovukDateField(label="End date of the term", label_for_errors="the end date")
    value = forms.CharField(label="Total value over the term, in pounds, including VAT", widget=forms.TextInput(attrs=_MONEY))
    extension_months = forms.CharField(label="Extension options, in months (optional)", required=False, help_text="For example, 24, or 12, 12")
    form = forms.ChoiceField(label="Form of contract", choices=Contract.Form.choices, widget=forms.RadioSelect)
    payment_basis = forms.ChoiceField(label="Payment basis", choices=PaymentBasis.choices)
    payment_terms_days = forms.IntegerField(label="Days to pay an undisputed invoice", min_value=1, widget=forms.TextInput(attrs=_DAYS))
    notice_period_days = forms.IntegerField(label="Notice period to end it early, in days", min_value=1, widget=forms.TextInput(attrs=_DAYS))
    pooled_fund = forms.ModelChoiceField(label="Pooled or aligned fund (optional)", queryset=None, required=False)
    funding_note = forms.CharField(label="Funding source (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    clawback_terms = forms.CharField(label="Clawback (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    short_term_reason = forms.CharField(
        label="Why the term is shorter than three years (if it is)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, funds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pooled_fund"].queryset = funds


class PartiesForm(GovukForm):
    """Up to three consortium members; the lead keeps what is left of 100%."""

    ROWS = 3

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(self.ROWS):
            self.fields[f"organisation_{index}"] = forms.ModelChoiceField(
                label=f"Member {index + 1}", queryset=_organisations(organisations), required=False
            )
            self.fields[f"role_{index}"] = forms.CharField(label=f"Member {index + 1}'s role", required=False, max_length=300)
            self.fields[f"work_{index}"] = forms.DecimalField(
                label=f"Member {index + 1}'s share of the work (%)", required=False, widget=forms.TextInput(attrs=_DAYS)
            )
            self.fields[f"money_{index}"] = forms.DecimalField(
                label=f"Member {index + 1}'s share of the money (%)", required=False, widget=forms.TextInput(attrs=_DAYS)
            )
        self._bound_fields_cache.clear()

    def clean(self):
        data = super().clean()
        for index in range(self.ROWS):
            if data.get(f"organisation_{index}") and (data.get(f"work_{index}") is None or data.get(f"money_{index}") is None):
                self.add_error(f"work_{index}", f"Enter member {index + 1}'s shares of the work and the money")
        return data

    def members(self):
        data = self.cleaned_data
        return [
            (data[f"organisation_{index}"], data[f"role_{index}"], data[f"work_{index}"], data[f"money_{index}"])
            for index in range(self.ROWS)
            if data.get(f"organisation_{index}")
        ]


class MeasureForm(GovukForm):
    kind = forms.ChoiceField(label="Kind of measure", choices=ContractMeasure.Kind.choices, widget=forms.RadioSelect)
    question = forms.ChoiceField(label="Which question it answers", choices=ContractMeasure.Question.choices, widget=forms.RadioSelect)
    text = forms.CharField(label="What is measured", widget=forms.Textarea(attrs={"rows": 2}))
    how_measured = forms.CharField(label="How it is measured (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    value_type = forms.ChoiceField(label="Reported as", choices=ContractMeasure.ValueType.choices)
    target = forms.CharField(label="Target (optional)", required=False, widget=forms.TextInput(attrs=_MONEY))
    unit = forms.CharField(label="Unit (optional)", required=False, max_length=60, help_text="For example, families")
    required = forms.BooleanField(label="Every return must report it", required=False, initial=True)
    priority = forms.ModelChoiceField(label="The priority it serves (optional)", queryset=None, required=False)
    indicator = forms.ModelChoiceField(label="The population indicator it serves (optional)", queryset=None, required=False)

    def __init__(self, *args, priorities, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities
        self.fields["indicator"].queryset = indicators


class RiskForm(GovukForm):
    risk = forms.CharField(label="Risk", max_length=300)
    bearer = forms.ChoiceField(label="Who bears it", choices=ContractRisk.Bearer.choices, widget=forms.RadioSelect)
    provider_share = forms.CharField(label="The provider's share, for a shared risk (%)", required=False, widget=forms.TextInput(attrs=_DAYS))
    mitigation = forms.CharField(label="How it is managed (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    clawback = forms.CharField(label="Clawback, if the risk happens (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class InsuranceForm(GovukForm):
    kind = forms.ChoiceField(label="Kind of cover", choices=ContractInsurance.Kind.choices)
    cover = forms.CharField(label="Cover for each claim, in pounds", widget=forms.TextInput(attrs=_MONEY))
    note = forms.CharField(label="Note (optional)", required=False, max_length=300)


class FundingShareForm(GovukForm):
    organisation = forms.ModelChoiceField(label="Partner", queryset=None)
    budget = forms.CharField(label="The partner's budget (optional)", required=False, max_length=200)
    share = forms.CharField(label="Share of the cost (%)", widget=forms.TextInput(attrs=_DAYS))

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations(partners)


class ReasonForm(GovukForm):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))


class VariationForm(GovukForm):
    reason = forms.CharField(label="Reason for the variation", widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(label="What changes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    value_change = forms.CharField(
        label="Change in value, in pounds, including VAT",
        required=False,
        help_text="Negative to reduce it, 0 for none",
        widget=forms.TextInput(attrs=_MONEY),
    )
    new_ends_on = GovukDateField(label="New end date (optional)", label_for_errors="the new end date", required=False)
    applies_from = GovukDateField(label="The change applies from", label_for_errors="the date the change applies from")
    changes_nature = forms.BooleanField(label="The change alters what is delivered or for whom (its overall nature)", required=False)


class DecisionForm(GovukForm):
    outcome = forms.ChoiceField(label="Decision", choices=[("approve", "Approve"), ("refuse", "Refuse")], widget=forms.RadioSelect)
    note = forms.CharField(label="Note (a reason is needed to refuse)", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionForm(GovukForm):
    value = forms.CharField(label="Value of the extension, in pounds, including VAT", widget=forms.TextInput(attrs=_MONEY))
    evidence = forms.CharField(
        label="Evidence for extending", widget=forms.Textarea(attrs={"rows": 5}), help_text="Returns, reviews, and the need now"
    )


class FilterForm(GovukForm):
    status = forms.ChoiceField(label="State", choices=[("", "Any")] + list(Contract.Status.choices), required=False)
