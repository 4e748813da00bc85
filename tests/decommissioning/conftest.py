import pytest

from jointly.accounts.models import Role

from ..conftest import _person


@pytest.fixture
def second_board_member(trust):
    return _person(Role.BOARD_MEMBER, trust, full_name="Ruth Senior")
