from django.conf import settings
from django.urls import reverse

from jointly.accounts.permissions import Perm, has_perm
from jointly.accounts.selectors import primary_trust_slug

from .registry import EVERYONE, SIGNED_IN, SIGNED_OUT, TRUST_IN_PATH, TRUST_IN_QUERY, Stage, registry


def _shown(user, item) -> bool:
    if any(has_perm(user, Perm(perm)) for perm in item.unless):
        return False
    if item.shown_to == EVERYONE:
        return True
    if item.shown_to == SIGNED_IN:
        return user.is_authenticated
    if item.shown_to == SIGNED_OUT:
        return not user.is_authenticated
    return has_perm(user, Perm(item.shown_to))


def _href(item, user) -> str | None:
    """The entry's address; an entry about a trust opens the person's own (None when they have none)."""
    if item.trust_in not in (TRUST_IN_PATH, TRUST_IN_QUERY):
        return reverse(item.url_name)
    slug = primary_trust_slug(user=user)
    if slug is None:
        return None
    if item.trust_in == TRUST_IN_PATH:
        return reverse(item.url_name, args=[slug])
    return f"{reverse(item.url_name)}?trust={slug}"


def service(request):
    """The service navigation, from what each app registers, shown to each person for what they may use.

    The stages of the cycle make the service navigation, in the order of the cycle, one entry a
    stage or two, so it stays on one row on a laptop; the entries that are no stage (your account,
    signing in and out) sit in the header. The service name in the header is the way home.
    """
    user = request.user
    path = request.path
    navigation = []
    for item in registry().navigation:
        if not _shown(user, item):
            continue
        href = _href(item, user)
        if href is None:
            continue
        base = href.split("?")[0]
        active = path == base if base == "/" else path.startswith(base)
        navigation.append({"text": item.text, "href": href, "active": active, "stage": item.stage})
    # Only one entry is the current section: the longest address the page's path starts with.
    active = [entry for entry in navigation if entry["active"]]
    best = max(active, key=lambda entry: len(entry["href"].split("?")[0]), default=None)
    for entry in active:
        entry["active"] = entry is best
    return {
        "service_navigation": [entry for entry in navigation if entry["stage"] != Stage.SERVICE],
        "account_navigation": [entry for entry in navigation if entry["stage"] == Stage.SERVICE],
        "demo_mode": settings.DEMO_MODE,
    }
