"""Every response carries a strict Content-Security-Policy and a Permissions-Policy that switches powerful features off."""

import base64
import hashlib
import re

import pytest
from django.conf import settings

CAMERA_AND_FRIENDS = ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]


def _directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()}


def _assert_secure_headers(response):
    directives = _directives(response)
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == f"'self' {settings.GOVUK_JS_ENABLED_SCRIPT_HASH}"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    policy = [part.strip() for part in response["Permissions-Policy"].split(",")]
    assert set(CAMERA_AND_FRIENDS) <= set(policy)


@pytest.mark.django_db
def test_a_page_has_both_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    _assert_secure_headers(response)


@pytest.mark.django_db
def test_an_error_page_has_both_headers(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    _assert_secure_headers(response)


@pytest.mark.django_db
def test_an_api_response_has_both_headers(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    _assert_secure_headers(response)


@pytest.mark.django_db
def test_the_only_inline_script_is_the_one_the_policy_allows_by_hash(client):
    # GOV.UK Frontend's line that adds `js-enabled`: if it changes, the hash in settings must change with it.
    html = client.get("/").content.decode()
    inline = [body for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S) if "src=" not in attributes]
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert settings.GOVUK_JS_ENABLED_SCRIPT_HASH == f"'sha256-{digest}'"


def test_no_template_has_inline_script_style_or_event_handlers():
    # The policy blocks them; this names the template rather than leaving a console error to find.
    templates = sorted((settings.BASE_DIR / "jointly").glob("**/templates/**/*.html"))
    assert templates
    offending = []
    for path in templates:
        text = path.read_text()
        scripts = [attributes for attributes in re.findall(r"<script([^>]*)>", text) if "src=" not in attributes]
        if path.name == "base.html":
            scripts = scripts[1:]  # GOV.UK Frontend's js-enabled line, allowed by its hash
        if scripts or re.search(r"<style|\sstyle=|\son[a-z]+=|javascript:", text):
            offending.append(str(path.relative_to(settings.BASE_DIR)))
    assert not offending, "inline script, style or event handler in: " + ", ".join(offending)
