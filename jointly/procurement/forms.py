"""Forms for opportunities and clarifications; every rule lives in services."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils import timezone

from jointly.core.forms import GovukDateField, GovukForm
from jointly.passport.models import REQUIREMENT_LABELS

from .models import Criterion, RouteKind
from .models.opportunities import default_passport_requirements

PROCUREMENT_ROUTES = [(value, label) for value, label in RouteKind.choices if value not in ("small_grant", "grant_round")]
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class ClosingTimeMixin:
    """A GOV.UK date and a 24-hour time, combined into `closes_at` in the site's time zone."""

    def clean(self):
        data = super().clean()
        day, time_text = data.get("closes_on"), data.get("closes_time") or ""
        if day is None:
            data["closes_at"] = None
            return data
        match = _TIME.match(time_text or "12:00")
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            self.add_error("closes_time", "Enter the closing time as hours and minutes on a 24-hour clock, like 12:00")
            return data
        naive = datetime.datetime.combine(day, datetime.time(int(match[1]), int(match[2])))
        data["closes_at"] = timezone.make_aware(naive)
        return data


def _closing_initial(initial: dict | None) -> dict | None:
    if initial and initial.get("closes_at"):
        local = timezone.localtime(initial["closes_at"])
        initial = {**initial, "closes_on": local.date(), "closes_time": f"{local:%H:%M}"}
    return initial


