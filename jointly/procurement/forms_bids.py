"""The bidder's forms. Every field may be left for later while the bid is a draft: the submit page
lists what is still missing, every problem at once."""

from django import forms

from jointly.core.forms import GovukForm
from jointly.partnerships.models import Organisation
from jointly.plans import fcr

from .services.bids import ALLOWED_NAMES, MAX_ATTACHMENT_BYTES


class StartForm(GovukForm):
    lot = forms.ModelChoiceField(
        label="Which lot are you bidding for?",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the lot you are bidding for"},
    )

    def __init__(self, *args, lots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = lots


def answers_form_class(answers):
    """A text box for each question ({question: answer or None}), named answer_<question id>."""
    attrs = {}
    for number, (question, _answer) in enumerate(answers, start=1):
        hints = [question.guidance] if question.guidance else []
        if question.word_limit:
            hints.append(f"Up to {question.word_limit} words.")
        if not question.required:
            hints.append("Optional.")
        attrs[f"answer_{question.pk}"] = forms.CharField(
            label=f"Question {number}: {question.text}",
            help_text=" ".join(hints),
            required=False,
            widget=forms.Textarea(attrs={"rows": 6}),
        )
    return type("AnswersForm", (GovukForm,), attrs)


class PricingForm(GovukForm):
    price = forms.CharField(
        label="Your price, in pounds, including VAT", help_text="For the whole contract, as the opportunity asks.", required=False, max_length=20
    )
    direct_staff = forms.CharField(
        label="Staff costs, in pounds",
        help_text="Salaries, on-costs and pensions of the staff who deliver the service.",
        required=False,
        max_length=20,
    )
    direct_running = forms.CharField(
        label="Running costs, in pounds", help_text="Travel, materials, activities, sessional workers.", required=False, max_length=20
    )
    direct_non_cash = forms.CharField(
        label="Non-cash costs, in pounds",
        help_text="Volunteers' time and donated premises or goods, valued at what they would cost.",
        required=False,
        max_length=20,
    )
    units = forms.CharField(
        label="How many units the price buys", help_text="For example 50 families, or 1,200 hours.", required=False, max_length=20
    )
    unit_name = forms.CharField(label="What one unit is", help_text="For example: family supported, hour of support.", required=False, max_length=100)


def pricing_form_class():
    """The pricing form with three fields for each overhead pool: its cost, the organisation's whole driver, the service's share."""
    attrs = {}
    for key, (name, driver) in fcr.POOLS.items():
        attrs[f"{key}_cost"] = forms.CharField(
            label=f"{name}: the organisation's whole cost over the same period, in pounds", required=False, max_length=20
        )
        attrs[f"{key}_total"] = forms.CharField(label=f"{name}: the organisation's whole {driver}", required=False, max_length=20)
        attrs[f"{key}_service"] = forms.CharField(label=f"{name}: this service's {driver}", required=False, max_length=20)
    return type("PricingWithPoolsForm", (PricingForm,), attrs)


class AttachmentForm(GovukForm):
    file = forms.FileField(
        label="Upload a file",
        help_text=f"{ALLOWED_NAMES}, smaller than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.",
        error_messages={"required": "Select a file", "empty": "The file is empty"},
    )


class MemberForm(GovukForm):
    form_name = forms.CharField(widget=forms.HiddenInput, initial="member")
    organisation = forms.ModelChoiceField(
        label="Member organisation", queryset=Organisation.objects.order_by("name"), error_messages={"required": "Select the member organisation"}
    )
    role = forms.CharField(
        label="Its role in the consortium", max_length=300, error_messages={"required": "Enter the member's role in the consortium"}
    )
    work_share = forms.CharField(
        label="Its share of the work, as a percentage", max_length=10, error_messages={"required": "Enter the share of the work"}
    )
    money_share = forms.CharField(
        label="Its share of the money, as a percentage", max_length=10, error_messages={"required": "Enter the share of the money"}
    )
    years_experience = forms.CharField(label="Years it has delivered similar services", required=False, max_length=5)


class LeadRoleForm(GovukForm):
    form_name = forms.CharField(widget=forms.HiddenInput, initial="lead")
    lead_role = forms.CharField(label="Your organisation's role as the lead", max_length=300, required=False)


class WithdrawForm(GovukForm):
    reason = forms.CharField(label="Why are you withdrawing? (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
