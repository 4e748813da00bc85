from django.shortcuts import redirect
from django.urls import reverse

# Reachable before the second factor: signing out, setting it up, and public pages.
_OPEN_PREFIXES = ("/account/two-factor", "/sign-out", "/static/", "/accessibility", "/privacy", "/cookies", "/api/")


class SecondFactorRequiredMiddleware:
    """Commissioners, regional leads and administrators must pass a second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.needs_second_factor
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return redirect(f"{reverse('accounts:two-factor')}?next={request.get_full_path()}")
        return self.get_response(request)
