"""Reviews pages: the trust's list, a contract's reviews, recording and completing a review, improvement
plans with their actions and comments, the provider's own view, and a priority's golden thread.

Staff need CONTRACTS_VIEW to read and CONTRACTS_MANAGE to write; a provider's people read their own
contracts' reviews and plans and comment on and accept their plans (contracts.rules)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, decide, get_object_for
from jointly.assessment.models import Priority
from jointly.consultations.models import Consultation
from jointly.contracts.selectors.contracts import contract_for
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm
from jointly.core.pagination import paginate
from jointly.core.transitions import actions, version_of
from jointly.partnerships.models import Trust

from . import forms
from .models import ImprovementAction, ImprovementPlan, Review
from .selectors import reviews as selectors
from .selectors.thread import priority_thread
from .services import plans as plan_services
from .services import reviews as services


def _trust(request, slug) -> Trust:
    return get_object_for(request.user, Perm.CONTRACTS_VIEW, Trust.objects.select_related("region"), slug=slug)


def _is_provider(user) -> bool:
    return user.role == Role.PROVIDER_USER


def _contract_crumbs(request, contract, *more):
    if _is_provider(request.user):
        first = [("Your reviews and improvement plans", reverse("reviews:mine"))]
    else:
        first = [(contract.trust.name, contract.trust.get_absolute_url()), ("Reviews", reverse("reviews:list", args=[contract.trust.slug]))]
    return [*first, (contract.reference, reverse("reviews:contract", args=[contract.pk])), *more]


def _can_manage(user, contract) -> bool:
    return not _is_provider(user) and decide(user, Perm.CONTRACTS_MANAGE, contract).allowed


@login_required
def trust_reviews(request, slug):
    if _is_provider(request.user):
        raise PermissionDenied("Providers see their contracts' reviews on their own page.")
    trust = _trust(request, slug)
    status = request.GET.get("status", "")
    if status not in Review.Status.values:
        status = ""
    plans = (
        selectors.plans_visible(request.user)
        .filter(contract__trust=trust)
        .exclude(status__in=[ImprovementPlan.Status.COMPLETED, ImprovementPlan.Status.FAILED])
    )
    return render(
        request,
        "reviews/list.html",
        {
            "trust": trust,
            "status": status,
            "statuses": Review.Status.choices,
            "page_obj": paginate(request, selectors.reviews_of_trust(request.user, trust, status=status).order_by("status", "due_on", "pk")),
            "plans": plans.order_by("review_by", "pk"),
            "today": timezone.localdate(),
            "page_title": f"Contract reviews: {trust.name}",
            "breadcrumbs": [(trust.name, trust.get_absolute_url()), ("Reviews", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_reviews(request, pk):
    contract = contract_for(request.user, pk)
    can_manage = _can_manage(request.user, contract)
    sent = request.POST.get("form")
    form = forms.ReviewPlanForm(request.POST if sent == "review" else None, prefix="review")
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("Only the commissioners of this contract can plan its reviews.")
        if sent == "schedule":
            made = save_form(request, ConfirmForm(request.POST), lambda _: services.reviews_schedule(contract=contract, by=request.user))
            if made is not None:
                messages.success(request, f"{len(made) if made is not True else 0} reviews planned from the contract's term.")
                return redirect("reviews:contract", contract.pk)
        if sent == "review" and (
            review := save_form(request, form, lambda data: services.review_create(contract=contract, by=request.user, due_on=data["due_on"]))
        ):
            messages.success(request, "Review planned.")
            return redirect("reviews:detail", review.pk)
    priorities = selectors.contract_priorities(contract)
    return render(
        request,
        "reviews/contract.html",
        {
            "contract": contract,
            "trust": contract.trust,
            "form": form,
            "can_manage": can_manage,
            "reviews": contract.reviews.order_by("due_on", "pk"),
            "plans": selectors.plans_of_contract(contract),
            "measures": contract.measures.select_related("priority", "indicator"),
            "need": selectors.need_now(priorities, contract.trust.area_id),
            "dates": services.review_dates(contract),
            "page_title": f"Reviews of {contract.reference}: {contract.title}",
            "breadcrumbs": _contract_crumbs(request, contract),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request, pk):
    review = selectors.review_for(request.user, pk)
    contract = review.contract
    form = ConfirmForm.from_request(request)
    if request.method == "POST":
        review = selectors.review_for(request.user, pk, Perm.CONTRACTS_MANAGE)
        done = save_form(request, form, lambda _: services.review_complete(review=review, by=request.user))
        if done:
            messages.success(
                request,
                "Review completed." + (" Agree the improvement plan with the provider next." if done.decision == Review.Decision.IMPROVE else ""),
            )
            return redirect("reviews:detail", review.pk)
    can_manage = _can_manage(request.user, contract)
    return render(
        request,
        "reviews/detail.html",
        {
            "review": review,
            "contract": contract,
            "trust": contract.trust,
            "form": form,
            "can_manage": can_manage,
            **actions(review, request.user, edit_perm=Perm.CONTRACTS_MANAGE),
            "problems": services.completion_problems(review) if review.status == Review.Status.PLANNED else {},
            "measures": contract.measures.select_related("priority"),
            "need": selectors.need_now(selectors.contract_priorities(contract), contract.trust.area_id),
            "plan": ImprovementPlan.objects.filter(review=review).first(),
            "page_title": f"{review.get_kind_display()}: {contract.reference}",
            "breadcrumbs": _contract_crumbs(request, contract, (f"Review due {review.due_on:%-d %b %Y}", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_record(request, pk):
    review = selectors.review_for(request.user, pk, Perm.CONTRACTS_MANAGE)
    contract = review.contract
    consultations = Consultation.objects.filter(trust=contract.trust).exclude(status=Consultation.Status.DRAFT).order_by("-opens_on")
    initial = {name: getattr(review, name) for name in services.RECORDED_FIELDS} | {"version": version_of(review)}
    form = forms.ReviewRecordForm(request.POST if request.method == "POST" else None, initial=initial, consultations=consultations)
    if save_form(request, form, lambda data: services.review_record(review=review, by=request.user, **data)):
        messages.success(request, "Review saved.")
        return redirect("reviews:detail", review.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "trust": contract.trust,
            "page_title": f"Record the review of {contract.reference}",
            "intro": "Save as you go: the review is completed from its page once every part is recorded.",
            "submit": "Save the review",
            "cancel_url": reverse("reviews:detail", args=[review.pk]),
            "breadcrumbs": _contract_crumbs(request, contract, ("Record the review", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_cancel(request, pk):
    review = selectors.review_for(request.user, pk, Perm.CONTRACTS_MANAGE)
    form = forms.ReasonForm(request.POST if request.method == "POST" else None)
    if save_form(request, form, lambda data: services.review_cancel(review=review, by=request.user, reason=data["reason"])):
        messages.success(request, "Review cancelled.")
        return redirect("reviews:contract", review.contract.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "trust": review.contract.trust,
            "page_title": "Cancel the review",
            "submit": "Cancel the review",
            "cancel_url": reverse("reviews:detail", args=[review.pk]),
            "breadcrumbs": _contract_crumbs(request, review.contract, ("Cancel the review", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, pk):
    contract = contract_for(request.user, pk, Perm.CONTRACTS_MANAGE)
    form = forms.PlanForm(request.POST if request.method == "POST" else None)
    plan = save_form(request, form, lambda data: plan_services.plan_create(contract=contract, by=request.user, **data))
    if plan:
        messages.success(request, "Improvement plan started. Add its actions, then ask the provider to accept it.")
        return redirect("reviews:plan", plan.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "trust": contract.trust,
            "page_title": f"Start an improvement plan for {contract.reference}",
            "submit": "Start the plan",
            "cancel_url": reverse("reviews:contract", args=[contract.pk]),
            "breadcrumbs": _contract_crumbs(request, contract, ("Start an improvement plan", "")),
        },
    )


def _plan_post(request, plan, sent):
    """One of the plan page's forms, sent: (form shown again with its errors, or None when done)."""
    by = request.user
    if sent == "comment":
        form = forms.CommentForm(request.POST, prefix="comment")
        return form, save_form(request, form, lambda data: plan_services.plan_comment(plan=plan, by=by, text=data["text"])), "Comment added."
    if sent == "accept":
        form = ConfirmForm(request.POST)
        return form, save_form(request, form, lambda _: plan_services.plan_accept(plan=plan, by=by)), "Plan accepted for your organisation."
    selectors.plan_for(by, plan.pk, Perm.CONTRACTS_MANAGE)
    if sent == "action":
        form = forms.ActionForm(request.POST, prefix="action")
        return form, save_form(request, form, lambda data: plan_services.action_add(plan=plan, by=by, **data)), "Action added."
    if sent == "agree":
        form = ConfirmForm(request.POST)
        return form, save_form(request, form, lambda _: plan_services.plan_agree(plan=plan, by=by)), "Plan recorded as agreed with the provider."
    if sent == "close":
        form = forms.PlanCloseForm(request.POST, prefix="close")
        return form, save_form(request, form, lambda data: plan_services.plan_close(plan=plan, by=by, **data)), "Plan closed."
    if sent and sent.startswith("action-"):
        action = get_object_or_404(ImprovementAction, plan=plan, pk=sent.removeprefix("action-"))
        form = forms.ActionDoneForm(request.POST, prefix=sent)
        service = plan_services.action_drop if request.POST.get("do") == "drop" else plan_services.action_finish
        return form, save_form(request, form, lambda data: service(action=action, by=by, note=data["note"])), "Action updated."
    raise PermissionDenied("That is not one of this page's forms.")


