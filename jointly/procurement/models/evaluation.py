"""Evaluation and award: the panel, its declarations, scores, moderation and the decision."""

__all__: list[str] = []
