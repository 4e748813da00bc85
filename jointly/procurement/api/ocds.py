"""The open OCDS feed: every published procurement as one OCDS 1.1 release package, no key, any site may read it.

`GET /api/ocds/releases` pages by procurement (`?page=`), with `links.next`; `GET /api/ocds/releases/<ocid>`
is one procurement's releases. Plain Django views, as the ORUK feed, so they sit at the addresses the
issue fixed, outside the keyed /api/v1/.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import reverse

from jointly.providers.feed import FeedError, open_feed

from .. import ocds

PER_PAGE = 20


def _json(data) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _page_number(request) -> int:
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or int(raw) < 1 or len(raw) > 6:
        raise FeedError(400, f"'page' must be a whole number, 1 or more, not '{raw}'.")
    return int(raw)


@open_feed
def releases(request):
    number = _page_number(request)
    queryset = ocds.published_opportunities()
    start = (number - 1) * PER_PAGE
    page = list(queryset[start : start + PER_PAGE + 1])
    more, page = len(page) > PER_PAGE, page[:PER_PAGE]
    here = request.build_absolute_uri(reverse("ocds:releases"))
    data = ocds.package(page, uri=f"{here}?page={number}")
    if more:
        data["links"] = {"next": f"{here}?page={number + 1}"}
    if number > 1:
        data.setdefault("links", {})["prev"] = f"{here}?page={number - 1}"
    return _json(data)


@open_feed
def release(request, ocid):
    opportunity = ocds.published_opportunities().filter(ocid=ocid).first()
    if opportunity is None:
        raise FeedError(404, f"There is no published procurement with the ocid '{ocid}'.")
    return _json(ocds.package([opportunity], uri=request.build_absolute_uri()))
