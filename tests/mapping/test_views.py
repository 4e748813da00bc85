"""The map pages: who may see and change them, what they show, and that their query count does not grow with rows."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from jointly.mapping.models import EfficacyJudgement, MapEntry, PriorityGroup

from ..assessment.factories import EvidenceFactory, PriorityFactory, outcome
from ..conftest import signed_in_client
from .factories import directory_service, ward


def _urls(trust, priority, entry):
    return {
        "map": reverse("mapping:map", args=[trust.slug]),
        "priority": reverse("mapping:priority", args=[trust.slug, priority.pk]),
        "service": reverse("mapping:service", args=[trust.slug, entry.pk]),
    }


def _manage_urls(trust, priority, entry):
    return {
        "service-add": reverse("mapping:service-add", args=[trust.slug]),
        "service-priorities": reverse("mapping:service-priorities", args=[trust.slug, entry.pk]),
        "priority-groups": reverse("mapping:priority-groups", args=[trust.slug, priority.pk]),
        "judgement-add": reverse("mapping:judgement-add", args=[trust.slug, entry.pk]),
        "service-remove": reverse("mapping:service-remove", args=[trust.slug, entry.pk]),
    }


READERS = ["commissioner", "analyst", "board_member", "evaluator", "regional_lead", "administrator"]
MANAGERS = ["commissioner", "analyst", "administrator"]
NOT_MANAGERS = ["board_member", "evaluator", "regional_lead"]


@pytest.mark.parametrize("who", READERS)
def test_staff_with_the_map_permission_see_every_map_page(request, who, trust, small_map, priority):
    client = signed_in_client(request.getfixturevalue(who))
    for name, url in _urls(trust, priority, small_map["entries"][0]).items():
        assert client.get(url).status_code == 200, name


@pytest.mark.parametrize("who", MANAGERS)
def test_people_who_manage_the_map_see_every_form(request, who, trust, small_map, priority):
    client = signed_in_client(request.getfixturevalue(who))
    for name, url in _manage_urls(trust, priority, small_map["entries"][0]).items():
        assert client.get(url).status_code == 200, name


@pytest.mark.parametrize("who", NOT_MANAGERS)
def test_readers_are_refused_the_forms_with_the_reason(request, who, trust, small_map, priority):
    client = signed_in_client(request.getfixturevalue(who))
    for name, url in _manage_urls(trust, priority, small_map["entries"][0]).items():
        response = client.get(url)
        assert response.status_code == 403, name
        assert "cannot map services to priorities" in response.content.decode()
        assert client.post(url, {}).status_code == 403


def test_a_provider_is_refused_every_page(provider_client, trust, small_map, priority):
    urls = {**_urls(trust, priority, small_map["entries"][0]), **_manage_urls(trust, priority, small_map["entries"][0])}
    for name, url in urls.items():
        assert provider_client.get(url).status_code == 403, name


@pytest.mark.parametrize("who", ["other_commissioner", "other_region_lead"])
def test_another_trusts_people_get_not_found(request, who, trust, small_map, priority):
    client = signed_in_client(request.getfixturevalue(who))
    urls = {**_urls(trust, priority, small_map["entries"][0]), **_manage_urls(trust, priority, small_map["entries"][0])}
    for name, url in urls.items():
        assert client.get(url).status_code == 404, name


def test_anonymous_people_are_sent_to_sign_in(anonymous_client, trust, small_map, priority):
    urls = {**_urls(trust, priority, small_map["entries"][0]), **_manage_urls(trust, priority, small_map["entries"][0])}
    for name, url in urls.items():
        response = anonymous_client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL)), name


def test_another_trusts_priority_or_entry_under_this_trusts_address_is_not_found(
    commissioner_client, trust, other_trust, small_map, other_commissioner
):
    from jointly.mapping import services

    theirs = PriorityFactory(trust=other_trust)
    service = directory_service(trust=other_trust, areas=[other_trust.area])
    entry = services.map_entry_create(trust=other_trust, service=service, priorities=[theirs], by=other_commissioner)
    assert commissioner_client.get(reverse("mapping:priority", args=[trust.slug, theirs.pk])).status_code == 404
    assert commissioner_client.get(reverse("mapping:service", args=[trust.slug, entry.pk])).status_code == 404
    assert commissioner_client.get(reverse("mapping:judgement-add", args=[trust.slug, entry.pk])).status_code == 404


def test_the_map_shows_each_priority_with_its_gaps_overlaps_and_prevention_share(commissioner_client, trust, small_map):
    page = commissioner_client.get(reverse("mapping:map", args=[trust.slug])).content.decode()
    assert "Children achieve" in page
    # 1 ward gap + 1 group gap = 2 gaps; 2 overlaps (young carers in Wards A and B); spend on its services £750,
    # all prevention (100.0%); 50.0% of services.
    row = page.split("Children achieve")[1].split("</tr>")[0]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[:-1]]
    assert cells == ["2", "£750", "2", "2", "100.0%", "50.0%"]
    assert "In-house services judged" in page and "0 of 1" in page
    assert "Homework club" in page and "£750" in page


def test_the_priority_map_shows_need_gaps_overlaps_and_the_ward_map_table(commissioner_client, trust, small_map, priority):
    page = commissioner_client.get(reverse("mapping:priority", args=[trust.slug, priority.pk])).content.decode()
    assert "worse than Plymouth's own value for the same period" in page
    gaps = page.split("Wards with need and no mapped service</h3>")[1].split("</ul>")[0]
    assert "Ward C" in gaps and "Ward A" not in gaps
    assert "Disabled children and young people" in page.split("no mapped service names</h3>")[1].split("</ul>")[0]
    overlaps = page.split('<h2 class="govuk-heading-m">Overlaps</h2>')[1].split("</table>")[0]
    assert "Young carers" in overlaps and "Ward A, Ward B" in overlaps
    assert "50 in 2023/24 against 60: <strong>need</strong>" in page
    # No ward has a shape in this test, so the table stands alone.
    assert "No ward boundaries are held" in page


def test_the_ward_map_is_drawn_when_wards_have_shapes(commissioner_client, trust, small_map, priority, wards):
    for n, area in enumerate(wards):
        area.shape = {"type": "Polygon", "coordinates": [[[n, 50], [n + 1, 50], [n + 1, 51], [n, 51], [n, 50]]]}
        area.save()
    page = commissioner_client.get(reverse("mapping:priority", args=[trust.slug, priority.pk])).content.decode()
    assert '<svg role="img" aria-label="Map of' in page
    assert "<title>Ward C: Need, and no mapped service covers it (a gap)</title>" in page
    assert "Need, and no mapped service covers it (a gap): 1 ward" in page


def test_the_service_page_shows_the_current_and_earlier_judgements_with_evidence(commissioner_client, trust, small_map, commissioner):
    import datetime

    from django.utils import timezone

    from jointly.mapping import services

    entry = small_map["entries"][1]
    item = EvidenceFactory(trust=trust, title="Evaluation of the young carers service")
    services.judgement_record(
        entry=entry, rating="no_evidence_yet", evidence_summary="New service.", by=commissioner, at=timezone.now() - datetime.timedelta(days=400)
    )
    services.judgement_record(entry=entry, rating="promising", evidence_summary="Attendance up by a fifth.", evidence=[item], by=commissioner)
    page = commissioner_client.get(reverse("mapping:service", args=[trust.slug, entry.pk])).content.decode()
    assert "Current judgement: Promising" in page
    assert "Evaluation of the young carers service" in page
    assert "Earlier judgements" in page and "No evidence yet" in page
    assert "in-house: a statutory partner" in page


def test_mapping_a_service_through_the_form(commissioner_client, trust, small_map, priority, wards):
    service = directory_service(trust=trust, areas=[wards[2]], name="Ward C reading club")
    url = reverse("mapping:service-add", args=[trust.slug])
    assert "Ward C reading club" in commissioner_client.get(url).content.decode()
    response = commissioner_client.post(url, {"service": service.pk, "priorities": [priority.pk], "note": "Fills the Ward C gap"})
    entry = MapEntry.objects.get(trust=trust, service=service)
    assert response.status_code == 302 and response["Location"] == reverse("mapping:service", args=[trust.slug, entry.pk])
    assert list(entry.priorities.all()) == [priority]


def test_empty_forms_show_the_error_summary_and_save_nothing(commissioner_client, trust, small_map, priority):
    entry = small_map["entries"][0]
    cases = [
        ("mapping:service-add", [trust.slug], ["Select the service to add to the map", "Select at least one priority the service serves"]),
        ("mapping:service-priorities", [trust.slug, entry.pk], ["Select at least one priority the service serves"]),
        (
            "mapping:judgement-add",
            [trust.slug, entry.pk],
            ["Select how strong the evidence is that the service works", "Enter the evidence the judgement rests on"],
        ),
    ]
    for name, args, errors in cases:
        page = commissioner_client.post(reverse(name, args=args), {}).content.decode()
        assert "govuk-error-summary" in page, name
        for error in errors:
            assert error in page, name
    assert EfficacyJudgement.objects.count() == 0
    assert list(entry.priorities.all()) == [priority]


def test_setting_a_prioritys_groups_and_recording_a_judgement(commissioner_client, trust, small_map, priority):
    url = reverse("mapping:priority-groups", args=[trust.slug, priority.pk])
    response = commissioner_client.post(url, {"groups": ["care_leavers"]})
    assert response.status_code == 302
    assert list(PriorityGroup.objects.filter(priority=priority).values_list("group", flat=True)) == ["care_leavers"]
    # Saving none is allowed: the priority is for all children.
    commissioner_client.post(url, {})
    assert not PriorityGroup.objects.filter(priority=priority).exists()
    entry = small_map["entries"][0]
    response = commissioner_client.post(
        reverse("mapping:judgement-add", args=[trust.slug, entry.pk]), {"rating": "strong", "evidence_summary": "A randomised trial."}
    )
    assert response.status_code == 302
    assert entry.judgements.get().rating == "strong"


def test_changing_a_services_priorities(commissioner_client, trust, small_map, priority):
    other = PriorityFactory(trust=trust, title="Second priority")
    entry = small_map["entries"][0]
    url = reverse("mapping:service-priorities", args=[trust.slug, entry.pk])
    response = commissioner_client.post(url, {"priorities": [other.pk], "note": "Moved"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert list(entry.priorities.all()) == [other] and entry.note == "Moved"


def _grow(trust, priority, wards, commissioner, count):
    from jointly.mapping import services

    for n in range(count):
        service = directory_service(
            trust=trust, areas=[wards[n % len(wards)]], groups=["young_carers", "neet"], outcomes=["enjoy-and-achieve", "be-healthy"]
        )
        entry = services.map_entry_create(trust=trust, service=service, priorities=[priority, PriorityFactory(trust=trust)], by=commissioner)
        services.judgement_record(entry=entry, rating="mixed", evidence_summary="Some.", by=commissioner)


@pytest.mark.parametrize("name", ["mapping:map", "mapping:priority"])
def test_the_map_pages_query_count_does_not_grow_with_rows(
    commissioner_client, trust, small_map, priority, wards, commissioner, django_assert_max_num_queries, name
):
    args = [trust.slug] if name == "mapping:map" else [trust.slug, priority.pk]
    url = reverse(name, args=args)
    commissioner_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        commissioner_client.get(url)
    _grow(trust, priority, wards + [ward(trust.area, f"Extra {n}", 100 + n) for n in range(5)], commissioner, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert commissioner_client.get(url).status_code == 200


def test_the_service_page_query_count_does_not_grow_with_judgements(
    commissioner_client, trust, small_map, commissioner, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jointly.mapping import services

    entry = small_map["entries"][0]
    url = reverse("mapping:service", args=[trust.slug, entry.pk])
    services.judgement_record(entry=entry, rating="mixed", evidence_summary="One.", evidence=[EvidenceFactory(trust=trust)], by=commissioner)
    with CaptureQueriesContext(connection) as small:
        commissioner_client.get(url)
    for n in range(6):
        services.judgement_record(
            entry=entry,
            rating="promising",
            evidence_summary=f"More {n}.",
            evidence=[EvidenceFactory(trust=trust), EvidenceFactory(trust=trust)],
            by=commissioner,
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert commissioner_client.get(url).status_code == 200


def test_a_trust_with_no_wards_is_mapped_as_one_place(commissioner_client, other_trust, other_commissioner):
    from jointly.mapping import services

    from ..conftest import signed_in_client as client_for

    priority = PriorityFactory(trust=other_trust, title="Essex priority", outcome_area=outcome("enjoy-and-achieve"))
    for name in ("First", "Second"):
        service = directory_service(trust=other_trust, areas=[other_trust.area], name=name)
        services.map_entry_create(trust=other_trust, service=service, priorities=[priority], by=other_commissioner)
    page = client_for(other_commissioner).get(reverse("mapping:priority", args=[other_trust.slug, priority.pk])).content.decode()
    assert "No wards are held for Essex" in page
    # Both authority-wide services are for all children and enjoy and achieve: one overlap, across Essex.
    overlaps = page.split('<h2 class="govuk-heading-m">Overlaps</h2>')[1].split("</table>")[0]
    assert "All children (no group named)" in overlaps and "First; Second" in overlaps and "Essex" in overlaps


def test_taking_a_service_off_the_map_asks_why_then_removes_it_from_every_page(commissioner_client, trust, small_map, priority):
    club_entry = small_map["entries"][0]
    url = reverse("mapping:service-remove", args=[trust.slug, club_entry.pk])
    detail = reverse("mapping:service", args=[trust.slug, club_entry.pk])
    assert url in commissioner_client.get(detail).content.decode()
    page = commissioner_client.get(url).content.decode()
    assert "Take Homework club off the map?" in page and "Children achieve" in page and "govuk-button--warning" in page
    empty = commissioner_client.post(url, {"reason": " "}).content.decode()
    assert "There is a problem" in empty and "Enter why the service is coming off the map" in empty
    assert MapEntry.objects.get(pk=club_entry.pk).status == MapEntry.Status.ON_MAP
    response = commissioner_client.post(url, {"reason": "The club closed in March"})
    assert response.status_code == 302 and response["Location"] == reverse("mapping:map", args=[trust.slug])
    assert MapEntry.objects.get(pk=club_entry.pk).removed_reason == "The club closed in March"
    assert "Homework club is off the map" in commissioner_client.get(response["Location"]).content.decode()
    assert "Homework club" not in commissioner_client.get(reverse("mapping:map", args=[trust.slug])).content.decode()
    assert commissioner_client.get(detail).status_code == 404
    # It can be chosen again when adding a service.
    assert "Homework club" in commissioner_client.get(reverse("mapping:service-add", args=[trust.slug])).content.decode()


# --- Links follow what the entry and the person allow; two people cannot overwrite each other ------


@pytest.mark.parametrize("who", MANAGERS + NOT_MANAGERS)
def test_the_service_page_offers_changes_only_to_people_who_may_make_them(request, who, trust, small_map):
    entry = small_map["entries"][0]
    page = signed_in_client(request.getfixturevalue(who)).get(reverse("mapping:service", args=[trust.slug, entry.pk])).content.decode()
    links = [reverse(name, args=[trust.slug, entry.pk]) for name in ("mapping:service-priorities", "mapping:judgement-add", "mapping:service-remove")]
    for link in links:
        assert (link in page) == (who in MANAGERS), link


def test_two_people_changing_one_services_priorities_cannot_overwrite_each_other(commissioner_client, trust, small_map, priority):
    import re

    entry = small_map["entries"][0]
    second = PriorityFactory(trust=trust, title="Second priority", outcome_area=outcome("stay-safe"))
    url = reverse("mapping:service-priorities", args=[trust.slug, entry.pk])
    version = re.search(r'name="version" value="([0-9a-f]+)"', commissioner_client.get(url).content.decode()).group(1)
    # Someone else saves first, from a form they opened at the same time.
    assert commissioner_client.post(url, {"priorities": [priority.pk, second.pk], "version": version}).status_code == 302
    page = commissioner_client.post(url, {"priorities": [priority.pk], "note": "Mine", "version": version}).content.decode()
    assert "There is a problem" in page and "Someone else changed this service map entry while you were editing it" in page
    stored = MapEntry.objects.get(pk=entry.pk)
    assert set(stored.priorities.all()) == {priority, second} and stored.note == ""


def test_a_priority_whose_need_is_not_known_anywhere_shows_not_known_not_no_gaps(commissioner_client, trust, small_map, commissioner):
    """A second priority on enjoy and achieve for young carers, with no target indicator: no ward's need can be judged.

    Both small-map services count for it (same outcome and group), so no group gap. On the trust map its gaps
    read "Not known" with "need not known in 3 of 3", never 0; its own page says so too.
    """
    from jointly.mapping import services

    twin = PriorityFactory(trust=trust, title="Young carers achieve", outcome_area=outcome("enjoy-and-achieve"))
    services.priority_groups_set(priority=twin, groups=["young_carers"], by=commissioner)
    page = commissioner_client.get(reverse("mapping:map", args=[trust.slug])).content.decode()
    row = page.split("Young carers achieve")[1].split("</tr>")[0]
    gaps = row.split("</td>")[2]
    assert "Not known" in gaps and "need not known in 3 of 3" in gaps
    page = commissioner_client.get(reverse("mapping:priority", args=[trust.slug, twin.pk])).content.decode()
    summary = page.split('<h2 class="govuk-heading-m">Summary</h2>')[1].split("</dl>")[0]
    assert 'Wards with need and no service</dt><dd class="govuk-summary-list__value">Not known' in summary
    assert "3 of 3: not counted as gaps, nor as having no gap" in summary
    assert "Not known: need cannot be judged in any ward" in page
    # Both services are counted through "Children achieve", and say so.
    assert page.count("mapped under Children achieve, and counted here") == 2


def test_the_priority_pages_spend_is_the_sum_of_its_services_costs(commissioner_client, trust, small_map, priority):
    """Homework club £750 (its one record) + council service no spend = £750 spend on its services.
    The £250 naming only the priority is shown apart as other spend, not added in."""
    page = commissioner_client.get(reverse("mapping:priority", args=[trust.slug, priority.pk])).content.decode()
    assert 'Spend on its services in 2026-27</dt><dd class="govuk-summary-list__value">£750<' in page
    assert "£250 in 1 record that pays for no service" in page
    assert "Total: £750, the spend on its services shown above." in page
    assert "In-house means a service run by one of the trust&#x27;s statutory partners" in page


def test_the_map_states_what_in_house_means(commissioner_client, trust, small_map):
    page = commissioner_client.get(reverse("mapping:map", args=[trust.slug])).content.decode()
    assert "schools, the police or the youth offending team" in page
