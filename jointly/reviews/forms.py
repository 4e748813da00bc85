"""The reviews' forms: GOV.UK fields only; the services check everything that matters."""

from django import forms

from jointly.core.forms import GovukDateField, GovukForm, VersionField

from .models import ImprovementAction, Review

DATE_HINT = "For example, 27 3 2027"


def _text(label, rows=4, required=False, hint=""):
    return forms.CharField(label=label, required=required, help_text=hint, widget=forms.Textarea(attrs={"rows": rows}))


class ReviewPlanForm(GovukForm):
    due_on = GovukDateField(label="Review due by", label_for_errors="the date the review is due by", help_text=DATE_HINT)


class ReviewRecordForm(GovukForm):
    version = VersionField()
    outcomes_finding = _text("How the contract did against its outcomes and KPIs", 5)
    need_finding = _text(
        "Whether the need it serves has changed", 4, hint="The priority's indicators, latest values, are shown on the review's page."
    )
    consultation = forms.ModelChoiceField(
        label="Consultation with children and families",
        queryset=None,
        required=False,
        empty_label="None yet",
        help_text="One of the trust's consultations that asked the service's children and families.",
    )
    no_consultation_reason = _text("If they were not consulted, why not", 3)
    families_said = _text("What children and families said", 4)
    finding = _text("Overall finding", 4)
    decision = forms.ChoiceField(label="Decision", choices=[("", "Not decided yet"), *Review.Decision.choices], required=False)
    decision_evidence = _text("The evidence for the decision", 4)

    def __init__(self, *args, consultations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = consultations


class ReasonForm(GovukForm):
    reason = _text("Reason", 3, required=True)


class PlanForm(GovukForm):
    aim = _text("What the plan must achieve", 4, required=True)
    review_by = GovukDateField(label="When the plan is reviewed", label_for_errors="the date the plan is reviewed", help_text=DATE_HINT)


class ActionForm(GovukForm):
    text = _text("What will be done", 3, required=True)
    owner_side = forms.ChoiceField(label="Whose action", choices=ImprovementAction.Side.choices, widget=forms.RadioSelect)
    owner = forms.CharField(label="Who owns it", help_text="A name or a role, for example “Service manager”.", max_length=200)
    due_on = GovukDateField(label="Due by", label_for_errors="the date the action is due by", help_text=DATE_HINT)


class ActionDoneForm(GovukForm):
    note = forms.CharField(label="Note (needed to drop an action)", required=False, max_length=2000)


class CommentForm(GovukForm):
    text = _text("Your comment", 3, required=True)


class PlanCloseForm(GovukForm):
    completed = forms.TypedChoiceField(
        label="How did the plan end?",
        choices=[("yes", "Completed: back on track"), ("no", "Failed: not back on track")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    outcome = _text("How the plan ended", 4, required=True)
