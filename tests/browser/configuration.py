"""Put back the configuration the data migrations seed.

The live-server tests use a transactional database that is emptied after each
test, which removes the rows the data migrations wrote (the Every Child
Matters outcome areas, the procurement thresholds, the bank holidays). A test that needs them
after another browser test has run seeds them again; both seeds are idempotent.
"""

from __future__ import annotations

import importlib

SEEDS = [
    ("jointly.needs.migrations.0002_every_child_matters_outcomes", "add_outcomes"),
    ("jointly.plans.migrations.0002_thresholds", "seed"),
    ("jointly.core.migrations.0005_seed_bank_holidays", "seed"),
    ("jointly.procurement.migrations.0003_route_rules", "seed"),
]


def restore_seeded_configuration() -> None:
    from django.apps import apps

    for module, function in SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)
