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
