"""Staff pages for make-or-buy: cost the in-house service and external options the same way, then decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, has_perm
from jointly.core.errors import save_form
from jointly.core.transitions import actions
from jointly.partnerships.models import Organisation

from . import fcr, selectors, services
from .forms import AppraisalForm, DecisionForm, option_form_class
from .models import CommissioningIntention, MakeOrBuyAppraisal
from .views import _trust


def _crumbs(trust, *more):
    return [(trust.name, trust.get_absolute_url()), ("Make or buy", reverse("plans:appraisals", args=[trust.slug])), *more]


def _appraisal(trust, pk) -> MakeOrBuyAppraisal:
    return get_object_or_404(MakeOrBuyAppraisal.objects.select_related("trust", "decided_by", "intention"), pk=pk, trust=trust)


@login_required
def appraisal_list(request, slug):
    trust = _trust(request, slug)
    return render(
        request,
        "plans/appraisals.html",
        {
            "trust": trust,
            "appraisals": selectors.appraisals_for(trust=trust),
            "can_manage": has_perm(request.user, Perm.PLANS_MANAGE),
            "page_title": f"Make or buy: {trust.name}",
            "breadcrumbs": _crumbs(trust)[:1] + [("Make or buy", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def appraisal_add(request, slug):
    trust = _trust(request, slug, Perm.PLANS_MANAGE)
    form = AppraisalForm(request.POST or None, intentions=CommissioningIntention.objects.filter(trust=trust).exclude(status="withdrawn"))
    appraisal = save_form(request, form, lambda data: services.appraisal_create(trust=trust, by=request.user, **data))
    if appraisal:
        return redirect("plans:appraisal", trust.slug, appraisal.pk)
    return render(
        request,
        "plans/form.html",
        {
            "trust": trust,
            "form": form,
            "cancel_url": reverse("plans:appraisals", args=[trust.slug]),
            "page_title": "Start a make-or-buy appraisal",
            "breadcrumbs": _crumbs(trust, ("Start", "")),
        },
    )


@login_required
def appraisal_detail(request, slug, pk):
    trust = _trust(request, slug)
    appraisal = _appraisal(trust, pk)
    rows = selectors.appraisal_comparison(appraisal)
    cheapest = fcr.cheapest({option.pk: cost for option, cost in rows})
    return render(
        request,
        "plans/appraisal.html",
        {
            "trust": trust,
            "appraisal": appraisal,
            "rows": rows,
            "cheapest": cheapest,
            "pools": fcr.POOLS,
            **actions(appraisal, request.user, edit_perm=Perm.PLANS_MANAGE),
            "page_title": str(appraisal),
            "breadcrumbs": _crumbs(trust, (appraisal.service_name, "")),
        },
    )


def _option_add(appraisal, data: dict):
    """The option form's fields as the service takes them: each overhead pool that has any figure, as (cost, total, this service's share)."""
    overheads = {
        key: (data[f"{key}_cost"], data[f"{key}_total"], data[f"{key}_service"])
        for key in fcr.POOLS
        if any(data[f"{key}_{part}"] for part in ("cost", "total", "service"))
    }
    return services.option_add(
        appraisal=appraisal,
        name=data["name"],
        kind=data["kind"],
        units_per_year=data["units_per_year"],
        provider=data["provider"],
        direct_costs=data["direct_costs"] or None,
        quoted_full_cost=data["quoted_full_cost"] or None,
        overheads=overheads,
    )


@login_required
@require_http_methods(["GET", "POST"])
def option_add(request, slug, pk):
    trust = _trust(request, slug, Perm.PLANS_MANAGE)
    appraisal = _appraisal(trust, pk)
    detail = reverse("plans:appraisal", args=[trust.slug, appraisal.pk])
    form = option_form_class()(request.POST or None, providers=Organisation.objects.filter(partnerships__trust=trust).order_by("name"))
    costed = save_form(
        request, form, lambda data: _option_add(appraisal, data), rename=lambda field: f"{field}_cost" if field in fcr.POOLS else field
    )
    if costed:
        messages.success(request, "Option costed.")
        return redirect(detail)
    return render(
        request,
        "plans/form.html",
        {
            "trust": trust,
            "form": form,
            "cancel_url": detail,
            "intro": "Count every overhead: each pool is shared by its own driver (premises by headcount, central functions by staff time, "
            "governance by expenditure, fundraising by income raised). There is no cap on overheads.",
            "page_title": f"Cost an option: {appraisal.service_name}",
            "breadcrumbs": _crumbs(trust, (appraisal.service_name, detail), ("Cost an option", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def appraisal_decide(request, slug, pk):
    trust = _trust(request, slug, Perm.PLANS_MANAGE)
    appraisal = _appraisal(trust, pk)
    detail = reverse("plans:appraisal", args=[trust.slug, appraisal.pk])
    form = DecisionForm(request.POST or None)
    if save_form(request, form, lambda data: services.appraisal_decide(appraisal=appraisal, by=request.user, **data)):
        messages.success(request, "Decision recorded.")
        return redirect(detail)
    return render(
        request,
        "plans/form.html",
        {
            "trust": trust,
            "form": form,
            "cancel_url": detail,
            "submit": "Record the decision",
            "page_title": f"Decide: {appraisal.service_name}",
            "breadcrumbs": _crumbs(trust, (appraisal.service_name, detail), ("Decide", "")),
        },
    )
