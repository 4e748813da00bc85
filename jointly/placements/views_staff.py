"""The trust's placements pages (PLACEMENTS_MANAGE on the trust): frameworks, the DPIA, requests and budgets.

Every page fetches its trust through `get_object_for`: another trust's pages are "not found", a role
without the permission (an analyst with CONTRACTS_VIEW, a provider) is "forbidden" with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.models import Role, User
from jointly.accounts.permissions import Perm, get_object_for
from jointly.core.errors import save_form
from jointly.partnerships.models import Organisation, Trust

from . import selectors
from .forms import AssessmentForm, BudgetForm, FrameworkForm, FrameworkProviderForm, FrameworkTrustForm, RequestForm
from .services import assessments, budgets, frameworks, requests


def trust_for(request, slug) -> Trust:
    return get_object_for(request.user, Perm.PLACEMENTS_MANAGE, Trust.objects.select_related("region"), slug=slug)


def crumbs(trust, *more):
    return [(trust.name, trust.get_absolute_url()), ("Individual placements", reverse("placements:trust", args=[trust.slug])), *more]


def form_page(request, trust, form, *, title, crumbs, cancel_url, submit="Save", intro=""):
    return render(
        request,
        "core/form_page.html",
        {"trust": trust, "form": form, "cancel_url": cancel_url, "submit": submit, "intro": intro, "page_title": title, "breadcrumbs": crumbs},
    )


@login_required
def trust_home(request, slug):
    trust = trust_for(request, slug)
    return render(
        request,
        "placements/trust.html",
        {
            "trust": trust,
            "frameworks": selectors.frameworks_of(trust),
            "requests": selectors.requests_of(trust)[:50],
            "budgets": selectors.budgets_of(trust),
            "assessment": assessments.assessment_in_force(trust),
            "page_title": f"Individual placements: {trust.name}",
            "breadcrumbs": [(trust.name, trust.get_absolute_url()), ("Individual placements", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def framework_add(request, slug):
    trust = trust_for(request, slug)
    form = FrameworkForm(request.POST if request.method == "POST" else None)
    framework = save_form(request, form, lambda data: frameworks.framework_create(trust=trust, by=request.user, **data))
    if framework:
        messages.success(request, "Framework saved. Add its approved providers and the trusts that share it.")
        return redirect("placements:framework", trust.slug, framework.pk)
    home = reverse("placements:trust", args=[trust.slug])
    return form_page(request, trust, form, title="Add a framework or dynamic list", crumbs=crumbs(trust, ("Add a framework", "")), cancel_url=home)


@login_required
def framework_detail(request, slug, pk):
    trust = trust_for(request, slug)
    framework = selectors.framework_for(request.user, trust, pk)
    return render(
        request,
        "placements/framework.html",
        {
            "trust": trust,
            "framework": framework,
            "leads": framework.trust_id == trust.pk,
            "page_title": framework.name,
            "breadcrumbs": crumbs(trust, (framework.name, "")),
        },
    )


def _led_framework(request, trust, pk):
    framework = selectors.framework_for(request.user, trust, pk)
    if framework.trust_id != trust.pk:
        raise PermissionDenied(f"Only {framework.trust.name}, which leads the framework, can change its providers and trusts.")
    return framework


@login_required
@require_http_methods(["GET", "POST"])
def framework_provider_add(request, slug, pk):
    trust = trust_for(request, slug)
    framework = _led_framework(request, trust, pk)
    detail = reverse("placements:framework", args=[trust.slug, framework.pk])
    on = framework.providers.filter(left_on__isnull=True).values("organisation_id")
    form = FrameworkProviderForm(
        request.POST if request.method == "POST" else None, organisations=Organisation.objects.exclude(pk__in=on).order_by("name")
    )
    if save_form(request, form, lambda data: frameworks.framework_provider_add(framework=framework, by=request.user, **data)):
        messages.success(request, "Provider approved on the framework.")
        return redirect(detail)
    return form_page(
        request,
        trust,
        form,
        title="Approve a provider",
        crumbs=crumbs(trust, (framework.name, detail), ("Approve a provider", "")),
        cancel_url=detail,
    )


@login_required
@require_http_methods(["GET", "POST"])
def framework_trust_add(request, slug, pk):
    trust = trust_for(request, slug)
    framework = _led_framework(request, trust, pk)
    detail = reverse("placements:framework", args=[trust.slug, framework.pk])
    using = framework.users.values("trust_id")
    form = FrameworkTrustForm(
        request.POST if request.method == "POST" else None,
        trusts=Trust.objects.filter(region_id=trust.region_id).exclude(pk__in=using).order_by("name"),
    )
    if save_form(request, form, lambda data: frameworks.framework_trust_add(framework=framework, trust=data["trust"], by=request.user)):
        messages.success(request, "The trust can now commission through the framework.")
        return redirect(detail)
    return form_page(
        request,
        trust,
        form,
        title="Share the framework with a trust",
        crumbs=crumbs(trust, (framework.name, detail), ("Share with a trust", "")),
        cancel_url=detail,
        intro="A regional collaborative arrangement: the trusts of the region commission scarce placements together.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_record(request, slug):
    trust = trust_for(request, slug)
    home = reverse("placements:trust", args=[trust.slug])
    form = AssessmentForm(request.POST if request.method == "POST" else None)
    if save_form(request, form, lambda data: assessments.assessment_record(trust=trust, by=request.user, **data)):
        messages.success(request, "Data protection impact assessment recorded. Children's personal data can now be recorded under it.")
        return redirect(home)
    return form_page(
        request,
        trust,
        form,
        title="Record the data protection impact assessment",
        crumbs=crumbs(trust, ("Data protection impact assessment", "")),
        cancel_url=home,
        intro="Until one is recorded, placement requests hold the pseudonymous reference and statement only.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_add(request, slug):
    trust = trust_for(request, slug)
    home = reverse("placements:trust", args=[trust.slug])
    form = RequestForm(
        request.POST or None,
        frameworks=selectors.frameworks_of(trust),
        buyers=Organisation.objects.filter(partnerships__trust=trust, partnerships__statutory=True).order_by("name"),
        budgets=selectors.budgets_of(trust),
    )
    made = save_form(request, form, lambda data: requests.request_create(trust=trust, by=request.user, **data))
    if made:
        messages.success(request, f"Draft request {made.reference} saved. Check it, then send it to providers.")
        return redirect("placements:request", made.pk)
    return form_page(
        request,
        trust,
        form,
        title="Request a placement or package",
        crumbs=crumbs(trust, ("Request a placement", "")),
        cancel_url=home,
        intro="The request is given a reference; providers read the needs and outcomes, never the child's name or personal details.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_add(request, slug):
    trust = trust_for(request, slug)
    home = reverse("placements:trust", args=[trust.slug])
    people = User.objects.filter(memberships__trust=trust, is_active=True).exclude(role__in=[Role.ADMINISTRATOR, Role.PROVIDER_USER]).distinct()
    form = BudgetForm(request.POST if request.method == "POST" else None, people=people.order_by("full_name"))
    budget = save_form(request, form, lambda data: budgets.budget_create(trust=trust, by=request.user, **data))
    if budget:
        messages.success(request, f"Budget {budget.reference} saved; {budget.holder.get_full_name()} holds it as lead professional.")
        return redirect("placements:budget", budget.pk)
    return form_page(request, trust, form, title="Add an individual budget", crumbs=crumbs(trust, ("Add a budget", "")), cancel_url=home)
