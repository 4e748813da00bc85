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


def _budget_action(request, pk, make_form, act, *, title: str, crumb: str, submit: str, done: str, intro):
    """A form on one budget that calls one service, then goes back to the budget; `intro` gets the figures."""
    budget = selectors.budget_for(request.user, pk)
    detail = reverse("placements:budget", args=[budget.pk])
    form = make_form(budget, request.POST if request.method == "POST" else None)
    if save_form(request, form, lambda data: act(budget, data)):
        messages.success(request, done)
        return redirect(detail)
    return form_page(
        request,
        budget.trust,
        form,
        title=f"{title}: {budget.reference}",
        crumbs=_crumbs(budget, (crumb, "")),
        cancel_url=detail,
        submit=submit,
        intro=intro(budgets.budget_figures(budget)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_line_add(request, pk):
    return _budget_action(
        request,
        pk,
        lambda budget, data: BudgetLineForm(data, commitments=selectors.commitments_of(budget)),
        lambda budget, data: budgets.budget_line_add(budget=budget, by=request.user, **data),
        title="Record spend or a commitment",
        crumb="Record",
        submit="Save",
        done="Recorded against the budget.",
        intro=lambda figures: f"£{figures['remaining']:,.2f} is left of £{figures['amount']:,.2f}. The budget cannot be overspent.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_revise(request, pk):
    """Raise or revise the budget: the decision an overspend refusal asks for, never below what is used."""
    return _budget_action(
        request,
        pk,
        lambda budget, data: BudgetReviseForm(data, initial={"amount": budget.amount, "version": version_of(budget)}),
        lambda budget, data: budgets.budget_revise(budget=budget, by=request.user, **data),
        title="Revise the budget",
        crumb="Revise",
        submit="Revise the budget",
        done="Budget revised.",
        intro=lambda figures: (
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
