"""Individual budgets: the lead professional's own list, a budget with its commitments and spend, a new line."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.core.errors import save_form
from jointly.core.transitions import version_of
from jointly.partnerships.models import Organisation

from . import selectors
from .forms import BudgetLineForm, BudgetReviseForm, RequestForm
from .models import IndividualBudget
from .services import budgets, requests
from .views_staff import form_page


def _crumbs(budget, *more):
    return [
        ("Individual budgets you hold", reverse("placements:my-budgets")),
        (budget.reference, reverse("placements:budget", args=[budget.pk])),
        *more,
    ]


@login_required
def my_budgets(request):
    held = list(selectors.budgets_held_by(request.user))
    for budget in held:
        budget.figures = budgets.budget_figures(budget)
    return render(request, "placements/my_budgets.html", {"budgets": held, "page_title": "Individual budgets you hold", "breadcrumbs": []})


@login_required
def budget_detail(request, pk):
    budget = selectors.budget_for(request.user, pk)
    return render(
        request,
        "placements/budget.html",
        {
            "trust": budget.trust,
            "budget": budget,
            "figures": budgets.budget_figures(budget),
            "lines": selectors.budget_lines(budget),
            "requests": budget.requests.order_by("-created_at"),
            "revisions": selectors.budget_revisions(budget),
            "page_title": f"Individual budget {budget.reference}",
            "breadcrumbs": _crumbs(budget)[:1] + [(budget.reference, "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_line_add(request, pk):
    budget = selectors.budget_for(request.user, pk)
    detail = reverse("placements:budget", args=[budget.pk])
    form = BudgetLineForm(request.POST if request.method == "POST" else None, commitments=selectors.commitments_of(budget))
    if save_form(request, form, lambda data: budgets.budget_line_add(budget=budget, by=request.user, **data)):
        messages.success(request, "Recorded against the budget.")
        return redirect(detail)
    figures = budgets.budget_figures(budget)
    return form_page(
        request,
        budget.trust,
        form,
        title=f"Record spend or a commitment: {budget.reference}",
        crumbs=_crumbs(budget, ("Record", "")),
        cancel_url=detail,
        intro=f"£{figures['remaining']:,.2f} is left of £{figures['amount']:,.2f}. The budget cannot be overspent.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_revise(request, pk):
    """Raise or revise the budget: the decision an overspend refusal asks for, never below what is used."""
    budget = selectors.budget_for(request.user, pk)
    detail = reverse("placements:budget", args=[budget.pk])
    form = BudgetReviseForm(request.POST if request.method == "POST" else None, initial={"amount": budget.amount, "version": version_of(budget)})
    if save_form(request, form, lambda data: budgets.budget_revise(budget=budget, by=request.user, **data)):
        messages.success(request, "Budget revised.")
        return redirect(detail)
    figures = budgets.budget_figures(budget)
    return form_page(
        request,
        budget.trust,
        form,
        title=f"Revise the budget: {budget.reference}",
        crumbs=_crumbs(budget, ("Revise", "")),
        cancel_url=detail,
        submit="Revise the budget",
        intro=(
            f"The budget is £{figures['amount']:,.2f}: £{figures['committed']:,.2f} committed, £{figures['spent']:,.2f} spent, "
            f"£{figures['remaining']:,.2f} left. It cannot be revised below what is committed and spent."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_request_add(request, pk):
    """The lead professional commissions for their child alone: a request made against this budget."""
    budget = selectors.budget_for(request.user, pk)
    detail = reverse("placements:budget", args=[budget.pk])
    form = RequestForm(
        request.POST if request.method == "POST" else None,
        initial={"budget": budget.pk},
        frameworks=selectors.frameworks_of(budget.trust),
        buyers=Organisation.objects.filter(partnerships__trust=budget.trust, partnerships__statutory=True).order_by("name"),
        budgets=IndividualBudget.objects.filter(pk=budget.pk),
    )
    form.fields["budget"].required = True
    made = save_form(request, form, lambda data: requests.request_create(trust=budget.trust, by=request.user, **data))
    if made:
        messages.success(request, f"Draft request {made.reference} saved. Check it, then send it to providers.")
        return redirect("placements:request", made.pk)
    return form_page(
        request,
        budget.trust,
        form,
        title=f"Request a placement or package: {budget.reference}",
        crumbs=_crumbs(budget, ("Request a placement", "")),
        cancel_url=detail,
        intro="The request is given a reference; providers read the needs and outcomes, never the child's name or personal details.",
    )
