"""Bad input found by a service, in the one shape forms and the API both show."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from jointly.core.transitions import InvalidTransition

# The key for a problem with the request as a whole rather than one field (Django's own).
NON_FIELD = "__all__"


class FieldErrors(ValidationError):
    """Bad input, as {field: message} so forms and the API can show each against its field.

    Services collect every problem they find and raise them together, so a person sees every
    error in one submit. A problem with no one field goes under NON_FIELD.
    """

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__({field: [message] for field, message in errors.items()})

    def __str__(self):
        return "; ".join(self.errors.values())


def as_field_errors(error: ValidationError) -> FieldErrors:
    """Django's ValidationError (a model's full_clean, a validator) in the one shape: a message per field."""
    if isinstance(error, FieldErrors):
        return error
    if hasattr(error, "error_dict"):
        return FieldErrors({field: messages[0] for field, messages in error.message_dict.items()})
    return FieldErrors({NON_FIELD: error.messages[0]})


def full_clean(instance, **kwargs) -> None:
    """A model's own validation, refused as FieldErrors, so a service raises one kind of error."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        raise as_field_errors(error) from None


def show_on_form(form, error: FieldErrors, rename: Mapping[str, str] | Callable[[str], str] | None = None) -> None:
    """Put each message against its field on the form, or above the form when the form has no such field.

    `rename` maps a service's field name to the form's, where the two differ.
    """
    for field, message in error.errors.items():
        if field == NON_FIELD:
            form.add_error(None, message)
            continue
        field = _renamed(field, rename)
        form.add_error(field if field in form.fields else None, message)


def _renamed(field: str, rename) -> str:
    if callable(rename):
        return rename(field)
    return rename.get(field, field) if rename else field


def show_problems_too(form, problems: Mapping[str, str], rename: Mapping[str, str] | Callable[[str], str] | None = None) -> None:
    """Add a service's problems to a form that already has errors of its own, so one submit shows every error.

    A field the form has already refused keeps only the form's message (the service, not given the
    field's value, would only say it is missing).
    """
    for field, message in problems.items():
        target = NON_FIELD if field == NON_FIELD else _renamed(field, rename)
        if target in form.errors:
            continue
        form.add_error(target if target in form.fields else None, message)


def save_form(
    request,
    form,
    save: Callable[[dict], object],
    *,
    rename: Mapping[str, str] | Callable[[str], str] | None = None,
    problems: Callable[[dict], Mapping[str, str]] | None = None,
):
    """The one shape of a form view's POST: when the form is valid, call `save(cleaned_data)` (a service).

    Bad input the service finds (FieldErrors) is shown against its fields, and a
    state change it refuses (InvalidTransition) above the form, so the page is
    shown again with the error summary. Whatever the service wrote before it
    refused is rolled back. Returns what `save` returned (True if that was None), or None when there is
    nothing saved and the form should be shown.

    `problems(cleaned_data)`, when given, is the service's own check ({field: message}, writing nothing):
    it is asked when the form itself has errors too, with what the form could read, so the service's
    refusals (a cross-field rule, a duplicate) appear in the same summary instead of on the next submit.
    """
    if request.method != "POST":
        return None
    if not form.is_valid():
        if problems is not None:
            show_problems_too(form, problems(form.cleaned_data), rename)
        return None
    try:
        # A savepoint, so a service that wrote something before refusing leaves nothing behind.
        with transaction.atomic():
            result = save(form.cleaned_data)
    except FieldErrors as error:
        show_on_form(form, error, rename)
        return None
    except InvalidTransition as error:
        form.add_error(None, str(error))
        return None
    return True if result is None else result
