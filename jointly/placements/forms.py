"""Forms for placements; every rule lives in services."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms

from jointly.core.forms import GovukDateField, GovukForm, VersionField

from .models import BudgetLine, Framework, PlacementRequest

_MONEY_ATTRS = {"inputmode": "decimal", "class": "govuk-input--width-10"}
PERSONAL_DATA_WARNING = (
    "Providers read this. Do not write the child's name, date of birth, school, address or family members' names: use the reference only."
)


class MoneyField(forms.CharField):
    """Pounds as typed ("£1,250.50"), read as a Decimal; the service says what amounts are allowed."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs=_MONEY_ATTRS))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value).replace("£", "").replace(",", "").strip()
        if not value:
            return None
        try:
            return Decimal(value).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise forms.ValidationError(f"Enter {self.label.lower()} as a number of pounds, like 1250.50") from None


class FrameworkForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=Framework.Kind.choices, widget=forms.RadioSelect)
    covers = forms.CharField(label="What it covers (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    starts_on = GovukDateField(label="Start date", label_for_errors="the start date", help_text="For example, 1 4 2027")
    ends_on = GovukDateField(label="End date (optional)", label_for_errors="the end date", required=False)


class FrameworkProviderForm(GovukForm):
    organisation = forms.ModelChoiceField(label="Provider", queryset=None, error_messages={"required": "Select the provider to approve"})
    joined_on = GovukDateField(label="Approved from", label_for_errors="the date it was approved")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class FrameworkTrustForm(GovukForm):
    trust = forms.ModelChoiceField(label="Trust", queryset=None, error_messages={"required": "Select the trust"})

    def __init__(self, *args, trusts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trust"].queryset = trusts


class AssessmentForm(GovukForm):
    lawful_basis = forms.CharField(
        label="Lawful basis",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, UK GDPR article 6(1)(e) public task and article 9(2)(h), under the Children Act 1989 duties.",
    )
    minimisation = forms.CharField(
        label="What is collected, and why no more",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Providers are sent the pseudonymous statement only.",
    )
    retention_months = forms.IntegerField(label="Months to keep personal data after a placement ends", min_value=1, max_value=1200)
    approved_by = forms.CharField(label="Approved by", max_length=200, help_text="Name and role, for example the data protection officer.")
    approved_on = GovukDateField(label="Date approved", label_for_errors="the date it was approved")


class RequestForm(GovukForm):
    framework = forms.ModelChoiceField(label="Framework or dynamic list", queryset=None, error_messages={"required": "Select the framework"})
    buyer = forms.ModelChoiceField(
        label="Contracting partner", queryset=None, error_messages={"required": "Select the partner that will contract for the placement"}
    )
    budget = forms.ModelChoiceField(label="Individual budget (optional)", queryset=None, required=False)
    kind = forms.ChoiceField(label="Type of placement or package", choices=PlacementRequest.Kind.choices, widget=forms.RadioSelect)
    needs = forms.CharField(label="Needs", widget=forms.Textarea(attrs={"rows": 5}), help_text=PERSONAL_DATA_WARNING)
    outcomes = forms.CharField(
        label="Outcomes the placement should achieve", widget=forms.Textarea(attrs={"rows": 4}), help_text=PERSONAL_DATA_WARNING
    )
    starts_on = GovukDateField(label="Wanted from", label_for_errors="the date it is wanted from")
    duration_weeks = forms.IntegerField(
        label="Duration in weeks", min_value=1, max_value=520, widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"})
    )
    weekly_budget = MoneyField(label="Most it can cost a week, in pounds")

    def __init__(self, *args, frameworks, buyers, budgets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks
        self.fields["buyer"].queryset = buyers
        self.fields["budget"].queryset = budgets


class ChildDetailsForm(GovukForm):
    date_of_birth = GovukDateField(label="Date of birth (optional)", label_for_errors="the date of birth", required=False)
    school = forms.CharField(label="School (optional)", max_length=200, required=False)
    family_member = forms.CharField(
        label="A named family member and their relationship (optional)", max_length=200, required=False, help_text="For example, Sam Jones, aunt."
    )


class SendForm(GovukForm):
    organisations = forms.ModelMultipleChoiceField(
        label="Providers to send it to",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="The providers approved on the framework today.",
        error_messages={"required": "Select at least one provider"},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations
        self.initial.setdefault("organisations", list(organisations))


class ChooseForm(GovukForm):
    offer = forms.ModelChoiceField(
        label="Offer chosen", queryset=None, widget=forms.RadioSelect, error_messages={"required": "Select the offer chosen"}
    )
    reasons = forms.CharField(label="Why this offer", widget=forms.Textarea(attrs={"rows": 4}), help_text="Recorded with the choice.")
    others_reason = forms.CharField(
        label="Short reason for the providers not chosen", widget=forms.Textarea(attrs={"rows": 2}), help_text="Emailed to each of them."
    )

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers
        self.fields["offer"].label_from_instance = lambda offer: (
            f"{offer.organisation.name}: £{offer.weekly_price:,.2f} a week from {offer.starts_on:%-d %B %Y}"
        )


class EndForm(GovukForm):
    ended_on = GovukDateField(label="Date the placement ended", label_for_errors="the date the placement ended")


class CancelForm(GovukForm):
    reason = forms.CharField(label="Why it is cancelled", widget=forms.Textarea(attrs={"rows": 3}))


class OfferForm(GovukForm):
    weekly_price = MoneyField(label="Price a week, in pounds")
    starts_on = GovukDateField(label="Can start on", label_for_errors="the date you can start")
    how_outcomes_met = forms.CharField(label="How you will meet the outcomes", widget=forms.Textarea(attrs={"rows": 6}))


class BudgetForm(GovukForm):
    reference = forms.CharField(label="Child's pseudonymous reference", max_length=40, help_text="Letters, numbers and hyphens. Never a name.")
    purpose = forms.CharField(label="What the budget is for", widget=forms.Textarea(attrs={"rows": 3}))
    amount = MoneyField(label="Budget, in pounds")
    starts_on = GovukDateField(label="From", label_for_errors="the start date")
    ends_on = GovukDateField(label="To", label_for_errors="the end date")
    holder = forms.ModelChoiceField(label="Lead professional", queryset=None, error_messages={"required": "Select the lead professional"})

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = people


class BudgetLineForm(GovukForm):
    kind = forms.ChoiceField(
        label="Committed or spent",
        choices=BudgetLine.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the money is committed or spent"},
    )
    commitment = forms.ModelChoiceField(label="Drawn from a commitment (optional)", queryset=None, required=False)
    amount = MoneyField(label="Amount, in pounds")
    description = forms.CharField(label="What it is for", max_length=300)
    on_date = GovukDateField(label="Date", label_for_errors="the date")

    def __init__(self, *args, commitments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = commitments
        self.fields["commitment"].label_from_instance = lambda line: f"{line.description} (£{line.amount:,.2f})"


class BudgetReviseForm(GovukForm):
    amount = MoneyField(label="New budget, in pounds", help_text="The whole amount agreed for the child, not the change.")
    reason = forms.CharField(
        label="Why the budget is changed",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded with the revision, for example the panel's decision.",
    )
    version = VersionField()
