"""An account's table of moves (active, deactivated), and edits that can never make a deactivated account active again."""

import pytest

from jointly.accounts import services
from jointly.accounts.models import Role, User
from jointly.accounts.permissions import Perm
from jointly.core.transitions import StaleEdit, version_of

from ..transitions import assert_services_make_only_table_moves

pytestmark = pytest.mark.django_db


def test_every_move_goes_between_real_states():
    table = User.TRANSITIONS
    states = {value for value, _ in User._meta.get_field(table.field).choices}
    assert table.field == "is_active" and states == {True, False}
    assert {move.name: (move.sources, move.target) for move in table} == {
        "deactivate": ((True,), False),
        "reactivate": ((False,), True),
    }
    assert set(table.editable) == states
    # Named by its value in models.py, which permissions.py imports: it must stay the permission the pages check.
    assert {move.perm for move in table} == {Perm.USER_MANAGE}


def test_every_move_the_services_make_is_in_the_table_and_none_names_its_states():
    assert_services_make_only_table_moves([services], [User])


def _stored(user) -> User:
    return User.objects.get(pk=user.pk)


def test_a_stale_copy_cannot_reactivate_an_account_or_bring_back_its_sessions(provider_user, administrator):
    stale = User.objects.get(pk=provider_user.pk)
    services.person_deactivate(user=provider_user, by=administrator, reason="Left the organisation")
    ended = _stored(provider_user).session_version
    assert stale.is_active and stale.session_version != ended  # the copy still says active
    services.person_update(user=stale, role=Role.EVALUATOR, organisation=None, trusts=[], by=administrator)
    stored = _stored(provider_user)
    assert stored.role == Role.EVALUATOR
    assert (stored.is_active, stored.session_version) == (False, ended)


def test_setting_a_password_from_a_stale_copy_leaves_the_account_deactivated(provider_user, administrator):
    stale = User.objects.get(pk=provider_user.pk)
    services.person_deactivate(user=provider_user, by=administrator, reason="Left")
    services.password_set(user=stale, password="violet-harbour-lantern-42")
    assert _stored(provider_user).is_active is False


def test_an_account_changed_since_its_form_was_shown_is_refused(provider_user, trust, administrator):
    version = version_of(provider_user)
    services.person_update(user=provider_user, role=Role.BOARD_MEMBER, trusts=[trust], by=administrator)
    with pytest.raises(StaleEdit, match="Someone else changed this account while you were editing it"):
        services.person_update(user=provider_user, role=Role.EVALUATOR, trusts=[trust], by=administrator, version=version)
    assert _stored(provider_user).role == Role.BOARD_MEMBER
