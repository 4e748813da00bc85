"""Forms for grants; every rule lives in services."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from jointly.core.forms import GovukDateField, GovukForm
from jointly.plans.models import CommissioningIntention, Route

_MONEY_ATTRS = {"inputmode": "decimal", "class": "govuk-input--width-10"}


def _end_of_day(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


class ProgrammeForm(GovukForm):
    intention = forms.ModelChoiceField(
        label="Commissioning intention",
        queryset=CommissioningIntention.objects.none(),
        help_text="The published intention, with a grant route, that this programme carries out.",
        error_messages={"required": "Select the commissioning intention this programme comes from"},
    )
    title = forms.CharField(label="Name of the programme", max_length=300)
    description = forms.CharField(label="What the programme funds", widget=forms.Textarea(attrs={"rows": 4}))
    eligibility = forms.CharField(label="Who can apply", widget=forms.Textarea(attrs={"rows": 3}))
    fund_size = forms.CharField(
        label="Total fund, in pounds", widget=forms.TextInput(attrs=_MONEY_ATTRS), error_messages={"required": "Enter the total fund"}
    )
    max_award = forms.CharField(
        label="Largest award, in pounds",
        help_text="Small grants are up to £35,000.",
        widget=forms.TextInput(attrs=_MONEY_ATTRS),
        error_messages={"required": "Enter the largest award"},
    )
    opens = GovukDateField(label="Opens", label_for_errors="the date the programme opens", help_text="It opens at 9am. For example, 1 3 2027")
    closes = GovukDateField(
        label="Closes",
        label_for_errors="the date the programme closes",
        help_text="It closes at noon, so nobody is working late. For example, 12 4 2027",
    )
    conditions = forms.CharField(
        label="Conditions of grant",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="In plain English: what the money may be spent on, reporting, and returning unspent money. Written into every grant agreement.",
    )
    funder_name = forms.CharField(label="Funder's name", max_length=300)
    funder_org_id = forms.CharField(
        label="Funder's organisation identifier", max_length=60, help_text="From org-id.guide, for the 360Giving data. For example, GB-LAE-PLY"
    )

    def __init__(self, *args, trust, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intention"].queryset = CommissioningIntention.objects.filter(
            trust=trust, route=Route.GRANT, status=CommissioningIntention.Status.PUBLISHED
        ).order_by("title")

    def programme_data(self) -> dict:
        data = dict(self.cleaned_data)
        opens, closes = data.pop("opens"), data.pop("closes")
        data["opens_at"] = _end_of_day(opens, datetime.time(9, 0))
        data["closes_at"] = _end_of_day(closes, datetime.time(12, 0))
        return data


class CriterionForm(GovukForm):
    title = forms.CharField(label="What applications are judged on", max_length=200, help_text="For example, 'Young people shaped the idea'")
    description = forms.CharField(label="What a strong application shows (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class QuestionForm(GovukForm):
    text = forms.CharField(label="Question", max_length=500)
    guidance = forms.CharField(label="Help for applicants (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    word_limit = forms.IntegerField(
        label="Word limit",
        initial=250,
        min_value=25,
        max_value=500,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={"invalid": "Enter the word limit as a whole number, like 250"},
    )


class ApplicationForm(GovukForm):
    """The short application: a name, what the money is for, how much, and the programme's few questions."""

    project_title = forms.CharField(label="Name of your project", max_length=200)
    summary = forms.CharField(label="What the money is for", required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="Up to 150 words.")
    amount_requested = forms.CharField(
        label="How much you are asking for, in pounds",
        required=False,
        help_text="Up to the largest award.",
        widget=forms.TextInput(attrs=_MONEY_ATTRS),
    )

    def __init__(self, *args, programme, **kwargs):
        # The programme's questions join the fields before the GOV.UK set-up styles them all.
        extra = {}
        for question in programme.questions.all():
            hint = f"{question.guidance} " if question.guidance else ""
            extra[f"answer_{question.pk}"] = forms.CharField(
                label=question.text, required=False, widget=forms.Textarea(attrs={"rows": 5}), help_text=f"{hint}Up to {question.word_limit} words."
            )
        self.base_fields = {**type(self).base_fields, **extra}
        super().__init__(*args, **kwargs)
        self.fields["amount_requested"].help_text = f"Up to £{programme.max_award:,.0f}."


class DeclarationForm(GovukForm):
    """For each applicant: a conflict of interest or not, and what it is."""

    def __init__(self, *args, applications, **kwargs):
        extra = {}
        for application in applications:
            name = application.organisation.name
            extra[f"conflict_{application.pk}"] = forms.ChoiceField(
                label=f"Do you have a conflict of interest with {name}?",
                choices=[("no", "No"), ("yes", "Yes")],
                widget=forms.RadioSelect,
                help_text="For example, you work or volunteer there, or a relative or close friend does.",
                error_messages={"required": f"Say whether you have a conflict of interest with {name}"},
            )
            extra[f"note_{application.pk}"] = forms.CharField(label=f"If yes, what is your conflict with {name}?", required=False, max_length=1000)
        self.base_fields = {**type(self).base_fields, **extra}
        super().__init__(*args, **kwargs)

    def answers(self, applications) -> dict:
        data = self.cleaned_data
        return {app.pk: (data.get(f"conflict_{app.pk}") == "yes", data.get(f"note_{app.pk}", "")) for app in applications}


class ScoreForm(GovukForm):
    score = forms.ChoiceField(label="Your score", widget=forms.RadioSelect, error_messages={"required": "Choose a score"})
    reason = forms.CharField(
        label="Why you gave this score",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The applicant's feedback is built from the panel's reasons.",
        error_messages={"required": "Give the reason for your score: the applicant's feedback is built from it"},
    )

    def __init__(self, *args, scale_max: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].choices = [(str(n), str(n)) for n in range(scale_max + 1)]


class DecisionForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=[("award", "Award a grant"), ("decline", "Do not fund")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to award a grant"},
    )
    amount = forms.CharField(label="Amount awarded, in pounds (if awarding)", required=False, widget=forms.TextInput(attrs=_MONEY_ATTRS))
    feedback = forms.CharField(
        label="Feedback for the applicant",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Every applicant gets written feedback, funded or not: what was strong, and what would have made it stronger.",
        error_messages={"required": "Write the feedback the applicant will get: every applicant gets feedback, funded or not"},
    )


class PanelMemberForm(GovukForm):
    person = forms.ModelChoiceField(label="Person", queryset=None, error_messages={"required": "Select the person to add to the panel"})

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda user: f"{user.full_name} ({user.get_role_display()})"
