"""GovukForm: GOV.UK markup, error messages written for people, and the date input."""

import datetime
import re

import pytest
from django import forms

from jointly.core.forms import GovukDateField, GovukForm


class ExampleForm(GovukForm):
    title = forms.CharField(label="Title of the plan", help_text="Keep it short", max_length=20)
    email = forms.EmailField(label="Email address")
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    sector = forms.ChoiceField(label="Sector", choices=[("vcs", "VCS"), ("nhs", "NHS")], widget=forms.RadioSelect)
    kind = forms.ChoiceField(label="Kind", choices=[("", "Choose"), ("a", "A")])
    agree = forms.BooleanField(label="I agree", required=False)
    closes_on = GovukDateField(label="Closing date", label_for_errors="the closing date")


def bound(**data):
    base = {
        "title": "Plan",
        "email": "a@example.org",
        "sector": "vcs",
        "kind": "a",
        "closes_on_0": "27",
        "closes_on_1": "3",
        "closes_on_2": "2027",
    }
    return ExampleForm({**base, **data})


def test_renders_govuk_components():
    html = str(ExampleForm())
    assert 'class="govuk-label govuk-label--s" for="id_title"' in html
    assert 'class="govuk-input"' in html
    assert 'class="govuk-textarea"' in html
    assert 'class="govuk-select"' in html
    assert 'class="govuk-radios"' in html and 'class="govuk-radios__input"' in html
    assert 'class="govuk-checkboxes__input"' in html
    assert 'class="govuk-date-input"' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Sector</legend>' in html
    # A hint is announced with its field.
    assert 'id="id_title-hint" class="govuk-hint">Keep it short' in html
    assert 'aria-describedby="id_title-hint"' in html
    # Fields carry no colon after the label.
    assert "Title of the plan:" not in html


def test_valid_data_cleans_to_python_values():
    form = bound()
    assert form.is_valid(), form.errors
    assert form.cleaned_data["closes_on"] == datetime.date(2027, 3, 27)


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("title", "Enter the title of the plan"),
        ("email", "Enter the email address"),
        ("sector", "Select the sector"),
        ("kind", "Select the kind"),
        ("closes_on", "Enter the closing date"),
    ],
)
def test_required_messages_are_written_for_people(field, message):
    form = ExampleForm({})
    assert not form.is_valid()
    assert form.errors[field] == [message]
    assert "This field is required." not in str(form.errors)


def test_field_with_its_own_message_keeps_it():
    class OwnMessage(GovukForm):
        name = forms.CharField(label="Name", error_messages={"required": "Enter the organisation's name"})

    assert OwnMessage({}).errors["name"] == ["Enter the organisation's name"]


def test_errors_mark_the_field_and_keep_what_was_typed():
    form = bound(title="x" * 25, email="not-an-email")
    assert not form.is_valid()
    html = str(form)
    assert 'class="govuk-form-group govuk-form-group--error"' in html
    assert 'class="govuk-input govuk-input--error"' in html
    assert '<p id="id_email-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span>' in html
    assert 'aria-describedby="id_title-hint id_title-error"' in html
    assert f'value="{"x" * 25}"' in html
    assert 'value="not-an-email"' in html


def test_radio_errors_are_described_on_the_fieldset():
    form = bound(sector="")
    form.is_valid()
    html = str(form)
    described = re.search(r'<fieldset class="govuk-fieldset" aria-describedby="([^"]*)">\s*<legend[^>]*>Sector<', html)
    assert described and described.group(1).split() == ["id_sector-error"]
    assert form["sector"].error_anchor == "id_sector_0"


def test_error_anchor_for_each_kind_of_field():
    form = bound()
    assert form["title"].error_anchor == "id_title"
    assert form["closes_on"].error_anchor == "id_closes_on_0"


# --- The date input -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2027", "The closing date must be a real date"),
        ("0", "1", "2027", "The closing date must be a real date"),
        ("1", "13", "2027", "The closing date must be a real date"),
        ("a", "b", "c", "The closing date must be a real date"),
        ("1", "", "2027", "The closing date must include a month"),
        ("", "", "2027", "The closing date must include a day and month"),
        ("", "3", "", "The closing date must include a day and year"),
        ("", "", "", "Enter the closing date"),
    ],
)
def test_date_problems_are_explained(day, month, year, message):
    form = bound(closes_on_0=day, closes_on_1=month, closes_on_2=year)
    assert not form.is_valid()
    assert form.errors["closes_on"] == [message]


def test_a_date_with_spaces_is_read():
    form = bound(closes_on_0=" 1 ", closes_on_1=" 4", closes_on_2="2026 ")
    assert form.is_valid()
    assert form.cleaned_data["closes_on"] == datetime.date(2026, 4, 1)


def test_an_optional_date_may_be_left_empty():
    class Optional(GovukForm):
        on = GovukDateField(label="Date", required=False)

    form = Optional({"on_0": "", "on_1": "", "on_2": ""})
    assert form.is_valid()
    assert form.cleaned_data["on"] is None


def test_a_bad_date_keeps_the_typed_parts_and_marks_each_box():
    form = bound(closes_on_0="31", closes_on_1="2", closes_on_2="2027")
    form.is_valid()
    html = str(form)
    assert 'value="31"' in html and 'value="2"' in html and 'value="2027"' in html
    assert html.count("govuk-date-input__input govuk-input--width-2 govuk-input--error") == 2
    assert "govuk-input--width-4 govuk-input--error" in html
    assert 'id="id_closes_on-error"' in html


def test_a_date_form_shows_an_existing_value():
    class Edit(GovukForm):
        on = GovukDateField(label="Date")

    html = str(Edit(initial={"on": datetime.date(2026, 12, 5)}))
    assert 'value="5"' in html and 'value="12"' in html and 'value="2026"' in html
    assert "For example, 27 3 2027" in html


def test_a_label_changed_after_the_form_is_built_is_the_one_shown():
    from django import forms as django_forms

    from jointly.core.forms import GovukForm

    class ReasonForm(GovukForm):
        reason = django_forms.CharField(label="Why?")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["reason"].label = "Why are you deactivating this account?"

    assert "Why are you deactivating this account?" in str(ReasonForm())
