"""Every route the site answers, by URL name, for the guards that must cover every page."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

# The JSON API and the open ORUK, OCDS and 360Giving feeds: no pages (they answer with JSON).
JSON_NAMESPACES = ("api", "oruk", "ocds", "threesixty")
# Buttons on other pages: these answer only POST (a GET is refused with 405: tests/core/test_views.py), so they have no page of their own.
POST_ONLY = {
    "accounts:api-token-revoke",
    "accounts:person-invite-again",
    "assessment:assessment-create",
    "assessment:assessment-publish",
    "assessment:assessment-new-draft",
    "assessment:priority-propose",
    "assessment:priority-withdraw",
    "assessment:priority-retire",
    "assessment:report-card-start",
    "assessment:action-status",
    "bids:attachment-remove",
    "bids:member-remove",
    "capacity:listing-opt-out",
    "consultations:question-delete",
    "consultations:question-move",
    "consultations:ysdw-publish",
    "evaluation:panel-end",
    "evaluation:panel-moderator",
    "evaluation:scoring-submit",
    "evaluation:summaries-send",
    "evaluation:notice-publish",
    "providers:revision-decide",
    "procurement:part-remove",
    "contracts:insurance-defaults",
}
_EXAMPLE = {"int": "1", "slug": "some-slug", "str": "some-text", "uuid": "00000000-0000-0000-0000-000000000001", "path": "x"}
_KIND = {"IntConverter": "int", "SlugConverter": "slug", "UUIDConverter": "uuid", "PathConverter": "path"}


def _walk(patterns, namespace, prefix):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, entry.namespace or namespace, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and namespace and entry.name:
            yield f"{namespace}:{entry.name}", entry, prefix


def _example_path(pattern: URLPattern, prefix: str) -> str:
    """The route with made-up values in place of its parameters."""
    route = prefix + str(pattern.pattern)
    for name, converter in pattern.pattern.converters.items():
        kind = _KIND.get(type(converter).__name__, "str")
        route = route.replace(f"<{kind}:{name}>", _EXAMPLE[kind]).replace(f"<{name}>", _EXAMPLE["str"])
    return "/" + route


def site_routes() -> list[tuple[str, str]]:
    """(URL name, an example path) for every route outside the JSON namespaces, sorted by name."""
    return sorted(
        (name, _example_path(pattern, prefix))
        for name, pattern, prefix in _walk(get_resolver().url_patterns, None, "")
        if name.split(":")[0] not in JSON_NAMESPACES
    )
