"""Decommissioning's forms, one per step; the services check the gates."""

from django import forms

from jointly.core.forms import GovukDateField, GovukForm, VersionField

from .models import Decommissioning, ExitPlanEntry, SignOff

DATE_HINT = "For example, 27 3 2027"


def _text(label, rows=4, required=False, hint=""):
    return forms.CharField(label=label, required=required, help_text=hint, widget=forms.Textarea(attrs={"rows": rows}))


class StartForm(GovukForm):
    reason = forms.ChoiceField(label="Why is the service ending?", choices=Decommissioning.Reason.choices, widget=forms.RadioSelect)
    rationale = _text("The rationale", 5)
    evidence = _text("The evidence", 5)


class CaseForm(StartForm):
    version = VersionField()
    review = forms.ModelChoiceField(label="The review that decided it (optional)", queryset=None, required=False, empty_label="None")
    improvement_plan = forms.ModelChoiceField(
        label="The improvement plan tried with the provider",
        queryset=None,
        required=False,
        empty_label="None",
        help_text="Decommissioning for poor performance needs a plan completed or failed first.",
    )
    no_improvement_plan_reason = _text(
        "If no improvement plan was tried, why not", 3, hint="For example, a safeguarding concern that could not wait."
    )

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = contract.reviews.filter(status="completed")
        self.fields["improvement_plan"].queryset = contract.improvement_plans.all()


class ImpactForm(GovukForm):
    version = VersionField()
    users_affected = forms.IntegerField(label="Children, young people and families using the service", min_value=0, required=False)
    equality_impact = _text("Equality impact", 5, hint="On people with protected characteristics and on the priority groups of children.")
    risks = _text("Risks of ending the service and how they are managed", 5)
    provider_impact = _text(
        "Impact on the provider", 4, hint="Especially for a small voluntary or community organisation: its staff, its other work, its survival."
    )
    provider_income_share = forms.DecimalField(
        label="The contract's share of the provider's income, % (optional)", required=False, min_value=0, max_value=100, decimal_places=2
    )


class StaffForm(GovukForm):
    version = VersionField()
    tupe_applies = forms.TypedChoiceField(
        label="May staff transfer under TUPE?", choices=[("yes", "Yes"), ("no", "No")], coerce=lambda value: value == "yes", widget=forms.RadioSelect
    )
    tupe_note = _text("Staff-transfer arrangements", 4, hint="Who may transfer, to whom, and when the information is shared.")


class EntryForm(GovukForm):
    reference = forms.CharField(
        label="Pseudonymous reference", max_length=40, help_text="The provider's case reference, for example YC-0147. Never a name."
    )
    destination = forms.CharField(label="Where they will be supported", max_length=300, required=False)
    destination_service = forms.ModelChoiceField(label="Or a service in the directory", queryset=None, required=False, empty_label="None chosen")
    move_by = GovukDateField(label="Moved by", label_for_errors="the date they move by", help_text=DATE_HINT)

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination_service"].queryset = services


class EntryStatusForm(GovukForm):
    status = forms.ChoiceField(label="Status", choices=ExitPlanEntry.Status.choices)
    note = forms.CharField(label="Note", max_length=2000, required=False)


class SignOffForm(GovukForm):
    kind = forms.ChoiceField(label="Which sign-off is this?", choices=SignOff.Kind.choices, widget=forms.RadioSelect)
    note = _text("Note (optional)", 3)


class NoticeForm(GovukForm):
    notice_given_on = GovukDateField(label="Date notice is given", label_for_errors="the date notice is given", help_text=DATE_HINT)
    ends_on = GovukDateField(
        label="Last day of the service (optional)",
        label_for_errors="the last day of the service",
        required=False,
        help_text="Leave it empty to end when the contract's notice period has run.",
    )


class CompleteForm(GovukForm):
    note = _text("What happened at the end", 5, required=True, hint="How service users moved on, staff transfer, and what was learned.")


class ReasonForm(GovukForm):
    reason = _text("Reason", 3, required=True)
