"""A write request is one transaction, a read is none (so SQLite's write lock is not taken), and sessions are saved only when needed."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from jointly.core.middleware import SESSION_REFRESH_SECONDS, WriteRequestsInOneTransaction
from jointly.partnerships.models import Region

from ..conftest import signed_in_client
from ..factories import RegionFactory


def _through_middleware(method: str, view):
    request = getattr(RequestFactory(), method.lower())("/")
    middleware = WriteRequestsInOneTransaction(lambda request: HttpResponse("not reached"))
    return middleware.process_view(request, view, (), {}) or view(request)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "method, in_transaction", [("GET", False), ("HEAD", False), ("OPTIONS", False), ("POST", True), ("PUT", True), ("PATCH", True), ("DELETE", True)]
)
def test_only_a_request_that_may_write_runs_in_a_transaction(method, in_transaction):
    seen = []
    _through_middleware(method, lambda request: seen.append(connection.in_atomic_block) or HttpResponse())
    assert seen == [in_transaction]


@pytest.mark.django_db(transaction=True)
def test_a_write_request_that_fails_half_way_saves_nothing():
    def half_then_fail(request):
        RegionFactory(name="Half saved")
        raise RuntimeError("the second write failed")

    with pytest.raises(RuntimeError):
        _through_middleware("POST", half_then_fail)
    assert not Region.objects.filter(name="Half saved").exists()


@pytest.mark.django_db(transaction=True)
def test_a_view_marked_non_atomic_is_left_alone():
    from django.db import transaction

    @transaction.non_atomic_requests
    def view(request):
        return HttpResponse(str(connection.in_atomic_block))

    assert _through_middleware("POST", view).content == b"False"


@pytest.mark.django_db(transaction=True)
def test_a_view_that_answers_nothing_is_an_error_not_a_second_run():
    runs = []
    with pytest.raises(ValueError, match="didn't return an HttpResponse"):
        _through_middleware("POST", lambda request: runs.append(1))
    assert runs == [1]


@pytest.mark.django_db(transaction=True)
def test_a_real_post_is_atomic_and_a_real_get_is_not(commissioner, settings, monkeypatch):
    """End to end, through every middleware, with views on a URLconf of this test's own."""
    seen = {}

    def look(request):
        seen[request.method] = connection.in_atomic_block
        return HttpResponse()

    from django.urls import path

    monkeypatch.setattr("tests.core.test_middleware.urlpatterns", [path("look/", csrf_exempt(look))], raising=False)
    settings.ROOT_URLCONF = "tests.core.test_middleware"
    client = signed_in_client(commissioner)
    client.get("/look/")
    client.post("/look/")
    assert seen == {"GET": False, "POST": True}


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


@pytest.mark.django_db
def test_a_page_view_does_not_save_the_session_until_it_is_minutes_old(commissioner):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = signed_in_client(commissioner)
        client.get("/")  # the first request marks the session as seen, and saves it
        first = _expiry(client)
        clock.shift(datetime.timedelta(seconds=SESSION_REFRESH_SECONDS - 10))
        client.get("/")
        assert _expiry(client) == first  # no write for this page view
        clock.shift(datetime.timedelta(seconds=20))
        client.get("/")
        assert _expiry(client) == first + datetime.timedelta(seconds=SESSION_REFRESH_SECONDS + 10)


@pytest.mark.django_db
def test_idle_for_two_hours_means_signed_out(commissioner):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = signed_in_client(commissioner)
        client.get("/")
        clock.shift(datetime.timedelta(hours=1, minutes=50))
        assert client.get("/account/").status_code == 200  # still signed in: the session moved on
        clock.shift(datetime.timedelta(hours=2, seconds=1))
        response = client.get("/account/")
        assert response.status_code == 302 and "/sign-in/" in response["Location"]


@pytest.mark.django_db
def test_an_anonymous_page_view_creates_no_session():
    client = Client()
    client.get("/")
    assert Session.objects.count() == 0


@pytest.mark.django_db
def test_an_expired_session_cookie_does_not_become_a_new_session(settings):
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session-0123456789abcdef"
    client.get("/")
    assert Session.objects.count() == 0
