from django.conf import settings
from django.urls import reverse

from jointly.accounts.permissions import Perm, has_perm


def service(request):
    """The service navigation, shown to each person for what they may use."""
    user = request.user
    path = request.path
    items = [("Home", reverse("core:home")), ("Directory", reverse("providers:directory"))]
    # Offers and events are open to everyone; signed in, the start page adds support needs and partners.
    items.append(("Support for organisations", reverse("capacity:home" if user.is_authenticated else "capacity:offers")))
    if user.is_authenticated:
        items.append(("Partnerships", reverse("partnerships:region-list")))
        items.append(("Organisations", reverse("partnerships:organisation-list")))
        if has_perm(user, Perm.ASSESSMENT_VIEW):
            items.append(("Needs assessment", reverse("assessment:home")))
        if has_perm(user, Perm.CONSULTATION_VIEW_RESULTS):
            items.append(("Consultations", reverse("consultations:list")))
        if has_perm(user, Perm.USER_MANAGE):
            items.append(("People", reverse("accounts:user-list")))
        items.append(("Your account", reverse("accounts:account")))
        items.append(("Sign out", reverse("accounts:sign-out")))
    else:
        items.append(("Sign in", reverse("accounts:sign-in")))
    navigation = []
    for text, href in items:
        active = path == href if href == "/" else path.startswith(href)
        navigation.append({"text": text, "href": href, "active": active})
    return {"service_navigation": navigation, "demo_mode": settings.DEMO_MODE}
