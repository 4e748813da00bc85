"""contracts.rules and selectors: staff by trust and role, providers their own signed contracts only."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm
from jointly.contracts.models import Contract, ContractParty
from jointly.contracts.selectors.contracts import contract_for, contracts_visible, running_contracts_of

from ..factories import OrganisationFactory, UserFactory
from .factories import ContractFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(trust, provider_org):
    return ContractFactory(trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE)


def test_staff_see_their_trusts_contracts_and_not_anothers(running, commissioner, other_trust):
    elsewhere = ContractFactory(trust=other_trust)

    assert list(contracts_visible(commissioner)) == [running]
    assert contract_for(commissioner, running.pk) == running
    with pytest.raises(Http404):
        contract_for(commissioner, elsewhere.pk)


def test_a_provider_sees_its_running_contracts_from_any_trust_but_not_drafts(running, provider_user, other_trust):
    from_elsewhere = ContractFactory(trust=other_trust, supplier=provider_user.organisation, status=Contract.Status.ACTIVE)
    draft = ContractFactory(trust=running.trust, supplier=provider_user.organisation)

    assert set(contracts_visible(provider_user)) == {running, from_elsewhere}
    assert contract_for(provider_user, from_elsewhere.pk, Perm.RETURN_SUBMIT) == from_elsewhere
    with pytest.raises(Http404):
        contract_for(provider_user, draft.pk)


def test_a_consortium_member_sees_the_contract_and_another_provider_does_not(running, other_provider_user):
    assert list(contracts_visible(other_provider_user)) == []
    with pytest.raises(Http404):
        contract_for(other_provider_user, running.pk)

    ContractParty.objects.create(
        contract=running, organisation=other_provider_user.organisation, part=ContractParty.Part.MEMBER, work_share=20, money_share=20
    )
    assert list(contracts_visible(other_provider_user)) == [running]


def test_a_party_may_not_manage_its_own_contract(running, provider_user):
    with pytest.raises(PermissionDenied):
        contract_for(provider_user, running.pk, Perm.CONTRACTS_MANAGE)


def test_an_analyst_reads_but_does_not_manage(running, analyst):
    assert contract_for(analyst, running.pk) == running
    with pytest.raises(PermissionDenied):
        contract_for(analyst, running.pk, Perm.CONTRACTS_MANAGE)


def test_a_participant_sees_no_contracts(running, participant):
    assert list(contracts_visible(participant)) == []
    with pytest.raises(PermissionDenied):
        contract_for(participant, running.pk)


def test_an_organisations_running_contracts_span_trusts_and_consortia(running, other_trust):
    member_of = ContractFactory(trust=other_trust, status=Contract.Status.IN_NOTICE)
    ContractParty.objects.create(contract=member_of, organisation=running.supplier, part=ContractParty.Part.MEMBER, work_share=10, money_share=10)
    ContractFactory(trust=other_trust, supplier=running.supplier, status=Contract.Status.ENDED)

    assert set(running_contracts_of(running.supplier)) == {running, member_of}


def test_a_provider_without_an_organisation_sees_none(running, trust):
    person = UserFactory(role=Role.PROVIDER_USER, trusts=[trust], organisation=None)
    assert list(contracts_visible(person)) == []
    assert OrganisationFactory()  # another organisation existing changes nothing
    assert list(contracts_visible(person)) == []
