"""Production is the default; it refuses to start without its secrets or with a weak key, and never runs debug or demo mode.

Settings are read once per process, so each case imports them in a fresh one.
"""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

GOOD_PRODUCTION = {
    "JOINTLY_ENV": "production",
    "DJANGO_SECRET_KEY": "a-long-random-secret-for-the-test-only-0123456789-abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "jointly.example.org",
    "JOINTLY_SITE_URL": "https://jointly.example.org",
}


def _import_settings(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JOINTLY_", "DJANGO_", "DATABASE_URL"))}
    clean.update(env)
    script = (
        "import json, jointly.settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, 'demo': s.DEMO_MODE, "
        "'secure_cookie': getattr(s, 'SESSION_COOKIE_SECURE', False), 'hsts': getattr(s, 'SECURE_HSTS_SECONDS', 0), "
        "'hasher': s.PASSWORD_HASHERS[0], 'env': s.JOINTLY_ENV, 'site': s.JOINTLY_SITE_URL}))"
    )
    return subprocess.run([sys.executable, "-c", script], env=clean, capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=60)


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
        "env": "production",
        "site": "https://jointly.example.org",
    }


def test_production_is_the_default_when_jointly_env_is_unset():
    env = {k: v for k, v in GOOD_PRODUCTION.items() if k != "JOINTLY_ENV"}
    result = _import_settings(**env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert (values["env"], values["secure_cookie"], values["hsts"]) == ("production", True, 31536000)


def test_an_unset_environment_refuses_to_start_without_secrets_and_says_how_to_develop():
    result = _import_settings()
    _refused(result, "DJANGO_SECRET_KEY must be set in production.")
    assert "on a development machine set JOINTLY_ENV=development" in result.stderr


def test_an_explicit_production_refusal_gives_no_development_hint():
    env = {k: v for k, v in GOOD_PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    result = _import_settings(**env)
    _refused(result, "DJANGO_SECRET_KEY must be set in production.")
    assert "JOINTLY_ENV=development" not in result.stderr


@pytest.mark.parametrize(
    "key, message",
    [
        ("short-but-random-Xq9", "DJANGO_SECRET_KEY is too short: use at least 50 random characters."),
        ("x" * 49, "DJANGO_SECRET_KEY is too short: use at least 50 random characters."),
        ("abcd" * 20, "DJANGO_SECRET_KEY is too short: use at least 50 random characters."),
        ("django-insecure-" + "k3j4h5g6f7d8s9a0p1o2i3u4y5t6r7e8w9q0zmxncbv", "DJANGO_SECRET_KEY is a development key"),
    ],
    ids=["20 characters", "49 characters", "4 different characters", "django-insecure"],
)
def test_production_refuses_a_weak_secret_key(key, message):
    result = _import_settings(**{**GOOD_PRODUCTION, "DJANGO_SECRET_KEY": key})
    _refused(result, message)
    assert "secrets.token_urlsafe(50)" in result.stderr


def test_a_50_character_key_of_5_different_characters_is_enough():
    result = _import_settings(**{**GOOD_PRODUCTION, "DJANGO_SECRET_KEY": "abcde" * 10})
    assert result.returncode == 0, result.stderr


def test_the_tests_run_as_test_whatever_the_shell_says():
    # pyproject.toml points pytest at jointly.settings_for_tests, which fixes JOINTLY_ENV before the settings load.
    assert settings.JOINTLY_ENV == "test"
    assert os.environ["JOINTLY_ENV"] == "test"
    assert settings.PRODUCTION is False


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "JOINTLY_SITE_URL"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in GOOD_PRODUCTION.items() if k != missing}
    _refused(_import_settings(**env), f"{missing} must be set in production.")


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "JOINTLY_SITE_URL"])
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
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_production_passes_djangos_deployment_checks_but_the_two_left_to_the_operator():
    # HSTS for every subdomain, and the browsers' preload list, bind a council's whole domain: its call, not ours.
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JOINTLY_", "DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--settings", "jointly.settings"],
        env={**clean, **GOOD_PRODUCTION},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    reported = set(re.findall(r"\((\w+\.[EW]\d+)\)", result.stderr + result.stdout))
    assert reported == {"security.W005", "security.W021"}, result.stderr
