"""The gap and overlap arithmetic, on small examples worked by hand. No database."""

from decimal import Decimal

import pytest

from jointly.mapping import analysis as a

# A small authority: Plymouth (1) with two districts' worth of wards.
#   1 Plymouth
#   ├── 10 North district ── 11 Ward A, 12 Ward B
#   └── 20 South district ── 21 Ward C
PLACES = {
    1: a.Place(1, "E06000026", "Plymouth", "upper_tier"),
    10: a.Place(10, "E07000001", "North", "district", 1),
    20: a.Place(20, "E07000002", "South", "district", 1),
    11: a.Place(11, "E05000011", "Ward A", "ward", 10),
    12: a.Place(12, "E05000012", "Ward B", "ward", 10),
    21: a.Place(21, "E05000021", "Ward C", "ward", 20),
}
WARDS = [11, 12, 21]
LINES = a.lineage(PLACES)


def service(id, *, places, outcomes=("enjoy-and-achieve",), groups=(), approach="prevention", status="active"):
    return a.Service(id, f"Service {id}", frozenset(outcomes), frozenset(groups), frozenset(places), approach, status)


def reading(year, value):
    return a.Reading(year * 10000, f"{year}/{(year + 1) % 100:02d}", value)


def test_lineage_walks_up_to_the_authority():
    assert LINES[11] == {11, 10, 1}
    assert LINES[21] == {21, 20, 1}
    assert LINES[1] == {1}


def test_an_authority_wide_service_covers_every_ward_and_a_district_one_only_its_own():
    # Service 1 names Plymouth (an ancestor of every ward); service 2 names North (Wards A and B);
    # service 3 names Ward C itself; service 4 is closed, so provides nothing.
    services = [service(1, places={1}), service(2, places={10}), service(3, places={21}), service(4, places={1}, status="inactive")]
    assert a.provision_by_place(services, WARDS, LINES) == {11: [1, 2], 12: [1, 2], 21: [1, 3]}


@pytest.mark.parametrize(
    "polarity, value, comparator, worse",
    [
        ("higher_better", 40.0, 50.0, True),  # fewer reach the standard than across the authority
        ("higher_better", 60.0, 50.0, False),
        ("higher_better", 50.0, 50.0, False),  # equal to the authority is not need
        ("lower_better", 12.0, 10.0, True),  # more absence than across the authority
        ("lower_better", 8.0, 10.0, False),
        ("no_judgement", 8.0, 10.0, None),  # cannot be judged
    ],
)
def test_need_is_worse_than_the_authority_by_polarity(polarity, value, comparator, worse):
    assert a.is_worse(value, comparator, polarity) is worse


def test_need_compares_the_latest_value_with_the_authority_in_the_same_period():
    # Persistent absence (lower is better). Plymouth: 2022 = 20.0, 2023 = 18.0.
    # Ward A latest 2023 = 19.0 > 18.0 -> need (against 2023, not 2022's 20.0).
    # Ward B latest 2023 = 17.0 < 18.0 -> no need; its older 2022 value (25.0) is ignored.
    # Ward C has only 2021 = 30.0 and Plymouth has no 2021 value: compared with Plymouth's latest (18.0) -> need.
    indicator = a.Indicator(
        1,
        "Persistent absence",
        "lower_better",
        area_values={20220000: 20.0, 20230000: 18.0},
        readings={11: [reading(2022, 21.0), reading(2023, 19.0)], 12: [reading(2022, 25.0), reading(2023, 17.0)], 21: [reading(2021, 30.0)]},
    )
    need = a.need_by_place(indicator)
    assert (need[11].need, need[11].comparator, need[11].comparator_period_key) == (True, 18.0, 20230000)
    assert (need[12].need, need[12].comparator) == (False, 18.0)
    assert (need[21].need, need[21].comparator, need[21].comparator_period_key) == (True, 18.0, 20230000)


def test_a_suppressed_latest_value_falls_back_to_the_newest_known_one():
    indicator = a.Indicator(1, "KS2", "higher_better", area_values={20230000: 60.0}, readings={11: [reading(2023, 55.0), reading(2024, None)]})
    need = a.need_by_place(indicator)
    assert need[11].reading.period_key == 20230000 and need[11].need is True


def test_no_area_value_means_need_is_not_known():
    indicator = a.Indicator(1, "KS2", "higher_better", readings={11: [reading(2023, 55.0)]})
    assert a.need_by_place(indicator)[11].need is None


def test_need_from_several_indicators_any_need_counts():
    first = {11: a.PlaceNeed(11, reading(2023, 1), 2, 1, True), 12: a.PlaceNeed(12, reading(2023, 1), 2, 1, False)}
    second = {11: a.PlaceNeed(11, reading(2023, 1), 2, 1, False), 12: a.PlaceNeed(12, reading(2023, 1), 2, 1, None)}
    assert a.combined_need([first, second], WARDS) == {11: True, 12: False, 21: None}


def test_place_gaps_are_places_with_need_and_no_provision():
    # Ward A: need, covered -> no gap. Ward B: need, not covered -> gap. Ward C: no need, not covered -> no gap.
    need = {11: True, 12: True, 21: False}
    provision = {11: [1], 12: [], 21: []}
    assert a.place_gaps(need, provision) == [12]


def test_group_gaps_are_groups_no_active_service_names():
    # Young carers are reached by service 1; care leavers only by a closed service; disabled children by none.
    services = [service(1, places={1}, groups={"young_carers"}), service(2, places={1}, groups={"care_leavers"}, status="defunct")]
    assert a.group_gaps(["young_carers", "care_leavers", "disabled_children"], services) == ["care_leavers", "disabled_children"]


