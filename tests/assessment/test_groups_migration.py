"""Assessment migration 0002's mapping of old group codes (its rows are checked in tests/test_data_migrations.py)."""

import importlib

from jointly.needs.vocabulary import Group

moving = importlib.import_module("jointly.assessment.migrations.0002_evidence_groups_to_one_vocabulary")


def test_every_old_code_has_a_group_in_the_vocabulary():
    assert set(moving.NEW_CODE.values()) <= set(Group.values)
    assert len(set(moving.NEW_CODE.values())) == len(moving.NEW_CODE)  # no two old groups became one