@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request, pk):
    plan = selectors.plan_for(request.user, pk)
    contract = plan.contract
    failed = None
    if request.method == "POST":
        failed, done, message = _plan_post(request, plan, request.POST.get("form", ""))
        if done:
            messages.success(request, message)
            return redirect("reviews:plan", plan.pk)
    can_manage = _can_manage(request.user, contract)
    today = timezone.localdate()
    action_list = list(plan.actions.all())
    return render(
        request,
        "reviews/plan.html",
        {
            "plan": plan,
            "contract": contract,
            "trust": contract.trust,
            "form": failed,
            "can_manage": can_manage,
            "may_comment": plan_services.may_comment(request.user, plan),
            "is_party": _is_provider(request.user),
            **actions(plan, request.user, edit_perm=Perm.CONTRACTS_MANAGE),
            "action_rows": [(action, action.is_overdue(today), forms.ActionDoneForm(prefix=f"action-{action.pk}")) for action in action_list],
            "overdue": sum(1 for action in action_list if action.is_overdue(today)),
            "action_form": failed if request.POST.get("form") == "action" else forms.ActionForm(prefix="action"),
            "comment_form": failed if request.POST.get("form") == "comment" else forms.CommentForm(prefix="comment"),
            "close_form": failed if request.POST.get("form") == "close" else forms.PlanCloseForm(prefix="close"),
            "agreement_problems": plan_services.agreement_problems(plan) if plan.status == ImprovementPlan.Status.DRAFT else {},
            "page_title": f"Improvement plan: {contract.reference}",
            "breadcrumbs": _contract_crumbs(request, contract, ("Improvement plan", "")),
        },
    )


