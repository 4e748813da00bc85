"""The JSON API, at /api/v1/, described at /api/v1/openapi.json."""

from ninja import NinjaAPI

from jointly.core.registry import registry

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
# Each app registers its router (jointly/core/registry.py).
for router in registry().api_routers:
    api.add_router("/", router)


def api_not_found(request, *args, **kwargs):
    return problems.problem(404, f"There is no API endpoint at {request.path}. See /api/v1/openapi.json.")
