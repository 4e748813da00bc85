"""Open pages: the opportunities open now and coming, and each published opportunity with everything it publishes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jointly.core.errors import save_form
from jointly.core.pagination import paginate
from jointly.partnerships.models import Trust

from .forms import PROCUREMENT_ROUTES, AskForm
from .models import Opportunity
from .selectors import opportunities as selectors
from .services import clarifications as clarification_services

SUITABILITY = [("sme", "Suitable for SMEs"), ("vcse", "Suitable for VCSEs")]
WHEN = [("open", "Open now"), ("closed", "Closed")]


def opportunities(request):
    when = request.GET.get("when", "open")
    when = when if when in dict(WHEN) else "open"
    trust_slug, route, suitable = request.GET.get("trust", ""), request.GET.get("route", ""), request.GET.get("suitable", "")
    return render(
        request,
        "procurement/public_opportunities.html",
        {
            "page_obj": paginate(request, selectors.public_opportunities(when=when, trust_slug=trust_slug, route=route, suitable=suitable)),
            "upcoming": selectors.upcoming_intentions(trust_slug=trust_slug, limit=10) if when == "open" else [],
            "trusts": Trust.objects.order_by("name").only("slug", "name"),
            "routes": PROCUREMENT_ROUTES,
            "suitabilities": SUITABILITY,
            "whens": WHEN,
            "filters": {"when": when, "trust": trust_slug, "route": route, "suitable": suitable},
            "page_title": "Opportunities to bid",
            "breadcrumbs": [("Opportunities", "")],
        },
    )


def _published(slug, pk) -> Opportunity:
    opportunity = selectors.published_opportunity(trust_slug=slug, pk=pk)
    if opportunity is None:
        raise Http404("Not found.")
    return opportunity


def opportunity(request, slug, pk):
    item = _published(slug, pk)
    return render(
        request,
        "procurement/public_opportunity.html",
        {
            "opportunity": item,
            "trust": item.trust,
            "clarifications": selectors.answered_clarifications(item),
            "can_ask": item.status == Opportunity.Status.OPEN and item.closes_at > timezone.now(),
            "page_title": item.title,
            "breadcrumbs": [("Opportunities", reverse("procurement:public-opportunities")), (item.title, "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask(request, slug, pk):
    item = _published(slug, pk)
    page = reverse("procurement:public-opportunity", args=[slug, pk])
    form = AskForm(request.POST or None)
    if save_form(request, form, lambda data: clarification_services.clarification_ask(opportunity=item, by=request.user, **data)):
        messages.success(request, "Question sent. The answer will be published on the opportunity's page, without your name.")
        return redirect(page + "#clarifications")
    return render(
        request,
        "procurement/form.html",
        {
            "trust": item.trust,
            "form": form,
            "submit": "Send the question",
            "cancel_url": page,
            "intro": "Ask about anything in the opportunity that is unclear. Every bidder sees the answer.",
            "page_title": f"Ask a question: {item.title}",
            "breadcrumbs": [("Opportunities", reverse("procurement:public-opportunities")), (item.title, page), ("Ask a question", "")],
        },
    )
