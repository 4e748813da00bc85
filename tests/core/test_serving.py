"""`serve_demo` and `serve` run the web server with the worker and the scheduler, and stop them together."""

import sys

import pytest
from django.core.management import CommandError, call_command

from jointly.core import serving
from jointly.core.links import absolute_url
from jointly.core.management.commands import serve, serve_demo


@pytest.mark.parametrize(
    "addrport, url",
    [
        ("127.0.0.1:8123", "http://127.0.0.1:8123"),
        ("8123", "http://localhost:8123"),
        ("0.0.0.0:8000", "http://localhost:8000"),
        ("localhost:9000", "http://localhost:9000"),
    ],
)
def test_the_demo_site_address_is_where_a_browser_reaches_the_server(addrport, url):
    assert serve_demo.site_url(addrport) == url


@pytest.mark.parametrize("addrport, bind", [("8123", "127.0.0.1:8123"), ("0.0.0.0:8000", "0.0.0.0:8000"), ("localhost:9000", "localhost:9000")])
def test_the_demo_binds_gunicorn_where_runserver_would_have_listened(addrport, bind):
    assert serve_demo.bind_address(addrport) == bind


@pytest.fixture
def no_servers(monkeypatch):
    """serve_demo with none of its processes actually started: the commands it would run."""
    started = {}
    monkeypatch.setattr(serve_demo, "start", lambda commands: started.update(commands) or {})
    monkeypatch.setattr(serve_demo, "run_until_one_stops", lambda children: None)
    monkeypatch.setattr(serve_demo, "exit_on_sigterm", lambda: None)
    return started


@pytest.mark.django_db
def test_the_demo_is_served_by_gunicorn_with_several_workers_beside_the_worker_and_scheduler(no_servers):
    call_command("serve_demo", addrport="127.0.0.1:8123", workers=3)
    assert set(no_servers) == {"web server", "background worker", "scheduler"}
    web = no_servers["web server"]
    assert web[:4] == [sys.executable, "-m", "gunicorn", "jointly.wsgi:application"]
    assert web[web.index("--bind") + 1] == "127.0.0.1:8123"
    assert web[web.index("--workers") + 1] == "3"


@pytest.mark.django_db
def test_the_demo_stops_everything_when_one_process_stops(monkeypatch):
    monkeypatch.setattr(serve_demo, "start", lambda commands: {})
    monkeypatch.setattr(serve_demo, "run_until_one_stops", lambda children: ("web server", 1))
    monkeypatch.setattr(serve_demo, "exit_on_sigterm", lambda: None)
    with pytest.raises(CommandError, match=r"The demo's web server stopped \(exit code 1\)"):
        call_command("serve_demo", addrport="127.0.0.1:8123")


@pytest.mark.django_db
def test_email_links_follow_the_address_the_demo_serves(no_servers, monkeypatch, settings):
    monkeypatch.delenv("JOINTLY_SITE_URL", raising=False)
    call_command("serve_demo", addrport="127.0.0.1:8123")
    assert settings.JOINTLY_SITE_URL == "http://127.0.0.1:8123"
    # The worker and the scheduler are started afterwards, with this environment.
    assert serve_demo.os.environ["JOINTLY_SITE_URL"] == "http://127.0.0.1:8123"
    assert absolute_url("core:home") == "http://127.0.0.1:8123/"


@pytest.mark.django_db
def test_a_site_address_set_explicitly_is_kept(no_servers, monkeypatch, settings):
    monkeypatch.setenv("JOINTLY_SITE_URL", "https://demo.jointly.example")
    settings.JOINTLY_SITE_URL = "https://demo.jointly.example"
    call_command("serve_demo", addrport="127.0.0.1:8123")
    assert settings.JOINTLY_SITE_URL == "https://demo.jointly.example"


def _python(code):
    return [sys.executable, "-c", code]


def test_stop_ends_children_that_ignore_the_polite_request():
    children = serving.start({"stubborn": _python("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)")})
    serving.stop(children, timeout=0.5)
    assert children["stubborn"].returncode is not None


@pytest.mark.django_db
def test_serve_stops_everything_when_one_process_stops(monkeypatch):
    real_start = serving.start
    started = {}

    def start_stand_ins(commands):
        assert commands["web server"][:3] == [sys.executable, "-m", "gunicorn"]
        assert set(commands) == {"web server", "background worker", "scheduler"}
        stand_ins = {name: _python("import time; time.sleep(60)") for name in commands}
        stand_ins["scheduler"] = _python("raise SystemExit(3)")
        started.update(real_start(stand_ins))
        return started

    monkeypatch.setattr(serve, "start", start_stand_ins)
    monkeypatch.setattr(serve, "exit_on_sigterm", lambda: None)
    with pytest.raises(CommandError, match=r"The scheduler stopped \(exit code 3\), so the others were stopped too."):
        call_command("serve", bind="127.0.0.1:8999", workers=2)
    assert all(child.returncode is not None for child in started.values())
    assert started["web server"].returncode != 0  # terminated, not finished


@pytest.mark.django_db
def test_serve_refuses_a_database_with_migrations_to_apply(monkeypatch):
    monkeypatch.setattr(serve.MigrationExecutor, "migration_plan", lambda self, targets: [("an unapplied migration", False)])
    monkeypatch.setattr(serve, "start", lambda commands: pytest.fail("nothing should start"))
    with pytest.raises(CommandError, match="migrations still to apply: run `jointly migrate` first"):
        call_command("serve")
