"""Helpers shared by the assessment's pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jointly.accounts.permissions import Perm, decide
from jointly.accounts.selectors import primary_trust
from jointly.partnerships.selectors import trusts_visible_to

HOME_CRUMB = ("Needs assessment", "/assessment/")


def require_role(user, perm: Perm) -> None:
    decision = decide(user, perm)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)


def chosen_trust(request):
    """The trust a page is about: ?trust=<slug> among the person's trusts, or their primary trust (the first they joined)."""
    trusts = list(trusts_visible_to(user=request.user).order_by("name"))
    slug = request.GET.get("trust") or request.POST.get("trust")
    if slug:
        for trust in trusts:
            if trust.slug == slug:
                return trust, trusts
        raise Http404("Not found.")
    return (primary_trust(user=request.user) if trusts else None), trusts
