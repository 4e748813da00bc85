"""Role tests and form behaviour for appointing, ending terms and recording report-backs."""

import datetime

import pytest

from jointly.partnerships.models import ReportBack, Seat
from tests.conftest import signed_in_client
from tests.factories import BodyFactory, FilledSeatFactory, SeatFactory


@pytest.fixture
def board(trust):
    return BodyFactory(trust=trust, slug="board")


@pytest.fixture
def vacant(board):
    return SeatFactory(body=board, title="VCS representative")


@pytest.fixture
def held(board, provider_user):
    return FilledSeatFactory(body=board, holder=provider_user, title="Provider seat")


@pytest.fixture
def other_trust_seat(other_trust):
    return FilledSeatFactory(body=BodyFactory(trust=other_trust))


def date_fields(prefix, day, month, year):
    return {f"{prefix}_0": day, f"{prefix}_1": month, f"{prefix}_2": year}


def appoint_data(holder, start=("1", "4", "2026"), end=("31", "3", "2028")):
    return {"holder": holder.pk if holder else "", **date_fields("term_start", *start), **date_fields("term_end", *end)}


# --- Appoint -----------------------------------------------------------------


def test_appoint_form_offers_the_trusts_people_only(commissioner_client, vacant, provider_user, other_commissioner):
    response = commissioner_client.get(f"/partnerships/seats/{vacant.pk}/appoint/")
    assert response.status_code == 200
    people = list(response.context["form"].fields["holder"].queryset)
    assert provider_user in people and other_commissioner not in people


def test_appoint_fills_the_seat_and_returns_to_the_body(commissioner_client, vacant, provider_user):
    response = commissioner_client.post(f"/partnerships/seats/{vacant.pk}/appoint/", appoint_data(provider_user))
    assert response.status_code == 302
    assert response.url == vacant.body.get_absolute_url()
    vacant.refresh_from_db()
    assert vacant.status == Seat.Status.FILLED
    assert vacant.holder == provider_user
    assert vacant.holder_organisation == provider_user.organisation
    assert vacant.term_end == datetime.date(2028, 3, 31)


def test_appoint_with_nothing_chosen_explains_each_problem(commissioner_client, vacant):
    response = commissioner_client.post(f"/partnerships/seats/{vacant.pk}/appoint/", appoint_data(None, start=("", "", ""), end=("31", "2", "2027")))
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Select who will hold the seat" in html
    assert "Enter the date the term starts" in html
    assert "The date the term ends must be a real date" in html
    assert 'id="id_holder-error"' in html
    # What was typed is kept.
    assert 'value="31"' in html and 'value="2027"' in html
    vacant.refresh_from_db()
    assert vacant.status == Seat.Status.VACANT


def test_appoint_refuses_a_term_ending_before_it_starts(commissioner_client, vacant, provider_user):
    data = appoint_data(provider_user, start=("1", "4", "2027"), end=("1", "4", "2026"))
    html = commissioner_client.post(f"/partnerships/seats/{vacant.pk}/appoint/", data).content.decode()
    assert "The term must end after it starts" in html
    assert 'href="#id_term_end_0"' in html
    vacant.refresh_from_db()
    assert vacant.status == Seat.Status.VACANT


def test_appoint_refuses_someone_outside_the_trust(commissioner_client, vacant, other_commissioner):
    html = commissioner_client.post(f"/partnerships/seats/{vacant.pk}/appoint/", appoint_data(other_commissioner)).content.decode()
    assert "Select a person from the list" in html
    vacant.refresh_from_db()
    assert vacant.holder is None


def test_appointing_to_a_filled_seat_says_why_not(commissioner_client, held, commissioner):
    html = commissioner_client.post(f"/partnerships/seats/{held.pk}/appoint/", appoint_data(commissioner)).content.decode()
    assert "govuk-error-summary" in html
    assert "This seat is filled, so you cannot appoint someone to it." in html
    held.refresh_from_db()
    assert held.holder != commissioner


