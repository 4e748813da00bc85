"""Forms for importing indicator data."""

from __future__ import annotations

import csv
import io

from django import forms
from django.conf import settings

from jointly.core.forms import GovukForm

from .importers.dfe import REQUIRED_COLUMNS as DFE_REQUIRED
from .importers.fingertips import REQUIRED_COLUMNS as FINGERTIPS_REQUIRED
from .models import ImportRun, IntervalMethod, OutcomeArea, Polarity, ValueType

# Uploads larger than this are refused (a DfE file is rarely more than a few hundred MB).
MAX_UPLOAD_MB = getattr(settings, "JOINTLY_IMPORT_MAX_MB", 500)


def _columns(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _named(columns: list[str]) -> str:
    """'a', 'b' and 'c': each column in quotes."""
    quoted = [f"'{name}'" for name in columns]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def _noun(columns: list[str]) -> str:
    return "column" if len(columns) == 1 else "columns"


class ImportUploadForm(GovukForm):
    file = forms.FileField(
        label="CSV file",
        help_text=f"A DfE statistics data file or a Fingertips export, saved as CSV, up to {MAX_UPLOAD_MB} MB.",
        error_messages={"required": "Choose a CSV file to upload", "empty": "The file you chose is empty"},
    )
    format = forms.ChoiceField(
        label="What kind of file is it?",
        choices=ImportRun.Format.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of file it is"},
    )
    trust = forms.ModelChoiceField(
        label="Which trust is this data for?",
        queryset=None,
        empty_label=None,
        error_messages={"required": "Select the trust this data is for", "invalid_choice": "Select one of your own trusts"},
    )
    indicator_columns = forms.CharField(
        label="Indicator columns",
        required=False,
        help_text="DfE files only. The columns holding values, separated by commas, for example: rate_per_10000, number",
    )
    filter_columns = forms.CharField(
        label="Breakdown columns (optional)",
        required=False,
        help_text="DfE files only. Filter columns that split children into groups, for example: social_care_group, age",
    )
    indicator_filter_columns = forms.CharField(
        label="Columns that name separate indicators (optional)",
        required=False,
        help_text="DfE files only. Filter columns whose values are different measures, for example: population_count",
    )
    outcome_area = forms.ModelChoiceField(
        label="Outcome area for indicators new to Jointly (optional)",
        queryset=None,
        required=False,
        empty_label="Decide later",
    )

    def __init__(self, *args, trusts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trust"].queryset = trusts
        self.fields["outcome_area"].queryset = OutcomeArea.objects.filter(trust__isnull=True)
        self.header: list[str] = []

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith(".csv"):
            raise forms.ValidationError("The file must be a CSV file (its name ends in .csv)")
        if uploaded.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(f"The file must be smaller than {MAX_UPLOAD_MB} MB")
        uploaded.seek(0)
        first_line = uploaded.readline()
        uploaded.seek(0)
        try:
            text = first_line.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file must be saved as 'CSV UTF-8'") from None
        self.header = [name.strip() for name in next(csv.reader(io.StringIO(text)), [])]
        if not self.header:
            raise forms.ValidationError("The file you chose is empty")
        return uploaded

    def clean(self):
        data = super().clean()
        kind = data.get("format")
        if not self.header or not kind:
            return data
        listing = ", ".join(self.header)
        # Every missing or unknown column is named in one go, so the file is fixed in one round.
        if kind == ImportRun.Format.FINGERTIPS:
            missing = [name for name in FINGERTIPS_REQUIRED if name not in self.header]
            if missing:
                self.add_error("file", f"This is not a Fingertips export: it has no {_named(missing)} {_noun(missing)}")
            return data
        missing = [name for name in DFE_REQUIRED if name not in self.header]
        if missing:
            self.add_error("file", f"This is not a DfE statistics data file: it has no {_named(missing)} {_noun(missing)}")
        if not _columns(data.get("indicator_columns")):
            self.add_error("indicator_columns", "Enter the indicator columns, separated by commas")
        for field_name in ("indicator_columns", "filter_columns", "indicator_filter_columns"):
            unknown = [name for name in _columns(data.get(field_name)) if name not in self.header]
            if unknown:
                self.add_error(field_name, f"The file has no {_noun(unknown)} called {_named(unknown)}. Its columns are: {listing}")
        return data

    def spec(self, file_name: str) -> dict:
        data = self.cleaned_data
        spec: dict = {"dataset": file_name.rsplit(".", 1)[0]}
        if data.get("outcome_area"):
            spec["outcome_area"] = data["outcome_area"].slug
        if data["format"] == ImportRun.Format.DFE:
            spec.update(
                indicator_columns=_columns(data["indicator_columns"]),
                filter_columns=_columns(data["filter_columns"]),
                indicator_filter_columns=_columns(data["indicator_filter_columns"]),
            )
        return spec


class IndicatorFilterForm(GovukForm):
    outcome_area = forms.ChoiceField(label="Outcome area", required=False)
    q = forms.CharField(label="Name contains", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "All outcome areas")]
        choices += [(area.slug, area.name) for area in OutcomeArea.objects.filter(trust__isnull=True)]
        choices.append(("none", "Not yet assigned"))
        self.fields["outcome_area"].choices = choices


class IndicatorDefinitionForm(GovukForm):
    """How an indicator is described and read. Its code and its data are not changed here."""

    name = forms.CharField(label="Name", max_length=300, error_messages={"required": "Enter the indicator's name"})
    description = forms.CharField(label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    outcome_area = forms.ModelChoiceField(
        label="Outcome area",
        queryset=OutcomeArea.objects.none(),
        required=False,
        empty_label="Not yet assigned",
        error_messages={"invalid_choice": "Choose an outcome area from the list"},
    )
    polarity = forms.ChoiceField(
        label="Is a higher value better or worse?",
        choices=Polarity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether a higher value is better or worse"},
    )
    value_type = forms.ChoiceField(
        label="What kind of value is it?",
        choices=ValueType.choices,
        error_messages={"required": "Select what kind of value it is"},
    )
    unit = forms.CharField(label="Unit (optional)", max_length=100, required=False)
    source = forms.CharField(label="Source (optional)", max_length=300, required=False)
    source_url = forms.URLField(
        label="Source web address (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter the source's web address in the right format, like https://example.org"},
    )
    method = forms.CharField(label="How it is calculated (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    disclosure_rule = forms.CharField(
        label="Disclosure rule (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="When small numbers are withheld, in the publisher's words.",
    )
    cohort = forms.CharField(
        label="Who is counted (optional)",
        max_length=200,
        required=False,
        help_text="The children the figure is about, for example: looked-after children at 31 March",
    )
    caution = forms.CharField(
        label="Caution (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The publisher's warning about reading or comparing the figure, shown wherever it is.",
    )
    decimal_places = forms.IntegerField(
        label="Decimal places published (optional)",
        required=False,
        min_value=0,
        max_value=6,
        help_text="Figures are shown to this many places. Leave empty if the publisher does not round them.",
        error_messages={
            "invalid": "Enter the decimal places as a whole number, like 2",
            "min_value": "Decimal places must be 0 or more",
            "max_value": "Decimal places must be 6 or fewer",
        },
    )
    interval_method = forms.ChoiceField(
        label="Can a confidence interval be worked out from its count and denominator?",
        choices=[
            (IntervalMethod.AUTO, "Yes: each counted thing is a separate child or event"),
            (IntervalMethod.NONE, "No: the counts are not independent (such as school sessions of the same pupils), so do not compare it"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether a confidence interval can be worked out"},
    )
    published = forms.BooleanField(label="Show this indicator on profiles and to the public", required=False)

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        # The shared outcome areas, and the indicator's own trust's.
        areas = OutcomeArea.objects.filter(trust__isnull=True)
        if indicator.trust_id:
            areas = areas | OutcomeArea.objects.filter(trust_id=indicator.trust_id)
        self.fields["outcome_area"].queryset = areas.order_by("order", "name")
