"""Evaluation pages: the panel, declarations, my scoring, moderation, service users' part, and the
evaluation summary with its arithmetic.

Another trust's opportunity is "not found"; a person with no part in the evaluation is "forbidden".
A panel member is let in by their panel place; a conflicted one is refused the bid (403, the reason
given) by the permission layer's bar.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from jointly.accounts.permissions import Perm, require
from jointly.core.errors import FieldErrors, save_form
from jointly.core.forms import ConfirmForm

from .forms_evaluation import ActivityForm, AppointForm, ConflictForm, DeclarationsForm, ScoresForm
from .models import Bid, Opportunity, PanelMember
from .selectors import evaluation as read
from .services import evaluation as services


def _data(request):
    # Bound on every POST, an empty one included (a form of radios only, none chosen).
    return request.POST if request.method == "POST" else None


def opportunity_for(request, pk) -> tuple[Opportunity, PanelMember | None]:
    """The opportunity and the person's panel place: 404 for another trust's (unless on its panel)."""
    opportunity = get_object_or_404(Opportunity.objects.select_related("trust"), pk=pk)
    member = read.panel_place(request.user, opportunity)
    if member is None:
        require(request.user, Perm.PROCUREMENT_VIEW, opportunity)
    return opportunity, member


def crumbs(opportunity, *more):
    return [
        (opportunity.trust.name, opportunity.trust.get_absolute_url()),
        (opportunity.title, reverse("evaluation:summary", args=[opportunity.pk])),
        *more,
    ]


def _form_page(request, opportunity, form, *, title, cancel_url, submit="Save", intro="", template="procurement/evaluation/form.html", **extra):
    context = {
        "opportunity": opportunity,
        "form": form,
        "cancel_url": cancel_url,
        "submit": submit,
        "intro": intro,
        "page_title": title,
        "breadcrumbs": crumbs(opportunity, (title, "")),
    }
    return render(request, template, {**context, **extra})


# --- The panel --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def panel(request, pk):
    opportunity, _ = opportunity_for(request, pk)
    require(request.user, Perm.PROCUREMENT_MANAGE, opportunity)
    form = AppointForm(_data(request), trust=opportunity.trust)
    member = save_form(request, form, lambda data: services.panel_appoint(opportunity=opportunity, by=request.user, **data))
    if member:
        messages.success(request, f"{member.person} is on the panel.")
        return redirect("evaluation:panel", opportunity.pk)
    return render(
        request,
        "procurement/evaluation/panel.html",
        {
            "opportunity": opportunity,
            "members": read.panel_for(opportunity),
            "moderator_conflicts": read.moderator_conflicts(opportunity),
            "form": form,
            "page_title": "Evaluation panel",
            "breadcrumbs": crumbs(opportunity, ("Evaluation panel", "")),
        },
    )


@login_required
@require_POST
def panel_end(request, pk, member_pk):
    opportunity, _ = opportunity_for(request, pk)
    require(request.user, Perm.PROCUREMENT_MANAGE, opportunity)
    member = get_object_or_404(PanelMember.objects.select_related("person", "assignment"), pk=member_pk, opportunity=opportunity)
    try:
        services.panel_member_end(member=member, by=request.user)
        messages.success(request, f"{member.person} is no longer on the panel.")
    except FieldErrors as error:
        messages.error(request, str(error))
    return redirect("evaluation:panel", opportunity.pk)


@login_required
@require_POST
def panel_moderator(request, pk, member_pk):
    opportunity, _ = opportunity_for(request, pk)
    require(request.user, Perm.PROCUREMENT_MANAGE, opportunity)
    member = get_object_or_404(PanelMember.objects.select_related("person"), pk=member_pk, opportunity=opportunity)
    try:
        services.panel_moderator_name(member=member, by=request.user)
        messages.success(request, f"{member.person} is now the moderator.")
    except FieldErrors as error:
        messages.error(request, str(error))
    return redirect("evaluation:panel", opportunity.pk)


# --- Declarations and scoring --------------------------------------------------------------


def _panel_member(request, pk, *, moderator=False):
    opportunity, member = opportunity_for(request, pk)
    if member is None:
        member = read.require_panel_place(request.user, opportunity, moderator=moderator)
    elif moderator and not member.is_moderator:
        raise PermissionDenied("Only the panel's moderator can moderate the scores.")
    return opportunity, member


@login_required
@require_http_methods(["GET", "POST"])
def declarations(request, pk):
    opportunity, member = _panel_member(request, pk)
    if member.declared_at is not None:
        return render(
            request,
            "procurement/evaluation/declarations_done.html",
            {
                "opportunity": opportunity,
                "declarations": member.declarations.select_related("bid__organisation"),
                "page_title": "Your declarations",
                "breadcrumbs": crumbs(opportunity, ("Your declarations", "")),
            },
        )
    if opportunity.status != Opportunity.Status.EVALUATION:
        raise PermissionDenied("Declarations are made once the opportunity has closed and its bids are unsealed.")
    bids = list(read.bids_to_declare(opportunity))
    form = DeclarationsForm(_data(request), bids=bids)
    if save_form(request, form, lambda data: services.declarations_record(member=member, answers=form.answers(data), by=request.user)):
        messages.success(request, "Your declarations are recorded. You can now see the bids you have no conflict with.")
        return redirect("evaluation:scoring", opportunity.pk)
    return _form_page(
        request,
        opportunity,
        form,
        title="Declare your interests",
        submit="Record my declarations",
        intro="Before you see any bid, say for every bidder whether you have a conflict of interest. "
        "You will not be able to see or score a bid you declare a conflict with.",
        cancel_url=reverse("evaluation:summary", args=[opportunity.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def declare_conflict(request, pk, bid_pk):
    """A conflict found after the first declarations: the member recuses from the bid."""
    opportunity, member = _panel_member(request, pk)
    if member.declared_at is None:
        return redirect("evaluation:declarations", opportunity.pk)
    bid = _bid(request, opportunity, member, bid_pk)
    form = ConflictForm(_data(request))
    if save_form(request, form, lambda data: services.conflict_declare_later(member=member, bid=bid, details=data["details"], by=request.user)):
        messages.success(request, f"Your conflict with {bid.organisation.name} is recorded. You can no longer see or score its bid.")
        return redirect("evaluation:scoring", opportunity.pk)
    return _form_page(
        request,
        opportunity,
        form,
        title=f"Declare a conflict with {bid.organisation.name}",
        submit="Declare the conflict",
        intro="You will no longer be able to see or score this bid, and any scores you gave it are removed.",
        cancel_url=reverse("evaluation:declarations", args=[opportunity.pk]),
    )


@login_required
def scoring(request, pk):
    opportunity, member = _panel_member(request, pk)
    if member.declared_at is None:
        return redirect("evaluation:declarations", opportunity.pk)
    bids = read.bids_for_member(member)
    progress = read.scoring_progress(member, bids)
    return render(
        request,
        "procurement/evaluation/scoring.html",
        {
            "opportunity": opportunity,
            "member": member,
            "rows": [(bid, *progress[bid.pk]) for bid in bids],
            "all_done": all(done >= wanted for done, wanted in progress.values()),
            "form": ConfirmForm(),
            "page_title": "Your scoring",
            "breadcrumbs": crumbs(opportunity, ("Your scoring", "")),
        },
    )


@login_required
@require_POST
def scoring_submit(request, pk):
    opportunity, member = _panel_member(request, pk)
    try:
        services.scores_submit(member=member, by=request.user)
    except FieldErrors as error:
        messages.error(request, str(error))
        return redirect("evaluation:scoring", opportunity.pk)
    messages.success(request, "Your scores are submitted. You can now see the other evaluators' scores.")
    return redirect("evaluation:summary", opportunity.pk)


def _bid(request, opportunity, member, bid_pk) -> Bid:
    # Through the seal (403 before the closing time), then the permission layer.
    bid = get_object_or_404(read.bids_to_declare(opportunity), pk=bid_pk)
    # A declared conflict bars the bid here (403 with the reason), whatever the panel place grants.
    require(request.user, Perm.EVALUATION_TAKE_PART, bid)
    if bid.pk not in {b.pk for b in read.bids_for_member(member)}:
        raise Http404("Not found.")
    return bid


@login_required
@require_http_methods(["GET", "POST"])
def score_bid(request, pk, bid_pk):
    opportunity, member = _panel_member(request, pk)
    if member.declared_at is None:
        return redirect("evaluation:declarations", opportunity.pk)
    bid = _bid(request, opportunity, member, bid_pk)
    criteria = read.scorable_criteria(opportunity, bid)
    own = read.own_scores(member)
    form = ScoresForm(
        _data(request), criteria=criteria, scale_max=opportunity.scale_max, initial_scores={c.pk: own.get((bid.pk, c.pk)) for c in criteria}
    )
    if member.scores_submitted_at is None and save_form(
        request,
        form,
        lambda data: services.scores_save(member=member, bid=bid, scores=form.scores(data), by=request.user),
        problems=lambda data: services.score_problems(opportunity, criteria, form.scores(data)),
    ):
        messages.success(request, f"Your scores for {bid.organisation.name} are saved.")
        return redirect("evaluation:scoring", opportunity.pk)
    return _form_page(
        request,
        opportunity,
        form,
        title=f"Score: {bid.organisation.name}",
        submit="Save my scores",
        cancel_url=reverse("evaluation:scoring", args=[opportunity.pk]),
        template="procurement/evaluation/score_bid.html",
        bid=bid,
        answers=bid.answers.select_related("question__criterion"),
        submitted=member.scores_submitted_at is not None,
        others=read.others_scores(member, bid),
    )


# --- Moderation ---------------------------------------------------------------------------


@login_required
def moderation(request, pk):
    opportunity, moderator = _panel_member(request, pk, moderator=True)
    bids = read.bids_for_member(moderator)
    moderated = read.moderated_bid_ids(opportunity)
    return render(
        request,
        "procurement/evaluation/moderation.html",
        {
            "opportunity": opportunity,
            "panel": read.panel_for(opportunity),
            "rows": [(bid, bid.pk in moderated) for bid in bids],
            "ready": read.all_submitted(opportunity),
            "moderator_conflicts": read.moderator_conflicts(opportunity),
            "page_title": "Moderation",
            "breadcrumbs": crumbs(opportunity, ("Moderation", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderate_bid(request, pk, bid_pk):
    opportunity, moderator = _panel_member(request, pk, moderator=True)
    bid = _bid(request, opportunity, moderator, bid_pk)
    criteria = read.scorable_criteria(opportunity, bid)
    current = read.moderated_for(bid)
    form = ScoresForm(_data(request), criteria=criteria, scale_max=opportunity.scale_max, initial_scores=current)
    if save_form(
        request,
        form,
        lambda data: services.moderated_scores_save(moderator=moderator, bid=bid, scores=form.scores(data), by=request.user),
        problems=lambda data: services.score_problems(opportunity, criteria, form.scores(data)),
    ):
        messages.success(request, f"Consensus scores for {bid.organisation.name} are saved.")
        return redirect("evaluation:moderation", opportunity.pk)
    return _form_page(
        request,
        opportunity,
        form,
        title=f"Moderate: {bid.organisation.name}",
        submit="Save the consensus scores",
        cancel_url=reverse("evaluation:moderation", args=[opportunity.pk]),
        template="procurement/evaluation/moderate_bid.html",
        bid=bid,
        scores=read.individual_scores(bid),
    )


# --- Service users' part, and the summary ------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def activity_add(request, pk):
    opportunity, _ = opportunity_for(request, pk)
    require(request.user, Perm.PROCUREMENT_MANAGE, opportunity)
    bids = read.bids_for_viewer(request.user, opportunity)
    form = ActivityForm(_data(request), bids=bids)

    def save(data):
        bid = form.bids.get(data.pop("bid") or "")
        return services.selection_activity_record(opportunity=opportunity, by=request.user, bid=bid, **data)

    if save_form(request, form, save):
        messages.success(request, "Recorded.")
        return redirect("evaluation:summary", opportunity.pk)
    return _form_page(
        request,
        opportunity,
        form,
        title="Record a visit, presentation or vote",
        intro="Record the part young people and parents took in choosing the provider, and what came of it.",
        cancel_url=reverse("evaluation:summary", args=[opportunity.pk]),
    )


@login_required
def summary(request, pk):
    opportunity, member = opportunity_for(request, pk)
    if member is not None and member.scores_submitted_at is None and not request.user.has_perm(Perm.PROCUREMENT_VIEW, opportunity):
        # Independence: a panel member sees the panel's scores only after submitting their own.
        return redirect("evaluation:scoring" if member.declared_at else "evaluation:declarations", opportunity.pk)
    try:
        bids = read.bids_for_viewer(request.user, opportunity)
    except PermissionDenied:
        bids = None  # still sealed
    results = read.evaluation_results(opportunity, bids) if bids is not None else []
    visible = {b.pk for b in bids or []}
    return render(
        request,
        "procurement/evaluation/summary.html",
        {
            "opportunity": opportunity,
            "member": member,
            "sealed": bids is None,
            "lots": results,
            "activities": read.activities_for(opportunity, visible) if bids is not None else [],
            "decision": read.decision_for(opportunity),
            "low_percent": read.abnormally_low_percent(),
            "can_manage": request.user.has_perm(Perm.PROCUREMENT_MANAGE, opportunity),
            "can_decide": opportunity.status == Opportunity.Status.EVALUATION and request.user.has_perm(Perm.AWARD_DECIDE, opportunity),
            "page_title": f"Evaluation: {opportunity.title}",
            "breadcrumbs": [(opportunity.trust.name, opportunity.trust.get_absolute_url()), (opportunity.title, "")],
        },
    )
