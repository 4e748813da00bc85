"""Writes for monitoring returns: templates and adoption, returns, review, ratings."""
