"""Procurement's object and disclosure rules, one module per part of the stage (found at start
through this module, as every app's `rules.py` is)."""

from . import rules_bids, rules_evaluation, rules_opportunities, rules_ratings  # noqa: F401
