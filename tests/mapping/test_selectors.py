"""The map's facts read from the database give the hand-worked answers (see conftest.py)."""

from decimal import Decimal

from jointly.mapping import analysis, selectors


def test_the_small_map_reads_back_as_worked_by_hand(trust, small_map, priority, wards):
    facts = selectors.map_facts(trust=trust)
    assert facts.year == "2026-27"
    assert sorted(facts.ward_ids) == sorted(w.pk for w in wards)
    result = facts.analyse(priority.pk)
    a, b, c = (w.pk for w in wards)
    assert result.need == {a: True, b: False, c: True}
    club, council = small_map["services"]
    assert {k: set(v) for k, v in result.provision.items()} == {a: {club.pk, council.pk}, b: {club.pk, council.pk}, c: set()}
    assert result.place_gaps == [c]
    assert result.group_gaps == ["disabled_children"]
    assert {(o.group, o.place_id) for o in result.overlaps} == {("young_carers", a), ("young_carers", b)}
    assert result.classes == {a: analysis.MET, b: analysis.PROVIDED, c: analysis.GAP}
    assert (result.prevention.spend_total, result.prevention.spend_share) == (Decimal("1000.00"), Decimal("75.0"))
    assert result.prevention.services_share == Decimal("50.0")
    assert facts.cost == {club.pk: Decimal("750.00")}


def test_judged_counts_split_in_house_from_contracted(trust, small_map, commissioner):
    from jointly.mapping import services

    services.judgement_record(entry=small_map["entries"][1], rating="promising", evidence_summary="An evaluation in 2025.", by=commissioner)
    facts = selectors.map_facts(trust=trust)
    assert selectors.judged_counts(facts) == {"in_house": {"mapped": 1, "judged": 1}, "contracted": {"mapped": 1, "judged": 0}}


def test_a_region_wide_service_covers_the_trusts_wards(trust, wards, priority, ks2, commissioner):
    from jointly.mapping import services

    from ..factories import AreaFactory
    from .factories import directory_service

    region = AreaFactory(code="E12000009", name="South West", kind="region")
    trust.area.parent = region
    trust.area.save()
    service = directory_service(trust=trust, areas=[region])
    services.map_entry_create(trust=trust, service=service, priorities=[priority], by=commissioner)
    result = selectors.map_facts(trust=trust).analyse(priority.pk)
    assert all(result.provision[w.pk] == [service.pk] for w in wards)


def test_candidate_services_are_partners_or_local_and_not_yet_mapped(trust, other_trust, small_map, wards):
    from .factories import directory_service

    local_stranger = directory_service(areas=[wards[2]], name="Local group elsewhere registered")
    far_away = directory_service(areas=[other_trust.area], name="Essex service")
    candidates = set(selectors.candidate_services(trust=trust))
    assert local_stranger in candidates
    assert far_away not in candidates
    assert not candidates & set(small_map["services"])
