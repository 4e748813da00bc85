"""The golden thread from a priority: its page leads to its indicators, service map, spend, market and intentions,
and an intention leads back to its priorities, each link only for those who may open it."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from tests.conftest import kept_for_the_module, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _whole_demo_once(django_db_setup, django_db_blocker):
    # The whole demo: loaded once for the module's tests, not once each (tests/conftest.py).
    with kept_for_the_module(django_db_blocker, DEMO_MODE=True):
        call_command("load_demo", stdout=io.StringIO())
        yield


@pytest.fixture
def demo_people(_whole_demo_once, settings):
    settings.DEMO_MODE = True
    from jointly.accounts.models import User

    return {user.email.split("@")[0]: user for user in User.objects.filter(email__endswith="@demo.jointly.example")}


def thread_of(response) -> list[tuple[str, str]]:
    return [(href, text) for text, href in response.context["thread"]]


def test_a_priority_leads_along_the_thread_for_those_who_may_follow_it(demo_people):
    from jointly.assessment.models import Priority

    priority = (
        Priority.objects.filter(trust__slug="plymouth", status=Priority.Status.APPROVED, intentions__isnull=False, targets__isnull=False)
        .distinct()
        .first()
    )
    assert priority is not None, "the demo has an approved Plymouth priority with targets and intentions"
    commissioner = signed_in_client(demo_people["commissioner"])
    response = commissioner.get(priority.get_absolute_url())
    links = thread_of(response)
    kinds = [text.split(":")[0].split(" on ")[0].split(" for ")[0] for _, text in links]
    assert {"Indicator", "Service map", "Spend", "Market", "Intention"} <= set(kinds), kinds
    assert f'href="/map/plymouth/priorities/{priority.pk}/"' in response.content.decode()
    for href, text in links:
        assert commissioner.get(href).status_code == 200, (text, href)

    # A board member follows the same thread (they see maps, spend, markets and plans).
    board = signed_in_client(demo_people["board"])
    assert {href for href, _ in thread_of(board.get(priority.get_absolute_url()))} == {href for href, _ in links}

    # An evaluator sees the map but not the money or the plans: only what opens for them is offered.
    evaluator = signed_in_client(demo_people["evaluator"])
    shown = thread_of(evaluator.get(priority.get_absolute_url()))
    assert shown and all(evaluator.get(href).status_code == 200 for href, _ in shown)
    assert not any("/resources/" in href or "/markets/" in href or "/intentions/" in href for href, _ in shown)

    # Another trust's commissioner cannot open the priority; a provider may not; the public is asked to sign in.
    assert signed_in_client(demo_people["essex-commissioner"]).get(priority.get_absolute_url()).status_code == 404
    assert signed_in_client(demo_people["provider"]).get(priority.get_absolute_url()).status_code == 403
    assert Client().get(priority.get_absolute_url()).status_code == 302


def test_an_intention_leads_back_to_its_priorities(demo_people):
    from jointly.plans.models import CommissioningIntention

    intention = CommissioningIntention.objects.filter(
        trust__slug="plymouth", status=CommissioningIntention.Status.PUBLISHED, priorities__isnull=False
    ).first()
    staff_page = f"/plans/plymouth/intentions/{intention.pk}/"
    public_page = f"/plans/plymouth/forward-plan/{intention.pk}/"
    priority_links = re.compile(r'href="(/assessment/priorities/\d+/)"')
    commissioner = signed_in_client(demo_people["commissioner"])
    for page in (staff_page, public_page):
        found = priority_links.findall(commissioner.get(page).content.decode())
        assert sorted(found) == sorted(p.get_absolute_url() for p in intention.priorities.all()), page
        assert all(commissioner.get(href).status_code == 200 for href in found)
    # Those who may not read priorities see their titles, not links that would refuse them.
    for client in (Client(), signed_in_client(demo_people["provider"]), signed_in_client(demo_people["essex-commissioner"])):
        page = client.get(public_page).content.decode()
        assert not priority_links.findall(page)
        assert intention.priorities.first().title.replace("'", "&#x27;") in page
