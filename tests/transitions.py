"""Checks every app's tables of moves must pass (jointly.core.transitions), for each app's test_states."""

from __future__ import annotations

import re
from pathlib import Path


def assert_moves_go_between_real_states(model) -> None:
    """Every move of the model's table goes from real states to another real one; the editable states are real."""
    table = model.TRANSITIONS
    states = set(model.Status.values)
    assert model._meta.get_field(table.field).choices == model.Status.choices
    for move in table:
        assert move.sources and set(move.sources) <= states, move.name
        assert move.target in states and move.target not in move.sources, move.name
    assert table.editable is None or set(table.editable) <= states


def assert_services_make_only_table_moves(modules, models) -> None:
    """Each move the service modules name is in one of the models' tables, and none uses the interim to=/allowed_from= form."""
    known = {move.name for model in models for move in model.TRANSITIONS}
    named = set()
    for module in modules:
        source = Path(module.__file__).read_text()
        named |= set(re.findall(r'move="(\w+)"', source))
        assert "allowed_from" not in source and not re.search(r"transition\([^)]*\bto=", source), module.__name__
        calls = re.findall(r"\btransition\((?!\))[^)]*", source)
        assert all("move=" in call for call in calls), module.__name__
    assert named and named <= known, named - known
