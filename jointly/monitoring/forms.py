"""Forms for monitoring returns; every rule lives in services. The return's form asks nothing itself:
a draft keeps whatever is typed, and submitting is checked by `services.returns.submit_problems`."""

from __future__ import annotations

from django import forms

from jointly.contracts.models import ContractMeasure
from jointly.core import forms as core_forms
from jointly.core.forms import GovukForm, VersionField
from jointly.partnerships.models import Organisation

from .models import Rag, TemplateQuestion


def _number(value) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value is not None else ""


class GovukDateWidget(core_forms.GovukDateWidget):
    """The GOV.UK date boxes, holding what was typed as "day/month/year" (a draft keeps even a wrong date).

    Named as the core widget, so fields are drawn and their errors linked as GOV.UK date inputs (by widget type).
    """

    def decompress(self, value):
        if isinstance(value, str) and value:
            parts = (value.split("/") + ["", "", ""])[:3]
            return parts
        return super().decompress(value)


class RawDateField(forms.MultiValueField):
    widget = GovukDateWidget

    def __init__(self, **kwargs):
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list):
        parts = [str(part or "").strip() for part in (data_list or [])]
        return "/".join(parts) if any(parts) else ""


def measure_hint(measure: ContractMeasure, previous, prefill: str = "") -> str:
    bits = [measure.get_question_display()]
    if measure.target is not None:
        bits.append(f"Target: {_number(measure.target)}{' ' + measure.unit if measure.unit else ''}")
    elif measure.unit:
        bits.append(f"In {measure.unit}")
    if measure.value_type == ContractMeasure.ValueType.PERCENT:
        bits.append("A percentage from 0 to 100")
    elif measure.value_type == ContractMeasure.ValueType.NUMBER:
        bits.append("A number")
    if measure.priority_id:
        bits.append(f"Serves the priority: {measure.priority}")
    if previous is not None and previous.entry:
        bits.append(f"Last period: {previous.entry}")
    if prefill:
        bits.append("Filled in from the invoices paid on this contract in the period: change it if it is not right")
    return ". ".join(bits) + "."


class ReturnForm(GovukForm):
    """One field per line of the return (named as the line: measure_<id>, question_<id>), plus notes and dates."""

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        for part_view in sheet.parts:
            for item in part_view.lines:
                line, name = item.line, item.name
                measure = line.measure
                self.fields[name] = forms.CharField(
                    label=measure.text,
                    required=False,
                    help_text=measure_hint(measure, item.previous, item.prefill),
                    widget=forms.Textarea(attrs={"rows": 3})
                    if measure.value_type == ContractMeasure.ValueType.TEXT
                    else forms.TextInput(
                        attrs={"class": "govuk-input--width-10", "inputmode": "decimal" if measure.value_type != "text" else "text"}
                    ),
                    # An empty answer to the amount paid starts from the invoices paid (kept only once saved).
                    initial=line.entry or item.prefill,
                )
                self.fields[f"{name}_note"] = forms.CharField(
                    label="Anything to explain about this figure (optional)",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=line.note,
                )
        for _label, items in sheet.sections:
            for item in items:
                line, name, question = item.line, item.name, item.line.question
                hint = question.guidance
                if item.previous is not None and item.previous.entry:
                    hint = (hint + " " if hint else "") + "Carried forward from last period's return: change it to say what happened in this one."
                self.fields[name] = forms.CharField(
                    label=question.text if question.required else f"{question.text} (optional)",
                    required=False,
                    help_text=hint,
                    widget=forms.Textarea(attrs={"rows": 5}),
                    initial=line.entry,
                )
                if question.asks_date:
                    self.fields[f"{name}_date"] = RawDateField(
                        label="When it happened", help_text="In the period of the return. For example, 27 3 2027", initial=line.date_entry
                    )
        self.fields["version"] = VersionField(initial=kwargs.get("initial", {}).get("version", ""))

    def answers(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


def rag_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=Rag.choices, widget=forms.RadioSelect, required=False)


class ReviewForm(GovukForm):
    """A RAG rating and comments for each of the reviewing trust's parts of the return."""

    def __init__(self, *args, parts, **kwargs):
        super().__init__(*args, **kwargs)
        self.parts = parts
        for part in parts:
            self.fields[f"rag_{part.pk}"] = rag_field(f"RAG rating for {part.contract.reference}")
            self.fields[f"rag_{part.pk}"].initial = part.rag
            self.fields[f"comment_{part.pk}"] = forms.CharField(
                label=f"Comments on {part.contract.reference}",
                required=False,
                help_text="Needed when it is not green: what is going well, what concerns you.",
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=part.comment,
            )


class SendBackForm(GovukForm):
    changes = forms.CharField(
        label="What the provider needs to change",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Name the contract and the answer, and say what is missing or unclear.",
    )


SCORES = [(str(n), str(n)) for n in range(1, 6)]


class RatingForm(GovukForm):
    clarity = forms.TypedChoiceField(
        label="Clarity of requirements", choices=SCORES, coerce=int, widget=forms.RadioSelect, help_text="1 is poor, 5 is excellent."
    )
    payment = forms.TypedChoiceField(
        label="Timeliness of payment", choices=SCORES, coerce=int, widget=forms.RadioSelect, help_text="1 is poor, 5 is excellent."
    )
    partnership = forms.TypedChoiceField(
        label="Partnership working", choices=SCORES, coerce=int, widget=forms.RadioSelect, help_text="1 is poor, 5 is excellent."
    )
    comment = forms.CharField(
        label="Anything else to tell the trust (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The trust reads ratings together with other providers', without your organisation's name.",
    )


class TemplateForm(GovukForm):
    name = forms.CharField(label="Name of the return", max_length=200)
    description = forms.CharField(label="What it is for (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    scope = forms.ChoiceField(
        label="Who it is for",
        choices=[("trust", "This trust's partners"), ("region", "Every trust's partners in the region")],
        widget=forms.RadioSelect,
    )


class QuestionForm(GovukForm):
    section = forms.ChoiceField(label="Section", choices=TemplateQuestion.Section.choices, widget=forms.RadioSelect)
    text = forms.CharField(label="Question", max_length=500)
    guidance = forms.CharField(label="Help for providers (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    required = forms.BooleanField(label="Every return must answer it", required=False, initial=True)
    asks_date = forms.BooleanField(label="Ask when it happened (a date in the period)", required=False)


class AdoptForm(GovukForm):
    organisation = forms.ModelChoiceField(label="Partner that adopts the return", queryset=Organisation.objects.none())

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
