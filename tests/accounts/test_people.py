"""People administration: inviting, changing and deactivating accounts; setting and resetting passwords."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from jointly.accounts import services
from jointly.accounts.models import Membership, Role, User
from jointly.audit.models import AuditEntry
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import InvalidTransition

from ..conftest import signed_in_client
from ..factories import OrganisationFactory, RegionFactory, TOTPDeviceFactory, TrustFactory, UserFactory

pytestmark = pytest.mark.usefixtures("tasks_run_at_once")  # emails are sent by a task

GOOD_PASSWORD = "violet-harbour-lantern-42"
LINK = re.compile(r"http://testserver(/set-password/[^/\s]+/[^/\s]+/)")


def _link_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def _error_summary(response) -> str:
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    return html


@pytest.fixture
def invited(administrator, trust, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.person_invite(
            email="Nia.Evans@Example.org",
            full_name="Nia Evans",
            role=Role.BOARD_MEMBER,
            trusts=[trust],
            site_url="http://testserver/",
            by=administrator,
        )


# --- Services ---------------------------------------------------------------


class TestPersonInvite:
    def test_creates_an_account_without_a_usable_password(self, invited, trust):
        invited.refresh_from_db()
        assert invited.email == "nia.evans@example.org"
        assert not invited.has_usable_password()
        assert invited.is_active
        assert list(invited.trusts.all()) == [trust]

    def test_emails_a_link_to_set_a_password(self, invited, mailoutbox, administrator):
        assert len(mailoutbox) == 1
        message = mailoutbox[0]
        assert message.to == ["nia.evans@example.org"]
        assert message.subject == "You have been invited to Jointly"
        assert administrator.full_name in message.body
        assert "Board member" in message.body
        assert _link_in(message).startswith("/set-password/")

    def test_no_email_when_the_transaction_rolls_back(self, administrator, mailoutbox, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks() as callbacks:
            services.person_invite(email="a@example.org", full_name="A", role=Role.EVALUATOR, site_url="http://testserver/", by=administrator)
        # Queued for commit, not sent: a rolled-back invitation sends nothing.
        assert len(callbacks) == 1
        assert mailoutbox == []

    def test_refuses_an_address_already_in_use_whatever_its_case(self, invited, administrator, mailoutbox):
        with pytest.raises(FieldErrors) as error:
            services.person_invite(
                email="NIA.EVANS@example.org", full_name="Nia Again", role=Role.EVALUATOR, site_url="http://testserver/", by=administrator
            )
        assert error.value.errors == {"email": "There is already an account with this email address"}
        assert User.objects.filter(email__iexact="nia.evans@example.org").count() == 1

    def test_a_regional_lead_needs_a_region(self, administrator):
        with pytest.raises(FieldErrors) as error:
            services.person_invite(email="lead@example.org", full_name="Lead", role=Role.REGIONAL_LEAD, site_url="http://x/", by=administrator)
        assert error.value.errors == {"region": "Select the region this regional lead covers"}
        assert not User.objects.filter(email="lead@example.org").exists()

    def test_a_provider_user_needs_an_organisation(self, administrator):
        with pytest.raises(FieldErrors) as error:
            services.person_invite(email="p@example.org", full_name="P", role=Role.PROVIDER_USER, site_url="http://x/", by=administrator)
        assert error.value.errors == {"organisation": "Select the organisation this provider user works for"}

    def test_every_problem_is_refused_at_once(self, invited, administrator):
        with pytest.raises(FieldErrors) as error:
            services.person_invite(email="nia.evans@example.org", full_name="Nia", role=Role.PROVIDER_USER, site_url="http://x/", by=administrator)
        assert set(error.value.errors) == {"email", "organisation"}

    def test_only_a_regional_lead_keeps_a_region(self, administrator):
        person = services.person_invite(
            email="c@example.org", full_name="C", role=Role.COMMISSIONER, region=RegionFactory(), site_url="http://x/", by=administrator
        )
        assert person.region is None


class TestPersonUpdate:
    def test_changes_role_organisation_and_trusts(self, invited, trust, administrator):
        second, organisation = TrustFactory(), OrganisationFactory()
        services.person_update(user=invited, role=Role.PROVIDER_USER, organisation=organisation, trusts=[second], by=administrator)
        invited.refresh_from_db()
        assert (invited.role, invited.organisation) == (Role.PROVIDER_USER, organisation)
        assert list(Membership.objects.filter(user=invited).values_list("trust", flat=True)) == [second.pk]
        # Leaving a trust is on that trust's trail.
        assert AuditEntry.objects.filter(object_type="accounts.membership", action="delete", trust_id=trust.pk).exists()

    def test_an_administrator_cannot_change_their_own_role(self, administrator):
        with pytest.raises(FieldErrors) as error:
            services.person_update(user=administrator, role=Role.EVALUATOR, by=administrator)
        assert error.value.errors == {"role": "You cannot change your own role. Ask another administrator."}
        administrator.refresh_from_db()
        assert administrator.role == Role.ADMINISTRATOR


class TestDeactivateAndReactivate:
    def test_deactivation_is_a_recorded_transition(self, provider_user, administrator):
        services.person_deactivate(user=provider_user, by=administrator, reason="Left the organisation")
        provider_user.refresh_from_db()
        assert provider_user.is_active is False
        entry = AuditEntry.objects.get(object_type="accounts.user", object_id=str(provider_user.pk), action="transition")
        assert (entry.reason, entry.actor_id) == ("Left the organisation", administrator.pk)

    def test_deactivation_ends_the_persons_seat_terms(self, provider_user, other_provider_user, administrator, trust):
        from jointly.partnerships.models import Seat
        from jointly.partnerships.services import seat_appoint
        from tests.factories import BodyFactory, SeatFactory

        body = BodyFactory(trust=trust)
        theirs, someone_elses = SeatFactory(body=body), SeatFactory(body=body)
        for seat, holder in ((theirs, provider_user), (someone_elses, other_provider_user)):
            seat_appoint(
                seat=seat,
                holder=holder,
                holder_organisation=None,
                term_start=datetime.date(2026, 1, 1),
                term_end=datetime.date(2027, 12, 31),
                by=administrator,
            )
        services.person_deactivate(user=provider_user, by=administrator, reason="Left the organisation")
        theirs.refresh_from_db()
        someone_elses.refresh_from_db()
        assert (theirs.status, theirs.holder) == (Seat.Status.VACANT, None)
        assert someone_elses.status == Seat.Status.FILLED and someone_elses.holder == other_provider_user
        entry = AuditEntry.objects.filter(object_type="partnerships.seat", object_id=str(theirs.pk), action="transition").order_by("pk").last()
        assert entry.reason == "The holder's account was deactivated: Left the organisation"

    def test_a_deactivated_person_cannot_sign_in(self, provider_user, administrator, anonymous_client):
        services.person_deactivate(user=provider_user, by=administrator, reason="Left")
        response = anonymous_client.post(reverse("accounts:sign-in"), {"email": provider_user.email, "password": "correct horse battery staple"})
        assert response.status_code == 200
        assert "The email address or password is not right" in response.content.decode()
        assert "_auth_user_id" not in anonymous_client.session

    def test_the_right_password_still_works_before_deactivation(self, provider_user, anonymous_client):
        # The same sign-in as above, on an active account, does sign in: the test above is not vacuous.
        response = anonymous_client.post(reverse("accounts:sign-in"), {"email": provider_user.email, "password": "correct horse battery staple"})
        assert response.status_code == 302
        assert anonymous_client.session["_auth_user_id"] == str(provider_user.pk)

    def test_a_deactivated_persons_open_session_ends(self, provider_user, administrator):
        client = signed_in_client(provider_user)
        assert client.get(reverse("partnerships:region-list")).status_code == 200
        services.person_deactivate(user=provider_user, by=administrator, reason="Left")
        response = client.get(reverse("partnerships:region-list"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))

    def test_cannot_deactivate_yourself(self, administrator):
        with pytest.raises(FieldErrors) as error:
            services.person_deactivate(user=administrator, by=administrator, reason="Oops")
        assert error.value.errors == {NON_FIELD: "You cannot deactivate your own account. Ask another administrator."}
        administrator.refresh_from_db()
        assert administrator.is_active

    def test_needs_a_reason(self, provider_user, administrator):
        with pytest.raises(FieldErrors) as error:
            services.person_deactivate(user=provider_user, by=administrator, reason="  ")
        assert error.value.errors == {"reason": "Enter why you are deactivating this account"}

    def test_cannot_deactivate_twice(self, provider_user, administrator):
        services.person_deactivate(user=provider_user, by=administrator, reason="Left")
        with pytest.raises(InvalidTransition) as refused:
            services.person_deactivate(user=provider_user, by=administrator, reason="Left again")
        assert str(refused.value) == ("This account is deactivated, so you cannot deactivate it. You can deactivate it only when it is active.")

    def test_cannot_reactivate_an_active_account(self, provider_user, administrator):
        with pytest.raises(InvalidTransition) as refused:
            services.person_reactivate(user=provider_user, by=administrator, reason="Back")
        assert str(refused.value) == "This account is active, so you cannot reactivate it. You can reactivate it only when it is deactivated."

    def test_reactivation_lets_them_sign_in_again(self, provider_user, administrator, anonymous_client):
        services.person_deactivate(user=provider_user, by=administrator, reason="Left")
        services.person_reactivate(user=provider_user, by=administrator, reason="Came back")
        response = anonymous_client.post(reverse("accounts:sign-in"), {"email": provider_user.email, "password": "correct horse battery staple"})
        assert response.status_code == 302


class TestNoSessionOrTokenSurvivesDeactivation:
    """Deactivation ends every session and revokes every API token; reactivation brings neither back."""

    PAGE = reverse("partnerships:region-list")

    @pytest.fixture
    def token_client(self, provider_user):
        _, key = services.api_token_create(user=provider_user, name="Nightly export")
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    def _signed_out(self, client) -> bool:
        response = client.get(self.PAGE)
        return response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))

    def test_a_session_from_before_is_signed_out_after_reactivation(self, provider_user, administrator):
        before = signed_in_client(provider_user)
        assert before.get(self.PAGE).status_code == 200
        services.person_deactivate(user=provider_user, by=administrator, reason="Left")
        back = services.person_reactivate(user=provider_user, by=administrator, reason="Came back")
        assert self._signed_out(before)
        assert "_auth_user_id" not in before.session
        # Signing in afresh works: it is the old session that is refused, not the person.
        assert signed_in_client(back).get(self.PAGE).status_code == 200

    def test_a_token_from_before_cannot_be_used_after_reactivation(self, provider_user, administrator, token_client, trust):
        assert token_client.get("/api/v1/trusts").status_code == 200
        services.person_deactivate(user=provider_user, by=administrator, reason="Left")
        services.person_reactivate(user=provider_user, by=administrator, reason="Came back")
        assert token_client.get("/api/v1/trusts").status_code == 401
        token = provider_user.api_tokens.get()
        assert token.revoked_at is not None
        _, new_key = services.api_token_create(user=provider_user, name="Nightly export, again")
        assert services.api_token_authenticate(key=new_key) == provider_user

    def test_each_revocation_is_on_the_audit_trail(self, provider_user, administrator, token_client):
        token = provider_user.api_tokens.get()
        services.person_deactivate(user=provider_user, by=administrator, reason="Left")
        entry = AuditEntry.objects.filter(object_type="accounts.apitoken", object_id=str(token.pk), action="update").get()
        assert entry.before["revoked_at"] is None and entry.after["revoked_at"]

    def test_other_peoples_sessions_and_tokens_carry_on(self, provider_user, other_provider_user, administrator, trust):
        theirs = signed_in_client(other_provider_user)
        _, key = services.api_token_create(user=other_provider_user, name="Theirs")
        services.person_deactivate(user=provider_user, by=administrator, reason="Left")
        assert theirs.get(self.PAGE).status_code == 200
        assert services.api_token_authenticate(key=key) == other_provider_user

    def test_someone_deactivated_before_this_change_gets_nothing_back_either(self, provider_user, administrator, token_client):
        # Deactivated the old way: sessions and tokens only refused while inactive.
        before = signed_in_client(provider_user)
        User.objects.filter(pk=provider_user.pk).update(is_active=False)
        provider_user.refresh_from_db()
        services.person_reactivate(user=provider_user, by=administrator, reason="Came back")
        assert self._signed_out(before)
        assert token_client.get("/api/v1/trusts").status_code == 401

    def test_sessions_of_people_never_deactivated_carry_on_across_the_change(self, provider_user):
        from django.contrib.auth.base_user import AbstractBaseUser

        # With no session version the hash is Django's own, so sessions made before this field existed still work.
        assert provider_user.session_version == ""
        assert provider_user.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(provider_user)
        provider_user.session_version = "rotated"
        assert provider_user.get_session_auth_hash() != AbstractBaseUser.get_session_auth_hash(provider_user)


class TestPasswordResetRequest:
    def test_emails_an_active_person(self, provider_user, mailoutbox, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            services.password_reset_request(email=provider_user.email.upper(), site_url="http://testserver/")
        assert [m.to for m in mailoutbox] == [[provider_user.email]]
        assert _link_in(mailoutbox[0])

    def test_sends_nothing_for_an_unknown_or_deactivated_address(self, provider_user, administrator, mailoutbox, django_capture_on_commit_callbacks):
        services.person_deactivate(user=provider_user, by=administrator, reason="Left")
        with django_capture_on_commit_callbacks(execute=True):
            services.password_reset_request(email="nobody@example.org", site_url="http://testserver/")
            services.password_reset_request(email=provider_user.email, site_url="http://testserver/")
        assert mailoutbox == []


# --- Pages ------------------------------------------------------------------


@pytest.fixture
def someone(trust):
    return UserFactory(role=Role.EVALUATOR, full_name="Sam Someone", trusts=[trust])


ADMIN_PAGES = {
    "person-create": lambda person: reverse("accounts:person-create"),
    "person-detail": lambda person: reverse("accounts:person-detail", args=[person.pk]),
    "person-edit": lambda person: reverse("accounts:person-edit", args=[person.pk]),
    "person-deactivate": lambda person: reverse("accounts:person-deactivate", args=[person.pk]),
    "person-reactivate": lambda person: reverse("accounts:person-reactivate", args=[person.pk]),
}


class TestWhoMayAdministerPeople:
    @pytest.mark.parametrize("page", ADMIN_PAGES)
    def test_an_administrator_can(self, page, administrator_client, someone):
        response = administrator_client.get(ADMIN_PAGES[page](someone))
        assert response.status_code == 200
        assert response.content.decode().count("<h1") == 1

    # Commissioners cannot add or change people even in their own trust
    # (docs/decisions/0003-who-adds-people.md), so the answer is 403 for them all.
    @pytest.mark.parametrize("page", ADMIN_PAGES)
    def test_a_commissioner_is_forbidden(self, page, commissioner_client, someone):
        response = commissioner_client.get(ADMIN_PAGES[page](someone))
        assert response.status_code == 403
        assert "manage people" in response.content.decode()

    @pytest.mark.parametrize("page", ADMIN_PAGES)
    def test_another_trusts_commissioner_is_forbidden(self, page, other_commissioner_client, someone):
        assert other_commissioner_client.get(ADMIN_PAGES[page](someone)).status_code == 403

    @pytest.mark.parametrize("page", ADMIN_PAGES)
    def test_a_provider_is_forbidden(self, page, provider_client, someone):
        assert provider_client.get(ADMIN_PAGES[page](someone)).status_code == 403

    @pytest.mark.parametrize("page", ADMIN_PAGES)
    def test_anonymous_people_are_sent_to_sign_in(self, page, anonymous_client, someone):
        url = ADMIN_PAGES[page](someone)
        response = anonymous_client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:sign-in')}?next={url}"

    def test_a_commissioner_cannot_post_a_new_person(self, commissioner_client, trust):
        response = commissioner_client.post(
            reverse("accounts:person-create"),
            {"email": "x@example.org", "full_name": "X", "role": "administrator", "trusts": [trust.pk]},
        )
        assert response.status_code == 403
        assert not User.objects.filter(email="x@example.org").exists()

    def test_a_provider_cannot_deactivate_anyone(self, provider_client, someone):
        response = provider_client.post(reverse("accounts:person-deactivate", args=[someone.pk]), {"reason": "x"})
        assert response.status_code == 403
        someone.refresh_from_db()
        assert someone.is_active

    def test_an_unknown_person_is_not_found(self, administrator_client):
        assert administrator_client.get(reverse("accounts:person-detail", args=[999999])).status_code == 404


class TestPeopleList:
    def test_links_to_each_person_and_to_adding_one(self, administrator_client, someone, django_assert_max_num_queries):
        for _ in range(15):
            UserFactory()
        with django_assert_max_num_queries(12):
            html = administrator_client.get(reverse("accounts:user-list")).content.decode()
        assert reverse("accounts:person-create") in html
        assert reverse("accounts:person-detail", args=[someone.pk]) in html

    def test_a_persons_page_shows_their_trusts_in_few_queries(self, administrator_client, someone, trust, other_trust, django_assert_max_num_queries):
        Membership.objects.create(user=someone, trust=other_trust)
        with django_assert_max_num_queries(11):
            html = administrator_client.get(reverse("accounts:person-detail", args=[someone.pk])).content.decode()
        assert escape(trust.name) in html and escape(other_trust.name) in html
        assert reverse("accounts:person-deactivate", args=[someone.pk]) in html


class TestAddAPerson:
    url = staticmethod(lambda: reverse("accounts:person-create"))

    def test_invites_them_and_the_link_lets_them_set_a_password_and_sign_in(
        self, administrator_client, trust, provider_org, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = administrator_client.post(
                self.url(),
                {
                    "email": "kai@youngcarers.example",
                    "full_name": "Kai Morgan",
                    "role": "provider_user",
                    "organisation": provider_org.pk,
                    "trusts": [trust.pk],
                },
            )
        person = User.objects.get(email="kai@youngcarers.example")
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:person-detail", args=[person.pk])
        assert (person.role, person.organisation, list(person.trusts.all())) == ("provider_user", provider_org, [trust])

        link = _link_in(mailoutbox[0])
        visitor = Client()
        page = visitor.get(link)
        assert page.status_code == 200
        assert "Choose your password" in page.content.decode()
        done = visitor.post(link, {"password": GOOD_PASSWORD, "password_again": GOOD_PASSWORD})
        assert done.status_code == 302
        assert done["Location"] == reverse("accounts:sign-in")
        signed_in = visitor.post(reverse("accounts:sign-in"), {"email": "kai@youngcarers.example", "password": GOOD_PASSWORD})
        assert signed_in.status_code == 302
        assert visitor.session["_auth_user_id"] == str(person.pk)
        # The link worked once.
        assert visitor.get(link).status_code == 404

    def test_an_empty_form_shows_the_errors_and_saves_nothing(self, administrator_client, mailoutbox):
        before = User.objects.count()
        response = administrator_client.post(self.url(), {})
        html = _error_summary(response)
        for message in ("Enter an email address", "Enter their full name", "Select their role"):
            assert message in html
        assert User.objects.count() == before
        assert mailoutbox == []

    def test_keeps_what_was_typed_and_points_at_the_missing_organisation(self, administrator_client, trust):
        response = administrator_client.post(
            self.url(),
            {"email": "kai@example.org", "full_name": "Kai Morgan", "role": "provider_user", "trusts": [trust.pk]},
        )
        html = _error_summary(response)
        assert '<a href="#id_organisation">Select the organisation this provider user works for</a>' in html
        assert 'value="kai@example.org"' in html
        assert 'value="Kai Morgan"' in html
        assert 'value="provider_user" checked' in html
        assert f'value="{trust.pk}" checked' in html
        assert not User.objects.filter(email="kai@example.org").exists()

    def test_shows_every_error_at_once(self, administrator_client):
        response = administrator_client.post(self.url(), {"email": "not-an-address", "full_name": "Kai", "role": "regional_lead"})
        html = _error_summary(response)
        assert "Enter an email address in the correct format" in html
        assert "Select the region this regional lead covers" in html

    def test_a_taken_address_is_an_error_on_the_email_field(self, administrator_client, someone):
        response = administrator_client.post(self.url(), {"email": someone.email.upper(), "full_name": "Copy", "role": "evaluator"})
        assert '<a href="#id_email">There is already an account with this email address</a>' in _error_summary(response)


class TestChangeAPerson:
    def test_saves_the_new_role_and_trusts(self, administrator_client, someone, trust, other_trust):
        response = administrator_client.post(
            reverse("accounts:person-edit", args=[someone.pk]),
            {"role": "board_member", "trusts": [trust.pk, other_trust.pk]},
        )
        assert response.status_code == 302
        someone.refresh_from_db()
        assert someone.role == "board_member"
        assert set(someone.trusts.all()) == {trust, other_trust}

    def test_shows_the_current_values(self, administrator_client, someone, trust):
        html = administrator_client.get(reverse("accounts:person-edit", args=[someone.pk])).content.decode()
        assert 'value="evaluator" checked' in html
        assert f'value="{trust.pk}" checked' in html

    def test_two_administrators_changing_one_person_cannot_overwrite_each_other(self, administrator_client, someone, trust):
        url = reverse("accounts:person-edit", args=[someone.pk])
        version = re.search(r'name="version" value="([0-9a-f]+)"', administrator_client.get(url).content.decode()).group(1)
        colleague = UserFactory(role=Role.ADMINISTRATOR)
        TOTPDeviceFactory(user=colleague)
        other = signed_in_client(colleague)
        assert other.post(url, {"role": "board_member", "trusts": [trust.pk], "version": version}).status_code == 302
        response = administrator_client.post(url, {"role": "performance_analyst", "trusts": [trust.pk], "version": version})
        assert "Someone else changed this account while you were editing it" in _error_summary(response)
        someone.refresh_from_db()
        assert someone.role == Role.BOARD_MEMBER

    def test_a_regional_lead_without_a_region_is_refused(self, administrator_client, someone, trust):
        response = administrator_client.post(reverse("accounts:person-edit", args=[someone.pk]), {"role": "regional_lead", "trusts": [trust.pk]})
        assert "Select the region this regional lead covers" in _error_summary(response)
        someone.refresh_from_db()
        assert someone.role == Role.EVALUATOR


class TestWhatAPersonsPageOffers:
    def _page(self, client, person) -> str:
        response = client.get(reverse("accounts:person-detail", args=[person.pk]))
        assert response.status_code == 200
        return response.content.decode()

    def test_an_active_account_offers_deactivation_only(self, administrator_client, someone):
        html = self._page(administrator_client, someone)
        assert reverse("accounts:person-deactivate", args=[someone.pk]) in html
        assert reverse("accounts:person-reactivate", args=[someone.pk]) not in html
        assert reverse("accounts:person-edit", args=[someone.pk]) in html

    def test_a_deactivated_account_offers_reactivation_only(self, administrator_client, someone, administrator):
        services.person_deactivate(user=someone, by=administrator, reason="Left")
        html = self._page(administrator_client, someone)
        assert reverse("accounts:person-reactivate", args=[someone.pk]) in html
        assert reverse("accounts:person-deactivate", args=[someone.pk]) not in html

    def test_nobody_is_offered_deactivating_themself(self, administrator_client, administrator):
        html = self._page(administrator_client, administrator)
        assert reverse("accounts:person-deactivate", args=[administrator.pk]) not in html
        assert reverse("accounts:person-reactivate", args=[administrator.pk]) not in html

    def test_an_invitation_is_offered_only_to_someone_yet_to_set_a_password(self, administrator_client, invited, someone, administrator):
        assert reverse("accounts:person-invite-again", args=[invited.pk]) in self._page(administrator_client, invited)
        assert reverse("accounts:person-invite-again", args=[someone.pk]) not in self._page(administrator_client, someone)
        services.person_deactivate(user=invited, by=administrator, reason="Never started")
        assert reverse("accounts:person-invite-again", args=[invited.pk]) not in self._page(administrator_client, invited)


class TestDeactivatePages:
    def test_deactivates_with_a_reason(self, administrator_client, someone):
        response = administrator_client.post(reverse("accounts:person-deactivate", args=[someone.pk]), {"reason": "Left the panel"})
        assert response.status_code == 302
        someone.refresh_from_db()
        assert not someone.is_active

    def test_without_a_reason_shows_the_error_and_changes_nothing(self, administrator_client, someone):
        response = administrator_client.post(reverse("accounts:person-deactivate", args=[someone.pk]), {"reason": ""})
        assert "Enter why you are deactivating this account" in _error_summary(response)
        someone.refresh_from_db()
        assert someone.is_active

    def test_an_administrator_cannot_deactivate_themself(self, administrator_client, administrator):
        response = administrator_client.post(reverse("accounts:person-deactivate", args=[administrator.pk]), {"reason": "Testing"})
        assert "You cannot deactivate your own account" in _error_summary(response)
        administrator.refresh_from_db()
        assert administrator.is_active

    def test_reactivates(self, administrator_client, someone, administrator):
        services.person_deactivate(user=someone, by=administrator, reason="Left")
        response = administrator_client.post(reverse("accounts:person-reactivate", args=[someone.pk]), {"reason": "Back"})
        assert response.status_code == 302
        someone.refresh_from_db()
        assert someone.is_active

    def test_resends_an_invitation(self, administrator_client, invited, mailoutbox, django_capture_on_commit_callbacks):
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = administrator_client.post(reverse("accounts:person-invite-again", args=[invited.pk]))
        assert response.status_code == 302
        assert [m.to for m in mailoutbox] == [[invited.email]]

    def test_no_invitation_for_someone_with_a_password(self, administrator_client, someone, mailoutbox):
        response = administrator_client.post(reverse("accounts:person-invite-again", args=[someone.pk]), follow=True)
        assert "already set a password" in response.content.decode()
        assert mailoutbox == []


def _scrub(response, email: str) -> str:
    """The page without the address typed and the form's one-off token, to compare two answers."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode().replace(email, "EMAIL"))


