from django.conf import settings
from django.urls import reverse

from jointly.accounts.permissions import Perm, has_perm

from .registry import EVERYONE, SIGNED_IN, SIGNED_OUT, registry


def _shown(user, shown_to: str) -> bool:
    if shown_to == EVERYONE:
        return True
    if shown_to == SIGNED_IN:
        return user.is_authenticated
    if shown_to == SIGNED_OUT:
        return not user.is_authenticated
    return has_perm(user, Perm(shown_to))


def service(request):
    """The service navigation, from what each app registers, shown to each person for what they may use."""
    user = request.user
    path = request.path
    navigation = []
    for item in registry().navigation:
        if not _shown(user, item.shown_to):
            continue
        href = reverse(item.url_name)
        active = path == href if href == "/" else path.startswith(href)
        navigation.append({"text": item.text, "href": href, "active": active, "stage": item.stage})
    return {"service_navigation": navigation, "demo_mode": settings.DEMO_MODE}
