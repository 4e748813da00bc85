from .services import acting_as


class AuditActorMiddleware:
    """Attribute every audit entry written during a request to its signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(getattr(request, "user", None)):
            return self.get_response(request)
