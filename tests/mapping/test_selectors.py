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
    # The priority's spend is the spend on its services (£750, prevention); the £250 naming only the priority is apart.
    assert (result.prevention.spend_total, result.prevention.spend_share) == (Decimal("750.00"), Decimal("100.0"))
    assert result.other_spend_total == Decimal("250.00")
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


def test_in_house_is_every_statutory_partners_service(trust, wards, priority, commissioner):
    """Five services, one each from a school, the police, the youth offending team, the NHS and a charity.

    The first four are statutory partners' own services: in-house. The charity's is contracted.
    So the judged counts read 4 in-house mapped and 1 contracted (none judged yet).
    """
    from jointly.mapping import services
    from jointly.partnerships.models import Sector

    from .factories import directory_service

    for sector in (Sector.SCHOOL, Sector.POLICE, Sector.YOUTH_JUSTICE, Sector.NHS, Sector.VCS):
        service = directory_service(trust=trust, areas=[trust.area], sector=sector, name=f"Service of {sector}")
        services.map_entry_create(trust=trust, service=service, priorities=[priority], by=commissioner)
    facts = selectors.map_facts(trust=trust)
    assert {s.name: s.in_house for s in facts.services.values()} == {
        "Service of school": True,
        "Service of police": True,
        "Service of youth_justice": True,
        "Service of nhs": True,
        "Service of vcs": False,
    }
    assert selectors.judged_counts(facts) == {"in_house": {"mapped": 4, "judged": 0}, "contracted": {"mapped": 1, "judged": 0}}


def test_a_service_counts_for_a_twin_priority_in_the_database(trust, small_map, priority, wards, ks2, commissioner):
    """A second priority, "Young carers achieve" (enjoy and achieve, for young carers), with no service mapped to it.

    Both small-map services name young carers and enjoy and achieve, and are mapped under "Children achieve":
    so both count for the twin. Ward C (need, not covered) is its one ward gap, as for the first priority;
    its spend is the homework club's £750; nothing names the twin, so it has no other spend.
    """
    from jointly.mapping import services

    from ..assessment.factories import PriorityFactory, PriorityTargetFactory, outcome

    twin = PriorityFactory(trust=trust, title="Young carers achieve", outcome_area=outcome("enjoy-and-achieve"))
    PriorityTargetFactory(priority=twin, indicator=ks2)
    services.priority_groups_set(priority=twin, groups=["young_carers"], by=commissioner)
    result = selectors.map_facts(trust=trust).analyse(twin.pk)
    club, council = small_map["services"]
    assert {s.id for s in result.services} == {club.pk, council.pk} == set(result.through_ids)
    assert result.place_gaps == [wards[2].pk] and result.group_gaps == []
    assert result.prevention.spend_total == Decimal("750.00") and result.other_spend == []
