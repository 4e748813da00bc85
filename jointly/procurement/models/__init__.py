"""Procurement: an opportunity from a forward-plan intention, its lots, criteria and questions,
the bids made to it, and their evaluation and award.

Amounts are pounds as Decimal, INCLUDING VAT, as in `plans`. Each part of the stage has its
own module; this package only gathers them so Django finds every model.
"""

from .bids import *  # noqa: F403
from .evaluation import *  # noqa: F403
from .opportunities import *  # noqa: F403
from .ratings import *  # noqa: F403
