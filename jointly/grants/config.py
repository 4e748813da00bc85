"""Grant rules as dated data (RULES.md: numbers are configuration with an effective date, never literals).

`small_grant_limit(on)` is the largest award a small-grant programme may offer on that date.
`JOINTLY_SMALL_GRANT_LIMITS` in settings replaces the table (a trust's stricter local policy);
`JOINTLY_360GIVING_PREFIX` the prefix of the 360Giving identifiers this installation registered.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings

# (in force from, the largest small grant): the seeds' £35,000.
SMALL_GRANT_LIMITS: tuple[tuple[datetime.date, Decimal], ...] = ((datetime.date(2024, 1, 1), Decimal("35000")),)

DEFAULT_360GIVING_PREFIX = "360G-jointly-"

# Short applications: a small grant's questions each have at most this many words.
DEFAULT_WORD_LIMIT = 250
MAX_QUESTIONS = 6


def small_grant_limit(on: datetime.date) -> Decimal:
    table = getattr(settings, "JOINTLY_SMALL_GRANT_LIMITS", SMALL_GRANT_LIMITS)
    in_force = [limit for since, limit in sorted(table) if since <= on]
    return in_force[-1] if in_force else sorted(table)[0][1]


def identifier_prefix() -> str:
    return getattr(settings, "JOINTLY_360GIVING_PREFIX", DEFAULT_360GIVING_PREFIX)
