"""Statistical neighbour lists: the CSV import, the service and the command."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from jointly.audit.models import AuditEntry
from jointly.core.errors import FieldErrors
from jointly.places.models import Area, StatisticalNeighbour
from jointly.places.rows import FileRejected
from jointly.places.selectors import neighbour_ids_for, neighbour_list
from jointly.places.services import neighbour_list_set, neighbours_import

HEADER = "authority_code,authority_name,neighbour_code,neighbour_name,rank,list_date\n"


@pytest.fixture
def authorities(db):
    """Twelve upper-tier authorities with codes E06100001…"""
    return [
        Area.objects.create(code=f"E06{100000 + n:06d}", name=f"Authority {n}", kind=Area.Kind.UPPER_TIER, boundary_year=2023) for n in range(1, 13)
    ]


def _rows(authority, neighbours, date="2023-03-31"):
    return "".join(f"{authority.code},{authority.name},{n.code},{n.name},{rank},{date}\n" for rank, n in enumerate(neighbours, start=1))


def _write(tmp_path, text):
    path = tmp_path / "neighbours.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def test_a_valid_file_is_imported_in_rank_order(tmp_path, authorities):
    first, rest = authorities[0], authorities[1:11]
    summary = neighbours_import(path=_write(tmp_path, _rows(first, rest)))
    assert (summary.lists, summary.rows) == (1, 10)
    entries = neighbour_list(authority=first)
    assert [e.neighbour for e in entries] == rest
    assert entries[0].list_date == datetime.date(2023, 3, 31)
    assert entries[0].source.startswith("neighbours.csv (sha256 ")
    assert neighbour_ids_for([first.pk]) == {first.pk: [a.pk for a in rest]}


def test_a_later_list_replaces_the_same_date_and_keeps_older_ones(tmp_path, authorities):
    first = authorities[0]
    neighbours_import(path=_write(tmp_path, _rows(first, authorities[1:11], "2022-03-31")))
    neighbours_import(path=_write(tmp_path, _rows(first, authorities[2:12], "2023-03-31")))
    assert [e.neighbour for e in neighbour_list(authority=first)] == authorities[2:12]
    assert [e.neighbour for e in neighbour_list(authority=first, on=datetime.date(2022, 12, 31))] == authorities[1:11]
    assert StatisticalNeighbour.objects.count() == 20


def test_every_bad_row_is_named_and_nothing_is_saved(tmp_path, authorities):
    first = authorities[0]
    good = _rows(first, authorities[1:11]).splitlines(keepends=True)
    good[1] = good[1].replace(authorities[2].code, "E0610000X")  # row 3: not a code
    good[2] = good[2].replace(",3,", ",11,")  # row 4: rank out of range
    good[3] = good[3].replace("2023-03-31", "31st March")  # row 5: not a date
    good[4] = good[4].replace(authorities[5].code, first.code)  # row 6: itself
    good[5] = good[5].replace(authorities[6].code, "E06999999")  # row 7: unknown
    good[6] = good[6].replace(authorities[7].code, authorities[1].code)  # row 8: listed twice
    with pytest.raises(FileRejected) as rejected:
        neighbours_import(path=_write(tmp_path, "".join(good)))
    found = [(e.row, e.column) for e in rejected.value.errors]
    assert found[:6] == [
        (3, "neighbour_code"),
        (4, "rank"),
        (5, "list_date"),
        (6, "neighbour_code"),
        (7, "neighbour_code"),
        (8, "neighbour_code"),
    ]
    assert "listed on row 2" in rejected.value.errors[5].message
    assert found[-1] == (2, "rank") and "needs ten neighbours" in rejected.value.errors[-1].message
    assert not StatisticalNeighbour.objects.exists()


def test_a_missing_column_is_named_on_row_one(tmp_path, db):
    path = tmp_path / "n.csv"
    path.write_text("authority_code,neighbour_code,rank\n", encoding="utf-8")
    with pytest.raises(FileRejected) as rejected:
        neighbours_import(path=path)
    assert [(e.row, e.column) for e in rejected.value.errors] == [(1, "list_date")]


def test_the_same_list_again_records_nothing(authorities):
    first, rest = authorities[0], authorities[1:11]
    neighbour_list_set(authority=first, neighbours=rest, list_date=datetime.date(2023, 3, 31))
    entries = AuditEntry.objects.count()
    neighbour_list_set(authority=first, neighbours=rest, list_date=datetime.date(2023, 3, 31))
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda a: a[1:10], "Choose 10 neighbours"),
        (lambda a: [a[0], *a[2:11]], "cannot be its own neighbour"),
        (lambda a: [a[1], *a[1:10]], "is already rank 1"),
    ],
)
def test_a_list_must_be_ten_other_different_authorities(authorities, change, message):
    with pytest.raises(FieldErrors, match=message):
        neighbour_list_set(authority=authorities[0], neighbours=change(authorities), list_date=datetime.date(2023, 3, 31))


def test_the_command_reports_rows_and_fails(tmp_path, authorities, capsys):
    path = _write(tmp_path, _rows(authorities[0], authorities[1:10]))
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_neighbours", str(path))
    assert "Row 2, column 'rank'" in capsys.readouterr().err
    good = _write(tmp_path, _rows(authorities[0], authorities[1:11]))
    call_command("import_neighbours", str(good))
    assert "Imported 1 neighbour lists (10 rows)." in capsys.readouterr().out
