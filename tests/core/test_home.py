"""The home page: what the public can find from it, and each signed-in person's work, counted in queries that do not grow with the data."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jointly.assessment.models import EvidenceItem, Priority
from jointly.consultations.models import Consultation
from jointly.needs.models import OutcomeArea
from jointly.plans.models import CommissioningIntention
from tests.conftest import signed_in_client
from tests.factories import BodyFactory, FilledSeatFactory, OrganisationFactory, TrustPartnerFactory
from tests.providers.conftest import publish, service_data

pytestmark = pytest.mark.django_db


def work(client) -> dict[str, int | None]:
    """{task text: count} on the person's home page."""
    groups = client.get("/").context["work"]
    return {task.text: task.count for group in groups for task in group["tasks"]}


def hrefs(client) -> dict[str, str]:
    groups = client.get("/").context["work"]
    return {task.text: task.href for group in groups for task in group["tasks"]}


def add_work(trust, commissioner, provider_org, provider_user, n: int) -> None:
    """n of every kind of work: priorities proposed and drafted, evidence sent, consultations closing and drafted,
    seats ending, forward-plan dates, directory changes proposed."""
    area = OutcomeArea.objects.filter(trust__isnull=True).first()
    today = timezone.localdate()
    body = BodyFactory(trust=trust)
    for i in range(n):
        Priority.objects.create(trust=trust, period="2027-2030", title=f"Proposed {i}", outcome_area=area, status=Priority.Status.PROPOSED)
        Priority.objects.create(trust=trust, period="2027-2030", title=f"Draft {i}", outcome_area=area, created_by=commissioner)
        EvidenceItem.objects.create(
            trust=trust, title=f"Evidence {i}", summary="What we see", kind="practitioner", source_organisation=provider_org, dated=today
        )
        for status, closes in (
            (Consultation.Status.OPEN, today + datetime.timedelta(days=3)),
            (Consultation.Status.DRAFT, today + datetime.timedelta(days=40)),
        ):
            Consultation.objects.create(
                trust=trust,
                title=f"{status} {i}",
                slug=f"{status}-{n}-{i}",
                purpose="To ask",
                audiences=["children"],
                opens_on=today - datetime.timedelta(days=1),
                closes_on=closes,
                report_due_on=closes + datetime.timedelta(days=30),
                retention_until=closes + datetime.timedelta(days=365),
                status=status,
                created_by=commissioner,
            )
        FilledSeatFactory(body=body, term_end=today + datetime.timedelta(days=10))
        CommissioningIntention.objects.create(
            trust=trust,
            title=f"Intention {i}",
            kind="recommission",
            estimated_annual_value=1000,
            total_value=3000,
            route="open",
            tender_opens_on=today + datetime.timedelta(days=20),
            created_by=commissioner,
        )
        organisation = OrganisationFactory(name=f"Group {n}-{i}")
        TrustPartnerFactory(trust=trust, organisation=organisation)
        service = publish(organisation, trust.area.code)
        from jointly.providers import services

        services.service_change_propose(
            organisation=organisation,
            service=service,
            data=service_data(trust.area.code, name=f"Renamed {i}", id=str(service.uuid)),
            by=provider_user,
        )


def test_the_public_home_page_leads_to_everything_published(anonymous_client):
    links = hrefs(anonymous_client)
    assert links == {
        "Published needs assessments": "/needs-assessments/",
        "Consultations open now": "/consult/",
        "Find services in the directory": "/directory/",
        "Training, mentoring and events for organisations": "/capacity/offers/",
        "Forward plans of commissioning intentions": "/plans/",
        "Opportunities open for bids": "/opportunities/",
    }
    for href in links.values():
        assert anonymous_client.get(href).status_code == 200, href


def test_a_commissioner_s_home_counts_their_work_in_a_fixed_number_of_queries(trust, commissioner, provider_org, provider_user):
    client = signed_in_client(commissioner)
    client.get("/")  # sessions, caches and content types settle
    with CaptureQueriesContext(connection) as few:
        assert client.get("/").status_code == 200
    add_work(trust, commissioner, provider_org, provider_user, 1)
    before = work(client)
    add_work(trust, commissioner, provider_org, provider_user, 4)
    with CaptureQueriesContext(connection) as many:
        after = work(client)
    assert len(many) == len(few), "the home page's queries grow with the data"
    grew = {text: (before[text], after[text]) for text in after if after[text] is not None}
    assert grew == {
        "Seats whose term ends in the next 60 days": (1, 5),
        "Vacant seats": (0, 0),
        "Priorities waiting for the board's approval": (1, 5),
        "Evidence waiting to be read": (1, 5),
        "Your draft priorities": (1, 5),
        "Consultations closing in the next 14 days": (1, 5),
        "Your draft consultations": (1, 5),
        "Directory changes waiting for approval": (1, 5),
        "Your trust's events in the next 30 days": (0, 0),
        "Forward-plan dates in the next 90 days": (1, 5),
        "Your draft intentions": (1, 5),
        "Draft opportunities with gates still to pass": (0, 0),
        "Clarification questions waiting for an answer": (0, 0),
        "Grant applications waiting for a decision": (0, 0),
        "Grant programmes not yet published": (0, 0),
        "Placement requests waiting for a choice": (0, 0),
        "Invoices to approve or pay": (0, 0),
        "Monitoring returns to review": (0, 0),
        "Contract reviews due in the next two months": (0, 0),
        "Improvement actions overdue": (0, 0),
        "Decommissionings in progress": (0, 0),
    }
    links = hrefs(client)
    assert links["Directory changes waiting for approval"] == "/directory/changes/"
    assert links["Priorities waiting for the board's approval"] == "/assessment/priorities/?trust=plymouth&status=proposed"
    # Each link opens for the person it is shown to.
    for href in links.values():
        assert client.get(href).status_code == 200, href


