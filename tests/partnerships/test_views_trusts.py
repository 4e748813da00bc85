"""Role tests for the partnership pages: regions, trusts, representation, bodies and papers."""

import pytest

from jointly.partnerships.models import Body
from tests.conftest import signed_in_client
from tests.factories import BodyFactory, FilledSeatFactory, PaperFactory, SeatFactory

ROLES = ["commissioner", "analyst", "board_member", "provider_user", "evaluator", "participant", "regional_lead", "administrator"]


@pytest.fixture
def board(trust):
    return BodyFactory(trust=trust, name="Children's Trust Board", slug="board", kind=Body.Kind.BOARD)


@pytest.fixture
def other_board(other_trust):
    return BodyFactory(trust=other_trust, name="Essex Board", slug="board", kind=Body.Kind.BOARD)


def client_for(request, who):
    return signed_in_client(request.getfixturevalue(who))


def assert_sign_in_redirect(response, path):
    assert response.status_code == 302
    assert response.url == f"/sign-in/?next={path}"


# --- Regions ---------------------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_region_list_for_every_role(request, who, trust, other_trust):
    response = client_for(request, who).get("/partnerships/")
    assert response.status_code == 200
    html = response.content.decode()
    # Every trust is named; only the person's own are links.
    assert trust.name.replace("'", "&#x27;") in html and other_trust.name.replace("'", "&#x27;") in html
    assert (f'href="/partnerships/trusts/{other_trust.slug}/"' in html) is (who == "administrator")


def test_region_list_links_a_members_own_trust(commissioner_client, trust):
    assert f'href="/partnerships/trusts/{trust.slug}/"' in commissioner_client.get("/partnerships/").content.decode()


def test_region_detail(commissioner_client, other_commissioner_client, region, trust):
    assert commissioner_client.get(f"/partnerships/regions/{region.slug}/").status_code == 200
    # Regions are a public register: another region's people may read it, without links in.
    response = other_commissioner_client.get(f"/partnerships/regions/{region.slug}/")
    assert response.status_code == 200
    assert f'href="/partnerships/trusts/{trust.slug}/"' not in response.content.decode()
    assert commissioner_client.get("/partnerships/regions/nowhere/").status_code == 404


@pytest.mark.parametrize("path", ["/partnerships/", "/partnerships/regions/peninsula/"])
def test_region_pages_need_a_sign_in(anonymous_client, region, path):
    assert_sign_in_redirect(anonymous_client.get(path), path)


# --- Trust page --------------------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_trust_page_for_every_role_in_the_trust(request, who, trust, board):
    response = client_for(request, who).get(f"/partnerships/trusts/{trust.slug}/")
    assert response.status_code == 200
    assert board.name.replace("'", "&#x27;") in response.content.decode()


@pytest.mark.parametrize(
    ("who", "sees_representation", "sees_history"),
    [("commissioner", True, True), ("analyst", True, True), ("board_member", True, False), ("evaluator", False, False)],
)
def test_trust_page_links_only_to_what_the_role_may_use(request, who, sees_representation, sees_history, trust):
    html = client_for(request, who).get(f"/partnerships/trusts/{trust.slug}/").content.decode()
    assert ("/representation/" in html) is sees_representation
    assert (f"/history/partnerships.trust/{trust.pk}/" in html) is sees_history


def test_another_trusts_page_is_not_found(other_commissioner_client, trust):
    assert other_commissioner_client.get(f"/partnerships/trusts/{trust.slug}/").status_code == 404


def test_a_regional_lead_cannot_see_another_regions_trust(regional_lead, other_trust):
    assert signed_in_client(regional_lead).get(f"/partnerships/trusts/{other_trust.slug}/").status_code == 404


def test_trust_page_needs_a_sign_in(anonymous_client, trust):
    path = f"/partnerships/trusts/{trust.slug}/"
    assert_sign_in_redirect(anonymous_client.get(path), path)


# --- Representation check ----------------------------------------------------


