"""Requests carrying a NUL character (0x00) are refused before any view sees them.

PostgreSQL cannot store text with a NUL in it, nor compare text with one, so a search,
filter, path or saved field holding one would fail as a server error. No real input has
one: it is refused as a bad request, naming where it was (a problem body for the API).
"""

import json

from django.shortcuts import render

from .problems import problem

NUL = "\x00"


def _first_nul_in_json(value, where: str = "") -> str | None:
    """The field path ("contacts.0.name") of the first string or key holding a NUL, or None."""
    if isinstance(value, str):
        return (where or "body") if NUL in value else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        path = f"{where}.{key}" if where else str(key)
        if NUL in str(key):
            return path
        found = _first_nul_in_json(item, path)
        if found:
            return found
    return None


def _where_nul_is(request) -> str | None:
    if NUL in request.path:
        return "path"
    for name, values in [*request.GET.lists(), *request.POST.lists()]:
        if NUL in name or any(NUL in value for value in values):
            return name
    if request.content_type == "application/json" and b"\\u0000" in request.body:
        try:
            return _first_nul_in_json(json.loads(request.body))
        except ValueError:
            return None  # not JSON after all: the API says so itself
    return None


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = _where_nul_is(request)
        if where is None:
            return self.get_response(request)
        message = "Remove the NUL character (0x00): it cannot be stored or searched for"
        if request.path.startswith("/api/"):
            return problem(400, f"Check these fields: {where}.", errors=[{"field": where, "message": message}])
        return render(request, "core/400.html", {"page_title": "Sorry, we could not read that", "where": where}, status=400)
