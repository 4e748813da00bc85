"""The commissioner's notices pages (PROCUREMENT_MANAGE): what the opportunity needs, the drafts, marking them published."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, get_object_for
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm, GovukDateField, GovukForm
from jointly.core.pagination import paginate
from jointly.partnerships.models import Trust

from . import notices
from .models import Notice, Opportunity


class PublishedForm(GovukForm):
    published_on = GovukDateField(label="Date published", label_for_errors="the date the notice was published", help_text="For example, 27 3 2027")
    platform_reference = forms.CharField(label="Notice identifier on the Central Digital Platform (optional)", required=False, max_length=100)


class ClockForm(GovukForm):
    starts_on = GovukDateField(
        label="Date the contract was signed", label_for_errors="the date the contract was signed", help_text="For example, 27 3 2027"
    )


def _trust(request, slug) -> Trust:
    return get_object_for(request.user, Perm.PROCUREMENT_MANAGE, Trust.objects.select_related("region"), slug=slug)


def _crumbs(trust, *more):
    return [(trust.name, trust.get_absolute_url()), ("Notices", reverse("notices:list", args=[trust.slug])), *more]


@login_required
def trust_notices(request, slug):
    trust = _trust(request, slug)
    return render(
        request,
        "procurement/notices/list.html",
        {
            "trust": trust,
            "page_obj": paginate(request, notices.notices_for_trust(trust)),
            "page_title": f"Transparency notices: {trust.name}",
            "breadcrumbs": [(trust.name, trust.get_absolute_url()), ("Notices", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_notices(request, slug, pk):
    trust = _trust(request, slug)
    opportunity = get_object_or_404(Opportunity.objects.select_related("intention"), pk=pk, trust=trust)
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: notices.notices_draft(opportunity=opportunity, by=request.user)):
        messages.success(request, "Drafts written from the opportunity as it stands.")
        return redirect("notices:opportunity", trust.slug, opportunity.pk)
    return render(
        request,
        "procurement/notices/opportunity.html",
        {
            "trust": trust,
            "opportunity": opportunity,
            "form": form,
            "needed": notices.needed(opportunity),
            "notices": opportunity.notices.order_by("kind"),
            "page_title": f"Notices: {opportunity.title}",
            "breadcrumbs": _crumbs(trust, (opportunity.title, "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notice_detail(request, slug, pk):
    trust = _trust(request, slug)
    notice = get_object_or_404(Notice.objects.select_related("opportunity__intention"), pk=pk, opportunity__trust=trust)
    here = reverse("notices:detail", args=[trust.slug, notice.pk])
    clock = ClockForm(request.POST if request.POST.get("form") == "clock" else None, prefix="clock")
    published = PublishedForm(request.POST if request.POST.get("form") == "published" else None, prefix="published")
    if request.POST.get("form") == "clock" and save_form(
        request, clock, lambda data: notices.notice_set_clock(notice=notice, by=request.user, starts_on=data["starts_on"])
    ):
        messages.success(request, "Due date worked out from the signing date.")
        return redirect(here)
    if request.POST.get("form") == "published" and save_form(
        request, published, lambda data: notices.notice_publish(notice=notice, by=request.user, **data)
    ):
        messages.success(request, "Marked as published.")
        return redirect(here)
    rule = notices.rules_in_force(notices.started_on(notice.opportunity)).get(notice.kind)
    return render(
        request,
        "procurement/notices/detail.html",
        {
            "trust": trust,
            "notice": notice,
            # The form that was sent, for the error summary.
            "form": clock if request.POST.get("form") == "clock" else published,
            "clock": clock if notice.status == "draft" and rule is not None and rule.days_after is not None and notice.kind != "UK12" else None,
            "published": published if notice.status == "draft" else None,
            "page_title": notice.get_kind_display(),
            "breadcrumbs": _crumbs(
                trust, (notice.opportunity.title, reverse("notices:opportunity", args=[trust.slug, notice.opportunity_id])), (notice.kind, "")
            ),
        },
    )
