"""Run migrations backwards and forwards inside a test, to check a data migration on rows made in the old shape.

`tests/test_data_migrations.py` goes back to the migrations before the ones it
checks, writes rows with that state's models, and goes forward again, once for
every check (each step costs Django tens of seconds of model-state rendering).
It always ends at the latest migrations, so the next test has the schema it
expects. Schema changes cannot run inside a test's transaction on SQLite, so
the database is emptied afterwards, taking the rows the data migrations seeded
with it; `seed_outcome_areas` puts back the shared outcome areas a check needs.
"""

from __future__ import annotations

import importlib

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Migrator:
    def __init__(self):
        self.executor = MigrationExecutor(connection)

    def migrate(self, *targets: tuple[str, str]):
        """Go to these migrations; return the models as they were there."""
        self.executor.loader.build_graph()
        self.executor.migrate(list(targets))
        return self.executor.loader.project_state(list(targets)).apps

    def latest(self) -> None:
        self.executor.loader.build_graph()
        self.executor.migrate(self.executor.loader.graph.leaf_nodes())


def seed_outcome_areas(apps) -> None:
    """The five shared outcome areas, as needs migration 0002 writes them (idempotent)."""
    importlib.import_module("jointly.needs.migrations.0002_every_child_matters_outcomes").add_outcomes(apps, None)