@login_required
def mine(request):
    """A provider's own: the reviews and improvement plans of the contracts it is a party to, from every trust."""
    if not _is_provider(request.user) or not request.user.organisation_id:
        raise PermissionDenied("This page is for providers' people: staff see reviews from the trust's page.")
    return render(
        request,
        "reviews/mine.html",
        {
            "reviews": selectors.reviews_visible(request.user).order_by("-due_on", "pk")[:50],
            "plans": selectors.plans_visible(request.user).order_by("-created_at", "pk"),
            "page_title": "Your contracts' reviews and improvement plans",
            "breadcrumbs": [("Home", reverse("core:home")), ("Reviews and improvement plans", "")],
        },
    )


@login_required
def thread(request, pk):
    """The golden thread for one priority: contracts serving it, their cost by year, reviews and ratings, the indicators."""
    priority = get_object_for(request.user, Perm.ASSESSMENT_VIEW, Priority.objects.select_related("trust__area"), pk=pk)
    if _is_provider(request.user) or not decide(request.user, Perm.CONTRACTS_VIEW, priority.trust).allowed:
        raise PermissionDenied("Only the trust's staff who see its contracts can follow a priority to them.")
    return render(
        request,
        "reviews/thread.html",
        {
            "thread": priority_thread(request.user, priority),
            "priority": priority,
            "trust": priority.trust,
            "page_title": f"What was commissioned for: {priority.title}",
            "breadcrumbs": [
                (priority.trust.name, priority.trust.get_absolute_url()),
                (priority.title, priority.get_absolute_url()),
                ("Commissioned", ""),
            ],
        },
    )