@pytest.mark.parametrize("who", ["commissioner", "analyst", "board_member", "regional_lead", "administrator"])
def test_representation_for_roles_that_may_see_it(request, who, trust, board):
    SeatFactory(body=board, title="VCS seat")
    response = client_for(request, who).get(f"/partnerships/trusts/{trust.slug}/representation/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 body has no VCS forum representative." in html
    assert "1 vacant seat." in html


def test_representation_flags_a_body_whose_only_vcs_seat_is_a_providers(commissioner_client, trust, board):
    """The board's one filled seat is a significant provider's, held by a charity: still flagged, and the page says why."""
    from jointly.partnerships.models import Seat, Sector

    FilledSeatFactory(body=board, title="Significant provider", sector=Sector.VCS, seat_type=Seat.SeatType.SIGNIFICANT_PROVIDER)
    html = commissioner_client.get(f"/partnerships/trusts/{trust.slug}/representation/").content.decode()
    assert "1 body has no VCS forum representative." in html
    assert "Significant provider: a significant provider's seat, not VCS representation" in html


def test_representation_names_the_configured_warning_period(commissioner_client, trust, settings):
    settings.JOINTLY_TERM_ENDING_WARNING_DAYS = 90
    html = commissioner_client.get(f"/partnerships/trusts/{trust.slug}/representation/").content.decode()
    assert "Terms ending within 90 days" in html
    assert "60 days" not in html


@pytest.mark.parametrize("who", ["provider_user", "evaluator", "participant"])
def test_representation_is_forbidden_to_other_roles(request, who, trust):
    response = client_for(request, who).get(f"/partnerships/trusts/{trust.slug}/representation/")
    assert response.status_code == 403
    assert "cannot see the representation check" in response.content.decode()


def test_another_trusts_representation_is_not_found(other_commissioner_client, trust):
    assert other_commissioner_client.get(f"/partnerships/trusts/{trust.slug}/representation/").status_code == 404


def test_representation_needs_a_sign_in(anonymous_client, trust):
    path = f"/partnerships/trusts/{trust.slug}/representation/"
    assert_sign_in_redirect(anonymous_client.get(path), path)


# --- Body page ---------------------------------------------------------------


def body_url(body):
    return f"/partnerships/trusts/{body.trust.slug}/bodies/{body.slug}/"


@pytest.mark.parametrize("who", ROLES)
def test_body_page_for_every_role_in_the_trust(request, who, board):
    assert client_for(request, who).get(body_url(board)).status_code == 200


def test_body_page_offers_seat_actions_to_commissioners_only(commissioner_client, provider_client, board, provider_user):
    vacant = SeatFactory(body=board)
    held = FilledSeatFactory(body=board, holder=provider_user)
    commissioner_html = commissioner_client.get(body_url(board)).content.decode()
    assert f"/partnerships/seats/{vacant.pk}/appoint/" in commissioner_html
    assert f"/partnerships/seats/{held.pk}/end-term/" in commissioner_html
    assert f"/partnerships/seats/{held.pk}/report-back/" in commissioner_html
    provider_html = provider_client.get(body_url(board)).content.decode()
    assert "/appoint/" not in provider_html and "/end-term/" not in provider_html
    # The holder may report back on their own seat.
    assert f"/partnerships/seats/{held.pk}/report-back/" in provider_html


def test_body_page_hides_confidential_papers_from_roles_that_may_not_read_them(commissioner_client, provider_client, board):
    PaperFactory(body=board, title="Open minutes")
    PaperFactory(body=board, title="Budget options", confidential=True)
    assert "Budget options" in commissioner_client.get(body_url(board)).content.decode()
    provider_html = provider_client.get(body_url(board)).content.decode()
    assert "Open minutes" in provider_html and "Budget options" not in provider_html


def test_another_trusts_body_is_not_found(commissioner_client, other_board):
    assert commissioner_client.get(body_url(other_board)).status_code == 404


def test_a_body_under_the_wrong_trust_is_not_found(commissioner_client, trust, other_trust, other_board):
    # The same slug in another trust must not be reachable through this trust's address.
    assert commissioner_client.get(f"/partnerships/trusts/{trust.slug}/bodies/{other_board.slug}/").status_code == 404


def test_body_page_needs_a_sign_in(anonymous_client, board):
    assert_sign_in_redirect(anonymous_client.get(body_url(board)), body_url(board))


# --- Papers ------------------------------------------------------------------


@pytest.mark.parametrize("who", ["commissioner", "analyst", "board_member", "provider_user", "evaluator", "regional_lead"])
def test_an_ordinary_paper_for_partnership_readers(request, who, board):
    paper = PaperFactory(body=board, content="Minutes of the meeting")
    response = client_for(request, who).get(f"/partnerships/papers/{paper.pk}/")
    assert response.status_code == 200
    assert "Minutes of the meeting" in response.content.decode()


def test_participants_cannot_read_papers(participant, board):
    paper = PaperFactory(body=board)
    assert signed_in_client(participant).get(f"/partnerships/papers/{paper.pk}/").status_code == 403


@pytest.mark.parametrize(("who", "status"), [("commissioner", 200), ("board_member", 200), ("provider_user", 403), ("evaluator", 403)])
def test_a_confidential_paper_by_role(request, who, status, board):
    paper = PaperFactory(body=board, confidential=True, content="Sensitive budget lines")
    response = client_for(request, who).get(f"/partnerships/papers/{paper.pk}/")
    assert response.status_code == status
    assert ("Sensitive budget lines" in response.content.decode()) is (status == 200)


def test_another_trusts_paper_is_not_found(commissioner_client, other_board):
    paper = PaperFactory(body=other_board)
    assert commissioner_client.get(f"/partnerships/papers/{paper.pk}/").status_code == 404


def test_paper_needs_a_sign_in(anonymous_client, board):
    path = f"/partnerships/papers/{PaperFactory(body=board).pk}/"
    assert_sign_in_redirect(anonymous_client.get(path), path)
