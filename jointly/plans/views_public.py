"""The forward plan, published openly: page, CSV, Atom feed, and subscribing by email. No account needed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, decide
from jointly.core import downloads
from jointly.core.errors import save_form
from jointly.core.pagination import paginate
from jointly.partnerships.models import Region, Trust

from . import selectors, subscriptions
from .forms import SubscribeForm
from .models import CommissioningIntention, IntentionKind, PlanChange, Route, ValueBand

CSV_COLUMNS = [
    "trust",
    "id",
    "title",
    "kind",
    "likely_route",
    "value_band",
    "estimated_annual_value_inc_vat",
    "total_value_inc_vat",
    "light_touch",
    "priorities",
    "outcome_area",
    "intention_published",
    "engagement_starts",
    "tender_opens",
    "award",
    "service_starts",
    "current_contract_ends",
    "version",
    "url",
]


def _filters(request) -> dict:
    return {name: request.GET.get(name, "") for name in ("kind", "route", "quarter", "band")}


def _plan_context(request, *, trusts, title, crumbs, csv_url, trust=None, region=None) -> dict:
    filters = _filters(request)
    intentions = selectors.published_intentions(trusts=trusts, **filters)
    return {
        "trust": trust,
        "region": region,
        "page_obj": paginate(request, intentions),
        "filters": filters,
        "kinds": IntentionKind.choices,
        "routes": Route.choices,
        "bands": ValueBand.choices,
        "quarters": selectors.plan_quarters(trusts=trusts),
        "csv_url": csv_url + (f"?{request.GET.urlencode()}" if request.GET else ""),
        "page_title": title,
        "breadcrumbs": crumbs,
    }


def forward_plans(request):
    """Every trust's forward plan, by region: where the public and providers find what will be commissioned."""
    return render(
        request,
        "plans/forward_plans.html",
        {
            "regions": selectors.forward_plans_by_region(),
            "page_title": "Forward plans of commissioning intentions",
            "breadcrumbs": [("Forward plans", "")],
        },
    )


def forward_plan(request, slug):
    trust = get_object_or_404(Trust.objects.select_related("region"), slug=slug)
    context = _plan_context(
        request,
        trusts=[trust],
        trust=trust,
        title=f"Forward plan of commissioning intentions: {trust.name}",
        crumbs=[(trust.name, trust.get_absolute_url()), ("Forward plan", "")],
        csv_url=reverse("plans:forward-plan-csv", args=[trust.slug]),
    )
    context["feed_url"] = reverse("plans:forward-plan-atom", args=[trust.slug])
    return render(request, "plans/forward_plan.html", context)


def region_plan(request, region_slug):
    region = get_object_or_404(Region, slug=region_slug)
    trusts = Trust.objects.filter(region=region)
    context = _plan_context(
        request,
        trusts=trusts,
        region=region,
        title=f"Forward plan of commissioning intentions: {region.name}",
        crumbs=[(region.name, region.get_absolute_url()), ("Forward plan", "")],
        csv_url=reverse("plans:region-forward-plan-csv", args=[region.slug]),
    )
    context["region_trusts"] = trusts.order_by("name")
    return render(request, "plans/forward_plan.html", context)


def _csv(request, intentions, filename: str) -> HttpResponse:
    rows = (
        [
            item.trust.slug,
            item.pk,
            item.title,
            item.get_kind_display(),
            item.get_route_display(),
            item.get_value_band_display(),
            item.estimated_annual_value,
            item.total_value,
            "yes" if item.light_touch else "no",
            "; ".join(p.title for p in item.priorities.all()),
            item.outcome_area.name if item.outcome_area else "",
            *[
                getattr(item, name)
                for name in ("published_on", "engagement_starts_on", "tender_opens_on", "award_on", "service_starts_on", "current_contract_ends_on")
            ],
            item.version,
            request.build_absolute_uri(item.get_absolute_url()),
        ]
        for item in intentions
    )
    return downloads.csv_response(filename=filename, headings=CSV_COLUMNS, rows=rows)


def forward_plan_csv(request, slug):
    trust = get_object_or_404(Trust, slug=slug)
    return _csv(request, selectors.published_intentions(trusts=[trust], **_filters(request)), f"{trust.slug}-forward-plan")


def region_plan_csv(request, region_slug):
    region = get_object_or_404(Region, slug=region_slug)
    intentions = selectors.published_intentions(trusts=Trust.objects.filter(region=region), **_filters(request))
    return _csv(request, intentions, f"{region.slug}-forward-plan")


