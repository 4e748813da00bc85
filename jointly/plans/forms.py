"""Forms for the forward plan and make-or-buy; every rule lives in services."""

from django import forms

from jointly.core.forms import GovukDateField, GovukForm

from . import fcr
from .models import CostOption, IntentionKind, MakeOrBuyAppraisal, Route


class IntentionForm(GovukForm):
    title = forms.CharField(label="Title", max_length=300, error_messages={"required": "Enter a title for the intention"})
    description = forms.CharField(label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    kind = forms.ChoiceField(
        label="What the trust intends",
        choices=IntentionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select commission, re-commission, decommission or commission differently"},
    )
    route = forms.ChoiceField(
        label="Likely route", choices=Route.choices, widget=forms.RadioSelect, error_messages={"required": "Select the likely route"}
    )
    priorities = forms.ModelMultipleChoiceField(
        queryset=None, label="Priorities it serves (optional)", required=False, widget=forms.CheckboxSelectMultiple
    )
    outcome_area = forms.ModelChoiceField(queryset=None, label="Outcome area (optional)", required=False)
    estimated_annual_value = forms.CharField(
        label="Estimated annual value, in pounds, including VAT",
        max_length=20,
        error_messages={"required": "Enter the estimated annual value in pounds"},
    )
    total_value = forms.CharField(
        label="Estimated total value over the whole term, in pounds, including VAT",
        max_length=20,
        help_text="The value band is worked out from this and the thresholds in force when the procurement starts.",
        error_messages={"required": "Enter the estimated total value in pounds"},
    )
    light_touch = forms.BooleanField(label="A light-touch service (social, health, education or children's services)", required=False, initial=True)
    engagement_starts_on = GovukDateField(label="Engagement starts (optional)", label_for_errors="the date engagement starts", required=False)
    tender_opens_on = GovukDateField(label="Tender opens (optional)", label_for_errors="the date the tender opens", required=False)
    award_on = GovukDateField(label="Contract award (optional)", label_for_errors="the award date", required=False)
    service_starts_on = GovukDateField(label="Service starts (optional)", label_for_errors="the date the service starts", required=False)
    current_contract_ends_on = GovukDateField(
        label="Current contract ends (optional)", label_for_errors="the date the current contract ends", required=False
    )

    def __init__(self, *args, priorities, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = priorities
        self.fields["outcome_area"].queryset = outcomes


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label="Why is the intention withdrawn?",
        help_text="This is published with the forward plan.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the intention is withdrawn"},
    )


class SubscribeForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        help_text="We keep only this address, and delete it when you unsubscribe.",
        error_messages={"required": "Enter your email address", "invalid": "Enter an email address in the correct format, like name@example.com"},
    )


class AppraisalForm(GovukForm):
    service_name = forms.CharField(label="Service", max_length=300, error_messages={"required": "Enter the name of the service"})
    unit_name = forms.CharField(
        label="Unit of service",
        max_length=100,
        help_text="For example, family supported for a year",
        error_messages={"required": "Enter what one unit of service is"},
    )
    intention = forms.ModelChoiceField(queryset=None, label="Commissioning intention (optional)", required=False)

    def __init__(self, *args, intentions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intention"].queryset = intentions


class OptionForm(GovukForm):
    name = forms.CharField(label="Option", max_length=300, error_messages={"required": "Enter a name for the option"})
    kind = forms.ChoiceField(
        label="In-house or external",
        choices=CostOption.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select in-house or external"},
    )
    provider = forms.ModelChoiceField(queryset=None, label="Provider (optional)", required=False)
    units_per_year = forms.CharField(label="Units of service a year", max_length=20, error_messages={"required": "Enter the number of units a year"})
    direct_costs = forms.CharField(
        label="Direct costs a year, in pounds, including non-cash costs",
        required=False,
        max_length=20,
        help_text="Staff, materials and volunteers' time valued at what it would cost to buy.",
    )
    quoted_full_cost = forms.CharField(
        label="Or, for an external bid already priced with full cost recovery: its full cost a year, in pounds", required=False, max_length=20
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers


def option_form_class():
    """The option form with three fields for each overhead pool (its cost, the organisation's driver, the service's)."""
    attrs = {}
    for key, (name, driver) in fcr.POOLS.items():
        attrs[f"{key}_cost"] = forms.CharField(
            label=f"{name}: the organisation's whole cost a year, in pounds (optional)", required=False, max_length=20
        )
        attrs[f"{key}_total"] = forms.CharField(label=f"{name}: the organisation's whole {driver} (optional)", required=False, max_length=20)
        attrs[f"{key}_service"] = forms.CharField(label=f"{name}: the service's {driver} (optional)", required=False, max_length=20)
    return type("OptionWithPoolsForm", (OptionForm,), attrs)


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=MakeOrBuyAppraisal.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select in-house, external or mixed"},
    )
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Cost is one reason; say what else weighed (quality, continuity, the market, social value).",
        error_messages={"required": "Enter the reasons for the decision"},
    )
