"""The import run's table of moves: every move between real states, every one the services make in it."""

import pytest

from jointly.core.transitions import InvalidTransition
from jointly.needs import services
from jointly.needs.models import ImportRun

from ..transitions import assert_moves_go_between_real_states, assert_services_make_only_table_moves

S = ImportRun.Status


def test_every_move_goes_between_real_states():
    assert_moves_go_between_real_states(ImportRun)
    table = ImportRun.TRANSITIONS
    # Every finished state is reached by a move, and none is left by one: what came of an import stays.
    assert {move.target for move in table} == set(S.values) - {S.QUEUED}
    assert not {S.SUCCEEDED, S.REJECTED, S.FAILED} & {source for move in table for source in move.sources}
    assert table.editable == ()


def test_every_move_the_services_make_is_in_the_table_and_none_names_its_states():
    assert_services_make_only_table_moves([services], [ImportRun])


@pytest.mark.django_db
def test_a_finished_import_is_not_run_again(trust, analyst, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("time_period\n")
    run = ImportRun.objects.create(
        file_name="empty.csv",
        stored_path=str(path),
        sha256="0" * 64,
        format="dfe",
        spec={"indicator_columns": ["number"]},
        trust=trust,
        imported_by=analyst,
        status=S.SUCCEEDED,
    )
    with pytest.raises(
        InvalidTransition, match=("This import run is imported, so you cannot start it. You can start it only when it is waiting to start.")
    ):
        services.import_run_execute(run=run)
    run.refresh_from_db()
    assert run.status == S.SUCCEEDED and run.started_at is None