def intention_public(request, slug, pk):
    trust = get_object_or_404(Trust, slug=slug)
    intention = get_object_or_404(
        CommissioningIntention.objects.select_related("trust", "outcome_area").prefetch_related("priorities"),
        pk=pk,
        trust=trust,
        status__in=[CommissioningIntention.Status.PUBLISHED, CommissioningIntention.Status.WITHDRAWN],
    )
    if intention.status == CommissioningIntention.Status.WITHDRAWN and intention.published_on is None:
        raise Http404("Not found.")  # withdrawn before it was ever published
    plan_url = reverse("plans:forward-plan", args=[trust.slug])
    return render(
        request,
        "plans/intention_public.html",
        {
            "trust": trust,
            "intention": intention,
            "changes": intention.changes.all(),
            "can_see_priorities": decide(request.user, Perm.ASSESSMENT_VIEW, trust).allowed,
            "page_title": intention.title,
            "breadcrumbs": [(trust.name, trust.get_absolute_url()), ("Forward plan", plan_url), (intention.title, "")],
        },
    )


class ForwardPlanFeed(Feed):
    """Atom 1.0: one entry for each change to the published plan (published, changed, withdrawn)."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(Trust, slug=slug)

    def title(self, trust):
        return f"Forward plan of commissioning intentions: {trust.name}"

    def link(self, trust):
        return reverse("plans:forward-plan", args=[trust.slug])

    def author_name(self, trust):
        # Atom 1.0 needs an author on the feed when its entries have none.
        return trust.name

    def subtitle(self, trust):
        return f"What {trust.name} will commission, re-commission, decommission or commission differently, and when."

    def items(self, trust):
        return PlanChange.objects.filter(trust=trust).select_related("intention__trust").order_by("-id")[:50]

    def item_title(self, change):
        return f"{change.get_kind_display()}: {change.intention.title}"

    def item_description(self, change):
        intention = change.intention
        return (
            f"{intention.get_kind_display()}, {intention.get_route_display().lower()}, {intention.get_value_band_display().lower()}. "
            f"{change.summary}. {intention.description}"
        ).strip()

    def item_link(self, change):
        return change.intention.get_absolute_url()

    def item_guid(self, change):
        return f"tag:jointly,2026:plan-change:{change.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        return change.at

    def item_updateddate(self, change):
        return change.at


@require_http_methods(["GET", "POST"])
def subscribe(request, slug):
    trust = get_object_or_404(Trust, slug=slug)
    form = SubscribeForm(request.POST or None)
    if save_form(request, form, lambda data: subscriptions.subscription_request(trust=trust, email=data["email"])):
        return render(
            request,
            "plans/message.html",
            {
                "page_title": "Check your email",
                "message": "If the address is not already subscribed, we have sent it a link. Open the link to confirm: nothing is sent until you do.",
                "back_url": reverse("plans:forward-plan", args=[trust.slug]),
                "trust": trust,
            },
        )
    return render(
        request,
        "plans/subscribe.html",
        {
            "trust": trust,
            "form": form,
            "page_title": f"Get emails when {trust.name}'s forward plan changes",
            "breadcrumbs": [
                (trust.name, trust.get_absolute_url()),
                ("Forward plan", reverse("plans:forward-plan", args=[trust.slug])),
                ("Subscribe", ""),
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def subscribe_confirm(request, token):
    """GET shows a button; POST confirms. (Mail scanners follow links, so a GET must change nothing.)"""
    if request.method == "POST":
        subscriber = subscriptions.subscription_confirm(token=token)
        if subscriber is None:
            raise Http404("This link has expired or was already used to unsubscribe.")
        messages.success(request, "Subscription confirmed: we will email you when the plan changes.")
        return redirect("plans:forward-plan", subscriber.trust.slug)
    return render(
        request,
        "plans/message.html",
        {
            "page_title": "Confirm your subscription",
            "message": "Confirm that you want an email when the forward plan changes.",
            "button": "Confirm subscription",
        },
    )


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    if request.method == "POST":
        subscriptions.subscription_cancel(token=token)
        return render(
            request,
            "plans/message.html",
            {"page_title": "You have unsubscribed", "message": "Your email address has been deleted. We will not email you again."},
        )
    return render(
        request,
        "plans/message.html",
        {
            "page_title": "Unsubscribe",
            "message": "Stop emails about the forward plan and delete your email address.",
            "button": "Unsubscribe",
        },
    )
