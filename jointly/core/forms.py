"""Forms that speak GOV.UK.

Every form in Jointly derives from GovukForm or GovukModelForm. They render
GOV.UK Frontend components (label, hint, inline error, error summary) through
Django's own template-based form rendering, and they replace Django's default
"This field is required." with a message written for a person: "Enter your
email address", "Select a sector".
"""

from __future__ import annotations

import datetime

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

_INPUT_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "url": "govuk-input",
    "number": "govuk-input",
    "password": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "autocompleteselect": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
# Widgets rendered inside a fieldset: the fieldset carries aria-describedby.
_FIELDSET_WIDGETS = {"radioselect", "checkboxselectmultiple", "checkbox", "govukdate"}
_CHOOSE_WIDGETS = {"select", "autocompleteselect", "radioselect", "checkboxselectmultiple"}

# Drop-downs of these records grow with the partnership (hundreds of organisations
# services and people): they get the autocomplete, which enhances the plain select.
AUTOCOMPLETE_MODELS = {"partnerships.organisation", "providers.service", "accounts.user"}
AUTOCOMPLETE_ATTRS = {"data-module": "app-autocomplete"}


class AutocompleteSelect(forms.Select):
    """A select that JavaScript turns into alphagov's accessible autocomplete (type to filter).

    Without JavaScript it stays a plain select and is sent as one. A single-choice
    field on one of AUTOCOMPLETE_MODELS gets this behaviour without naming the widget.
    """

    def __init__(self, attrs=None, choices=()):
        super().__init__({**AUTOCOMPLETE_ATTRS, **(attrs or {})}, choices)


def _wants_autocomplete(field: forms.Field, widget: forms.Widget) -> bool:
    if type(widget) is not forms.Select or not isinstance(field, forms.ModelChoiceField):
        return False
    queryset = field.queryset
    return queryset is not None and queryset.model._meta.label_lower in AUTOCOMPLETE_MODELS


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


class GovukBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        # Decided when the field is drawn: forms set their querysets after __init__.
        if _wants_autocomplete(self.field, widget or self.field.widget):
            attrs = {**AUTOCOMPLETE_ATTRS, **attrs}
        return attrs

    @property
    def error_anchor(self) -> str:
        """Where the error summary's link for this field should land."""
        if self.widget_type in {"radioselect", "checkboxselectmultiple"}:
            return f"{self.auto_id}_0"
        if self.widget_type == "govukdate":
            return f"{self.auto_id}_0"
        return self.auto_id


class GovukDateWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year as three boxes."""

    template_name = "forms/govuk_date.html"

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    widget = GovukDateWidget

    def __init__(self, *, label_for_errors: str = "the date", **kwargs):
        self.label_for_errors = label_for_errors
        # The parts are not required one by one: compress() says which are missing.
        # (Required parts would get Django's own "Enter a complete value.")
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        kwargs.setdefault("require_all_fields", False)
        super().__init__(fields, **kwargs)
        self.error_messages["required"] = f"Enter {label_for_errors}"
        self.error_messages["incomplete"] = f"{label_for_errors.capitalize()} must include a day, month and year"

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise forms.ValidationError(f"{self.label_for_errors.capitalize()} must include a {' and '.join(missing)}", code="incomplete")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{self.label_for_errors.capitalize()} must be a real date", code="invalid") from None


# A label that starts with one of these (a determiner, a question word or a verb) reads on after
# "Enter" or "Select" as it is; any other label is a noun and takes "the".
_READS_ON = {
    "the",
    "a",
    "an",
    "your",
    "their",
    "its",
    "our",
    "each",
    "any",
    "all",
    "who",
    "how",
    "what",
    "when",
    "which",
    "why",
    "where",
    "whether",
    "is",
    "are",
    "does",
    "do",
    "has",
    "have",
    "can",
    "will",
    "create",
    "confirm",
    "choose",
    "decide",
}


def _person_friendly_required(field: forms.Field, label: str, widget_type: str) -> str:
    """'Enter the title', 'Select the sector', 'Enter your name': GOV.UK's wording for a missing answer."""
    noun = label[0].lower() + label[1:] if label else "a value"
    if label and not label.endswith("?") and noun.split()[0].strip(",") not in _READS_ON:
        noun = f"the {noun}"
    if widget_type in _CHOOSE_WIDGETS or isinstance(field, forms.ChoiceField):
        return f"Select {noun}"
    return f"Enter {noun}"


class GovukFormMixin:
    bound_field_class = GovukBoundField
    template_name = "forms/govuk_form.html"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            bound = self[name]
            widget_type = bound.widget_type
            if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                field.error_messages["required"] = _person_friendly_required(field, str(field.label or name), widget_type)
            css = _INPUT_CLASSES.get(widget_type)
            if css:
                existing = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{css} {existing}".strip()
            if field.help_text and widget_type not in _FIELDSET_WIDGETS:
                field.widget.attrs["aria-describedby"] = f"{bound.auto_id}-hint"
        # Subclasses may change labels after this; bound fields made above would keep the old ones.
        self._bound_fields_cache.clear()

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name in self.errors:
            if name not in self.fields:
                continue
            field = self.fields[name]
            bound = self[name]
            css = _INPUT_CLASSES.get(bound.widget_type)
            if css:
                field.widget.attrs["class"] += f" {css}--error"
            if bound.widget_type == "govukdate":
                field.widget.attrs["error"] = True
            if bound.widget_type not in _FIELDSET_WIDGETS:
                described = field.widget.attrs.get("aria-describedby", "")
                field.widget.attrs["aria-describedby"] = f"{described} {bound.auto_id}-error".strip()


class GovukForm(GovukFormMixin, forms.Form):
    pass


class ConfirmForm(GovukForm):
    """A confirmation page's button as a form, so a refusal shows in the page's error summary.

    It has no fields, so it is bound whenever the request is a POST (an empty POST included).
    """

    @classmethod
    def from_request(cls, request, **kwargs):
        return cls(request.POST if request.method == "POST" else None, **kwargs)


class VersionField(forms.CharField):
    """The record's version when the form was shown, so saving can refuse an edit someone overtook.

    Give the form `version = VersionField()` and its initial value `core.transitions.version_of(record)`;
    pass the cleaned value to the service, which hands it to `core.transitions.edit()`.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


def set_hint(form: forms.BaseForm, name: str, text: str) -> None:
    """Give a field a hint after the form is built (when the hint depends on data).

    The base class has already made the field's BoundField and wired its
    aria-describedby, so both are refreshed here.
    """
    form.fields[name].help_text = text
    form._bound_fields_cache.pop(name, None)
    if form[name].widget_type not in _FIELDSET_WIDGETS:
        form.fields[name].widget.attrs["aria-describedby"] = f"{form[name].auto_id}-hint"
