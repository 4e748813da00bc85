"""Consultations migration 0004's matching of free tags to outcome areas (its rows are checked in tests/test_data_migrations.py)."""

import importlib

moving = importlib.import_module("jointly.consultations.migrations.0004_outcome_tags_to_outcome_areas")


class Area:
    def __init__(self, slug, name):
        self.slug, self.name = slug, name


def test_tags_match_by_name_or_slug_whatever_the_case_and_the_rest_are_kept():
    healthy, safe = Area("be-healthy", "Be healthy"), Area("stay-safe", "Stay safe")
    matched, other = moving.match_tags([" BE   healthy", "stay-safe", "be_healthy", "Parks", "", "Stay Safe", "Parks"], [healthy, safe])
    assert (matched, other) == ([healthy, safe], ["Parks"])
