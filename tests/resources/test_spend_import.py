"""The spend CSV importer: good files stored once, broken files stored not at all."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from jointly.resources.importer import spend_import
from jointly.resources.models import SpendRecord

from ..factories import AreaFactory

HEADER = "year,partner,provider,kind,service,outcome,tier,purpose,place,amount\n"


@pytest.fixture
def place(db):
    return AreaFactory(code="E06000026", name="Plymouth place")


@pytest.fixture
def good_file(council, charity, place):
    return HEADER + (
        "2026-27,plymouth-city-council,Harbour Families,Commissioned service,Family support,,Targeted,Prevention,E06000026,12500.50\n"
        "2026-27,Plymouth City Council,plymouth-city-council,in-house,Social work,,specialist,intervention,,900000\n"
    )


def test_a_good_file_is_stored(trust, good_file, charity, place):
    result = spend_import(trust=trust, text=good_file)
    assert result.ok and result.created == 2
    record = SpendRecord.objects.get(service_name="Family support")
    assert (record.provider, record.place, record.amount, record.provider_sector) == (charity, place, Decimal("12500.50"), "vcs")
    assert record.kind == "commissioned" and record.tier == "targeted"


def test_importing_the_same_file_twice_stores_it_once(trust, good_file):
    spend_import(trust=trust, text=good_file)
    again = spend_import(trust=trust, text=good_file)
    assert (again.created, again.already_there) == (0, 2)
    assert SpendRecord.objects.count() == 2


def test_a_broken_file_is_rejected_whole_with_row_numbered_reasons(trust, council, charity, place):
    text = HEADER + (
        "2026-27,plymouth-city-council,harbour-families,grant,Good row,,universal,prevention,E06000026,100\n"
        "2026-27,Nobody Ltd,harbour-families,grant,Unknown payer,,universal,prevention,,100\n"
        "2026-27,plymouth-city-council,harbour-families,grant,Unknown place,,universal,prevention,E99999999,100\n"
        "2026-27,plymouth-city-council,harbour-families,grant,Negative,,universal,prevention,,-40\n"
        "2026/27,plymouth-city-council,harbour-families,grant,Bad year,,universal,prevention,,100\n"
        "2026-27,harbour-families,harbour-families,grant,Not a partner,,universal,prevention,,100\n"
    )
    result = spend_import(trust=trust, text=text)
    assert not result.ok
    assert result.errors == [
        "Row 3: unknown organisation 'Nobody Ltd' in the partner column",
        "Row 4: unknown area code 'E99999999'",
        "Row 5: enter the amount spent as £0 or more: refunds and clawbacks are recorded against the year they reduce, not as negative spend",
        "Row 6: enter the financial year like 2026-27",
        "Row 7: Harbour Families is not a partner in Plymouth Children's Trust",
    ]
    assert not SpendRecord.objects.exists()


def test_a_file_without_the_needed_columns_is_refused(trust):
    result = spend_import(trust=trust, text="year,amount\n2026-27,5\n")
    assert result.errors == ["Row 1: the header is missing the columns partner, provider, kind, service, tier, purpose"]


def test_progress_is_reported(trust, good_file):
    seen = []
    spend_import(trust=trust, text=good_file, progress=lambda done, total=None: seen.append((done, total)))
    assert seen[-1] == (4, 4)


def test_the_command_imports_a_file(tmp_path, trust, good_file, capsys):
    path = tmp_path / "spend.csv"
    path.write_text(good_file)
    call_command("import_spend", str(path), trust="plymouth")
    assert SpendRecord.objects.count() == 2
    assert "Imported 2 spend records" in capsys.readouterr().out


def test_the_command_refuses_a_broken_file_and_lists_every_problem(tmp_path, trust, council, capsys):
    path = tmp_path / "spend.csv"
    path.write_text(HEADER + "2026-27,plymouth-city-council,nobody,grant,X,,universal,prevention,,1\n")
    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("import_spend", str(path), trust="plymouth")
    assert "Row 2: unknown organisation 'nobody' in the provider column" in capsys.readouterr().err
    assert not SpendRecord.objects.exists()


def test_the_command_names_an_unknown_trust(tmp_path, db):
    path = tmp_path / "spend.csv"
    path.write_text(HEADER)
    with pytest.raises(CommandError, match="No trust has the slug 'atlantis'"):
        call_command("import_spend", str(path), trust="atlantis")


def test_the_optional_service_id_column_links_each_row_to_its_directory_service(trust, council, charity, charity_service):
    text = HEADER.replace("amount\n", "amount,service_id\n") + (
        f"2026-27,plymouth-city-council,harbour-families,grant,Family support,,targeted,prevention,,4000,{charity_service.uuid}\n"
        "2026-27,plymouth-city-council,harbour-families,grant,Play days,,universal,prevention,,900,\n"
    )
    result = spend_import(trust=trust, text=text)
    assert result.ok and result.created == 2
    assert SpendRecord.objects.get(service_name="Family support").service == charity_service
    assert SpendRecord.objects.get(service_name="Play days").service is None
    assert spend_import(trust=trust, text=text).already_there == 2


def test_a_row_without_a_service_id_keeps_the_hash_it_had_before_the_column_existed(trust, good_file):
    """A file imported before service_id existed, imported again with an empty service_id column, adds nothing."""
    spend_import(trust=trust, text=good_file)
    with_column = good_file.replace("amount\n", "amount,service_id\n").replace("12500.50\n", "12500.50,\n").replace("900000\n", "900000,\n")
    again = spend_import(trust=trust, text=with_column)
    assert (again.created, again.already_there) == (0, 2)


def test_an_unknown_or_wrong_service_id_refuses_the_whole_file(trust, council, charity, charity_service, care_company_service):
    text = HEADER.replace("amount\n", "amount,service_id\n") + (
        f"2026-27,plymouth-city-council,harbour-families,grant,Good row,,targeted,prevention,,4000,{charity_service.uuid}\n"
        "2026-27,plymouth-city-council,harbour-families,grant,Unknown,,targeted,prevention,,4000,6f1c2d3e-0000-4000-8000-000000000000\n"
        "2026-27,plymouth-city-council,harbour-families,grant,Not an id,,targeted,prevention,,4000,service-42\n"
        f"2026-27,plymouth-city-council,harbour-families,grant,Someone else's,,targeted,prevention,,4000,{care_company_service.uuid}\n"
    )
    result = spend_import(trust=trust, text=text)
    assert result.errors == [
        "Row 3: no service in the directory has the id '6f1c2d3e-0000-4000-8000-000000000000'",
        "Row 4: the service_id 'service-42' is not an Open Referral UK id (a UUID)",
        "Row 5: Moorview children's homes is run by Moorview Care Ltd, not by Harbour Families",
    ]
    assert not SpendRecord.objects.exists()
