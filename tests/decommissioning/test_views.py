"""Decommissioning pages: each step for the right person, another trust's staff (404), a provider (only
once notice is given), anyone signed out; the steps through their services; query counts on the lists."""

import datetime

import pytest
from django.urls import reverse

from jointly.contracts.models import Contract
from jointly.decommissioning.models import Decommissioning

from ..conftest import signed_in_client
from .factories import prepared, running_contract, signed_off

pytestmark = pytest.mark.django_db

STEPS = ("detail", "case", "impact", "staff", "exit-plan", "submit", "withdraw")


@pytest.fixture
def contract(trust, provider_org):
    return running_contract(trust, provider_org, ends_on=datetime.date(2030, 3, 31))


@pytest.fixture
def case(contract, commissioner):
    return prepared(contract, commissioner)


def test_staff_pages_for_each_person(trust, case, commissioner_client, other_commissioner_client, provider_client, board_member, anonymous_client):
    board = signed_in_client(board_member)
    for name in STEPS:
        url = reverse(f"decommissioning:{name}", args=[case.pk])
        got = (commissioner_client.get(url).status_code, other_commissioner_client.get(url).status_code, provider_client.get(url).status_code)
        # The provider does not see a case being prepared; a board member reads it and does not edit it.
        assert got == (200, 404, 404), name
        assert board.get(url).status_code == (200 if name == "detail" or name == "exit-plan" else 403), name
        assert anonymous_client.get(url).status_code == 302, name
    listed = reverse("decommissioning:list", args=[trust.slug])
    assert (
        commissioner_client.get(listed).status_code,
        other_commissioner_client.get(listed).status_code,
        provider_client.get(listed).status_code,
    ) == (200, 404, 403)
    start = reverse("decommissioning:start", args=[case.contract_id])
    assert (commissioner_client.get(start).status_code, board.get(start).status_code, provider_client.get(start).status_code) == (200, 403, 403)


def test_the_steps_page_by_page(case, commissioner, commissioner_client, board_member, second_board_member):
    assert commissioner_client.post(reverse("decommissioning:submit", args=[case.pk])).status_code == 302
    sign = reverse("decommissioning:sign-off", args=[case.pk])
    assert commissioner_client.get(sign).status_code == 403
    assert signed_in_client(board_member).post(sign, {"kind": "board"}).status_code == 302
    assert signed_in_client(second_board_member).post(sign, {"kind": "senior"}).status_code == 302
    notice = reverse("decommissioning:notice", args=[case.pk])
    short = commissioner_client.post(
        notice,
        {"notice_given_on_0": "1", "notice_given_on_1": "1", "notice_given_on_2": "2028", "ends_on_0": "1", "ends_on_1": "2", "ends_on_2": "2028"},
    )
    assert short.status_code == 200 and "at least the contract&#x27;s 90 days" in short.content.decode()
    assert commissioner_client.post(notice, {"notice_given_on_0": "1", "notice_given_on_1": "1", "notice_given_on_2": "2028"}).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.ends_on, case.contract.status) == (
        Decommissioning.Status.IN_NOTICE,
        datetime.date(2028, 3, 31),
        Contract.Status.IN_NOTICE,
    )


def test_notice_without_the_steps_is_refused_on_the_page(contract, commissioner, commissioner_client):
    from jointly.decommissioning.services.decommissionings import decommissioning_start

    case = decommissioning_start(contract=contract, by=commissioner, reason="need_changed")
    page = commissioner_client.post(
        reverse("decommissioning:notice", args=[case.pk]), {"notice_given_on_0": "1", "notice_given_on_1": "1", "notice_given_on_2": "2028"}
    )
    assert page.status_code == 200 and "Notice can be given only after the decommissioning steps" in page.content.decode()


def test_the_provider_sees_the_notice_and_the_exit_plan_once_given(
    case, commissioner, board_member, second_board_member, provider_client, other_provider_client
):
    from jointly.decommissioning.services.decommissionings import decommissioning_give_notice

    signed_off(case, second_board_member, board_member)
    decommissioning_give_notice(decommissioning=case, by=commissioner, given_on=datetime.date(2028, 1, 1))
    page = provider_client.get(reverse("decommissioning:detail", args=[case.pk]))
    assert page.status_code == 200 and "31 March 2028" in page.content.decode() and "YC-0001" in page.content.decode()
    assert "A small charity" not in page.content.decode()  # the impact assessment is the trust's
    assert provider_client.get(reverse("decommissioning:mine")).status_code == 200
    assert provider_client.post(reverse("decommissioning:exit-plan", args=[case.pk]), {"form": "add"}).status_code == 403
    assert other_provider_client.get(reverse("decommissioning:detail", args=[case.pk])).status_code == 404


def test_the_lists_take_a_fixed_number_of_queries(trust, provider_org, commissioner, commissioner_client, django_assert_max_num_queries):
    for _ in range(3):
        prepared(running_contract(trust, provider_org), commissioner)
    with django_assert_max_num_queries(12):
        assert commissioner_client.get(reverse("decommissioning:list", args=[trust.slug])).status_code == 200
