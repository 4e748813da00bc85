"""Small-number suppression for consultation results.

A count from 1 to threshold - 1 is shown as "fewer than N", so nobody in a
small group (three under-11s in a workshop, say) can be picked out. Where the
figures in a breakdown add up to a total that is shown, hiding one cell is not
enough — it could be worked out by subtraction — so the next smallest cell is
hidden too ("secondary suppression"). The true count of a hidden figure never
leaves this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Figure:
    value: int | None  # None when hidden
    text: str
    hidden: str = ""  # "", "small" or "secondary"


def threshold() -> int:
    return settings.JOINTLY_CONSULTATION_SUPPRESS_BELOW


def _small(count: int) -> bool:
    return 0 < count < threshold()


def figure(count: int) -> Figure:
    """One count on its own."""
    if _small(count):
        return Figure(None, f"fewer than {threshold()}", "small")
    return Figure(count, f"{count:,}")


def suppress(counts: list[int], *, additive: bool) -> list[Figure]:
    """The figures to show for a breakdown.

    `additive` says the counts add up to a total shown beside them (each
    person in exactly one row), so secondary suppression is needed.
    """
    figures = [figure(count) for count in counts]
    if not additive:
        return figures
    hidden = [i for i, count in enumerate(counts) if _small(count)]
    if len(hidden) == 1:
        candidates = [i for i, count in enumerate(counts) if count > 0 and i not in hidden]
        if candidates:
            smallest = min(candidates, key=lambda i: (counts[i], i))
            figures[smallest] = Figure(None, "hidden", "secondary")
    return figures
