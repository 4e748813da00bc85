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


def test_need_from_several_indicators_any_need_counts_and_no_need_only_when_every_one_says_so():
    """Two indicators, three wards.

    Ward A: first shows need, second none           -> need (any need counts).
    Ward B: first shows none, second cannot judge   -> not known (the second might show need).
    Ward C: first shows none, second shows none     -> no need.
    Ward D (id 99): neither has a value             -> not known.
    """
    first = {
        11: a.PlaceNeed(11, reading(2023, 1), 2, 1, True),
        12: a.PlaceNeed(12, reading(2023, 1), 2, 1, False),
        21: a.PlaceNeed(21, reading(2023, 1), 2, 1, False),
    }
    second = {
        11: a.PlaceNeed(11, reading(2023, 1), 2, 1, False),
        12: a.PlaceNeed(12, reading(2023, 1), 2, 1, None),
        21: a.PlaceNeed(21, reading(2023, 1), 2, 1, False),
    }
    assert a.combined_need([first, second], [*WARDS, 99]) == {11: True, 12: None, 21: False, 99: None}
    # A ward missing from one indicator's table has no value there: not known either.
    assert a.combined_need([first, {11: second[11]}], [12]) == {12: None}
    # No indicator that can judge: nothing is known.
    assert a.combined_need([], WARDS) == {11: None, 12: None, 21: None}


def test_a_place_is_a_gap_only_with_need_and_no_provision_and_unknown_whatever_its_provision():
    # Need, covered -> met. Need, not covered -> gap. No need -> provided or neither. Not known -> unknown, covered or not.
    assert [a.place_class(True, True), a.place_class(True, False)] == [a.MET, a.GAP]
    assert [a.place_class(False, True), a.place_class(False, False)] == [a.PROVIDED, a.NEITHER]
    assert [a.place_class(None, True), a.place_class(None, False)] == [a.UNKNOWN, a.UNKNOWN]


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


def test_spend_against_a_priority_is_the_spend_on_its_services():
    """Priority 7's services: 5. Four records.

    1: names the priority, no service  -> other spend naming the priority (£100), not its services' spend.
    2: service 5                        -> its spend (£200).
    3: service 5 and the priority       -> its spend (£300), counted once.
    4: service 9 only                   -> neither.
    So its spend is £500, which is exactly service 5's cost: the headline and the services' table agree.
    """
    spend = [
        a.Spend(1, Decimal("100"), "prevention", priority_id=7),
        a.Spend(2, Decimal("200"), "prevention", service_id=5),
        a.Spend(3, Decimal("300"), "intervention", service_id=5, priority_id=7),
        a.Spend(4, Decimal("400"), "prevention", service_id=9),
    ]
    assert [s.id for s in a.spend_against([5], spend)] == [2, 3]
    assert [s.id for s in a.spend_elsewhere(7, [5], spend)] == [1]
    assert a.cost_by_service(spend) == {5: Decimal("500"), 9: Decimal("400")}
    assert sum(s.amount for s in a.spend_against([5], spend)) == a.cost_by_service(spend)[5]


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
    # Its spend is the £750 on service 1 (prevention): 100.0%; the £250 naming only the priority is apart.
    # One of two services is prevention: 50.0%.
    assert (result.prevention.spend_total, result.prevention.spend_share, result.prevention.services_share) == (
        Decimal("750"),
        Decimal("100.0"),
        Decimal("50.0"),
    )
    assert result.other_spend_total == Decimal("250")
    assert result.class_counts == {a.GAP: 1, a.MET: 1, a.PROVIDED: 1, a.NEITHER: 0, a.UNKNOWN: 0}


# --- Need not known is never "no gap" ----------------------------------------------


def ks2(readings, area=60.0):
    return a.Indicator(1, "KS2", "higher_better", area_values={20230000: area}, readings=readings)


def test_a_place_whose_need_is_not_known_is_neither_a_gap_nor_no_gap():
    """KS2 (higher is better), Plymouth 2023 = 60. Ward A 50 (need), Ward B no value, Ward C 70 (no need).

    No service at all. Ward A: need, nothing -> gap. Ward B: not known -> unknown, not a gap and not "neither".
    Ward C: no need, nothing -> neither. Counts: 1 gap, 1 neither, 1 unknown; gaps are known (two wards judged).
    """
    facts = a.PriorityFacts(7, "Children achieve", "enjoy-and-achieve", (), (ks2({11: [reading(2023, 50.0)], 21: [reading(2023, 70.0)]}),), ())
    result = a.analyse(facts, services={}, place_ids=WARDS, lines=LINES, spend=[])
    assert result.classes == {11: a.GAP, 12: a.UNKNOWN, 21: a.NEITHER}
    assert result.place_gaps == [11] and result.unknown_places == [12]
    assert result.class_counts == {a.GAP: 1, a.MET: 0, a.PROVIDED: 0, a.NEITHER: 1, a.UNKNOWN: 1}
    assert result.places_known


