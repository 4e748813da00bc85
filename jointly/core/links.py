"""Links that leave the site, in emails and feeds, must be absolute: a mail client has no page to resolve a path against."""

from django.conf import settings
from django.urls import reverse


def absolute_url(viewname: str, *args) -> str:
    """The full address of a page, on the site named by JOINTLY_SITE_URL."""
    return settings.JOINTLY_SITE_URL.rstrip("/") + reverse(viewname, args=args)