def test_overlaps_list_each_outcome_group_and_place_shared_by_two_or_more_services():
    # Outcome enjoy_and_achieve. Service 1: all Plymouth, young carers. Service 2: North, young carers and SEN.
    # Service 3: Ward C, SEN. Service 4: all Plymouth, young carers, but for another outcome (not an overlap).
    # Young carers: Ward A {1, 2}, Ward B {1, 2}, Ward C {1} -> overlaps in A and B.
    # SEN: Ward A {2}, Ward B {2}, Ward C {3} -> none.
    services = [
        service(1, places={1}, groups={"young_carers"}),
        service(2, places={10}, groups={"young_carers", "special_educational_needs"}),
        service(3, places={21}, groups={"special_educational_needs"}),
        service(4, places={1}, groups={"young_carers"}, outcomes={"be-healthy"}),
    ]
    found = a.overlaps("enjoy-and-achieve", services, WARDS, LINES)
    assert found == [
        a.Overlap("enjoy-and-achieve", "young_carers", 11, (1, 2)),
        a.Overlap("enjoy-and-achieve", "young_carers", 12, (1, 2)),
    ]


def test_services_naming_no_group_overlap_for_all_children():
    services = [service(1, places={1}), service(2, places={21}), service(3, places={21}, status="inactive")]
    assert a.overlaps("enjoy-and-achieve", services, WARDS, LINES) == [a.Overlap("enjoy-and-achieve", a.EVERYONE, 21, (1, 2))]


def test_no_outcome_or_one_no_service_names_means_no_overlaps_can_be_found():
    both = [service(1, places={1}), service(2, places={1})]
    assert a.overlaps(None, both, WARDS, LINES) == []
    # A trust's own outcome area: directory services name only the shared ones.
    assert a.overlaps("our-own-outcome", both, WARDS, LINES) == []
    assert a.overlaps("enjoy-and-achieve", both, WARDS, LINES) != []


def test_prevention_share_of_spend_and_of_services():
    # Spend: £30,000 prevention + £10,000 prevention + £60,000 intervention = £100,000; prevention 40.0%.
    # Services: 2 prevention of 3 = 66.7%.
    spend = [a.Spend(1, Decimal("30000"), "prevention"), a.Spend(2, Decimal("10000"), "prevention"), a.Spend(3, Decimal("60000"), "intervention")]
    services = [service(1, places={1}), service(2, places={1}), service(3, places={1}, approach="intervention")]
    share = a.prevention_share(spend, services)
    assert (share.spend_prevention, share.spend_total, share.spend_share) == (Decimal("40000"), Decimal("100000"), Decimal("40.0"))
    assert (share.services_prevention, share.services_total, share.services_share) == (2, 3, Decimal("66.7"))


def test_prevention_share_of_nothing_is_not_a_number():
    share = a.prevention_share([], [])
    assert share.spend_share is None and share.services_share is None


def test_spend_against_a_priority_counts_each_record_once():
    # Record 1 names the priority; record 2 a mapped service; record 3 both (counted once); record 4 neither.
    spend = [
        a.Spend(1, Decimal("100"), "prevention", priority_id=7),
        a.Spend(2, Decimal("200"), "prevention", service_id=5),
        a.Spend(3, Decimal("300"), "intervention", service_id=5, priority_id=7),
        a.Spend(4, Decimal("400"), "prevention", service_id=9),
    ]
    assert [s.id for s in a.spend_against(7, [5], spend)] == [1, 2, 3]
    assert a.cost_by_service(spend) == {5: Decimal("500"), 9: Decimal("400")}


def test_analyse_puts_need_provision_gaps_and_classes_together():
    # Priority on enjoy-and-achieve; KS2 (higher is better), Plymouth 2023 = 60.
    # Ward A 50 (need), Ward B 70 (no need), Ward C 55 (need).
    # Services: 1 covers North (A, B), prevention, young carers; 2 covers North too, intervention, young carers.
    # Ward A: need + provision -> met; Ward B: provision, no need -> provided; Ward C: need, nothing -> gap.
    indicator = a.Indicator(
        1,
        "KS2",
        "higher_better",
        area_values={20230000: 60.0},
        readings={11: [reading(2023, 50.0)], 12: [reading(2023, 70.0)], 21: [reading(2023, 55.0)]},
    )
    services = {1: service(1, places={10}, groups={"young_carers"}), 2: service(2, places={10}, groups={"young_carers"}, approach="intervention")}
    facts = a.PriorityFacts(7, "Children achieve", "enjoy-and-achieve", ("young_carers", "disabled_children"), (indicator,), (1, 2))
    spend = [a.Spend(1, Decimal("750"), "prevention", service_id=1), a.Spend(2, Decimal("250"), "intervention", priority_id=7)]
    result = a.analyse(facts, services=services, place_ids=WARDS, lines=LINES, spend=spend)
    assert result.need == {11: True, 12: False, 21: True}
    assert result.place_gaps == [21]
    assert result.group_gaps == ["disabled_children"]
    assert [(o.group, o.place_id) for o in result.overlaps] == [("young_carers", 11), ("young_carers", 12)]
    assert result.classes == {11: a.MET, 12: a.PROVIDED, 21: a.GAP}
    # £750 of £1,000 is prevention: 75.0%; one of two services: 50.0%.
    assert (result.prevention.spend_share, result.prevention.services_share) == (Decimal("75.0"), Decimal("50.0"))