def test_another_trust_s_commissioner_sees_none_of_this_trust_s_work(trust, commissioner, other_commissioner, provider_org, provider_user):
    add_work(trust, commissioner, provider_org, provider_user, 2)
    counts = work(signed_in_client(other_commissioner))
    assert {text: count for text, count in counts.items() if count} == {}
    assert "/plymouth" not in " ".join(hrefs(signed_in_client(other_commissioner)).values())


def test_a_provider_finds_their_entry_evidence_and_opportunities(trust, commissioner, provider_org, provider_user):
    from jointly.providers import services

    published_service = publish(provider_org, trust.area.code)
    services.service_change_propose(
        organisation=provider_org,
        service=published_service,
        data=service_data(trust.area.code, name="New name", id=str(published_service.uuid)),
        by=provider_user,
    )
    client = signed_in_client(provider_user)
    counts, links = work(client), hrefs(client)
    assert counts["Your directory entry"] == 1
    assert links["Your directory entry"] == f"/directory/manage/{provider_org.slug}/"
    assert links["Contribute evidence"] == "/assessment/evidence/new/?trust=plymouth"
    assert links["Opportunities: the forward plans"] == "/plans/"
    assert "Directory changes waiting for approval" not in counts
    assert "Priorities waiting for the board's approval" not in counts
    for href in links.values():
        assert client.get(href).status_code == 200, href


def test_a_participant_is_pointed_at_consultations_not_staff_work(participant):
    counts = work(signed_in_client(participant))
    assert "Consultations open now" in counts
    assert not any(text.startswith(("Your draft", "Directory changes", "Seats")) for text in counts)


def test_a_board_member_sees_the_priorities_to_approve(trust, board_member, commissioner, provider_org, provider_user):
    add_work(trust, commissioner, provider_org, provider_user, 2)
    counts = work(signed_in_client(board_member))
    assert counts["Priorities waiting for the board's approval"] == 2
    assert "Your draft priorities" not in counts  # board members do not write priorities


def test_the_home_page_opens_on_the_first_trust_joined(commissioner, trust, other_trust):
    from jointly.accounts.models import Membership

    Membership.objects.create(user=commissioner, trust=other_trust)  # Essex comes first by name
    response = signed_in_client(commissioner).get("/")
    assert response.context["trust"] == trust
    assert "Plymouth Children&#x27;s Trust</a> (your work above is here)" in response.content.decode()


def test_a_person_sees_the_bookings_they_made_signed_in(trust, commissioner, provider_user, provider_org):
    from jointly.capacity import services
    from tests.capacity.conftest import book, event_data, make_offer

    offer = make_offer(trust, commissioner)
    event = services.event_add(offer=offer, by=commissioner, **event_data())
    book(event, name="Pat Provider", user=provider_user)
    book(event, name="Someone Else")  # booked without an account: not on anyone's home page
    client = signed_in_client(provider_user)
    links = hrefs(client)
    assert links[f"Your booking: {offer.title}"] == f"/capacity/offers/{offer.pk}/"
    assert sum(text.startswith("Your booking") for text in links) == 1
    assert client.get(links[f"Your booking: {offer.title}"]).status_code == 200
    assert work(signed_in_client(commissioner))["Your trust's events in the next 30 days"] == 1


def test_the_home_page_switches_to_another_of_the_person_s_trusts(commissioner, trust, other_trust, other_commissioner):
    from jointly.accounts.models import Membership

    Membership.objects.create(user=commissioner, trust=other_trust)
    client = signed_in_client(commissioner)
    page = client.get("/").content.decode()
    assert 'href="/?trust=essex"' in page  # the switch
    switched = client.get("/?trust=essex")
    assert switched.context["trust"] == other_trust
    assert hrefs(client)["Vacant seats"] == "/partnerships/trusts/plymouth/representation/"
    assert "/partnerships/trusts/essex/representation/" in switched.content.decode()
    # A trust the person does not work in is not found, as everywhere else.
    assert signed_in_client(other_commissioner).get("/?trust=plymouth").status_code == 404
