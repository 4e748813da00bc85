"""Consortia: a lead and members, each with a role and shares that add up to 100%; experience from the directory."""

from decimal import Decimal as D

import pytest

from jointly.core.errors import FieldErrors
from jointly.procurement.selectors import bids as selectors
from jointly.procurement.services import bids as services
from jointly.providers.models import DirectoryService

from ..factories import OrganisationFactory
from .bids_helpers import complete_bid, open_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def bid(trust, provider_user):
    return complete_bid(open_opportunity(trust=trust), provider_user)


def _service(organisation, name, status=DirectoryService.Status.ACTIVE):
    return DirectoryService.objects.create(
        organisation=organisation, name=name, description="-", tier="targeted", approach="prevention", status=status
    )


def test_members_shares_leave_the_lead_the_rest_of_100_percent(bid, provider_user):
    first, second = OrganisationFactory(), OrganisationFactory()
    services.consortium_member_add(
        bid=bid, by=provider_user, organisation=first, role="Delivers in the north", work_share="30", money_share="25", years_experience=6
    )
    services.consortium_member_add(bid=bid, by=provider_user, organisation=second, role="Young people's voice", work_share="20", money_share="15")
    assert services.lead_shares(bid.members.all()) == (D("50"), D("60"))
    with pytest.raises(FieldErrors) as refused:
        services.consortium_member_add(bid=bid, by=provider_user, organisation=OrganisationFactory(), role="More", work_share="51", money_share="61")
    assert set(refused.value.errors) == {"work_share", "money_share"}
    assert "50% left" in refused.value.errors["work_share"] and "60% left" in refused.value.errors["money_share"]
    assert bid.members.count() == 2


def test_a_member_needs_an_organisation_other_than_the_lead_a_role_and_percentages(bid, provider_user, provider_org):
    with pytest.raises(FieldErrors) as refused:
        services.consortium_member_add(
            bid=bid, by=provider_user, organisation=provider_org, role=" ", work_share="abc", money_share="101", years_experience="x"
        )
    assert set(refused.value.errors) == {"organisation", "role", "work_share", "money_share", "years_experience"}
    member = OrganisationFactory()
    services.consortium_member_add(bid=bid, by=provider_user, organisation=member, role="Outreach", work_share="10", money_share="10")
    with pytest.raises(FieldErrors, match="already a member"):
        services.consortium_member_add(bid=bid, by=provider_user, organisation=member, role="Again", work_share="1", money_share="1")


def test_a_consortium_bid_needs_the_leads_role_to_submit(bid, provider_user):
    services.consortium_member_add(bid=bid, by=provider_user, organisation=OrganisationFactory(), role="Outreach", work_share="10", money_share="10")
    assert set(services.bid_problems(bid)) == {"lead_role"}
    services.consortium_lead_role_save(bid=bid, by=provider_user, lead_role="Leads and manages the contract")
    bid.refresh_from_db()
    assert services.bid_problems(bid) == {}
    assert services.bid_submit(bid=bid, by=provider_user).status == "submitted"


def test_experience_is_counted_from_each_members_directory_entry(bid, provider_user, provider_org):
    member = OrganisationFactory(name="Carers Together")
    _service(provider_org, "Young carers' club")
    _service(member, "Family support line")
    _service(member, "Old service", status=DirectoryService.Status.DEFUNCT)
    services.consortium_member_add(
        bid=bid, by=provider_user, organisation=member, role="Helpline", work_share="40", money_share="40", years_experience=12
    )
    found = selectors.consortium(bid)
    assert found.is_consortium and found.most_years == 12 and found.services == 2
    lead, row = found.rows
    assert (lead.lead, lead.work_share, [s.name for s in lead.services]) == (True, D("60"), ["Young carers' club"])
    assert (row.organisation, row.role, [s.name for s in row.services]) == (member, "Helpline", ["Family support line"])


def test_removing_a_member_gives_its_share_back_to_the_lead(bid, provider_user):
    member = services.consortium_member_add(
        bid=bid, by=provider_user, organisation=OrganisationFactory(), role="Outreach", work_share="10", money_share="5"
    )
    services.consortium_member_remove(member=member, by=provider_user)
    assert services.lead_shares(bid.members.all()) == (D("100"), D("100"))


@pytest.fixture
def member_bid(bid, provider_user, other_provider_user):
    services.consortium_member_add(
        bid=bid, by=provider_user, organisation=other_provider_user.organisation, role="Sessions in schools", work_share="30", money_share="25"
    )
    return bid


def test_a_consortium_member_reads_the_sealed_bid_and_lists_it_but_cannot_change_it(member_bid, other_provider_user, commissioner):
    from django.core.exceptions import PermissionDenied

    from jointly.procurement.models import SealAttempt
    from jointly.procurement.sealing import check_readable

    assert selectors.own_bid(other_provider_user, member_bid.pk) == member_bid
    assert list(selectors.own_bids(other_provider_user)) == [member_bid]
    check_readable(other_provider_user, member_bid, channel="page")
    assert not SealAttempt.objects.exists()
    with pytest.raises(PermissionDenied):
        services.bid_answers_save(bid=member_bid, by=other_provider_user, answers={})


def test_a_consortium_members_pages_show_the_bid_without_changes(member_bid, other_provider_user):
    from tests.conftest import signed_in_client

    client = signed_in_client(other_provider_user)
    page = client.get(f"/bids/{member_bid.pk}/").content.decode()
    assert "your organisation is a member" in page
    assert "Check and submit" not in page
    assert "Consortium member" in client.get("/bids/").content.decode()
    assert client.post(f"/bids/{member_bid.pk}/withdraw/", {"reason": "no"}).status_code == 403