class OpportunityForm(ClosingTimeMixin, GovukForm):
    title = forms.CharField(label="Title", max_length=300, error_messages={"required": "Enter a title for the opportunity"})
    reference = forms.CharField(label="Reference (optional)", max_length=50, required=False)
    description = forms.CharField(label="Summary (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    specification = forms.CharField(
        label="Specification (optional)",
        required=False,
        help_text="Describe the outcomes to achieve and the context, not the activities. Add each outcome and its measure after saving.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    route = forms.ChoiceField(label="Route", choices=PROCUREMENT_ROUTES, widget=forms.RadioSelect, error_messages={"required": "Select a route"})
    route_justification = forms.CharField(
        label="Why this route (required for a direct award)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    light_touch = forms.BooleanField(label="A light-touch service (social, health, education or children's services)", required=False)
    health_care = forms.BooleanField(label="A health care service (the Provider Selection Regime applies)", required=False)
    pre_qualification = forms.BooleanField(label="Has a pre-qualification (supplier suitability) stage", required=False)
    estimated_value = forms.CharField(
        label="Estimated total value, in pounds, including VAT",
        max_length=20,
        error_messages={"required": "Enter the estimated total value in pounds"},
    )
    budget = forms.CharField(label="Budget, in pounds, including VAT (optional)", max_length=20, required=False)
    budget_published = forms.BooleanField(label="Publish the budget with the opportunity", required=False)
    scale_max = forms.TypedChoiceField(
        label="Top of the scoring scale", coerce=int, choices=[(n, str(n)) for n in (3, 4, 5, 10)], initial=4, widget=forms.RadioSelect
    )
    passport_requirements = forms.MultipleChoiceField(
        label="What bidders' supplier passports must hold",
        required=False,
        choices=list(REQUIREMENT_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="Bidders enter these once in their passport, for every opportunity; the bid asks only what theirs lacks by the closing date.",
    )
    closes_on = GovukDateField(label="Closing date", label_for_errors="the closing date", required=False)
    closes_time = forms.CharField(label="Closing time (24-hour clock)", max_length=5, required=False, initial="12:00", help_text="For example, 12:00")

    def __init__(self, *args, initial=None, **kwargs):
        initial = dict(_closing_initial(initial) or {})
        initial.setdefault("passport_requirements", default_passport_requirements())
        super().__init__(*args, initial=initial, **kwargs)


class CreateForm(OpportunityForm):
    intention = forms.ModelChoiceField(queryset=None, label="Commissioning intention", error_messages={"required": "Select the intention"})
    title = forms.CharField(label="Title (optional: the intention's title if left blank)", max_length=300, required=False)
    estimated_value = forms.CharField(
        label="Estimated total value, in pounds, including VAT (optional: the intention's total if left blank)", max_length=20, required=False
    )

    field_order = ["intention"]

    def __init__(self, *args, intentions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intention"].queryset = intentions


class OutcomeForm(GovukForm):
    text = forms.CharField(
        label="Outcome to achieve", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Enter the outcome to achieve"}
    )
    measure = forms.CharField(
        label="How it will be measured",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter how the outcome will be measured"},
    )


class LotForm(GovukForm):
    title = forms.CharField(label="Title", max_length=300, error_messages={"required": "Enter a title for the lot"})
    description = forms.CharField(label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    value = forms.CharField(label="Estimated value, in pounds, including VAT (optional)", max_length=20, required=False)
    suitable_for_sme = forms.BooleanField(label="Suitable for small and medium-sized enterprises (SMEs)", required=False)
    suitable_for_vcse = forms.BooleanField(label="Suitable for voluntary, community and social enterprise organisations (VCSEs)", required=False)


class CriterionForm(GovukForm):
    title = forms.CharField(label="Criterion", max_length=300, error_messages={"required": "Enter the criterion"})
    kind = forms.ChoiceField(label="Kind", choices=Criterion.Kind.choices, widget=forms.RadioSelect, initial=Criterion.Kind.QUALITY)
    weight = forms.IntegerField(
        label="Weight, per cent of the total score",
        min_value=1,
        max_value=100,
        error_messages={
            "required": "Enter the weight",
            "invalid": "Enter the weight as a whole number",
            "min_value": "Enter a weight between 1 and 100",
            "max_value": "Enter a weight between 1 and 100",
        },
    )
    description = forms.CharField(label="What a good answer shows (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    lot = forms.ModelChoiceField(queryset=None, label="Lot (optional: every lot if none)", required=False)

    def __init__(self, *args, lots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = lots


class QuestionForm(GovukForm):
    text = forms.CharField(label="Question", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Enter the question"})
    guidance = forms.CharField(label="Guidance for bidders (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    criterion = forms.ModelChoiceField(queryset=None, label="Criterion it is scored against (optional)", required=False)
    word_limit = forms.IntegerField(
        label="Word limit (optional)",
        required=False,
        min_value=1,
        max_value=10000,
        error_messages={
            "invalid": "Enter the word limit as a whole number",
            "min_value": "Enter a word limit between 1 and 10,000",
            "max_value": "Enter a word limit between 1 and 10,000",
        },
    )
    required = forms.BooleanField(label="Bidders must answer it", required=False, initial=True)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria


def scale_form(scale_max: int) -> type[GovukForm]:
    """A form with one box per point of the scale, from 0 to the top (made as a class, so GovukForm styles every box)."""
    fields = {
        f"score_{score}": forms.CharField(
            label=f"What a score of {score} means",
            widget=forms.Textarea(attrs={"rows": 2}),
            error_messages={"required": f"Say what a score of {score} means"},
        )
        for score in range(scale_max + 1)
    }
    return type("ScaleForm", (GovukForm,), fields)


class ConflictsForm(GovukForm):
    declarations = forms.CharField(
        label="Who declared what",
        help_text="Everyone involved in the procurement, and any interest they declared. Write 'No one declared a conflict' if none did.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter who declared what (or that no one declared a conflict)"},
    )
    actions = forms.CharField(
        label="What was done about each",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what was done about each declaration"},
    )


class SocialValueForm(GovukForm):
    improvements = forms.CharField(
        label="How could the service improve the area's economic, social and environmental well-being?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter how the service could improve the area's well-being"},
    )
    consulted = forms.BooleanField(label="The trust consulted on this", required=False)
    consultation = forms.CharField(label="Who was consulted, or why not", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class PolicyForm(GovukForm):
    response_days = forms.IntegerField(
        label="Minimum response window for this opportunity, in days",
        min_value=0,
        max_value=365,
        error_messages={
            "required": "Enter the minimum response window in days",
            "invalid": "Enter a whole number of days",
            "min_value": "Enter a number of days between 0 and 365",
            "max_value": "Enter a number of days between 0 and 365",
        },
    )
    social_value_minimum_applies = forms.BooleanField(label="The minimum social value weighting applies", required=False)
    reason = forms.CharField(
        label="Why the local policy does not apply as it stands",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the change log.",
    )


class LocalPolicyForm(GovukForm):
    min_response_days = forms.IntegerField(
        label="Minimum response window, in days",
        help_text="From publication to the closing day. The route's legal minimum applies when it is longer.",
        min_value=0,
        max_value=365,
        error_messages={
            "required": "Enter the minimum response window in days",
            "invalid": "Enter a whole number of days",
            "min_value": "Enter a number of days between 0 and 365",
            "max_value": "Enter a number of days between 0 and 365",
        },
    )
    social_value_minimum = forms.IntegerField(
        label="Minimum social value weighting, per cent",
        min_value=0,
        max_value=100,
        error_messages={
            "required": "Enter the minimum social value weighting",
            "invalid": "Enter a whole number",
            "min_value": "Enter a weighting between 0 and 100",
            "max_value": "Enter a weighting between 0 and 100",
        },
    )
    reason = forms.CharField(
        label="Why the policy is changing",
        help_text="Kept in the change log, with who changed it and when.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the trust's policy is changing"},
    )


class ExtendForm(ClosingTimeMixin, GovukForm):
    closes_on = GovukDateField(label="New closing date", label_for_errors="the new closing date")
    closes_time = forms.CharField(
        label="New closing time (24-hour clock)", max_length=5, required=False, initial="12:00", help_text="For example, 12:00"
    )
    reason = forms.CharField(
        label="Why the deadline is extended",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the deadline is extended"},
    )


class CancelForm(GovukForm):
    reason = forms.CharField(
        label="Why is the opportunity cancelled?",
        help_text="This is published with the opportunity.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the opportunity is cancelled"},
    )


class AskForm(GovukForm):
    question = forms.CharField(
        label="Your question",
        help_text="The answer is published to everyone. Your name and organisation are never shown with it.",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter your question", "max_length": "Your question must be 3,000 characters or fewer"},
    )


class AnswerForm(GovukForm):
    published_question = forms.CharField(
        label="The question as it will be published",
        help_text="Take out anything that names or identifies who asked.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the question as it will be published, without anything that names who asked"},
    )
    answer = forms.CharField(label="Answer", widget=forms.Textarea(attrs={"rows": 5}), error_messages={"required": "Enter the answer"})
