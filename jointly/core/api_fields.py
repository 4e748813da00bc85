"""Field types the apps' API schemas share (in core, below the apps, so each app's api.py may use them)."""

import enum
from typing import Annotated

from django.db import models
from ninja import Field

# A record's id as the database can hold it (a 64-bit integer): a bigger number is refused
# against its field (400), where the database would fail on it.
RecordId = Annotated[int, Field(ge=1, le=2**63 - 1)]


def named_choices(choices: type[models.TextChoices], name: str) -> type[enum.StrEnum]:
    """A model's choices as an API field, under a schema name of its own.

    The OpenAPI document keeps one schema per class name, and Django's choices are often
    named alike (each model's `Status`): two would share the name "Status", and one of them
    would be documented with the other's values.
    """
    return enum.StrEnum(name, {member.name: member.value for member in choices})
