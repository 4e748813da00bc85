"""Production refuses to start without its secrets, and never runs debug or demo mode.

Settings are read once per process, so each case imports them in a fresh one.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

GOOD_PRODUCTION = {
    "JOINTLY_ENV": "production",
    "DJANGO_SECRET_KEY": "a-long-random-secret-for-the-test-only-0123456789",
    "DJANGO_ALLOWED_HOSTS": "jointly.example.org",
}


def _import_settings(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JOINTLY_", "DJANGO_", "DATABASE_URL"))}
    clean.update(env)
    script = (
        "import json, jointly.settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, 'demo': s.DEMO_MODE, "
        "'secure_cookie': getattr(s, 'SESSION_COOKIE_SECURE', False), 'hsts': getattr(s, 'SECURE_HSTS_SECONDS', 0), "
        "'hasher': s.PASSWORD_HASHERS[0]}))"
    )
    return subprocess.run(
        [sys.executable, "-c", script], env=clean, capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=60
    )


def _refused(result, message):
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_starts_with_its_secrets_and_is_locked_down():
    result = _import_settings(**GOOD_PRODUCTION)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "debug": False,
        "hosts": ["jointly.example.org"],
        "demo": False,
        "secure_cookie": True,
        "hsts": 31536000,
        "hasher": "django.contrib.auth.hashers.Argon2PasswordHasher",
    }


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in GOOD_PRODUCTION.items() if k != missing}
    _refused(_import_settings(**env), f"{missing} must be set in production.")


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_an_empty_value(missing):
    _refused(_import_settings(**{**GOOD_PRODUCTION, missing: ""}), f"{missing} must be set in production.")


def test_production_refuses_debug():
    _refused(_import_settings(**GOOD_PRODUCTION, DJANGO_DEBUG="1"), "DJANGO_DEBUG cannot be on in production.")


def test_production_refuses_demo_mode():
    _refused(
        _import_settings(**GOOD_PRODUCTION, JOINTLY_DEMO_MODE="true"),
        "JOINTLY_DEMO_MODE cannot be switched on in production.",
    )


def test_an_unknown_environment_is_refused():
    _refused(_import_settings(JOINTLY_ENV="staging"), "JOINTLY_ENV must be development, test or production.")


def test_development_has_safe_defaults():
    result = _import_settings(JOINTLY_ENV="development")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["demo"] is False
    assert "localhost" in values["hosts"]


def test_demo_mode_is_allowed_outside_production():
    result = _import_settings(JOINTLY_ENV="development", JOINTLY_DEMO_MODE="1")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["demo"] is True


def test_sessions_expire_after_two_hours_idle_and_at_browser_close():
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_every_request_is_one_transaction():
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"] is True
