"""The clause library seeded by migration 0003, put back for tests that run after a flush (transactional tests)."""

import importlib

from django.apps import apps


def seed_clauses() -> None:
    importlib.import_module("jointly.contracts.migrations.0003_clause_library").add(apps, None)
