"""Reads for monitoring returns. `latest_ratings_for(contract)` and `measure_results(contract)` are what the
contract reviews read."""

from .returns import latest_ratings_for, measure_results

__all__ = ["latest_ratings_for", "measure_results"]