@pytest.mark.parametrize("who", ["analyst", "board_member", "provider_user", "evaluator", "regional_lead"])
def test_appoint_is_forbidden_to_other_roles(request, who, vacant, provider_user):
    client = signed_in_client(request.getfixturevalue(who))
    assert client.get(f"/partnerships/seats/{vacant.pk}/appoint/").status_code == 403
    assert client.post(f"/partnerships/seats/{vacant.pk}/appoint/", appoint_data(provider_user)).status_code == 403
    vacant.refresh_from_db()
    assert vacant.status == Seat.Status.VACANT


def test_another_trusts_seat_is_not_found(commissioner_client, other_trust_seat):
    for action in ("appoint", "end-term", "report-back"):
        assert commissioner_client.get(f"/partnerships/seats/{other_trust_seat.pk}/{action}/").status_code == 404


@pytest.mark.parametrize("action", ["appoint", "end-term", "report-back"])
def test_seat_pages_need_a_sign_in(anonymous_client, held, action):
    path = f"/partnerships/seats/{held.pk}/{action}/"
    response = anonymous_client.get(path)
    assert response.status_code == 302 and response.url == f"/sign-in/?next={path}"


# --- End a term ----------------------------------------------------------------


def test_end_term_with_a_reason(commissioner_client, held):
    assert commissioner_client.get(f"/partnerships/seats/{held.pk}/end-term/").status_code == 200
    response = commissioner_client.post(f"/partnerships/seats/{held.pk}/end-term/", {"reason": "Moved away"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == Seat.Status.VACANT


def test_end_term_without_a_reason_is_explained(commissioner_client, held):
    html = commissioner_client.post(f"/partnerships/seats/{held.pk}/end-term/", {"reason": ""}).content.decode()
    assert "govuk-error-summary" in html and "Enter why the term is ending" in html
    held.refresh_from_db()
    assert held.status == Seat.Status.FILLED


def test_ending_a_vacant_seats_term_says_why_not(commissioner_client, vacant):
    html = commissioner_client.post(f"/partnerships/seats/{vacant.pk}/end-term/", {"reason": "Tidy up"}).content.decode()
    assert "This seat is vacant, so you cannot vacate it. You can vacate it only when it is filled." in html


def test_end_term_is_forbidden_to_the_holder(provider_client, held):
    assert provider_client.post(f"/partnerships/seats/{held.pk}/end-term/", {"reason": "Quit"}).status_code == 403
    held.refresh_from_db()
    assert held.status == Seat.Status.FILLED


# --- Report-backs ----------------------------------------------------------------


def report_data(summary="We agreed the plan.", day=("12", "3", "2026")):
    return {"summary": summary, **date_fields("held_on", *day)}


@pytest.mark.parametrize("who", ["provider_user", "commissioner", "administrator"])
def test_report_back_by_the_holder_or_a_commissioner(request, who, held):
    client = signed_in_client(request.getfixturevalue(who))
    assert client.get(f"/partnerships/seats/{held.pk}/report-back/").status_code == 200
    response = client.post(f"/partnerships/seats/{held.pk}/report-back/", report_data())
    assert response.status_code == 302
    report = ReportBack.objects.get(seat=held)
    assert report.held_on == datetime.date(2026, 3, 12)
    assert report.recorded_by == request.getfixturevalue(who)


@pytest.mark.parametrize("who", ["other_provider_user", "board_member", "analyst", "evaluator"])
def test_report_back_is_forbidden_to_anyone_else(request, who, held):
    client = signed_in_client(request.getfixturevalue(who))
    assert client.get(f"/partnerships/seats/{held.pk}/report-back/").status_code == 403
    assert client.post(f"/partnerships/seats/{held.pk}/report-back/", report_data()).status_code == 403
    assert not ReportBack.objects.exists()


def test_report_back_with_problems_keeps_what_was_typed(provider_client, held):
    html = provider_client.post(
        f"/partnerships/seats/{held.pk}/report-back/", report_data(summary="Half a note", day=("30", "2", "2026"))
    ).content.decode()
    assert "govuk-error-summary" in html
    assert "The date of the report-back must be a real date" in html
    assert "Half a note" in html
    assert 'class="govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error"' in html
    assert not ReportBack.objects.exists()


def test_report_back_on_a_vacant_seat_says_why_not(commissioner_client, vacant):
    html = commissioner_client.post(f"/partnerships/seats/{vacant.pk}/report-back/", report_data()).content.decode()
    assert "Only a filled seat can report back" in html
    assert not ReportBack.objects.exists()


def test_report_back_form_asks_for_the_summary(provider_client, held):
    html = provider_client.post(f"/partnerships/seats/{held.pk}/report-back/", report_data(summary="")).content.decode()
    assert "Enter what was reported" in html
    assert 'href="#id_summary"' in html


def test_a_former_holder_can_no_longer_report_back(held, provider_user, commissioner):
    from jointly.partnerships.services import seat_vacate

    seat_vacate(seat=held, by=commissioner, reason="Term over")
    client = signed_in_client(provider_user)
    assert client.get(f"/partnerships/seats/{held.pk}/report-back/").status_code == 403


def test_seat_changes_need_a_post_or_get_only(commissioner_client, held):
    assert commissioner_client.put(f"/partnerships/seats/{held.pk}/end-term/").status_code == 405
    held.refresh_from_db()
    assert held.status == Seat.Status.FILLED


# --- What the body page offers on each seat ------------------------------------------


def _links_on_body_page(client, board) -> str:
    response = client.get(board.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_vacant_seat_offers_appointing_and_a_filled_one_ending_the_term(commissioner_client, board, vacant, held):
    html = _links_on_body_page(commissioner_client, board)
    assert f"/partnerships/seats/{vacant.pk}/appoint/" in html and f"/partnerships/seats/{vacant.pk}/end-term/" not in html
    assert f"/partnerships/seats/{held.pk}/end-term/" in html and f"/partnerships/seats/{held.pk}/appoint/" not in html
    # Only a filled seat in its term can report back.
    assert f"/partnerships/seats/{held.pk}/report-back/" in html and f"/partnerships/seats/{vacant.pk}/report-back/" not in html


def test_the_buttons_follow_the_seat_when_its_term_ends(commissioner_client, commissioner, board, held):
    from jointly.partnerships.services import seat_vacate

    seat_vacate(seat=held, by=commissioner, reason="Stepped down")
    html = _links_on_body_page(commissioner_client, board)
    assert f"/partnerships/seats/{held.pk}/appoint/" in html
    assert f"/partnerships/seats/{held.pk}/end-term/" not in html and f"/partnerships/seats/{held.pk}/report-back/" not in html


def test_a_term_that_has_ended_is_not_offered_a_report_back_before_the_job_runs(commissioner_client, board, provider_user):
    ended = FilledSeatFactory(body=board, holder=provider_user, term_end=datetime.date.today() - datetime.timedelta(days=1))
    html = _links_on_body_page(commissioner_client, board)
    assert f"/partnerships/seats/{ended.pk}/end-term/" in html
    assert f"/partnerships/seats/{ended.pk}/report-back/" not in html


def test_the_holder_may_report_back_but_is_offered_no_moves(provider_client, board, vacant, held):
    html = _links_on_body_page(provider_client, board)
    assert f"/partnerships/seats/{held.pk}/report-back/" in html
    for seat in (vacant, held):
        for action in ("appoint", "end-term", "change"):
            assert f"/partnerships/seats/{seat.pk}/{action}/" not in html


@pytest.mark.parametrize("who", ["board_member", "analyst", "other_provider_user"])
def test_other_members_are_offered_nothing_on_the_seats(request, who, board, vacant, held):
    html = _links_on_body_page(signed_in_client(request.getfixturevalue(who)), board)
    assert "/partnerships/seats/" not in html
