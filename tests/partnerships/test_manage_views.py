"""Management pages for a trust's bodies, seats, partners and papers, tried by every kind of person."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from jointly.partnerships.models import Body, Paper, Seat, Sector, TrustPartner

from ..factories import BodyFactory, OrganisationFactory, PaperFactory, SeatFactory


@pytest.fixture
def board(trust):
    return BodyFactory(trust=trust, name="Children's Trust Board", slug="board", kind=Body.Kind.BOARD)


@pytest.fixture
def forum(trust, board):
    return BodyFactory(trust=trust, name="VCS Forum", slug="vcs-forum", kind=Body.Kind.VCS_FORUM, reports_to=board)


@pytest.fixture
def seat(board):
    return SeatFactory(body=board, title="NHS partner", sector=Sector.NHS, seat_type=Seat.SeatType.STATUTORY_PARTNER)


@pytest.fixture
def other_trust_body(other_trust):
    return BodyFactory(trust=other_trust, name="Essex Board", slug="essex-board")


PAGES = {
    "body-create": lambda trust, body, seat: reverse("partnerships:body-create", args=[trust.slug]),
    "body-edit": lambda trust, body, seat: reverse("partnerships:body-edit", args=[trust.slug, body.slug]),
    "seat-create": lambda trust, body, seat: reverse("partnerships:seat-create", args=[trust.slug, body.slug]),
    "seat-edit": lambda trust, body, seat: reverse("partnerships:seat-edit", args=[seat.pk]),
    "trust-partner-add": lambda trust, body, seat: reverse("partnerships:trust-partner-add", args=[trust.slug]),
    "paper-list": lambda trust, body, seat: reverse("partnerships:paper-list", args=[trust.slug, body.slug]),
    "paper-create": lambda trust, body, seat: reverse("partnerships:paper-create", args=[trust.slug, body.slug]),
}
FORM_PAGES = [name for name in PAGES if name != "paper-list"]


def _error_summary(response) -> str:
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    return html


class TestWhoMayOpenThePages:
    @pytest.mark.parametrize("page", PAGES)
    def test_the_trusts_commissioner_can(self, page, commissioner_client, trust, board, seat):
        response = commissioner_client.get(PAGES[page](trust, board, seat))
        assert response.status_code == 200
        assert response.content.decode().count("<h1") == 1

    @pytest.mark.parametrize("page", PAGES)
    def test_an_administrator_can(self, page, administrator_client, trust, board, seat):
        assert administrator_client.get(PAGES[page](trust, board, seat)).status_code == 200

    @pytest.mark.parametrize("page", PAGES)
    def test_another_trusts_commissioner_finds_nothing(self, page, other_commissioner_client, trust, board, seat):
        assert other_commissioner_client.get(PAGES[page](trust, board, seat)).status_code == 404

    @pytest.mark.parametrize("page", PAGES)
    def test_a_provider_is_forbidden(self, page, provider_client, trust, board, seat):
        response = provider_client.get(PAGES[page](trust, board, seat))
        assert response.status_code == 403
        assert "cannot change this trust" in response.content.decode()

    @pytest.mark.parametrize("page", PAGES)
    def test_anonymous_people_are_sent_to_sign_in(self, page, anonymous_client, trust, board, seat):
        url = PAGES[page](trust, board, seat)
        response = anonymous_client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:sign-in')}?next={url}"

    @pytest.mark.parametrize("page", FORM_PAGES)
    def test_another_trusts_commissioner_cannot_post(self, page, other_commissioner_client, trust, board, seat):
        before = (Body.objects.count(), Seat.objects.count(), TrustPartner.objects.count(), Paper.objects.count())
        response = other_commissioner_client.post(PAGES[page](trust, board, seat), {"name": "Sneaky", "title": "Sneaky"})
        assert response.status_code == 404
        assert (Body.objects.count(), Seat.objects.count(), TrustPartner.objects.count(), Paper.objects.count()) == before

    @pytest.mark.parametrize("page", FORM_PAGES)
    def test_a_provider_cannot_post(self, page, provider_client, trust, board, seat):
        response = provider_client.post(PAGES[page](trust, board, seat), {"name": "Sneaky", "title": "Sneaky"})
        assert response.status_code == 403


class TestLinksFromTheTrustAndBodyPages:
    def test_a_commissioner_sees_the_management_links(self, commissioner_client, trust, board, seat):
        trust_page = commissioner_client.get(trust.get_absolute_url()).content.decode()
        assert reverse("partnerships:body-create", args=[trust.slug]) in trust_page
        assert reverse("partnerships:trust-partner-add", args=[trust.slug]) in trust_page
        body_page = commissioner_client.get(board.get_absolute_url()).content.decode()
        for name, args in (
            ("body-edit", [trust.slug, board.slug]),
            ("seat-create", [trust.slug, board.slug]),
            ("paper-list", [trust.slug, board.slug]),
            ("paper-create", [trust.slug, board.slug]),
            ("seat-edit", [seat.pk]),
        ):
            assert reverse(f"partnerships:{name}", args=args) in body_page

    def test_a_provider_does_not(self, provider_client, trust, board, seat):
        trust_page = provider_client.get(trust.get_absolute_url()).content.decode()
        body_page = provider_client.get(board.get_absolute_url()).content.decode()
        assert reverse("partnerships:body-create", args=[trust.slug]) not in trust_page
        assert reverse("partnerships:seat-edit", args=[seat.pk]) not in body_page
        assert reverse("partnerships:body-edit", args=[trust.slug, board.slug]) not in body_page


class TestBodyCreate:
    def url(self, trust):
        return reverse("partnerships:body-create", args=[trust.slug])

    def test_adds_a_body(self, commissioner_client, trust, board):
        response = commissioner_client.post(
            self.url(trust),
            {"name": "Early Help Task Group", "kind": "task_group", "remit": "Prevention first", "reports_to": board.pk},
        )
        body = Body.objects.get(trust=trust, name="Early Help Task Group")
        assert response.status_code == 302
        assert response["Location"] == body.get_absolute_url()
        assert (body.kind, body.remit, body.reports_to) == ("task_group", "Prevention first", board)

    def test_an_empty_form_shows_the_errors_and_saves_nothing(self, commissioner_client, trust):
        response = commissioner_client.post(self.url(trust), {})
        html = _error_summary(response)
        assert "Enter the name of the body" in html
        assert "Select what kind of body it is" in html
        assert not Body.objects.filter(trust=trust).exists()

    def test_keeps_what_was_typed(self, commissioner_client, trust):
        response = commissioner_client.post(self.url(trust), {"name": "Half-finished group", "remit": "Typed remit"})
        html = _error_summary(response)
        assert 'value="Half-finished group"' in html
        assert "Typed remit" in html
        assert not Body.objects.filter(trust=trust).exists()

    def test_cannot_report_to_another_trusts_body(self, commissioner_client, trust, other_trust_body):
        response = commissioner_client.post(self.url(trust), {"name": "Group", "kind": "task_group", "reports_to": other_trust_body.pk})
        assert "Select a body from the list" in _error_summary(response)
        assert not Body.objects.filter(trust=trust).exists()

    def test_offers_only_the_trusts_own_bodies(self, commissioner_client, trust, board, other_trust_body):
        html = commissioner_client.get(self.url(trust)).content.decode()
        assert escape(board.name) in html
        assert escape(other_trust_body.name) not in html


class TestBodyEdit:
    def url(self, body):
        return reverse("partnerships:body-edit", args=[body.trust.slug, body.slug])

    def test_shows_the_current_details(self, commissioner_client, forum):
        html = commissioner_client.get(self.url(forum)).content.decode()
        assert 'value="VCS Forum"' in html
        assert 'value="vcs_forum" checked' in html

    def test_saves_changes(self, commissioner_client, forum):
        response = commissioner_client.post(self.url(forum), {"name": "VCS Assembly", "kind": "vcs_forum", "remit": ""})
        forum.refresh_from_db()
        assert response.status_code == 302
        assert (forum.name, forum.reports_to) == ("VCS Assembly", None)

    def test_a_body_is_not_offered_itself_or_those_below_it(self, commissioner_client, trust, board, forum):
        task_group = BodyFactory(trust=trust, name="Task group under the forum", reports_to=forum)
        sibling = BodyFactory(trust=trust, name="Executive", reports_to=board)
        response = commissioner_client.get(self.url(forum))
        choices = {str(body) for body in response.context["form"].fields["reports_to"].queryset}
        assert choices == {board.name, sibling.name}
        assert task_group.name not in choices

    def test_refuses_a_loop_and_keeps_the_input(self, commissioner_client, trust, board, forum):
        response = commissioner_client.post(self.url(board), {"name": "Renamed board", "kind": "board", "reports_to": forum.pk})
        html = _error_summary(response)
        assert "Select a body from the list" in html
        assert 'value="Renamed board"' in html
        board.refresh_from_db()
        assert (board.name, board.reports_to) == ("Children's Trust Board", None)


class TestSeatCreate:
    def url(self, body):
        return reverse("partnerships:seat-create", args=[body.trust.slug, body.slug])

    def test_adds_a_vcs_seat_accountable_to_the_forum_by_default(self, commissioner_client, board, forum):
        response = commissioner_client.post(
            self.url(board),
            {"title": "VCS forum representative", "sector": "vcs", "seat_type": "vcs_forum_representative", "represents": "VCS members"},
        )
        assert response.status_code == 302
        assert response["Location"] == board.get_absolute_url()
        seat = Seat.objects.get(body=board, title="VCS forum representative")
        assert (seat.accountable_to, seat.status, seat.represents) == (forum, Seat.Status.VACANT, "VCS members")

    def test_the_hint_names_the_forum(self, commissioner_client, board, forum):
        html = commissioner_client.get(self.url(board)).content.decode()
        assert "A VCS forum representative is accountable to VCS Forum unless you choose another body" in html

    def test_cannot_be_accountable_to_another_trusts_body(self, commissioner_client, board, other_trust_body):
        response = commissioner_client.post(
            self.url(board),
            {"title": "Rep", "sector": "vcs", "seat_type": "other", "accountable_to": other_trust_body.pk},
        )
        assert "Select a body from the list" in _error_summary(response)
        assert not Seat.objects.exists()

    def test_an_empty_form_shows_the_errors_and_saves_nothing(self, commissioner_client, board):
        response = commissioner_client.post(self.url(board), {"represents": "Typed text"})
        html = _error_summary(response)
        for message in ("Enter the seat&#x27;s title", "Select which sector the seat is for", "Select what type of seat it is"):
            assert message in html
        assert 'value="Typed text"' in html
        assert not Seat.objects.exists()


class TestSeatEdit:
    def url(self, seat):
        return reverse("partnerships:seat-edit", args=[seat.pk])

    def test_saves_the_new_description(self, commissioner_client, seat, forum):
        response = commissioner_client.post(
            self.url(seat),
            {"title": "ICB partner", "sector": "nhs", "seat_type": "statutory_partner", "represents": "", "accountable_to": forum.pk},
        )
        assert response.status_code == 302
        seat.refresh_from_db()
        assert (seat.title, seat.accountable_to) == ("ICB partner", forum)

    def test_shows_the_current_details(self, commissioner_client, seat):
        html = commissioner_client.get(self.url(seat)).content.decode()
        assert 'value="NHS partner"' in html
        assert 'value="statutory_partner" checked' in html

    def test_an_invalid_change_saves_nothing(self, commissioner_client, seat):
        response = commissioner_client.post(self.url(seat), {"title": "", "sector": "nhs", "seat_type": "statutory_partner"})
        assert "Enter the seat&#x27;s title" in _error_summary(response)
        seat.refresh_from_db()
        assert seat.title == "NHS partner"

    def test_another_trusts_seat_is_not_found(self, commissioner_client, other_trust_body):
        other_seat = SeatFactory(body=other_trust_body)
        assert commissioner_client.get(self.url(other_seat)).status_code == 404

    def test_a_form_opened_before_the_term_ended_cannot_change_the_seat(self, commissioner_client, commissioner, seat, provider_user):
        import datetime
        import re

        from jointly.partnerships.services import seat_appoint, seat_vacate

        seat_appoint(
            seat=seat,
            holder=provider_user,
            holder_organisation=None,
            term_start=datetime.date(2026, 1, 1),
            term_end=datetime.date(2026, 12, 31),
            by=commissioner,
        )
        html = commissioner_client.get(self.url(seat)).content.decode()
        version = re.search(r'name="version" value="([0-9a-f]+)"', html).group(1)
        seat_vacate(seat=seat, by=commissioner, reason="Stepped down")  # someone else, meanwhile
        response = commissioner_client.post(
            self.url(seat), {"title": "Renamed", "sector": "nhs", "seat_type": "statutory_partner", "version": version}
        )
        assert "Someone else changed this seat while you were editing it" in _error_summary(response)
        seat.refresh_from_db()
        assert (seat.title, seat.status, seat.holder) == ("NHS partner", Seat.Status.VACANT, None)


class TestTrustPartnerAdd:
    def url(self, trust):
        return reverse("partnerships:trust-partner-add", args=[trust.slug])

    def test_search_finds_organisations_that_are_not_yet_partners(self, commissioner_client, trust, provider_org):
        OrganisationFactory(name="Young Minds Matter")
        OrganisationFactory(name="Plymouth Youth Theatre")
        response = commissioner_client.get(self.url(trust), {"q": "young"})
        html = response.content.decode()
        assert "Young Minds Matter" in html
        assert "Young Carers Project" not in html  # already a partner
        assert "Plymouth Youth Theatre" not in html  # does not match

    def test_no_match_says_so_and_links_to_adding_an_organisation(self, commissioner_client, trust):
        html = commissioner_client.get(self.url(trust), {"q": "nothing like this"}).content.decode()
        assert "No matches" in html
        assert reverse("partnerships:organisation-create") in html

    def test_adds_the_chosen_organisation(self, commissioner_client, trust):
        organisation = OrganisationFactory(name="Young Minds Matter")
        response = commissioner_client.post(
            self.url(trust),
            {"search": "young", "organisation": organisation.pk, "statutory": "yes", "joined_on_0": "1", "joined_on_1": "4", "joined_on_2": "2025"},
        )
        assert response.status_code == 302
        assert response["Location"] == trust.get_absolute_url()
        partner = TrustPartner.objects.get(trust=trust, organisation=organisation)
        assert partner.statutory is True
        assert str(partner.joined_on) == "2025-04-01"

    def test_without_a_choice_shows_the_errors_and_keeps_the_results(self, commissioner_client, trust):
        OrganisationFactory(name="Young Minds Matter")
        response = commissioner_client.post(self.url(trust), {"search": "young"})
        html = _error_summary(response)
        assert "Select the organisation that is joining the partnership" in html
        assert "Select yes if the organisation is a statutory partner" in html
        assert "Young Minds Matter" in html
        assert not TrustPartner.objects.filter(trust=trust).exists()

    def test_cannot_choose_an_organisation_outside_the_search(self, commissioner_client, trust):
        outside = OrganisationFactory(name="Unrelated Charity")
        response = commissioner_client.post(self.url(trust), {"search": "young", "organisation": outside.pk, "statutory": "no"})
        assert "Select an organisation from the search results" in _error_summary(response)
        assert not TrustPartner.objects.filter(trust=trust, organisation=outside).exists()

    def test_a_long_list_is_cut_short(self, commissioner_client, trust):
        for n in range(25):
            OrganisationFactory(name=f"Youth Group {n:02d}")
        html = commissioner_client.get(self.url(trust), {"q": "youth group"}).content.decode()
        assert "Showing the first 20 matches" in html
        assert html.count('name="organisation"') == 20


class TestPapers:
    def list_url(self, body):
        return reverse("partnerships:paper-list", args=[body.trust.slug, body.slug])

    def create_url(self, body):
        return reverse("partnerships:paper-create", args=[body.trust.slug, body.slug])

    def test_lists_every_paper_including_confidential_ones(self, commissioner_client, board, django_assert_max_num_queries):
        PaperFactory(body=board, title="Open paper")
        PaperFactory(body=board, title="Budget options", confidential=True)
        PaperFactory(body=BodyFactory(trust=board.trust), title="Another body's paper")
        for n in range(10):
            PaperFactory(body=board, title=f"Minutes {n}")
        with django_assert_max_num_queries(12):
            html = commissioner_client.get(self.list_url(board)).content.decode()
        assert "Open paper" in html and "Budget options" in html
        assert "Another body&#x27;s paper" not in html
        assert "12 papers" in html

    def test_adds_a_paper(self, commissioner_client, board):
        response = commissioner_client.post(
            self.create_url(board),
            {
                "title": "Commissioning intentions 2026",
                "meeting_date_0": "12",
                "meeting_date_1": "5",
                "meeting_date_2": "2026",
                "summary": "For decision",
                "content": "The group is asked to agree…",
                "confidential": "yes",
            },
        )
        assert response.status_code == 302
        assert response["Location"] == self.list_url(board)
        paper = Paper.objects.get(body=board)
        assert (paper.title, str(paper.meeting_date), paper.confidential) == ("Commissioning intentions 2026", "2026-05-12", True)

    def test_an_invalid_paper_shows_the_errors_keeps_the_input_and_saves_nothing(self, commissioner_client, board):
        response = commissioner_client.post(
            self.create_url(board),
            {"title": "Draft title", "meeting_date_0": "31", "meeting_date_1": "2", "meeting_date_2": "2026", "content": ""},
        )
        html = _error_summary(response)
        assert "The date of the meeting must be a real date" in html
        assert "Enter the text of the paper" in html
        assert "Select yes if the paper is confidential" in html
        assert 'value="Draft title"' in html
        assert 'value="31"' in html
        assert not Paper.objects.exists()
