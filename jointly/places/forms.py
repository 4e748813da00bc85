"""The form for changing an authority's statistical neighbours."""

from django import forms

from jointly.core.forms import GovukDateField, GovukForm

from .models import Area
from .services import NEIGHBOURS_PER_LIST


class NeighbourListForm(GovukForm):
    list_date = GovukDateField(label="Date of the list", label_for_errors="the date of the list", help_text="For example, 31 3 2023")
    source = forms.CharField(
        label="Where this list comes from",
        max_length=300,
        help_text="For example: DfE children's services statistical neighbour benchmarking tool, 2023",
        error_messages={"required": "Enter where this list comes from"},
    )

    def __init__(self, *args, authority: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.authority = authority
        choices = Area.objects.filter(kind=Area.Kind.UPPER_TIER).exclude(pk=authority.pk).defer("shape").order_by("name")
        for rank in range(1, NEIGHBOURS_PER_LIST + 1):
            self.fields[f"rank_{rank}"] = forms.ModelChoiceField(
                label=f"Neighbour {rank}" + (" (most similar)" if rank == 1 else ""),
                queryset=choices,
                empty_label="Choose an authority",
                error_messages={"required": f"Choose neighbour {rank}"},
            )
            # Added after GovukForm styled the declared fields, so styled here.
            self.fields[f"rank_{rank}"].widget.attrs["class"] = "govuk-select"

    def clean(self):
        data = super().clean()
        seen: dict[int, int] = {}
        for rank in range(1, NEIGHBOURS_PER_LIST + 1):
            area = data.get(f"rank_{rank}")
            if area is None:
                continue
            if area.pk in seen:
                self.add_error(f"rank_{rank}", f"{area.name} is already neighbour {seen[area.pk]}: choose a different authority")
            else:
                seen[area.pk] = rank
        return data

    def neighbours(self) -> list[Area]:
        return [self.cleaned_data[f"rank_{rank}"] for rank in range(1, NEIGHBOURS_PER_LIST + 1)]
