"""The permission catalogue: `decide` for every role against every kind of object."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404

from jointly.accounts.models import Role
from jointly.accounts.permissions import (
    DESCRIPTIONS,
    ROLE_PERMISSIONS,
    Decision,
    Perm,
    can_see,
    decide,
    get_object_for,
    has_perm,
    object_rules,
    require,
    rule,
    trust_ids_for,
)
from jointly.partnerships.models import Body, Trust
from tests.factories import (
    BodyFactory,
    FilledSeatFactory,
    OrganisationFactory,
    PaperFactory,
    TrustFactory,
    UserFactory,
)

IN_TRUST_ROLES = [
    Role.COMMISSIONER,
    Role.PERFORMANCE_ANALYST,
    Role.BOARD_MEMBER,
    Role.PROVIDER_USER,
    Role.EVALUATOR,
    Role.PARTICIPANT,
]


@pytest.fixture
def neighbour_trust(region):
    """Another trust in the same region as `trust`."""
    return TrustFactory(name="Torbay Children's Trust", region=region)


@pytest.fixture
def objects(trust, provider_org, provider_user):
    body = BodyFactory(trust=trust)
    return {
        "trust": trust,
        "body": body,
        "seat": FilledSeatFactory(body=body, holder=provider_user),
        "paper": PaperFactory(body=body, confidential=True),
    }


@pytest.fixture
def other_objects(other_trust):
    body = BodyFactory(trust=other_trust)
    return {
        "trust": other_trust,
        "body": body,
        "seat": FilledSeatFactory(body=body),
        "paper": PaperFactory(body=body),
    }


def person(role, trust):
    return UserFactory(role=role, trusts=[trust])


def test_every_permission_is_described_and_administrators_hold_them_all():
    assert set(DESCRIPTIONS) == set(Perm)
    assert ROLE_PERMISSIONS[Role.ADMINISTRATOR] == frozenset(Perm)
    assert set(ROLE_PERMISSIONS) == set(Role)


@pytest.mark.parametrize("role", IN_TRUST_ROLES)
@pytest.mark.parametrize("kind", ["trust", "body", "seat", "paper"])
def test_same_trust_records_are_visible_to_every_role(role, kind, trust, objects):
    decision = decide(person(role, trust), Perm.TRUST_VIEW, objects[kind])
    assert decision.visible
    assert decision.allowed
    assert bool(decision) is True


@pytest.mark.parametrize("role", IN_TRUST_ROLES)
@pytest.mark.parametrize("kind", ["trust", "body", "seat", "paper"])
@pytest.mark.parametrize("perm", [Perm.TRUST_VIEW, Perm.PAPER_VIEW, Perm.SEAT_MANAGE, Perm.AUDIT_VIEW])
def test_another_trusts_records_are_not_even_visible(role, kind, perm, trust, other_objects):
    decision = decide(person(role, trust), perm, other_objects[kind])
    assert not decision.allowed
    assert not decision.visible
    assert decision.reason == "Not found."


def test_regional_lead_sees_every_trust_in_their_region_and_no_other(regional_lead, trust, neighbour_trust, other_trust):
    assert trust_ids_for(regional_lead) == {trust.pk, neighbour_trust.pk}
    assert decide(regional_lead, Perm.TRUST_VIEW, trust)
    assert decide(regional_lead, Perm.TRUST_VIEW, BodyFactory(trust=neighbour_trust))
    assert decide(regional_lead, Perm.REPRESENTATION_VIEW, neighbour_trust)
    refused = decide(regional_lead, Perm.TRUST_VIEW, BodyFactory(trust=other_trust))
    assert not refused.visible


def test_regional_lead_reads_but_does_not_manage(regional_lead, objects):
    assert decide(regional_lead, Perm.PAPER_VIEW_CONFIDENTIAL, objects["paper"])
    assert decide(regional_lead, Perm.AUDIT_VIEW, objects["body"])
    refused = decide(regional_lead, Perm.SEAT_MANAGE, objects["body"])
    assert refused.visible and not refused.allowed
    assert "regional lead" in refused.reason


def test_administrator_sees_every_trust(administrator, objects, other_objects):
    assert trust_ids_for(administrator) is None
    for record in [*objects.values(), *other_objects.values()]:
        assert decide(administrator, Perm.AUDIT_VIEW, record)
        assert decide(administrator, Perm.SEAT_MANAGE, record)


def test_a_person_in_no_trust_sees_no_trust(db, trust):
    loner = UserFactory(role=Role.COMMISSIONER)
    assert trust_ids_for(loner) == set()
    assert not decide(loner, Perm.TRUST_VIEW, trust).visible


def test_membership_of_two_trusts_covers_both(trust, other_trust):
    both = UserFactory(role=Role.EVALUATOR, trusts=[trust, other_trust])
    assert decide(both, Perm.TRUST_VIEW, trust) and decide(both, Perm.TRUST_VIEW, other_trust)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.COMMISSIONER, True),
        (Role.PERFORMANCE_ANALYST, True),
        (Role.BOARD_MEMBER, True),
        (Role.PROVIDER_USER, False),
        (Role.EVALUATOR, False),
        (Role.PARTICIPANT, False),
    ],
)
def test_confidential_papers_by_role(role, allowed, trust, objects):
    decision = decide(person(role, trust), Perm.PAPER_VIEW_CONFIDENTIAL, objects["paper"])
    assert decision.visible
    assert decision.allowed is allowed
    if not allowed:
        assert decision.reason.startswith("Your role (")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.COMMISSIONER, True),
        (Role.PERFORMANCE_ANALYST, False),
        (Role.BOARD_MEMBER, False),
        (Role.PROVIDER_USER, False),
        (Role.EVALUATOR, False),
        (Role.PARTICIPANT, False),
    ],
)
def test_only_commissioners_manage_seats_in_a_trust(role, allowed, trust, objects):
    assert decide(person(role, trust), Perm.SEAT_MANAGE, objects["seat"]).allowed is allowed


def test_participants_see_the_trust_but_not_its_papers(trust, objects):
    participant = person(Role.PARTICIPANT, trust)
    assert decide(participant, Perm.TRUST_VIEW, trust)
    assert not decide(participant, Perm.PAPER_VIEW, objects["paper"]).allowed


# --- Organisations ---------------------------------------------------------


def test_organisations_are_public_registers(other_commissioner, provider_org):
    assert can_see(other_commissioner, provider_org)
    assert decide(other_commissioner, Perm.ORGANISATION_VIEW, provider_org)


def test_provider_sees_own_private_details_but_not_another_providers(provider_user, provider_org, other_provider_org):
    assert decide(provider_user, Perm.ORGANISATION_VIEW_PRIVATE, provider_org)
    refused = decide(provider_user, Perm.ORGANISATION_VIEW_PRIVATE, other_provider_org)
    assert refused.visible and not refused.allowed
    assert "organisation's own people" in refused.reason


def test_provider_edits_only_their_own_organisation(provider_user, provider_org, other_provider_org):
    assert decide(provider_user, Perm.ORGANISATION_EDIT, provider_org)
    refused = decide(provider_user, Perm.ORGANISATION_EDIT, other_provider_org)
    assert not refused.allowed
    assert refused.reason == "You can change only your own organisation's details."


def test_partner_trust_staff_see_private_details(commissioner, provider_org):
    assert decide(commissioner, Perm.ORGANISATION_VIEW_PRIVATE, provider_org)
    assert decide(commissioner, Perm.ORGANISATION_EDIT, provider_org)


def test_another_trusts_staff_do_not_see_or_change_private_details(other_commissioner, provider_org):
    assert not decide(other_commissioner, Perm.ORGANISATION_VIEW_PRIVATE, provider_org).allowed
    refused = decide(other_commissioner, Perm.ORGANISATION_EDIT, provider_org)
    assert not refused.allowed
    assert "partner trusts' staff" in refused.reason


def test_organisation_in_no_partnership_is_private_to_its_own_people(commissioner, db):
    lone = OrganisationFactory()
    own = UserFactory(role=Role.PROVIDER_USER, organisation=lone)
    assert not decide(commissioner, Perm.ORGANISATION_VIEW_PRIVATE, lone).allowed
    assert decide(own, Perm.ORGANISATION_VIEW_PRIVATE, lone)


def test_administrator_sees_every_organisations_private_details(administrator, db):
    assert decide(administrator, Perm.ORGANISATION_VIEW_PRIVATE, OrganisationFactory())


def test_regional_lead_does_not_see_providers_private_details(regional_lead, provider_org):
    refused = decide(regional_lead, Perm.ORGANISATION_VIEW_PRIVATE, provider_org)
    assert refused.visible and not refused.allowed
    assert "regional lead" in refused.reason


def test_only_some_roles_add_organisations(commissioner, provider_user, administrator):
    assert has_perm(commissioner, Perm.ORGANISATION_CREATE)
    assert has_perm(administrator, Perm.ORGANISATION_CREATE)
    assert not has_perm(provider_user, Perm.ORGANISATION_CREATE)


# --- Report-backs ----------------------------------------------------------


def test_report_back_by_the_seat_holder(provider_user, objects):
    assert decide(provider_user, Perm.SEAT_REPORT_BACK, objects["seat"])


def test_report_back_by_a_commissioner(commissioner, objects):
    assert decide(commissioner, Perm.SEAT_REPORT_BACK, objects["seat"])


def test_no_report_back_by_another_provider(other_provider_user, objects):
    refused = decide(other_provider_user, Perm.SEAT_REPORT_BACK, objects["seat"])
    assert refused.visible and not refused.allowed
    assert refused.reason == "Only the seat's holder or a commissioner can record a report-back."


def test_no_report_back_by_a_board_member_who_does_not_hold_the_seat(board_member, objects):
    assert not decide(board_member, Perm.SEAT_REPORT_BACK, objects["seat"]).allowed


def test_no_report_back_by_a_role_without_the_permission(analyst, objects):
    refused = decide(analyst, Perm.SEAT_REPORT_BACK, objects["seat"])
    assert not refused.allowed
    assert "performance analyst" in refused.reason


# --- Who is asking ---------------------------------------------------------


def test_anonymous_people_may_do_nothing(trust, provider_org):
    anonymous = AnonymousUser()
    for perm in Perm:
        assert not has_perm(anonymous, perm)
    assert not decide(anonymous, Perm.ORGANISATION_VIEW, provider_org).visible
    assert trust_ids_for(anonymous) == set()


def test_deactivated_people_may_do_nothing(commissioner, trust):
    commissioner.is_active = False
    assert not decide(commissioner, Perm.TRUST_VIEW, trust).allowed


def test_get_object_for_says_not_found_for_another_trust(commissioner, other_trust):
    with pytest.raises(Http404):
        get_object_for(commissioner, Perm.TRUST_VIEW, Trust.objects.all(), slug=other_trust.slug)


def test_get_object_for_says_forbidden_with_the_reason_inside_the_trust(evaluator, trust):
    with pytest.raises(PermissionDenied, match="evaluator"):
        get_object_for(evaluator, Perm.SEAT_MANAGE, Trust.objects.all(), slug=trust.slug)


def test_get_object_for_returns_the_object_when_allowed(commissioner, objects):
    body = get_object_for(commissioner, Perm.SEAT_MANAGE, Body.objects.all(), pk=objects["body"].pk)
    assert body == objects["body"]


def test_get_object_for_says_not_found_when_nothing_matches(commissioner):
    with pytest.raises(Http404):
        get_object_for(commissioner, Perm.TRUST_VIEW, Trust.objects.all(), slug="no-such-trust")


# --- Rules registered by the apps; require() ---------------------------------


def test_each_apps_rules_join_the_catalogue_at_start():
    rules = object_rules()
    owners = {perm: rules[perm].__module__ for perm in rules}
    assert owners[Perm.ORGANISATION_VIEW_PRIVATE] == "jointly.partnerships.rules"
    assert owners[Perm.DIRECTORY_EDIT] == "jointly.providers.rules"
    assert owners[Perm.INDICATOR_EDIT] == "jointly.needs.rules"
    assert owners[Perm.AUDIT_VIEW] == "jointly.accounts.rules"
    assert all(module.endswith(".rules") for module in owners.values())


def test_a_second_rule_for_a_permission_stops_the_start():
    before = object_rules()
    with pytest.raises(ImproperlyConfigured, match="already has an object rule"):
        rule(Perm.SEAT_REPORT_BACK)(lambda user, obj: None)
    assert object_rules() == before


def test_require_returns_the_decision_when_allowed(commissioner, objects):
    decision = require(commissioner, Perm.SEAT_MANAGE, objects["seat"])
    assert decision.allowed and isinstance(decision, Decision)
    assert require(commissioner, Perm.ORGANISATION_CREATE)


def test_require_says_not_found_for_another_trusts_record(commissioner, other_objects):
    with pytest.raises(Http404):
        require(commissioner, Perm.TRUST_VIEW, other_objects["body"])


def test_require_says_forbidden_with_the_reason(evaluator, objects):
    with pytest.raises(PermissionDenied, match=r"Your role \(evaluator\) cannot appoint people"):
        require(evaluator, Perm.SEAT_MANAGE, objects["seat"])


def test_require_refuses_anonymous_people_as_not_found(objects):
    with pytest.raises(Http404):
        require(AnonymousUser(), Perm.TRUST_VIEW, objects["trust"])
