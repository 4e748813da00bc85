"""Forms for evidence, priorities and the needs assessment. Errors are written for people."""

from __future__ import annotations

from django import forms

from jointly.core.forms import GovukDateField, GovukForm
from jointly.needs.selectors import outcome_areas_for
from jointly.needs.vocabulary import Group
from jointly.partnerships.models import Body, Organisation
from jointly.places.models import Area

from .models import EvidenceItem, EvidenceKind, MeasureCategory, TargetDirection


def _choice_errors(what: str) -> dict:
    return {"required": f"Select {what}", "invalid_choice": f"Select {what}", "invalid_pk_value": f"Select {what}"}


class EvidenceForm(GovukForm):
    title = forms.CharField(label="Title", max_length=300, error_messages={"required": "Enter a title for the evidence"})
    summary = forms.CharField(
        label="What does the evidence tell us?",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what the evidence tells us"},
    )
    kind = forms.ChoiceField(
        label="Kind of evidence", choices=EvidenceKind.choices, widget=forms.RadioSelect, error_messages=_choice_errors("the kind of evidence")
    )
    source_organisation = forms.ModelChoiceField(
        label="Organisation it comes from",
        queryset=Organisation.objects.none(),
        error_messages=_choice_errors("the organisation the evidence comes from"),
    )
    outcome_areas = forms.ModelMultipleChoiceField(
        label="Outcome areas",
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    groups = forms.MultipleChoiceField(
        label="Groups of children it is about",
        required=False,
        choices=Group.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choice_errors("groups from the list"),
    )
    places = forms.ModelMultipleChoiceField(
        label="Places it is about",
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty if it is about the whole area.",
    )
    dated = GovukDateField(
        label="When was it gathered or published?", label_for_errors="the date the evidence was gathered", help_text="For example, 27 3 2026"
    )

    def __init__(self, *args, trust, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        # The trust's districts (in a county) or wards (in a unitary authority): one level down is enough to say where.
        self.fields["places"].queryset = Area.objects.filter(parent=trust.area).defer("shape").order_by("name")
        self.fields["source_organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["source_organisation"].initial = organisations.first().pk
        self.fields["outcome_areas"].queryset = outcome_areas_for(trust=trust)


class DecisionForm(GovukForm):
    # Each choice is a move of EvidenceItem.TRANSITIONS.
    decision = forms.ChoiceField(
        label="Use this evidence in the needs assessment?",
        choices=[("accept", "Yes, accept it"), ("decline", "No, do not use it")],
        widget=forms.RadioSelect,
        error_messages=_choice_errors("whether to use this evidence"),
    )
    note = forms.CharField(
        label="Note to the contributor",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed if you do not use it: say why.",
    )

    def __init__(self, *args, offered=None, **kwargs):
        """`offered`: the moves to offer (the item's available moves); None offers both."""
        super().__init__(*args, **kwargs)
        if offered is not None:
            field = self.fields["decision"]
            field.choices = [(name, label) for name, label in field.choices if name in offered]


class PriorityForm(GovukForm):
    title = forms.CharField(label="Priority", max_length=300, error_messages={"required": "Enter the priority"})
    period = forms.CharField(
        label="Plan period",
        max_length=20,
        help_text="For example, 2027–2030",
        error_messages={"required": "Enter the plan period, for example 2027–2030"},
    )
    outcome_area = forms.ModelChoiceField(label="Outcome area", queryset=None, error_messages=_choice_errors("the outcome area"))
    description = forms.CharField(label="Description", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.ModelMultipleChoiceField(
        label="Evidence behind it",
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, trust, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome_area"].queryset = outcome_areas_for(trust=trust)
        self.fields["evidence"].queryset = EvidenceItem.objects.filter(trust=trust, status=EvidenceItem.Status.ACCEPTED).order_by("title")


class ApprovalForm(GovukForm):
    approved_by_body = forms.ModelChoiceField(label="Board", queryset=None, error_messages=_choice_errors("the board that approved it"))
    meeting_date = GovukDateField(
        label="Date of the board meeting", label_for_errors="the date of the board meeting", help_text="For example, 12 3 2027"
    )
    minute_reference = forms.CharField(
        label="Minute reference", max_length=100, error_messages={"required": "Enter the minute reference, for example 2027/14"}
    )

    def __init__(self, *args, trust, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_by_body"].queryset = Body.objects.filter(trust=trust, kind=Body.Kind.BOARD).order_by("name")


class TargetForm(GovukForm):
    indicator = forms.ModelChoiceField(label="Indicator", queryset=None, error_messages=_choice_errors("the indicator"))
    direction = forms.ChoiceField(label="Aim", choices=TargetDirection.choices, widget=forms.RadioSelect, error_messages=_choice_errors("the aim"))
    baseline_value = forms.FloatField(
        label="Baseline value", error_messages={"required": "Enter the baseline value", "invalid": "Baseline value must be a number, like 64.5"}
    )
    baseline_period = forms.CharField(
        label="Baseline period", max_length=40, help_text="For example, 2024/25", error_messages={"required": "Enter the baseline period"}
    )
    target_value = forms.FloatField(
        label="Target value", error_messages={"required": "Enter the target value", "invalid": "Target value must be a number, like 70"}
    )
    target_period = forms.CharField(
        label="Target period", max_length=40, help_text="For example, 2029/30", error_messages={"required": "Enter the target period"}
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators


class NewAssessmentForm(GovukForm):
    period = forms.CharField(
        label="Plan period for a new assessment",
        max_length=20,
        help_text="For example, 2027–2030",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={"required": "Enter the plan period, for example 2027–2030"},
    )


class FindingForm(GovukForm):
    title = forms.CharField(label="Finding", max_length=300, error_messages={"required": "Enter the finding"})
    text = forms.CharField(
        label="What the assessment found", widget=forms.Textarea(attrs={"rows": 5}), error_messages={"required": "Enter what the assessment found"}
    )
    outcome_area = forms.ModelChoiceField(label="Outcome area", required=False, queryset=None)
    evidence = forms.ModelMultipleChoiceField(label="Evidence behind it", required=False, queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome_area"].queryset = outcome_areas_for(trust=assessment.trust)
        self.fields["evidence"].queryset = assessment.evidence.order_by("title")


class ContentsForm(GovukForm):
    """What the assessment draws on: evidence and priorities (indicators come from the area profile)."""

    evidence = forms.ModelMultipleChoiceField(label="Evidence", required=False, queryset=None, widget=forms.CheckboxSelectMultiple)
    priorities = forms.ModelMultipleChoiceField(label="Priorities it sets", required=False, queryset=None, widget=forms.CheckboxSelectMultiple)
    indicators = forms.ModelMultipleChoiceField(label="Indicators", required=False, queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, assessment, indicators, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = EvidenceItem.objects.filter(trust=assessment.trust, status=EvidenceItem.Status.ACCEPTED).order_by("title")
        self.fields["priorities"].queryset = priorities
        self.fields["indicators"].queryset = indicators


class ReportCardForm(GovukForm):
    title = forms.CharField(label="Title", max_length=300, error_messages={"required": "Enter a title for the report card"})
    story_behind_the_curve = forms.CharField(
        label="The story behind the curve",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Why the indicators are moving the way they are.",
    )
    what_works = forms.CharField(
        label="What works",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What partners could do that would make a difference, and the evidence for it.",
    )
    headline_indicators = forms.ModelMultipleChoiceField(
        label="Headline indicators",
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["headline_indicators"].queryset = indicators


class ActionForm(GovukForm):
    action = forms.CharField(label="Action", max_length=500, error_messages={"required": "Enter the action"})
    owner = forms.CharField(
        label="Owner", max_length=200, help_text="The person or team responsible.", error_messages={"required": "Enter who owns the action"}
    )
    owner_organisation = forms.ModelChoiceField(label="Owner's organisation", required=False, queryset=None)
    due_on = GovukDateField(label="Due date", label_for_errors="the due date", help_text="For example, 31 3 2027")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = organisations


class PartnerForm(GovukForm):
    organisation = forms.ModelChoiceField(label="Organisation", queryset=None, error_messages=_choice_errors("the organisation"))
    role = forms.CharField(label="Their role", max_length=300, error_messages={"required": "Enter the partner's role"})

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class MeasureForm(GovukForm):
    category = forms.ChoiceField(
        label="Kind of measure", choices=MeasureCategory.choices, widget=forms.RadioSelect, error_messages=_choice_errors("the kind of measure")
    )
    name = forms.CharField(label="Measure", max_length=300, error_messages={"required": "Enter the measure"})
    value = forms.FloatField(label="Value", error_messages={"required": "Enter the value", "invalid": "Value must be a number, like 86"})
    unit = forms.CharField(label="Unit", max_length=50, required=False, help_text="For example, % or young people")
    period = forms.CharField(label="Period", max_length=40, help_text="For example, 2025/26", error_messages={"required": "Enter the period"})
