from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from jointly.accounts.services import api_token_authenticate
from jointly.audit.services import set_actor_for_rest_of_request


class TokenAuth(HttpBearer):
    """A machine client's token; it acts with exactly its owner's access."""

    openapi_description = "An API token from 'Your account', sent as 'Authorization: Bearer <token>'."

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(key=token)
        if user is None:
            return None
        # The permission helpers and the audit trail read the person from here.
        request.user = user
        set_actor_for_rest_of_request(user)
        return user


class VerifiedSessionAuth(SessionAuth):
    """A signed-in browser session; roles that need a second factor must have passed it."""

    def __call__(self, request: HttpRequest):
        # Nobody signed in: say 401, not a CSRF failure.
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key):
        user = super().authenticate(request, key)
        if user and user.needs_second_factor and not user.is_verified():
            return None
        return user
