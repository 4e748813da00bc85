"""The Permissions-Policy header (Content-Security-Policy comes from django-csp)."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Switch off, on every response, the browser features listed in JOINTLY_PERMISSIONS_POLICY."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.JOINTLY_PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
