"""Forms for consultations: the public response form, and the staff forms.

The response form asks only what is needed: who the person is answering as
(when the consultation has more than one audience), an age band, the answers,
and their agreement to share them. Every answer is checked by
`services.answer_error`, so the public form, the offline entry page and the
service say the same thing in the same words.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Q

from jointly.core.forms import GovukDateField, GovukForm
from jointly.needs.models import OutcomeArea

from . import services
from .models import AUDIENCE_PLAIN, AgeBand, Audience, Channel, Consultation, Question
from .services.responses import field_name, max_answer_chars

# --- Answering ----------------------------------------------------------------


class ResponseForm(GovukForm):
    """One short page: about you, the questions, and agreeing to share."""

    def __init__(self, *args, consultation: Consultation, questions: list[Question], offline: bool = False, **kwargs):
        self.consultation, self.questions, self.offline = consultation, questions, offline
        self.fixed_audience = consultation.audiences[0] if len(consultation.audiences) == 1 else None
        fields: dict[str, forms.Field] = {}
        if offline:
            fields["channel"] = forms.ChoiceField(
                label="How was this response given?",
                choices=[(c.value, c.label) for c in (Channel.WORKSHOP, Channel.PAPER)],
                widget=forms.RadioSelect,
                error_messages={"required": "Choose how this response was given", "invalid_choice": "Choose how this response was given"},
            )
        if self.fixed_audience is None:
            fields["audience"] = forms.ChoiceField(
                label="Who are you answering as?",
                choices=[(value, AUDIENCE_PLAIN[Audience(value)]) for value in consultation.audiences],
                widget=forms.RadioSelect,
                error_messages={"required": "Choose who you are answering as", "invalid_choice": "Choose who you are answering as"},
            )
        fields["age_band"] = forms.ChoiceField(
            label="How old are you?",
            help_text="We ask for an age group, not your date of birth.",
            choices=AgeBand.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose how old you are", "invalid_choice": "Choose how old you are"},
        )
        for question in questions:
            fields[field_name(question)] = _question_field(question)
        fields["consent"] = forms.BooleanField(
            label=(
                "They agreed to share their answers (for example, they ticked the box on the paper form)"
                if offline
                else "I am happy to share my answers"
            ),
            error_messages={
                "required": "Tick the box to say they agreed to share their answers"
                if offline
                else "Tick the box if you are happy to share your answers"
            },
        )
        # This form's fields depend on the consultation; the base form then dresses them in GOV.UK classes.
        self.base_fields = fields
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            name = field_name(question)
            if name in self.errors:
                continue
            error = services.answer_error(question, cleaned.get(name))
            if error:
                self.add_error(name, error)
        return cleaned

    def question_fields(self):
        return [(question, self[field_name(question)]) for question in self.questions]

    def answers(self) -> dict[int, object]:
        return {question.pk: self.cleaned_data.get(field_name(question)) for question in self.questions}

    def audience(self) -> str:
        return self.fixed_audience or self.cleaned_data["audience"]


def _question_field(question: Question) -> forms.Field:
    # Required-ness is checked by services.answer_error, so every message comes from one place.
    common = {"label": question.text, "help_text": question.hint, "required": False}
    if question.kind == Question.Kind.SINGLE:
        return forms.ChoiceField(
            choices=[(choice, choice) for choice in question.choices],
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": "Choose one of the answers in the list"},
            **common,
        )
    if question.kind == Question.Kind.MULTIPLE:
        if not question.hint:
            common["help_text"] = "Choose all that apply."
        return forms.MultipleChoiceField(
            choices=[(choice, choice) for choice in question.choices],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": "Choose from the answers in the list", "invalid_list": "Choose from the answers in the list"},
            **common,
        )
    if question.kind == Question.Kind.SCALE:
        return forms.TypedChoiceField(
            choices=[(str(point), label) for point, label in question.scale_labels()],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": "Choose a number from 1 to 5"},
            **common,
        )
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), strip=False, **common)


# --- Staff ----------------------------------------------------------------------


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class _OutcomeAreaChoice(forms.ModelMultipleChoiceField):
    show_trust = False

    def label_from_instance(self, obj):
        # With more than one trust to choose from, say whose own outcome area each one is.
        return f"{obj.name} ({obj.trust.name})" if self.show_trust and obj.trust_id else obj.name


class ConsultationForm(GovukForm):
    trust = forms.ModelChoiceField(label="Trust", queryset=None, empty_label=None)
    title = forms.CharField(label="Title", max_length=200, help_text="Say what it is about, for example 'Youth clubs in your area'.")
    purpose = forms.CharField(
        label="Why you are asking",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Use short sentences and everyday words that a 9-year-old could read.",
    )
    audiences = forms.MultipleChoiceField(
        label="Who is it for?",
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select who the consultation is for"},
    )
    opens_on = GovukDateField(label="Opening date", label_for_errors="the opening date")
    closes_on = GovukDateField(label="Closing date", label_for_errors="the closing date")
    report_due_on = GovukDateField(label="When you will publish 'you said, we did'", label_for_errors="the date for 'you said, we did'")
    retention_until = GovukDateField(
        label="Delete responses after",
        label_for_errors="the date to delete responses",
        help_text="Keep answers no longer than you need them. For example, 27 3 2027",
    )
    safeguarding_contact = forms.CharField(
        label="Local safeguarding help (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown under the Childline number, for example your local youth service's details.",
    )
    outcome_areas = _OutcomeAreaChoice(
        label="Outcome areas it is about (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select outcome areas from the list", "invalid_pk_value": "Select outcome areas from the list"},
    )
    other_themes = forms.CharField(
        label="Other themes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Anything else it is about that is not an outcome area, for example 'transport, parks'.",
    )

    def __init__(self, *args, trusts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trust"].queryset = trusts
        # The shared outcome areas, and the trusts' own (each consultation may use only its own trust's).
        self.fields["outcome_areas"].queryset = (
            OutcomeArea.objects.filter(Q(trust__isnull=True) | Q(trust__in=trusts))
            .select_related("trust")
            .order_by(F("trust_id").asc(nulls_first=True), "order", "name")
        )
        self.fields["outcome_areas"].show_trust = len(trusts) > 1
        self.fields["trust"].error_messages["required"] = "Select the trust"
        self.fields["trust"].error_messages["invalid_choice"] = "Select one of your trusts"
        if len(trusts) == 1:
            self.fields["trust"].widget = forms.HiddenInput()
            self.fields["trust"].initial = trusts[0].pk

    def clean(self):
        cleaned = super().clean()
        # The model's own rules (dates in order, known audiences), so every mistake shows at once.
        probe = Consultation(
            audiences=cleaned.get("audiences") or [],
            **{name: cleaned.get(name) for name in ("opens_on", "closes_on", "report_due_on", "retention_until")},
        )
        try:
            probe.clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name not in self.errors:
                    self.add_error(name, messages)
        return cleaned

    def details(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("trust", None)
        return data


class QuestionForm(GovukForm):
    kind = forms.ChoiceField(
        label="Type of question",
        choices=Question.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of question"},
    )
    text = forms.CharField(label="Question", max_length=300, help_text="Ask one thing, in plain words.")
    hint = forms.CharField(label="Hint (optional)", max_length=300, required=False)
    required = forms.BooleanField(label="People must answer this question", required=False)
    choices = forms.CharField(
        label="Answers to choose from",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For 'choose one' and 'choose one or more' questions. Put each answer on its own line.",
    )
    scale_low_label = forms.CharField(label="What 1 means (optional)", max_length=60, required=False, help_text="For example, 'Not at all'.")
    scale_high_label = forms.CharField(label="What 5 means (optional)", max_length=60, required=False, help_text="For example, 'Very much'.")

    def clean_choices(self):
        return _lines(self.cleaned_data["choices"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(set(cleaned.get("choices") or [])) < 2:
            self.add_error("choices", "Enter at least 2 different answers to choose from, one on each line")
        return cleaned


class ThemeForm(GovukForm):
    name = forms.CharField(label="New theme", max_length=100, help_text="For example, 'Somewhere safe to go'.")


class YouSaidWeDidForm(GovukForm):
    you_said = forms.CharField(
        label="You said", widget=forms.Textarea(attrs={"rows": 3}), help_text="What people told you, in their words where you can."
    )
    we_did = forms.CharField(label="We did", widget=forms.Textarea(attrs={"rows": 3}), help_text="What you did, or will do, and when.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["you_said"].error_messages["required"] = "Enter what people said"
        self.fields["we_did"].error_messages["required"] = "Enter what you did, or will do, about it"


__all__ = [
    "ConsultationForm",
    "QuestionForm",
    "ResponseForm",
    "ThemeForm",
    "YouSaidWeDidForm",
    "max_answer_chars",
]
