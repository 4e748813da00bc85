"""Pages kept in memory (jointly.core.page_cache): served again only to the same person, for unchanged data."""

import re

import pytest
from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from jointly.core import page_cache
from jointly.core.models import DataGeneration
from jointly.partnerships.models import Organisation

from ..factories import OrganisationFactory


@pytest.fixture
def pages_kept(settings, db):
    settings.JOINTLY_PAGE_CACHE_SECONDS = 60
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def rendered(response) -> bool:
    # The test client lists the templates a response rendered; a page served from memory rendered none.
    return bool(response.templates)


def test_a_repeated_page_is_served_from_memory_and_is_the_same_page(pages_kept, client):
    first = client.get("/")
    second = client.get("/")
    assert first.status_code == second.status_code == 200
    assert rendered(first) and not rendered(second)
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_the_security_headers_are_set_on_a_page_served_from_memory(pages_kept, client):
    first = client.get("/")
    second = client.get("/")
    assert not rendered(second)
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert second[header] == first[header]


def test_a_change_committed_anywhere_retires_the_kept_pages(pages_kept, client, django_capture_on_commit_callbacks):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            OrganisationFactory(name="A new charity")
    assert rendered(client.get("/"))


def test_a_change_rolled_back_retires_nothing(pages_kept, client, django_capture_on_commit_callbacks):
    client.get("/")
    before = page_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            OrganisationFactory(name="Never saved")
            raise RuntimeError
    assert page_cache.generation() == before
    assert not rendered(client.get("/"))


def test_a_write_outside_a_transaction_moves_the_generation_at_once(pages_kept, transactional_db):
    before = page_cache.generation()
    OrganisationFactory(name="Saved in autocommit")
    after_insert = page_cache.generation()
    assert after_insert > before
    Organisation.objects.filter(name="Saved in autocommit").update(name="Renamed in autocommit")
    assert page_cache.generation() == after_insert + 1 == DataGeneration.objects.get().value


def test_bump_works_with_no_generation_row_yet(pages_kept):
    DataGeneration.objects.all().delete()
    assert page_cache.generation() == 0
    page_cache.bump(connection)
    page_cache.bump(connection)
    assert page_cache.generation() == 2


def test_one_persons_page_is_never_served_to_another(pages_kept, client, commissioner, commissioner_client, other_commissioner_client):
    mine = commissioner_client.get("/account/")
    theirs = other_commissioner_client.get("/account/")
    assert rendered(mine) and rendered(theirs)
    email = commissioner.email.encode()
    assert email in mine.content and email not in theirs.content
    assert client.get("/account/").status_code == 302  # signed out: to the sign-in page, not her page
    assert not rendered(commissioner_client.get("/account/"))
    assert email not in other_commissioner_client.get("/account/").content


def test_a_kept_form_carries_the_askers_own_csrf_token(pages_kept, commissioner):
    from django.middleware.csrf import _does_token_match, _unmask_cipher_token

    from ..conftest import signed_in_client

    first, second = signed_in_client(commissioner), signed_in_client(commissioner)
    first.get("/account/")
    served = second.get("/account/")
    assert not rendered(served)  # the same person's page, from memory, in another session
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', served.content).group(1).decode()
    assert page_cache.CSRF_PLACEHOLDER not in served.content
    # A token for the second browser's own CSRF cookie, not the first's.
    secret = second.cookies[settings.CSRF_COOKIE_NAME].value
    assert _does_token_match(token, secret)
    assert _unmask_cipher_token(token) != first.cookies[settings.CSRF_COOKIE_NAME].value


def test_signing_out_and_in_again_renders_afresh(pages_kept, commissioner, commissioner_client):
    commissioner_client.get("/account/")
    commissioner_client.post("/sign-out/")
    assert commissioner_client.get("/account/").status_code == 302


def test_off_when_the_setting_is_zero(settings, client, db):
    settings.JOINTLY_PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert rendered(client.get("/"))


def test_the_api_is_never_kept(pages_kept, client):
    client.get("/api/v1/openapi.json")
    second = client.get("/api/v1/openapi.json")
    assert second.status_code == 200
    assert not caches["pages"]._cache  # nothing kept for the API


# The middleware on its own, with views standing in for the kinds of page that must not be kept.


def _through_middleware(view, request):
    middleware = page_cache.RepeatPagesFromMemory(view)
    return middleware(request)


def _request():
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _counted(make_response):
    calls = []

    def view(request):
        calls.append(1)
        return make_response(request)

    return view, calls


def _writes(request):
    OrganisationFactory()  # an audited look at a record, say
    return HttpResponse("looked at")


def _sets_cookie(request):
    response = HttpResponse("cookie")
    response.set_cookie("flavour", "oat")
    return response


def _never_cached(request):
    response = HttpResponse("sealed")
    response["Cache-Control"] = "private, no-store"
    return response


def _not_found(request):
    return HttpResponse("missing", status=404)


def _leaves_a_message(request):
    messages.success(request, "Saved")
    return HttpResponse("with a message for the next page")


def _changes_the_session(request):
    request.session["trust"] = "plymouth"
    return HttpResponse("trust chosen")


@pytest.mark.parametrize("make_response", [_writes, _sets_cookie, _never_cached, _not_found, _leaves_a_message, _changes_the_session])
def test_pages_that_must_not_be_kept_are_rendered_every_time(pages_kept, make_response):
    view, calls = _counted(make_response)
    _through_middleware(view, _request())
    _through_middleware(view, _request())
    assert len(calls) == 2


def test_a_plain_page_is_kept(pages_kept):
    view, calls = _counted(lambda request: HttpResponse("plain"))
    assert _through_middleware(view, _request()).content == b"plain"
    assert _through_middleware(view, _request()).content == b"plain"
    assert len(calls) == 1


def test_a_waiting_message_means_the_page_is_rendered_to_show_it(pages_kept):
    view, calls = _counted(lambda request: HttpResponse("plain"))
    _through_middleware(view, _request())
    waiting = _request()
    messages.info(waiting, "Your return was sent")
    _through_middleware(view, waiting)
    assert len(calls) == 2


def test_writes_while_migrating_are_not_noted_and_the_generation_moves_on_at_the_end(pages_kept, transactional_db):
    # As on a new database: the data migrations write before the generation's table exists.
    with connection.schema_editor() as editor:
        editor.delete_model(DataGeneration)
    try:
        page_cache.migration_started()
        OrganisationFactory(name="Written by a data migration")
        page_cache.migration_finished()  # still no table: nothing to move on
    finally:
        with connection.schema_editor() as editor:
            editor.create_model(DataGeneration)
    page_cache.migration_started()
    OrganisationFactory(name="Written by another migration")
    assert page_cache.generation() == 0
    page_cache.migration_finished()
    assert page_cache.generation() == 1
