"""Award pages: the decision, the assessment summaries and the award notice; a bidder's own summaries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from jointly.accounts.permissions import Perm, require
from jointly.core.errors import FieldErrors, save_form

from .forms_evaluation import DecisionForm
from .models import AssessmentSummary, Opportunity
from .selectors import evaluation as read
from .services import award as services
from .views_evaluation import _data, _form_page, crumbs, opportunity_for


@login_required
def award(request, pk):
    opportunity, _ = opportunity_for(request, pk)
    require(request.user, Perm.PROCUREMENT_VIEW, opportunity)
    decision = read.decision_for(opportunity)
    if decision is None:
        raise Http404("No award has been decided.")
    today = timezone.localdate()
    return render(
        request,
        "procurement/evaluation/award.html",
        {
            "opportunity": opportunity,
            "decision": decision,
            "summaries": decision.summaries.select_related("bid__organisation"),
            "standstill_refusal": services.standstill_refusal(decision, today),
            "can_manage": request.user.has_perm(Perm.PROCUREMENT_MANAGE, opportunity),
            "page_title": f"Award: {opportunity.title}",
            "breadcrumbs": crumbs(opportunity, ("Award", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def award_decide(request, pk):
    opportunity, _ = opportunity_for(request, pk)
    require(request.user, Perm.AWARD_DECIDE, opportunity)
    if read.barred(request.user, opportunity) or read.conflicted_bid_ids(request.user, opportunity):
        raise PermissionDenied("You have declared a conflict of interest in this procurement, so you cannot decide its award.")
    if opportunity.status != Opportunity.Status.EVALUATION:
        return redirect("evaluation:award", opportunity.pk)
    lots = [(lot.lot, lot.results) for lot in read.evaluation_results(opportunity)]
    form = DecisionForm(_data(request), lots=lots, standstill_required=services.standstill_required(opportunity))

    def save(data):
        winners = {}
        for lot, _results in lots:
            chosen = data.get(f"winner_{lot.pk if lot else 0}")
            winners[lot.pk if lot else None] = read.bids_to_declare(opportunity).filter(pk=chosen).first() if chosen else None
        return services.award_decide(
            opportunity=opportunity, by=request.user, winners=winners, reasons=data["reasons"], standstill_days=data.get("standstill_days")
        )

    if save_form(request, form, save):
        messages.success(request, "The award decision is recorded. Send the assessment summaries next.")
        return redirect("evaluation:award", opportunity.pk)
    return _form_page(
        request,
        opportunity,
        form,
        title="Record the award decision",
        submit="Record the decision",
        intro="Choose the winning bid from the moderated results, and give the reasons. Every assessed bidder is then sent its assessment summary.",
        cancel_url=reverse("evaluation:summary", args=[opportunity.pk]),
    )


def _decision_post(request, pk, act, done: str):
    opportunity, _ = opportunity_for(request, pk)
    require(request.user, Perm.PROCUREMENT_MANAGE, opportunity)
    decision = read.decision_for(opportunity)
    if decision is None:
        raise Http404("No award has been decided.")
    try:
        act(decision)
        messages.success(request, done)
    except FieldErrors as error:
        messages.error(request, str(error))
    return redirect("evaluation:award", opportunity.pk)


@login_required
@require_POST
def summaries_send(request, pk):
    return _decision_post(
        request, pk, lambda d: services.assessment_summaries_send(decision=d, by=request.user), "Every assessed bidder has been sent its summary."
    )


@login_required
@require_POST
def notice_publish(request, pk):
    return _decision_post(request, pk, lambda d: services.award_notice_publish(decision=d, by=request.user), "The award notice is marked published.")


def _summary_for(request, summary_pk) -> AssessmentSummary:
    summary = get_object_or_404(AssessmentSummary.objects.select_related("bid__organisation", "decision__opportunity__trust"), pk=summary_pk)
    if request.user.organisation_id and request.user.organisation_id == summary.bid.organisation_id:
        return summary
    opportunity = summary.decision.opportunity
    if request.user.organisation_id and not request.user.has_perm(Perm.PROCUREMENT_VIEW, opportunity):
        raise Http404("Not found.")  # another bidder's summary: not even its existence
    require(request.user, Perm.PROCUREMENT_VIEW, opportunity)
    if read.barred(request.user, summary.bid):
        raise PermissionDenied("You have declared a conflict of interest with this bidder, so you cannot see its assessment.")
    return summary


@login_required
def assessment_summary(request, summary_pk):
    summary = _summary_for(request, summary_pk)
    opportunity = summary.decision.opportunity
    own = request.user.organisation_id == summary.bid.organisation_id
    return render(
        request,
        "procurement/evaluation/assessment_summary.html",
        {
            "summary": summary,
            "content": summary.content,
            "opportunity": opportunity,
            "own": own,
            "page_title": f"Assessment summary: {summary.bid.organisation.name}",
            "breadcrumbs": [("Your assessment summaries", reverse("evaluation:my-summaries")), (opportunity.title, "")]
            if own
            else crumbs(opportunity, ("Award", reverse("evaluation:award", args=[opportunity.pk])), ("Assessment summary", "")),
        },
    )


@login_required
def my_summaries(request):
    if not request.user.organisation_id:
        raise PermissionDenied("Assessment summaries are sent to bidding organisations.")
    summaries = (
        AssessmentSummary.objects.filter(bid__organisation_id=request.user.organisation_id, sent_at__isnull=False)
        .select_related("decision__opportunity", "bid")
        .order_by("-sent_at")
    )
    return render(
        request,
        "procurement/evaluation/my_summaries.html",
        {"summaries": summaries, "page_title": "Your assessment summaries", "breadcrumbs": [("Your assessment summaries", "")]},
    )
