from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse

# Reachable before the second factor: signing out, setting it up, and public pages.
_OPEN_PREFIXES = ("/account/two-factor", "/sign-out", "/static/", "/accessibility", "/privacy", "/cookies", "/api/")


def two_factor_url(*, next_url: str) -> str:
    """The security code page, coming back to `next_url` (its own query string kept whole)."""
    query = QueryDict(mutable=True)
    query["next"] = next_url
    return f"{reverse('accounts:two-factor')}?{query.urlencode(safe='/')}"


class SecondFactorRequiredMiddleware:
    """Commissioners, regional leads and administrators must pass a second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.needs_second_factor and not user.is_verified() and not request.path.startswith(_OPEN_PREFIXES):
            return redirect(two_factor_url(next_url=request.get_full_path()))
        return self.get_response(request)
