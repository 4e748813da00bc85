"""Errors as JSON problem bodies (RFC 9457), for every API call."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from jointly.core.transitions import InvalidTransition

TITLES = {
    400: "Your request has a problem",
    401: "Sign in or send an API token",
    403: "You cannot do this",
    404: "Not found",
    409: "This would duplicate an existing record",
    429: "Too many requests",
    500: "Sorry, there is a problem with the service",
}


def problem(status: int, detail: str, *, title: str = "", errors: list[dict] | None = None, **extra) -> JsonResponse:
    body = {"type": "about:blank", "title": title or TITLES.get(status, "Error"), "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    body.update(extra)
    response = JsonResponse(body, status=status, content_type="application/problem+json")
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="jointly"'
    return response


def server_error() -> JsonResponse:
    """The 500 of an API call (jointly.core.views.error_500): no page, no traceback.

    An error the API's handlers do not know reaches Django as usual, so the request's
    writes are rolled back and the traceback is logged (or, with DEBUG, shown).
    """
    return problem(500, "Try again later. If it keeps happening, contact the service team.")


def _refused(response: JsonResponse) -> JsonResponse:
    """A refused write leaves nothing behind: roll back what the request wrote before the service refused.

    The handlers return inside the request's transaction (ATOMIC_REQUESTS), which would otherwise commit.
    Refusals of access (401, 403, 404) keep the request's writes, so a refused look can still be audited.
    """
    if transaction.get_connection().in_atomic_block:
        transaction.set_rollback(True)
    return response


def _field_name(location) -> str:
    # Ninja reports where the error is, e.g. ("body", "payload", "name"): keep the field path.
    parts = [str(part) for part in location if part not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "body"


def register(api) -> None:
    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc):
        errors = []
        for error in exc.errors:
            message = error.get("msg", "Invalid value")
            if error.get("type") == "missing":
                message = "This field is required"
            errors.append({"field": _field_name(error.get("loc", ())), "message": message})
        fields = ", ".join(sorted({e["field"] for e in errors}))
        return problem(400, f"Check these fields: {fields}.", errors=errors)

    @api.exception_handler(DjangoValidationError)
    def model_validation_error(request, exc):
        errors = []
        if hasattr(exc, "message_dict"):
            for field, messages in exc.message_dict.items():
                errors += [{"field": "body" if field == "__all__" else field, "message": m} for m in messages]
        else:
            errors = [{"field": "body", "message": m} for m in exc.messages]
        fields = ", ".join(sorted({e["field"] for e in errors}))
        return _refused(problem(400, f"Check these fields: {fields}.", errors=errors))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return problem(401, "Send a valid API token as 'Authorization: Bearer <token>', or sign in.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return problem(403, str(exc) or "You do not have permission to do this.")

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem(404, "There is nothing here, or it is not yours to see.")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        detail = str(exc)
        if detail == "Cannot parse request body":
            return problem(400, "The request body is not valid JSON.", errors=[{"field": "body", "message": "Send a JSON object"}])
        return problem(exc.status_code, detail)

    @api.exception_handler(InvalidTransition)
    def invalid_transition(request, exc):
        return _refused(problem(409, str(exc), title="This cannot be done in the record's current state"))
