"""Services behind the management pages: bodies, seats, partners and papers."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from jointly.audit.models import AuditEntry
from jointly.core.errors import FieldErrors
from jointly.partnerships import services
from jointly.partnerships.models import Body, Paper, Seat, Sector, TrustPartner

from ..factories import BodyFactory, OrganisationFactory, SeatFactory


@pytest.fixture
def board(trust):
    return BodyFactory(trust=trust, name="Children's Trust Board", slug="board", kind=Body.Kind.BOARD)


@pytest.fixture
def forum(trust, board):
    return BodyFactory(trust=trust, name="VCS Forum", slug="vcs-forum", kind=Body.Kind.VCS_FORUM, reports_to=board)


@pytest.fixture
def other_body(other_trust):
    return BodyFactory(trust=other_trust, name="Essex Board", slug="essex-board", kind=Body.Kind.BOARD)


class TestBodyCreate:
    def test_creates_a_body_with_a_slug_from_its_name(self, trust, board):
        body = services.body_create(trust=trust, name="  Early Help Task Group ", kind=Body.Kind.TASK_GROUP, remit="Prevention", reports_to=board)
        body.refresh_from_db()
        assert (body.name, body.slug, body.kind, body.remit, body.reports_to) == (
            "Early Help Task Group",
            "early-help-task-group",
            Body.Kind.TASK_GROUP,
            "Prevention",
            board,
        )

    def test_a_second_body_of_the_same_name_gets_its_own_slug(self, trust):
        first = services.body_create(trust=trust, name="Task Group", kind=Body.Kind.TASK_GROUP)
        second = services.body_create(trust=trust, name="Task Group", kind=Body.Kind.TASK_GROUP)
        assert first.slug != second.slug

    def test_cannot_report_to_another_trusts_body(self, trust, other_body):
        with pytest.raises(FieldErrors) as error:
            services.body_create(trust=trust, name="Task Group", kind=Body.Kind.TASK_GROUP, reports_to=other_body)
        assert error.value.errors == {"reports_to": "A body can only report to another body of the same trust"}
        assert not Body.objects.filter(trust=trust, name="Task Group").exists()

    def test_is_audited_to_the_trust(self, trust):
        body = services.body_create(trust=trust, name="Task Group", kind=Body.Kind.TASK_GROUP)
        entry = AuditEntry.objects.get(object_type="partnerships.body", object_id=str(body.pk))
        assert (entry.action, entry.trust_id) == (AuditEntry.Action.CREATE, trust.pk)


class TestBodyUpdate:
    def test_changes_the_description_but_keeps_the_address(self, forum, board):
        services.body_update(body=forum, name="VCS Assembly", kind=Body.Kind.VCS_FORUM, remit="Elects reps", reports_to=None)
        forum.refresh_from_db()
        assert (forum.name, forum.slug, forum.remit, forum.reports_to) == ("VCS Assembly", "vcs-forum", "Elects reps", None)

    def test_cannot_report_to_itself(self, board):
        with pytest.raises(FieldErrors, match="cannot report to itself"):
            services.body_update(body=board, name=board.name, kind=board.kind, reports_to=board)
        board.refresh_from_db()
        assert board.reports_to is None

    def test_cannot_report_to_a_body_below_it(self, trust, board, forum):
        task_group = BodyFactory(trust=trust, reports_to=forum)
        with pytest.raises(FieldErrors, match="already reports to"):
            services.body_update(body=board, name=board.name, kind=board.kind, reports_to=task_group)
        board.refresh_from_db()
        assert board.reports_to is None

    def test_cannot_report_to_another_trusts_body(self, board, other_body):
        with pytest.raises(FieldErrors, match="same trust"):
            services.body_update(body=board, name=board.name, kind=board.kind, reports_to=other_body)

    def test_can_move_under_a_sibling(self, trust, board, forum):
        executive = BodyFactory(trust=trust, reports_to=board)
        services.body_update(body=forum, name=forum.name, kind=forum.kind, reports_to=executive)
        forum.refresh_from_db()
        assert forum.reports_to == executive


class TestSeatCreate:
    def test_a_vcs_forum_representative_is_accountable_to_the_trusts_forum_by_default(self, board, forum):
        seat = services.seat_create(body=board, title="VCS rep", sector=Sector.VCS, seat_type=Seat.SeatType.VCS_FORUM_REPRESENTATIVE)
        assert seat.accountable_to == forum
        assert seat.status == Seat.Status.VACANT

    def test_other_seats_have_no_default(self, board, forum):
        seat = services.seat_create(body=board, title="NHS partner", sector=Sector.NHS, seat_type=Seat.SeatType.STATUTORY_PARTNER)
        assert seat.accountable_to is None

    def test_a_chosen_body_wins_over_the_default(self, trust, board, forum):
        executive = BodyFactory(trust=trust, reports_to=board)
        seat = services.seat_create(
            body=board,
            title="VCS rep",
            sector=Sector.VCS,
            seat_type=Seat.SeatType.VCS_FORUM_REPRESENTATIVE,
            accountable_to=executive,
        )
        assert seat.accountable_to == executive

    def test_without_a_forum_a_representative_seat_is_accountable_to_nobody(self, board):
        seat = services.seat_create(body=board, title="VCS rep", sector=Sector.VCS, seat_type=Seat.SeatType.VCS_FORUM_REPRESENTATIVE)
        assert seat.accountable_to is None

    def test_cannot_be_accountable_to_another_trusts_body(self, board, other_body):
        with pytest.raises(FieldErrors) as error:
            services.seat_create(body=board, title="Rep", sector=Sector.VCS, seat_type=Seat.SeatType.OTHER, accountable_to=other_body)
        assert error.value.errors == {"accountable_to": "A seat can only be accountable to a body of the same trust"}
        assert not Seat.objects.exists()

    def test_cannot_be_accountable_to_its_own_body(self, board):
        with pytest.raises(FieldErrors, match="other than the one the seat is on"):
            services.seat_create(body=board, title="Rep", sector=Sector.VCS, seat_type=Seat.SeatType.OTHER, accountable_to=board)

    def test_rejects_an_unknown_sector(self, board):
        with pytest.raises(ValidationError):
            services.seat_create(body=board, title="Rep", sector="martian", seat_type=Seat.SeatType.OTHER)
        assert not Seat.objects.exists()


class TestSeatUpdate:
    def test_changes_the_description_and_leaves_the_holder_alone(self, board, forum, commissioner):
        seat = SeatFactory(body=board, title="Rep", status=Seat.Status.FILLED, holder=commissioner, seat_type=Seat.SeatType.OTHER)
        services.seat_update(
            seat=seat,
            title="Significant provider",
            sector=Sector.SOCIAL_ENTERPRISE,
            seat_type=Seat.SeatType.SIGNIFICANT_PROVIDER,
            represents="Large providers",
            accountable_to=forum,
        )
        seat.refresh_from_db()
        assert (seat.title, seat.sector, seat.seat_type, seat.represents, seat.accountable_to) == (
            "Significant provider",
            Sector.SOCIAL_ENTERPRISE,
            Seat.SeatType.SIGNIFICANT_PROVIDER,
            "Large providers",
            forum,
        )
        assert (seat.status, seat.holder) == (Seat.Status.FILLED, commissioner)

    def test_cannot_move_accountability_to_another_trust(self, board, forum, other_body):
        seat = SeatFactory(body=board, accountable_to=forum)
        with pytest.raises(FieldErrors, match="same trust"):
            services.seat_update(seat=seat, title="x", sector=Sector.VCS, seat_type=seat.seat_type, accountable_to=other_body)
        seat.refresh_from_db()
        assert seat.accountable_to == forum


class TestTrustPartnerAdd:
    def test_adds_a_statutory_partner(self, trust):
        organisation = OrganisationFactory()
        partner = services.trust_partner_add(trust=trust, organisation=organisation, statutory=True, joined_on=datetime.date(2025, 4, 1))
        assert TrustPartner.objects.get(pk=partner.pk).statutory is True

    def test_adding_twice_keeps_one_partnership(self, trust):
        organisation = OrganisationFactory()
        services.trust_partner_add(trust=trust, organisation=organisation)
        services.trust_partner_add(trust=trust, organisation=organisation)
        assert TrustPartner.objects.filter(trust=trust, organisation=organisation).count() == 1


class TestPaperCreate:
    def test_creates_a_confidential_paper(self, board):
        paper = services.paper_create(
            body=board,
            title=" Budget options ",
            meeting_date=datetime.date(2026, 5, 12),
            summary="Three options",
            content="The options are…",
            confidential=True,
        )
        paper.refresh_from_db()
        assert (paper.title, paper.confidential, paper.body) == ("Budget options", True, board)

    def test_needs_content(self, board):
        with pytest.raises(ValidationError):
            services.paper_create(body=board, title="Empty", meeting_date=datetime.date(2026, 5, 12), content="  ")
        assert not Paper.objects.exists()


def test_another_trusts_forum_is_never_the_default(board, other_trust):
    BodyFactory(trust=other_trust, kind=Body.Kind.VCS_FORUM)
    seat = services.seat_create(body=board, title="VCS rep", sector=Sector.VCS, seat_type=Seat.SeatType.VCS_FORUM_REPRESENTATIVE)
    assert seat.accountable_to is None