def test_when_no_wards_need_is_known_the_gaps_are_not_known_rather_than_none():
    """The same priority with no ward values at all: every ward is unknown, so the gaps are not known (not 0)."""
    facts = a.PriorityFacts(7, "Children achieve", "enjoy-and-achieve", (), (ks2({}),), ())
    result = a.analyse(facts, services={}, place_ids=WARDS, lines=LINES, spend=[])
    assert result.place_gaps == [] and result.unknown_places == WARDS
    assert not result.places_known


def test_an_indicator_with_no_polarity_is_left_out_of_the_verdict():
    """KS2 says Ward A 70 against 60: no need. A second indicator has no polarity, so it cannot judge.

    Left out, Ward A shows no need; counted, it would make every ward unknown for ever.
    """
    facts = a.PriorityFacts(
        7,
        "Children achieve",
        "enjoy-and-achieve",
        (),
        (ks2({11: [reading(2023, 70.0)]}), a.Indicator(2, "Pupils", "no_judgement", {20230000: 10.0}, {11: [reading(2023, 9.0)]})),
        (),
    )
    result = a.analyse(facts, services={}, place_ids=[11], lines=LINES, spend=[])
    assert result.need == {11: False}


# --- A service counts for every priority it serves ---------------------------------


def test_a_service_mapped_under_one_priority_counts_for_another_with_the_same_outcome_and_group():
    """Two priorities on enjoy-and-achieve for young carers: 7 "Attendance" and 8 "Attainment".

    Service 1 (young carers, all Plymouth) is mapped only under 7. Service 2 (care leavers) only under 7.
    Service 3 (young carers, but be-healthy) only under 9, another priority.
    For 8: service 1 counts (same outcome, names young carers); 2 does not (another group); 3 does not (another outcome).
    So priority 8 has no group gap and no ward gap, and its spend is service 1's £500.
    """
    s1 = a.Service(
        1,
        "Young carers hub",
        frozenset({"enjoy-and-achieve"}),
        frozenset({"young_carers"}),
        frozenset({1}),
        "prevention",
        priority_ids=frozenset({7}),
    )
    s2 = a.Service(
        2,
        "Leaving care team",
        frozenset({"enjoy-and-achieve"}),
        frozenset({"care_leavers"}),
        frozenset({1}),
        "prevention",
        priority_ids=frozenset({7}),
    )
    s3 = a.Service(
        3, "Carers' health", frozenset({"be-healthy"}), frozenset({"young_carers"}), frozenset({1}), "prevention", priority_ids=frozenset({9})
    )
    services = {1: s1, 2: s2, 3: s3}
    need = ks2({11: [reading(2023, 50.0)], 12: [reading(2023, 50.0)], 21: [reading(2023, 50.0)]})
    attainment = a.PriorityFacts(8, "Attainment", "enjoy-and-achieve", ("young_carers",), (need,), ())
    spend = [a.Spend(1, Decimal("500"), "prevention", service_id=1), a.Spend(2, Decimal("300"), "prevention", service_id=2)]
    result = a.analyse(attainment, services=services, place_ids=WARDS, lines=LINES, spend=spend)
    assert [s.id for s in result.services] == [1] and result.through_ids == {1}
    assert result.group_gaps == [] and result.place_gaps == []
    assert result.classes == {11: a.MET, 12: a.MET, 21: a.MET}
    assert result.prevention.spend_total == Decimal("500")


@pytest.mark.parametrize(
    ("outcomes", "groups", "wanted", "serves"),
    [
        ({"enjoy-and-achieve"}, {"young_carers"}, ("young_carers", "care_leavers"), True),  # one group is enough
        ({"enjoy-and-achieve"}, {"young_carers"}, ("care_leavers",), False),
        ({"be-healthy"}, {"young_carers"}, ("young_carers",), False),  # another outcome
        ({"enjoy-and-achieve"}, set(), (), True),  # for everyone serves a priority for everyone
        ({"enjoy-and-achieve"}, set(), ("young_carers",), False),  # but names no priority's group
        ({"enjoy-and-achieve"}, {"young_carers"}, (), False),  # a group service is not a priority for everyone
    ],
)
def test_serves_needs_the_outcome_and_one_of_the_groups(outcomes, groups, wanted, serves):
    s = a.Service(1, "S", frozenset(outcomes), frozenset(groups), frozenset({1}), "prevention", priority_ids=frozenset({7}))
    assert a.serves(s, "enjoy-and-achieve", wanted) is serves


def test_a_service_on_the_map_under_no_priority_counts_for_none():
    """Service 1 serves priority 8's outcome and group but is on the map under no current priority: it is not counted."""
    s1 = a.Service(1, "Hub", frozenset({"enjoy-and-achieve"}), frozenset({"young_carers"}), frozenset({1}), "prevention")
    facts = a.PriorityFacts(8, "Attainment", "enjoy-and-achieve", ("young_carers",), (), ())
    assert a.analyse(facts, services={1: s1}, place_ids=WARDS, lines=LINES, spend=[]).services == []