class TestForgottenPassword:
    url = staticmethod(lambda: reverse("accounts:password-forgotten"))

    def test_sign_in_links_to_it(self, db, anonymous_client):
        assert self.url() in anonymous_client.get(reverse("accounts:sign-in")).content.decode()

    def test_does_not_reveal_whether_an_account_exists(self, anonymous_client, provider_user, mailoutbox, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            known = anonymous_client.post(self.url(), {"email": provider_user.email})
            unknown = anonymous_client.post(self.url(), {"email": "nobody@example.org"})
        assert known.status_code == unknown.status_code == 200
        assert _scrub(known, provider_user.email) == _scrub(unknown, "nobody@example.org")
        assert "If an account exists for" in known.content.decode()
        # Only the real account got an email.
        assert [m.to for m in mailoutbox] == [[provider_user.email]]

    def test_a_mail_server_that_is_down_changes_nothing_the_person_sees(
        self, commits, mail_server_down, tasks_either_way, anonymous_client, provider_user
    ):
        known = anonymous_client.post(self.url(), {"email": provider_user.email})
        unknown = anonymous_client.post(self.url(), {"email": "nobody@example.org"})
        assert known.status_code == unknown.status_code == 200
        assert _scrub(known, provider_user.email) == _scrub(unknown, "nobody@example.org")

    def test_an_empty_address_shows_the_error(self, db, anonymous_client):
        response = anonymous_client.post(self.url(), {"email": ""})
        assert "Enter your email address" in _error_summary(response)

    def test_too_many_requests_for_one_address_are_refused_without_an_email(
        self, anonymous_client, provider_user, mailoutbox, django_capture_on_commit_callbacks, settings
    ):
        settings.JOINTLY_PASSWORD_RESET_LIMIT = "2/h"
        with django_capture_on_commit_callbacks(execute=True):
            answers = [anonymous_client.post(self.url(), {"email": provider_user.email}) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert "too many password reset emails" in _error_summary(answers[2])
        assert len(mailoutbox) == 2
        # The same limit for an address with no account, so the limit reveals nothing either.
        unknown = [anonymous_client.post(self.url(), {"email": "nobody@example.org"}) for _ in range(3)]
        assert [a.status_code for a in unknown] == [200, 200, 429]

    def test_one_office_can_reset_several_peoples_passwords(self, db, anonymous_client, settings):
        settings.JOINTLY_PASSWORD_RESET_LIMIT = "1/h"
        # Four times the per-address rate from one IP address, each for a different person.
        answers = [anonymous_client.post(self.url(), {"email": f"person{n}@example.org"}) for n in range(5)]
        assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]

    def test_the_emailed_link_sets_a_new_password(self, anonymous_client, provider_user, mailoutbox, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            anonymous_client.post(self.url(), {"email": provider_user.email})
        link = _link_in(mailoutbox[0])
        response = anonymous_client.post(link, {"password": GOOD_PASSWORD, "password_again": GOOD_PASSWORD})
        assert response.status_code == 302
        provider_user.refresh_from_db()
        assert provider_user.check_password(GOOD_PASSWORD)


class TestSetPasswordPage:
    @pytest.fixture
    def link(self, invited, mailoutbox):
        return _link_in(mailoutbox[0])

    def test_a_wrong_token_shows_that_the_link_has_stopped_working(self, anonymous_client, link):
        broken = link.rstrip("/")[:-3] + "abc/"
        response = anonymous_client.get(broken)
        assert response.status_code == 404
        assert "This link has stopped working" in response.content.decode()

    def test_a_nonsense_user_id_is_handled(self, db, anonymous_client):
        response = anonymous_client.get(reverse("accounts:set-password", args=["!!!", "token"]))
        assert response.status_code == 404

    def test_a_deactivated_persons_link_stops_working(self, anonymous_client, link, invited, administrator):
        services.person_deactivate(user=invited, by=administrator, reason="Invited by mistake")
        assert anonymous_client.get(link).status_code == 404

    @pytest.mark.parametrize(
        ("password", "again", "message"),
        [
            ("", "", "Enter a password"),
            ("short-one", "short-one", "Your password must be at least 12 characters"),
            ("password1234", "password1234", "Choose a password that is harder to guess. This one is too common"),
            ("nia.evans@example.org", "nia.evans@example.org", "Your password is too like your email address"),
            (GOOD_PASSWORD, GOOD_PASSWORD + "x", "The passwords do not match"),
        ],
    )
    def test_a_weak_or_mistyped_password_is_refused(self, anonymous_client, link, invited, password, again, message):
        response = anonymous_client.post(link, {"password": password, "password_again": again})
        assert message in _error_summary(response)
        invited.refresh_from_db()
        assert not invited.has_usable_password()
