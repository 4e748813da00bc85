"""Core pages, error pages, and a guard that every non-public page asks for a sign-in."""

import pytest

from tests.conftest import signed_in_client
from tests.factories import TrustFactory, UserFactory
from tests.routes import POST_ONLY, site_routes

# Pages anyone may open without an account.
PUBLIC = {
    "core:home",
    "core:accessibility",
    "core:privacy",
    "core:cookies",
    "core:api-docs",
    "accounts:sign-in",
    "accounts:sign-out",
    "accounts:password-forgotten",
    "accounts:set-password",
    # Published data anyone may read: indicator definitions (each filtered to what the reader may see) and neighbour lists.
    "needs:indicator-list",
    "places:neighbours",
    # Children, young people and parents answer consultations without an account, and read what was done.
    "consultations:index",
    "consultations:respond",
    "consultations:sent",
    "consultations:you-said-we-did",
    "assessment:published-list",
    "assessment:published",
    "assessment:published-pdf",
    # The open directory, and a community group listing itself without an account.
    "providers:directory",
    "providers:service",
    "providers:organisation",
    "providers:list-your-group",
    "providers:list-your-group-sent",
    # The forward plan is published openly, with email subscriptions by private link.
    "plans:forward-plans",
    "plans:forward-plan",
    "plans:forward-plan-csv",
    "plans:forward-plan-atom",
    "plans:intention",
    "plans:region-forward-plan",
    "plans:region-forward-plan-csv",
    "plans:subscribe",
    "plans:subscribe-confirm",
    "plans:unsubscribe",
    # Training and events are booked without an account, and cancelled by private link.
    "capacity:offers",
    "capacity:offer",
    "capacity:book",
    "capacity:booking",
    "capacity:interest-register",
    "capacity:interest-link",
    # Published grant programmes, with their criteria and questions (applying needs an account).
    "grants:programmes",
    "grants:programme",
    # Published opportunities, with their answered clarification questions (asking one needs an account).
    "procurement:public-opportunities",
    "procurement:public-opportunity",
}
ROUTES = site_routes()


def test_the_guard_sees_the_routes():
    names = {name for name, _ in ROUTES}
    assert {"core:job-detail", "partnerships:trust-detail", "audit:history", "accounts:account", "mapping:map", "markets:overview"} <= names
    assert PUBLIC <= names, f"not routes: {PUBLIC - names}"


@pytest.mark.parametrize(("name", "path"), [r for r in ROUTES if r[0] not in PUBLIC], ids=[r[0] for r in ROUTES if r[0] not in PUBLIC])
def test_every_private_page_sends_anonymous_people_to_sign_in(anonymous_client, db, name, path):
    for method in ("get", "post"):
        response = getattr(anonymous_client, method)(path)
        assert response.status_code == 302, f"{method.upper()} {path} answered {response.status_code}"
        assert response.url.startswith("/sign-in/?next="), f"{method.upper()} {path} went to {response.url}"


@pytest.mark.django_db
def test_the_post_only_addresses_refuse_a_get():
    """The axe guard excepts these as buttons on other pages; if one grows a page of its own, it must be checked."""
    client = signed_in_client(UserFactory(role="participant"))
    for name, path in ROUTES:
        if name in POST_ONLY:
            status = client.get(path).status_code
            assert status == 405, f"{name} answered a GET with {status}: if it has a page now, check that page with axe"


@pytest.mark.parametrize("path", ["/", "/accessibility/", "/privacy/", "/cookies/"])
def test_public_pages(anonymous_client, db, path):
    response = anonymous_client.get(path)
    assert response.status_code == 200
    assert b"govuk-template" in response.content


def test_home_lists_a_members_trusts(commissioner_client, trust, other_trust):
    html = commissioner_client.get("/").content.decode()
    assert f'href="/partnerships/trusts/{trust.slug}/"' in html
    assert f'href="/partnerships/trusts/{other_trust.slug}/"' not in html


def test_home_for_someone_in_no_trust(client, db):
    from jointly.accounts.models import Role
    from tests.factories import UserFactory

    client.force_login(UserFactory(role=Role.EVALUATOR))
    assert "You are not a member of any trust yet" in client.get("/").content.decode()


def test_home_invites_anonymous_people_to_sign_in(anonymous_client, db):
    assert b'href="/sign-in/"' in anonymous_client.get("/").content


def test_home_query_count_does_not_grow_with_trusts(administrator_client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    TrustFactory()
    with CaptureQueriesContext(connection) as few:
        administrator_client.get("/")
    for _ in range(20):
        TrustFactory()
    with django_assert_max_num_queries(len(few)):
        administrator_client.get("/")


def test_navigation_shows_what_the_person_may_use(commissioner_client, administrator_client):
    assert 'href="/people/"' not in commissioner_client.get("/").content.decode()
    assert 'href="/people/"' in administrator_client.get("/").content.decode()


def test_not_found_page_is_a_govuk_page(commissioner_client):
    response = commissioner_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_forbidden_page_gives_the_reason(provider_client, trust):
    response = provider_client.get(f"/partnerships/trusts/{trust.slug}/representation/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot do this" in html
    assert "Your role (provider user) cannot see the representation check." in html


def test_security_headers(anonymous_client, db):
    response = anonymous_client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
