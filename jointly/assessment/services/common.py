"""What the assessment's services share."""

from __future__ import annotations

from jointly.core.errors import FieldErrors, full_clean


def model_problems(instance, **kwargs) -> dict[str, str]:
    """The model's own validation as {field: message}, to raise together with a service's own checks."""
    try:
        full_clean(instance, **kwargs)
    except FieldErrors as error:
        return dict(error.errors)
    return {}


def assign(row, fields: dict, *, editable, strip=()) -> None:
    """Set the fields a caller may change on a row (stripping the `strip` ones); any other field is a programming error."""
    unknown = set(fields) - set(editable)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(row, name, value.strip() if name in strip else value)


def relink(row, relation: str, chosen) -> bool:
    """Set a many-to-many relation to `chosen` (None leaves it); True when that changed it."""
    if chosen is None or {item.pk for item in chosen} == set(getattr(row, relation).values_list("pk", flat=True)):
        return False
    getattr(row, relation).set(chosen)
    return True
