"""The JSON API, at /api/v1/, described at /api/v1/openapi.json."""

from ninja import NinjaAPI

from jointly.partnerships.api import router as partnerships_router

from . import problems
from .auth import TokenAuth, VerifiedSessionAuth

api = NinjaAPI(
    title="Jointly API",
    version="1",
    description=(
        "Joint planning and commissioning of children's services. Every call is checked against the "
        "same permissions as the pages. Errors are JSON problem bodies (RFC 9457)."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), VerifiedSessionAuth(csrf=True)],
    docs_url=None,
)
problems.register(api)
api.add_router("/", partnerships_router)
api.add_router("/", "jointly.needs.api.router")
api.add_router("/", "jointly.consultations.api.router")
api.add_router("/", "jointly.providers.api.router")
api.add_router("/", "jointly.assessment.api.router")
api.add_router("/", "jointly.resources.api.router")
api.add_router("/", "jointly.plans.api.router")
api.add_router("/", "jointly.mapping.api.router")
api.add_router("/", "jointly.markets.api.router")
api.add_router("/", "jointly.capacity.api.router")
api.add_router("/", "jointly.audit.api.router")


def api_not_found(request, *args, **kwargs):
    return problems.problem(404, f"There is no API endpoint at {request.path}. See /api/v1/openapi.json.")
