"""The open Open Referral UK 3.0 feed at /api/oruk/: no key, readable from any web page.

Paths and query parameters follow the ORUK OpenAPI document (`/`, `/services`,
`/services/{id}`, `/taxonomies`, `/taxonomy_terms`), plus HSDS's
`/organizations`. Only published directory records appear. Every response,
errors included, carries `Access-Control-Allow-Origin: *`.
"""

from __future__ import annotations

import uuid
from functools import wraps

from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse, JsonResponse
from django.urls import reverse

from . import oruk
from .models import ServiceGroup, ServiceOutcome
from .taxonomy import all_terms, taxonomy_by_id, term_by_id

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100


class FeedError(Exception):
    def __init__(self, status: int, detail: str):
        self.status, self.detail = status, detail
        super().__init__(detail)


_TITLES = {400: "Your request has a problem", 404: "Not found", 405: "Only GET is supported"}


def _problem(status: int, detail: str) -> JsonResponse:
    body = {"type": "about:blank", "title": _TITLES.get(status, "Error"), "status": status, "detail": detail}
    return JsonResponse(body, status=status, content_type="application/problem+json")


def open_feed(view):
    """Answer GET from anywhere; turn feed errors into JSON problems; always send the CORS header."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        elif request.method not in ("GET", "HEAD"):
            response = _problem(405, "This feed is read-only: use GET.")
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            try:
                response = view(request, *args, **kwargs)
            except FeedError as error:
                response = _problem(error.status, error.detail)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
        return response

    return wrapped


def _json(data) -> JsonResponse:
    return JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})


def _integer(request, name: str, default: int, *, minimum: int = 1, maximum: int | None = None) -> int:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise FeedError(400, f"'{name}' must be a whole number, not '{raw}'.") from None
    if value < minimum or (maximum is not None and value > maximum):
        limits = f"between {minimum} and {maximum}" if maximum is not None else f"{minimum} or more"
        raise FeedError(400, f"'{name}' must be {limits}.")
    return value


def _number(request, name: str) -> float | None:
    raw = request.GET.get(name, "")
    if raw == "":
        return None
    try:
        return float(raw)
    except ValueError:
        raise FeedError(400, f"'{name}' must be a number, not '{raw}'.") from None


def _uuid(value: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise FeedError(404, f"There is no {what} with the id '{value}'.") from None


def _paged(request, queryset, shape) -> dict:
    per_page = _integer(request, "per_page", DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE)
    number = _integer(request, "page", 1)
    total = queryset.count()
    start = (number - 1) * per_page
    items = [shape(item) for item in queryset[start : start + per_page]] if start < total else []
    return oruk.page(items, total=total, number=number, per_page=per_page)


def _paged_list(request, items: list) -> dict:
    per_page = _integer(request, "per_page", DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE)
    number = _integer(request, "page", 1)
    start = (number - 1) * per_page
    return oruk.page(items[start : start + per_page], total=len(items), number=number, per_page=per_page)


@open_feed
def api_info(request):
    return _json(
        {
            "version": oruk.ORUK_VERSION,
            "profile": oruk.PROFILE_URL,
            "openapi_url": oruk.OPENAPI_URL,
            "services_url": request.build_absolute_uri(reverse("oruk:services")),
        }
    )


def _filter_by_term(services, term):
    if term.taxonomy.code == "outcome_area":
        return services.filter(Exists(ServiceOutcome.objects.filter(service=OuterRef("pk"), outcome__slug=term.stored)))
    if term.taxonomy.code == "group":
        return services.filter(Exists(ServiceGroup.objects.filter(service=OuterRef("pk"), group=term.code)))
    return services.filter(**{term.taxonomy.code: term.code})


@open_feed
def service_list(request):
    services = oruk.services_for_list()
    for word in request.GET.get("search", "").split()[:10]:
        services = services.filter(Q(name__icontains=word) | Q(description__icontains=word) | Q(organisation__name__icontains=word))
    if term_id := request.GET.get("taxonomy_term_id"):
        term = term_by_id(term_id)
        services = _filter_by_term(services, term) if term else services.none()
    if taxonomy_id := request.GET.get("taxonomy_id"):
        item = taxonomy_by_id(taxonomy_id)
        if item is None:
            services = services.none()
        elif item.code == "outcome_area":
            services = services.filter(Exists(ServiceOutcome.objects.filter(service=OuterRef("pk"))))
        elif item.code == "group":
            services = services.filter(Exists(ServiceGroup.objects.filter(service=OuterRef("pk"))))
    # As the ORUK parameters define them: a minimum age of at least, a maximum age of at most.
    if (minimum := _number(request, "minimum_age")) is not None:
        services = services.filter(min_age__gte=minimum)
    if (maximum := _number(request, "maximum_age")) is not None:
        services = services.filter(max_age__lte=maximum)
    if organization_id := request.GET.get("organization_id"):
        services = services.filter(organisation__provider_profile__oruk_id=_uuid(organization_id, "organization"))
    return _json(_paged(request, services, oruk.service_brief))


@open_feed
def service_detail(request, id):
    service = oruk.services_in_full().filter(uuid=_uuid(id, "service")).first()
    if service is None:
        raise FeedError(404, f"There is no published service with the id '{id}'.")
    return _json(oruk.service_full(service))


@open_feed
def organization_list(request):
    profiles = oruk.profiles_for_list()
    for word in request.GET.get("search", "").split()[:10]:
        profiles = profiles.filter(Q(organisation__name__icontains=word) | Q(description__icontains=word))
    return _json(_paged(request, profiles, oruk.organization_brief))


@open_feed
def organization_detail(request, id):
    profile = oruk.profiles_in_full().filter(oruk_id=_uuid(id, "organization")).first()
    if profile is None:
        raise FeedError(404, f"There is no published organization with the id '{id}'.")
    return _json(oruk.organization(profile, with_services=True))


@open_feed
def taxonomy_list(request):
    return _json(_paged_list(request, oruk.taxonomies()))


@open_feed
def taxonomy_detail(request, id):
    item = taxonomy_by_id(id)
    if item is None:
        raise FeedError(404, f"There is no taxonomy with the id '{id}'.")
    return _json(oruk.taxonomy(item))


@open_feed
def taxonomy_term_list(request):
    terms = all_terms()
    if taxonomy_id := request.GET.get("taxonomy_id"):
        terms = [term for term in terms if str(term.taxonomy.id) == taxonomy_id]
    return _json(_paged_list(request, [oruk.taxonomy_term(term) for term in terms]))


@open_feed
def taxonomy_term_detail(request, id):
    term = term_by_id(id)
    if term is None:
        raise FeedError(404, f"There is no taxonomy term with the id '{id}'.")
    return _json(oruk.taxonomy_term(term))
