"""Forms for the service map; every rule lives in services."""

from django import forms

from jointly.core.forms import GovukForm
from jointly.needs.vocabulary import Group

from .models import Rating

PRIORITIES_HINT = "Only this trust's current priorities are listed. A service may serve several."


class _PriorityChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.outcome_area.name})"


class _ServiceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        status = "" if obj.status == obj.Status.ACTIVE else f", {obj.get_status_display().lower()}"
        return f"{obj.name} ({obj.organisation.name}{status})"


class MapEntryForm(GovukForm):
    service = _ServiceChoice(
        queryset=None,
        label="Service",
        empty_label="Choose a service",
        help_text="Services of the trust's partners, and services that name a place in its area.",
        error_messages={"required": "Select the service to add to the map"},
    )
    priorities = _PriorityChoice(
        queryset=None,
        label="Priorities it serves",
        help_text=PRIORITIES_HINT,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one priority the service serves"},
    )
    note = forms.CharField(label="Why it is on the map (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, services, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["priorities"].queryset = priorities


class EntryPrioritiesForm(GovukForm):
    priorities = _PriorityChoice(
        queryset=None,
        label="Priorities it serves",
        help_text=PRIORITIES_HINT,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one priority the service serves"},
    )
    note = forms.CharField(label="Why it is on the map (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = priorities


class PriorityGroupsForm(GovukForm):
    groups = forms.MultipleChoiceField(
        choices=Group.choices,
        label="Groups this priority means to reach",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A group that no service mapped to the priority names is shown as a gap. Select none if the priority is for all children.",
    )


class JudgementForm(GovukForm):
    rating = forms.ChoiceField(
        choices=Rating.choices,
        label="How strong is the evidence that the service works?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select how strong the evidence is that the service works"},
    )
    evidence_summary = forms.CharField(
        label="The evidence",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the judgement rests on: evaluations, outcomes data, inspection, what children and families say.",
        error_messages={"required": "Enter the evidence the judgement rests on"},
    )
    evidence = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Evidence from the needs assessment (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, evidence, **kwargs):
        super().__init__(*args, **kwargs)
        if evidence.exists():
            self.fields["evidence"].queryset = evidence
        else:
            del self.fields["evidence"]  # Nothing to choose from: no empty list of boxes.


class RemoveForm(GovukForm):
    reason = forms.CharField(
        label="Why is the service coming off the map?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the service has closed, or it turned out not to serve any of the trust's priorities. This is kept in the record's history.",
        error_messages={"required": "Enter why the service is coming off the map"},
    )
