"""Forms for recording budgets and spend; every rule lives in services."""

from django import forms

from jointly.core.forms import GovukDateField, GovukForm
from jointly.partnerships.models import Organisation

from .models import PooledFund, Purpose, SpendKind, Tier


class BudgetForm(GovukForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="Partner", error_messages={"required": "Select the partner whose budget this is"}
    )
    year = forms.CharField(
        label="Financial year", help_text="For example, 2026-27", max_length=7, error_messages={"required": "Enter the financial year, like 2026-27"}
    )
    amount = forms.CharField(label="Amount, in pounds", max_length=20, error_messages={"required": "Enter the budget in pounds"})
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partners


class SpendForm(GovukForm):
    year = forms.CharField(
        label="Financial year", help_text="For example, 2026-27", max_length=7, error_messages={"required": "Enter the financial year, like 2026-27"}
    )
    partner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="Partner that pays", error_messages={"required": "Select the partner that pays"}
    )
    provider = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        label="Organisation that provides the service",
        help_text="The partner itself for an in-house service",
        error_messages={"required": "Select the organisation that provides the service"},
    )
    kind = forms.ChoiceField(
        label="Kind of spend",
        choices=SpendKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select commissioned service, in-house service or grant"},
    )
    service_name = forms.CharField(
        label="Service", help_text="As your accounts name it", max_length=300, error_messages={"required": "Enter the name of the service"}
    )
    service = forms.ChoiceField(
        label="The service in the directory (optional)",
        required=False,
        help_text="Choose from the services of the organisation that provides it. Leave this empty if the service is not in the directory.",
        error_messages={"invalid_choice": "Select one of the services listed, or leave the directory service empty"},
    )
    outcome_area = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Outcome area (optional)", required=False)
    priority = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Priority (optional)", required=False)
    tier = forms.ChoiceField(
        label="Tier", choices=Tier.choices, widget=forms.RadioSelect, error_messages={"required": "Select universal, targeted or specialist"}
    )
    purpose = forms.ChoiceField(
        label="Prevention or intervention",
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select prevention or intervention"},
    )
    amount = forms.CharField(label="Amount spent, in pounds", max_length=20, error_messages={"required": "Enter the amount spent in pounds"})

    def __init__(self, *args, partners, outcomes, priorities, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities
        self.fields["partner"].queryset = partners
        self.fields["outcome_area"].queryset = outcomes
        # Grouped by organisation, so the provider's services can be found without JavaScript;
        # that the service is the chosen provider's is checked when the form is sent.
        self._services = {str(service.uuid): service for service in services}
        groups: dict[str, list[tuple[str, str]]] = {}
        for uuid, service in self._services.items():
            groups.setdefault(service.organisation.name, []).append((uuid, service.name))
        self.fields["service"].choices = [("", "Not in the directory")] + list(groups.items())

    def clean_service(self):
        value = self.cleaned_data.get("service")
        return self._services.get(value) if value else None


class SpendUploadForm(GovukForm):
    file = forms.FileField(label="Spend file (CSV)", error_messages={"required": "Select a CSV file of spend"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError("The file must be smaller than 10MB")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file must be a CSV saved as UTF-8") from None


class FundingStreamForm(GovukForm):
    name = forms.CharField(label="Name of the funding stream", max_length=300, error_messages={"required": "Enter the name of the funding stream"})
    funder = forms.ModelChoiceField(queryset=Organisation.objects.all(), label="Funder", error_messages={"required": "Select the funder"})
    amount = forms.CharField(label="Amount, in pounds", max_length=20, error_messages={"required": "Enter the amount in pounds"})
    starts_on = GovukDateField(label="Start date", label_for_errors="the start date")
    ends_on = GovukDateField(label="End date", label_for_errors="the end date")
    ring_fenced = forms.BooleanField(label="Ring-fenced: it can be spent only on what the funder set", required=False)
    conditions = forms.CharField(label="Conditions (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PooledFundForm(GovukForm):
    name = forms.CharField(label="Name of the fund", max_length=300, error_messages={"required": "Enter the name of the fund"})
    kind = forms.ChoiceField(
        label="Kind of fund",
        choices=PooledFund.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether this is a pooled fund or an aligned budget"},
    )
    legal_basis = forms.ChoiceField(
        label="Legal basis",
        required=False,
        widget=forms.RadioSelect,
        help_text="Needed for a pooled fund; an aligned budget needs none",
        choices=[choice for choice in PooledFund.LegalBasis.choices if choice[0]],
    )
    host = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="Host partner", error_messages={"required": "Select the partner that hosts the fund"}
    )
    year = forms.CharField(
        label="Financial year", help_text="For example, 2026-27", max_length=7, error_messages={"required": "Enter the financial year, like 2026-27"}
    )
    governance_agreement = forms.CharField(label="Governance agreement (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    agreement_signed_on = GovukDateField(
        label="Date the agreement was signed (optional)", label_for_errors="the date the agreement was signed", required=False
    )
    risk_share = forms.CharField(label="How risk is shared (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = partners


class ContributionForm(GovukForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label="Partner", error_messages={"required": "Select the partner that contributes"}
    )
    amount = forms.CharField(label="Contribution, in pounds", max_length=20, error_messages={"required": "Enter the contribution in pounds"})
    in_kind = forms.BooleanField(label="In kind: staff, premises or services rather than money", required=False)

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partners
