"""Settings, read from the environment.

Production is the default: a server started without JOINTLY_ENV gets the strict
settings, refuses to start without its secret key, allowed hosts and site
address, and can never run demo mode. `make demo` sets JOINTLY_ENV=development
and the tests JOINTLY_ENV=test (jointly/settings_for_tests.py).
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from jointly.core.notify import choose_email_backend

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

JOINTLY_ENV = env.str("JOINTLY_ENV", default="production")
if JOINTLY_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("JOINTLY_ENV must be development, test or production.")
PRODUCTION = JOINTLY_ENV == "production"
# Said with every refusal when production was only the default, so a developer knows the way out.
_UNSET_HINT = (
    " JOINTLY_ENV is not set, so Jointly runs as production; on a development machine set JOINTLY_ENV=development."
    if "JOINTLY_ENV" not in os.environ
    else ""
)

DEBUG = env.bool("DJANGO_DEBUG", default=False)


def secret_key_problem(key: str) -> str | None:
    """Why a production secret key is too weak to sign sessions and reset links, or None (Django's deploy check's rules)."""
    if key.startswith("django-insecure"):
        return "DJANGO_SECRET_KEY is a development key (it starts with 'django-insecure')."
    if len(key) < 50 or len(set(key)) < 5:
        return "DJANGO_SECRET_KEY is too short: use at least 50 random characters."
    return None


if PRODUCTION:
    for required in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "JOINTLY_SITE_URL"):
        if not env.str(required, default=""):
            raise ImproperlyConfigured(f"{required} must be set in production.{_UNSET_HINT}")
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_DEBUG cannot be on in production.")
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
    if problem := secret_key_problem(SECRET_KEY):
        raise ImproperlyConfigured(f"{problem} Make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'{_UNSET_HINT}")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
else:
    # Only for development and tests: production has no fallback.
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-development-key-never-used-in-production")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

# Demo mode pre-enrols the demo people's second factor and shows their current
# code on the sign-in page. It must never be possible in production.
DEMO_MODE = env.bool("JOINTLY_DEMO_MODE", default=False)
if PRODUCTION and DEMO_MODE:
    raise ImproperlyConfigured("JOINTLY_DEMO_MODE cannot be switched on in production.")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # The commissioning cycle, in order.
    "jointly.core",
    "jointly.audit",
    "jointly.accounts",
    "jointly.places",
    "jointly.needs",
    "jointly.assessment",
    "jointly.partnerships",
    "jointly.providers",
    "jointly.resources",
    "jointly.mapping",
    "jointly.markets",
    "jointly.capacity",
    "jointly.plans",
    "jointly.passport",
    "jointly.procurement",
    "jointly.grants",
    "jointly.contracts",
    "jointly.monitoring",
    "jointly.reviews",
    "jointly.decommissioning",
    "jointly.placements",
    "jointly.consultations",
    "jointly.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "jointly.core.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jointly.core.middleware.SessionSavedWhenNeeded",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "jointly.accounts.middleware.SecondFactorRequiredMiddleware",
    "jointly.audit.middleware.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jointly.api.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so CSRF and the sign-in checks come before the transaction opens.
    "jointly.core.middleware.WriteRequestsInOneTransaction",
    # Innermost, so every check above runs on a page served from memory too (jointly.core.page_cache).
    "jointly.core.page_cache.RepeatPagesFromMemory",
]

ROOT_URLCONF = "jointly.urls"
WSGI_APPLICATION = "jointly.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jointly" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jointly.core.context_processors.service",
            ],
        },
    }
]
FORM_RENDERER = "jointly.core.forms.GovukFormRenderer"

# SQLite (WAL) is the embedded default; PostgreSQL through DATABASE_URL.
DATA_DIR = Path(env.str("JOINTLY_DATA_DIR", default=str(BASE_DIR / "var")))
# The published DfE statistics and ONS boundaries the demo loads; beside the checkout unless told otherwise.
JOINTLY_SHARED_DATA = Path(env.str("JOINTLY_SHARED_DATA", default=str(BASE_DIR.parent / "shared" / "data")))
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'jointly.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    # Tests close each connection after use, so none outlives a test and holds the test database open at teardown.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0 if JOINTLY_ENV == "test" else 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if JOINTLY_ENV == "test":
        # A test database is thrown away: commits need not wait for the disk.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
# A request that may write is one transaction, so it leaves no half-saved record; a read is
# none, so on SQLite it never takes the write lock (jointly.core.middleware, in MIDDLEWARE).
DATABASES["default"]["ATOMIC_REQUESTS"] = False

# --- Database roles and stopped jobs (issue 12) --------------------------------
# PostgreSQL: the application connects as DATABASE_URL's role, which may only read
# and write rows and only add audit entries. `jointly migrate` and `jointly
# grant-app-role` connect as DATABASE_OWNER_URL's role, which owns the tables (its
# user, password, host and port; the database stays DATABASE_URL's). Unset, both
# are one role, as on SQLite. README "PostgreSQL roles".
_database_owner_url = env.str("DATABASE_OWNER_URL", default="")
JOINTLY_DATABASE_OWNER = environ.Env.db_url_config(_database_owner_url) if _database_owner_url else None
# A running job that has not reported for this long was stopped (its worker was
# killed): the scheduler marks it failed so people can start it again.
JOINTLY_JOB_STALE_MINUTES = env.int("JOINTLY_JOB_STALE_MINUTES", default=30)
# The Open Contracting id prefix of this installation: every opportunity's ocid is <prefix>-<trust slug>-<id>.
JOINTLY_OCID_PREFIX = env.str("JOINTLY_OCID_PREFIX", default="ocds-jointly")
# The prefix 360Giving registered for this installation's grant identifiers.
JOINTLY_360GIVING_PREFIX = env.str("JOINTLY_360GIVING_PREFIX", default="360G-jointly-")
# A price below this share of the mean of a lot's bids is flagged as abnormally low (local policy).
PROCUREMENT_ABNORMALLY_LOW_PERCENT = env.int("JOINTLY_ABNORMALLY_LOW_PERCENT", default=80)
# --- end of database roles and stopped jobs ---------------------------------------

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Sessions expire after two hours without activity, and when the browser closes. A session is
# saved when it changes and otherwise at most every five minutes (jointly.core.middleware), so
# a page view is not a write.
SESSION_COOKIE_AGE = env.int("JOINTLY_SESSION_SECONDS", default=2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Sign-in is throttled after repeated failures, by account and address.
AXES_FAILURE_LIMIT = env.int("JOINTLY_SIGN_IN_ATTEMPTS", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Jointly"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: scripts, styles, images, fonts and requests from this site only; no
# inline script but GOV.UK Frontend's one line in base.html that marks the page as having
# JavaScript, allowed by its hash (tests/core/test_security_headers.py checks the hash still matches).
GOVUK_JS_ENABLED_SCRIPT_HASH = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, GOVUK_JS_ENABLED_SCRIPT_HASH],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Powerful browser features the service never uses are switched off, for this site and anything it embeds.
JOINTLY_PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "build" / "collected"
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    BASE_DIR / "build" / "static",
    BASE_DIR / "jointly" / "static",
]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = not PRODUCTION

# Background work goes through Django's tasks interface. The database backend
# needs no extra server; production can point this at another backend (RQ on
# Redis, say) by setting JOINTLY_TASKS_BACKEND, with no code change.
TASKS = {
    "default": {
        "BACKEND": env.str("JOINTLY_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# GOV.UK Notify when its key is set (jointly/core/notify.py), otherwise the configured backend.
JOINTLY_NOTIFY_API_KEY = env.str("JOINTLY_NOTIFY_API_KEY", default="")
JOINTLY_NOTIFY_TEMPLATE_ID = env.str("JOINTLY_NOTIFY_TEMPLATE_ID", default="")
JOINTLY_NOTIFY_REPLY_TO_ID = env.str("JOINTLY_NOTIFY_REPLY_TO_ID", default="")
EMAIL_BACKEND = choose_email_backend(
    api_key=JOINTLY_NOTIFY_API_KEY,
    template_id=JOINTLY_NOTIFY_TEMPLATE_ID,
    configured=env.str("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"),
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="Jointly <no-reply@jointly.invalid>")

# How far ahead the representation view warns that a seat's term is ending.
JOINTLY_TERM_ENDING_WARNING_DAYS = env.int("JOINTLY_TERM_ENDING_WARNING_DAYS", default=60)
JOINTLY_PAGE_SIZE = 25
# The address links in emails point to (a scheduled job has no request to take it from). Required
# in production; `make demo` sets it to the address it serves.
JOINTLY_SITE_URL = env.str("JOINTLY_SITE_URL", default="http://localhost:8000")

# Consultations. Results show any count from 1 to (this - 1) as "fewer than N",
# following the usual statistical disclosure practice for small groups.
JOINTLY_CONSULTATION_SUPPRESS_BELOW = env.int("JOINTLY_CONSULTATION_SUPPRESS_BELOW", default=5)
JOINTLY_CONSULTATION_ANSWER_MAX_CHARS = env.int("JOINTLY_CONSULTATION_ANSWER_MAX_CHARS", default=2000)
# A light brake on repeat submissions from one browser session (no addresses are kept).
JOINTLY_CONSULTATION_SESSION_LIMIT = env.int("JOINTLY_CONSULTATION_SESSION_LIMIT", default=10)
JOINTLY_CONSULTATION_SESSION_WINDOW_MINUTES = env.int("JOINTLY_CONSULTATION_SESSION_WINDOW_MINUTES", default=60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("JOINTLY_LOG_LEVEL", default="WARNING")},
}

# A database table, so every app server and worker shares it (rate limits, the PDF cache)
# without another service to run; `migrate` creates it (core migration 0002).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "jointly_cache",
    },
    # Rendered pages, in each worker's own memory: no write to share them, and a restart empties it.
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jointly-pages", "OPTIONS": {"MAX_ENTRIES": 500}},
}
# The longest a rendered page is served again (jointly.core.page_cache); 0 turns keeping pages off.
# Off in the tests, which check what each request does, except where a test turns it on.
JOINTLY_PAGE_CACHE_SECONDS = env.int("JOINTLY_PAGE_CACHE_SECONDS", default=0 if JOINTLY_ENV == "test" else 60)
RATELIMIT_USE_CACHE = "default"
JOINTLY_PASSWORD_RESET_LIMIT = env.str("JOINTLY_PASSWORD_RESET_LIMIT", default="5/h")
# Generous, since one office may book for many people; it stops a script filling every place.
JOINTLY_BOOKING_LIMIT = env.str("JOINTLY_BOOKING_LIMIT", default="20/h")
