"""Contracts: the agreements made from awards (or recorded direct awards), their parties, term,
value by year and measures, and what follows them (variations, invoices and payments).

Amounts are pounds as Decimal, INCLUDING VAT, as in `plans` and `procurement`. Each part of the
stage has its own module; this package only gathers them so Django finds every model.
"""

from .changes import *  # noqa: F403
from .clauses import *  # noqa: F403
from .contracts import *  # noqa: F403
from .reminders import *  # noqa: F403
from .terms import *  # noqa: F403
