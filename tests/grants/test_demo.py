"""The grants demo: a decided Youth Opportunity Fund round with a young people's panel and an open round; idempotent and fast."""

import time

import pytest

from jointly.grants import demo, threesixty
from jointly.grants.models import GrantApplication, GrantProgramme, PanelDeclaration
from jointly.partnerships import demo as partnerships_demo
from tests.open_data_schemas import threesixty_errors


@pytest.mark.django_db
def test_demo_loads_a_decided_round_and_an_open_one_once_and_quickly():
    partnerships_demo.load()
    started = time.monotonic()
    demo.load()
    took = time.monotonic() - started
    assert set(GrantProgramme.objects.values_list("status", flat=True)) == {"decided", "open"}
    assert GrantApplication.objects.filter(status="awarded").count() == 3
    assert GrantApplication.objects.filter(status="declined").count() == 1
    assert not GrantApplication.objects.filter(status__in=["awarded", "declined"], feedback="").exists()
    assert PanelDeclaration.objects.filter(conflict=True).count() == 1
    assert PanelDeclaration.objects.filter(person__role="participant").exists()
    assert threesixty_errors(threesixty.package(threesixty.awarded_grants())) == []
    demo.load()
    assert GrantProgramme.objects.count() == 2
    assert took < 20, f"the grants demo took {took:.1f}s"
