"""Bad input found by a service, in the one shape forms and the API both show."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.core.exceptions import ValidationError


class FieldErrors(ValidationError):
    """Bad input, as {field: message} so forms and the API can show each against its field."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__({field: [message] for field, message in errors.items()})

    def __str__(self):
        return "; ".join(self.errors.values())


def show_on_form(form, error: FieldErrors, rename: Mapping[str, str] | Callable[[str], str] | None = None) -> None:
    """Put each message against its field on the form, or above the form when the form has no such field.

    `rename` maps a service's field name to the form's, where the two differ.
    """
    for field, message in error.errors.items():
        if callable(rename):
            field = rename(field)
        elif rename:
            field = rename.get(field, field)
        form.add_error(field if field in form.fields else None, message)
