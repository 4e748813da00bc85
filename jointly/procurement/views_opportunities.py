"""Staff pages for opportunities: the trust's list, a draft from an intention, its parts and gates, publish, extend, cancel.

Every page fetches its trust through `get_object_for`: another trust's pages are "not found",
a role without the permission is "forbidden" with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from jointly.accounts.permissions import Perm, get_object_for, has_perm, require
from jointly.audit.history import may_open_history
from jointly.core.errors import FieldErrors, save_form
from jointly.core.forms import ConfirmForm, VersionField
from jointly.core.pagination import paginate
from jointly.core.transitions import InvalidTransition, actions, version_of
from jointly.partnerships.models import Trust
from jointly.plans.models import CommissioningIntention

from . import routes
from .forms import (
    AnswerForm,
    CancelForm,
    ConflictsForm,
    CreateForm,
    CriterionForm,
    ExtendForm,
    LocalPolicyForm,
    LotForm,
    OpportunityForm,
    OutcomeForm,
    PolicyForm,
    QuestionForm,
    SocialValueForm,
    scale_form,
)
from .models import Clarification, Opportunity
from .selectors import opportunities as selectors
from .services import clarifications as clarification_services
from .services import opportunities as services

FORM_ONLY = ("closes_on", "closes_time", "intention")


def _trust(request, slug: str, perm: Perm = Perm.PROCUREMENT_VIEW) -> Trust:
    return get_object_for(request.user, perm, Trust.objects.select_related("region"), slug=slug)


def _opportunity(request, trust, pk, perm: Perm = Perm.PROCUREMENT_VIEW) -> Opportunity:
    opportunity = get_object_or_404(selectors.opportunity_detail(Opportunity.objects.filter(trust=trust)), pk=pk)
    require(request.user, perm, opportunity)
    return opportunity


def _crumbs(trust, *more):
    return [(trust.name, trust.get_absolute_url()), ("Opportunities", reverse("procurement:opportunities", args=[trust.slug])), *more]


def _detail_url(opportunity) -> str:
    return reverse("procurement:opportunity-manage", args=[opportunity.trust.slug, opportunity.pk])


def _fields(data: dict) -> dict:
    return {name: value for name, value in data.items() if name not in FORM_ONLY}


def _form_page(request, trust, form, *, title, cancel_url, crumbs, submit="Save", intro="", extra=None):
    return render(
        request,
        "procurement/form.html",
        {
            "trust": trust,
            "form": form,
            "cancel_url": cancel_url,
            "submit": submit,
            "intro": intro,
            "page_title": title,
            "breadcrumbs": crumbs,
            **(extra or {}),
        },
    )


@login_required
def opportunity_list(request, slug):
    trust = _trust(request, slug)
    status = request.GET.get("status", "")
    return render(
        request,
        "procurement/opportunities.html",
        {
            "trust": trust,
            "page_obj": paginate(request, selectors.opportunities_for(trust=trust, status=status)),
            "status": status,
            "statuses": Opportunity.Status.choices,
            "can_manage": has_perm(request.user, Perm.PROCUREMENT_MANAGE),
            "page_title": f"Opportunities: {trust.name}",
            "breadcrumbs": _crumbs(trust)[:1] + [("Opportunities", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def local_policy_edit(request, slug):
    trust = _trust(request, slug, Perm.PROCUREMENT_MANAGE)
    policy = services.policy_for(trust)
    form = LocalPolicyForm(
        request.POST or None, initial={"min_response_days": policy.min_response_days, "social_value_minimum": policy.social_value_minimum}
    )
    if save_form(request, form, lambda data: services.local_policy_set(trust=trust, by=request.user, **data)):
        messages.success(request, "The trust's procurement policy is saved.")
        return redirect("procurement:opportunities", trust.slug)
    return _form_page(
        request,
        trust,
        form,
        title="The trust's procurement policy",
        intro=(
            f"Now: at least {policy.min_response_days} days to respond and at least {policy.social_value_minimum}% of the score for social value"
            + (f" ({policy.reason})." if policy.reason else ", the defaults.")
        ),
        cancel_url=reverse("procurement:opportunities", args=[trust.slug]),
        crumbs=_crumbs(trust, ("Procurement policy", "")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_create(request, slug):
    trust = _trust(request, slug, Perm.PROCUREMENT_MANAGE)
    intentions = CommissioningIntention.objects.filter(trust=trust, status=CommissioningIntention.Status.PUBLISHED).order_by("title", "pk")
    chosen = intentions.filter(pk=request.GET.get("intention") or 0).first()
    initial = {"intention": chosen, "light_touch": chosen.light_touch if chosen else True, "scale_max": 4}
    form = CreateForm(request.POST or None, initial=initial, intentions=intentions)
    created = save_form(request, form, lambda data: services.opportunity_create(intention=data["intention"], by=request.user, **_fields(data)))
    if created:
        messages.success(request, f"Draft opportunity saved: {created.title}. Add its outcomes, criteria and questions, then publish it.")
        return redirect(_detail_url(created))
    advice = routes.advise(chosen.total_value, chosen.light_touch) if chosen else []
    return _form_page(
        request,
        trust,
        form,
        title="Create an opportunity from an intention",
        cancel_url=reverse("procurement:opportunities", args=[trust.slug]),
        crumbs=_crumbs(trust, ("Create", "")),
        submit="Save the draft",
        extra={"advice": advice, "chosen": chosen, "advice_intentions": intentions},
    )


@login_required
def opportunity_detail(request, slug, pk):
    trust = _trust(request, slug)
    opportunity = _opportunity(request, trust, pk)
    policy = services.policy_for(trust)
    rule = routes.rule_for(opportunity.route, services.start_day(opportunity))
    return render(
        request,
        "procurement/opportunity_manage.html",
        {
            "trust": trust,
            "opportunity": opportunity,
            **actions(opportunity, request.user, edit_perm=Perm.PROCUREMENT_MANAGE),
            "can_manage": has_perm(request.user, Perm.PROCUREMENT_MANAGE) and opportunity.status not in ("awarded", "cancelled"),
            "gates": services.gate_checklist(opportunity) if opportunity.status == Opportunity.Status.DRAFT else [],
            "rule": rule,
            "required_days": services.required_days(opportunity, rule, policy),
            "window_days": services.window_days(opportunity),
            "policy": policy,
            "assessment": selectors.latest_conflicts_assessment(opportunity),
            "clarifications": selectors.clarifications_for_staff(opportunity),
            "can_see_history": may_open_history(request.user, opportunity),
            "page_title": opportunity.title,
            "breadcrumbs": _crumbs(trust, (opportunity.title, "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_edit(request, slug, pk):
    trust = _trust(request, slug, Perm.PROCUREMENT_MANAGE)
    opportunity = _opportunity(request, trust, pk, Perm.PROCUREMENT_MANAGE)
    initial = {name: getattr(opportunity, name) for name in services.EDITABLE}
    form = OpportunityForm(request.POST or None, initial=initial)
    form.fields["version"] = VersionField(initial=version_of(opportunity))
    changed = save_form(request, form, lambda data: services.opportunity_update(opportunity=opportunity, by=request.user, **_fields(data)))
    if changed:
        messages.success(request, "Opportunity changed.")
        return redirect(_detail_url(changed))
    detail = _detail_url(opportunity)
    return _form_page(
        request,
        trust,
        form,
        title=f"Change: {opportunity.title}",
        cancel_url=detail,
        crumbs=_crumbs(trust, (opportunity.title, detail), ("Change", "")),
        extra={"advice": routes.advise(opportunity.estimated_value, opportunity.light_touch, opportunity.health_care)},
    )


# --- Parts of a draft ---------------------------------------------------------

PART_PAGES = {
    "outcomes": ("Add an outcome", OutcomeForm, services.outcome_add),
    "lots": ("Add a lot", LotForm, services.lot_add),
    "criteria": ("Add a criterion", CriterionForm, services.criterion_add),
    "questions": ("Add a question", QuestionForm, services.question_add),
}


@login_required
@require_http_methods(["GET", "POST"])
def part_add(request, slug, pk, part):
    if part not in PART_PAGES:
        raise Http404("Not found.")
    trust = _trust(request, slug, Perm.PROCUREMENT_MANAGE)
    opportunity = _opportunity(request, trust, pk, Perm.PROCUREMENT_MANAGE)
    title, form_class, add = PART_PAGES[part]
    kwargs = {"lots": opportunity.lots.all()} if part == "criteria" else {"criteria": opportunity.criteria.all()} if part == "questions" else {}
    form = form_class(request.POST or None, **kwargs)
    if save_form(request, form, lambda data: add(opportunity=opportunity, by=request.user, **data)):
        messages.success(request, "Added.")
        return redirect(_detail_url(opportunity) + f"#{part}")
    detail = _detail_url(opportunity)
    return _form_page(request, trust, form, title=title, cancel_url=detail, crumbs=_crumbs(trust, (opportunity.title, detail), (title, "")))


@login_required
@require_POST
def part_remove(request, slug, pk, part, part_pk):
    if part not in services.PARTS:
        raise Http404("Not found.")
    trust = _trust(request, slug, Perm.PROCUREMENT_MANAGE)
    opportunity = _opportunity(request, trust, pk, Perm.PROCUREMENT_MANAGE)
    try:
        services.part_remove(opportunity=opportunity, by=request.user, part=part, pk=part_pk)
        messages.success(request, "Removed.")
    except (FieldErrors, InvalidTransition) as error:
        messages.error(request, str(error))
    return redirect(_detail_url(opportunity) + f"#{part}")


@login_required
@require_http_methods(["GET", "POST"])
def scale_edit(request, slug, pk):
    trust = _trust(request, slug, Perm.PROCUREMENT_MANAGE)
    opportunity = _opportunity(request, trust, pk, Perm.PROCUREMENT_MANAGE)
    initial = {f"score_{d.score}": d.meaning for d in opportunity.scale.all()}
    form = scale_form(opportunity.scale_max)(request.POST or None, initial=initial)

    def save(data):
        meanings = {int(name.removeprefix("score_")): value for name, value in data.items()}
        return services.scale_set(opportunity=opportunity, by=request.user, meanings=meanings)

    if save_form(request, form, save):
        messages.success(request, "Scoring scale saved.")
        return redirect(_detail_url(opportunity) + "#scale")
    detail = _detail_url(opportunity)
    return _form_page(
        request,
        trust,
        form,
        title="The scoring scale",
        intro=f"Scores run from 0 to {opportunity.scale_max}. Bidders see what each score means before they bid.",
        cancel_url=detail,
        crumbs=_crumbs(trust, (opportunity.title, detail), ("Scoring scale", "")),
    )


# --- The gates' records ------------------------------------------------------


def _gate_record_page(request, slug, pk, *, form_class, initial_of, record, done, title, intro, crumb):
    """A gate's record (conflicts assessment, social value consideration): one form, saved by one service."""
    trust = _trust(request, slug, Perm.PROCUREMENT_MANAGE)
    opportunity = _opportunity(request, trust, pk, Perm.PROCUREMENT_MANAGE)
    form = form_class(request.POST or None, initial=initial_of(opportunity))
    if save_form(request, form, lambda data: record(opportunity=opportunity, by=request.user, **data)):
        messages.success(request, done)
        return redirect(_detail_url(opportunity))
    detail = _detail_url(opportunity)
    return _form_page(
        request, trust, form, title=title, intro=intro, cancel_url=detail, crumbs=_crumbs(trust, (opportunity.title, detail), (crumb, ""))
    )


def _latest_conflicts(opportunity):
    latest = selectors.latest_conflicts_assessment(opportunity)
    return {"declarations": latest.declarations, "actions": latest.actions} if latest else None


def _social_value(opportunity):
    existing = getattr(opportunity, "social_value", None)
    return {"improvements": existing.improvements, "consulted": existing.consulted, "consultation": existing.consultation} if existing else None


@login_required
@require_http_methods(["GET", "POST"])
def conflicts_record(request, slug, pk):
    return _gate_record_page(
        request,
        slug,
        pk,
        form_class=ConflictsForm,
        initial_of=_latest_conflicts,
        record=services.conflicts_assessment_record,
        done="Conflicts assessment recorded.",
        title="Conflicts assessment",
        intro="Record it before publication and again whenever it changes: the latest is the one in force, the earlier ones stay in the change log.",
        crumb="Conflicts assessment",
    )


@login_required
@require_http_methods(["GET", "POST"])
def social_value_record(request, slug, pk):
    return _gate_record_page(
        request,
        slug,
        pk,
        form_class=SocialValueForm,
        initial_of=_social_value,
        record=services.social_value_record,
        done="Social value consideration recorded.",
        title="Social value consideration",
        intro="The Public Services (Social Value) Act 2012 asks the trust to consider this before procuring services above the threshold.",
        crumb="Social value",
    )


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request, slug, pk):
    trust = _trust(request, slug, Perm.PROCUREMENT_MANAGE)
    opportunity = _opportunity(request, trust, pk, Perm.PROCUREMENT_MANAGE)
    policy = services.policy_for(trust)
    initial = {
        "response_days": opportunity.response_days_override if opportunity.response_days_override is not None else policy.min_response_days,
        "social_value_minimum_applies": opportunity.social_value_minimum_applies,
        "reason": opportunity.response_days_reason or opportunity.social_value_minimum_reason,
    }
    form = PolicyForm(request.POST or None, initial=initial)
    if save_form(request, form, lambda data: services.policy_override(opportunity=opportunity, by=request.user, **data)):
        messages.success(request, "Local policy for this opportunity saved.")
        return redirect(_detail_url(opportunity))
    detail = _detail_url(opportunity)
    return _form_page(
        request,
        trust,
        form,
        title="Local policy for this opportunity",
        intro=(
            f"The trust's policy: at least {policy.min_response_days} days to respond, and at least {policy.social_value_minimum}% "
            "of the score for social value. The legal minimum of the route always applies."
        ),
        cancel_url=detail,
        crumbs=_crumbs(trust, (opportunity.title, detail), ("Local policy", "")),
    )


# --- Moves -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_publish(request, slug, pk):
    trust = _trust(request, slug, Perm.PROCUREMENT_MANAGE)
    opportunity = _opportunity(request, trust, pk, Perm.PROCUREMENT_MANAGE)
    detail = _detail_url(opportunity)
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: services.opportunity_publish(opportunity=opportunity, by=request.user)):
        messages.success(request, "Published: the opportunity is open for bids.")
        return redirect(detail)
    return render(
        request,
        "core/confirm_page.html",
        {
            "trust": trust,
            "form": form,
            "button": "Publish",
            "cancel_url": detail,
            "message": "Publishing opens the opportunity to bids and publishes its specification, outcomes, lots, criteria, weights, scale and questions.",
            "page_title": f"Publish: {opportunity.title}",
            "breadcrumbs": _crumbs(trust, (opportunity.title, detail), ("Publish", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_extend(request, slug, pk):
    trust = _trust(request, slug, Perm.PROCUREMENT_MANAGE)
    opportunity = _opportunity(request, trust, pk, Perm.PROCUREMENT_MANAGE)
    form = ExtendForm(request.POST or None)
    if save_form(
        request,
        form,
        lambda data: services.deadline_extend(opportunity=opportunity, by=request.user, closes_at=data["closes_at"], reason=data["reason"]),
    ):
        messages.success(request, "Deadline extended.")
        return redirect(_detail_url(opportunity))
    detail = _detail_url(opportunity)
    return _form_page(
        request,
        trust,
        form,
        title="Extend the deadline",
        submit="Extend",
        cancel_url=detail,
        crumbs=_crumbs(trust, (opportunity.title, detail), ("Extend", "")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_cancel(request, slug, pk):
    trust = _trust(request, slug, Perm.PROCUREMENT_MANAGE)
    opportunity = _opportunity(request, trust, pk, Perm.PROCUREMENT_MANAGE)
    form = CancelForm(request.POST or None)
    if save_form(request, form, lambda data: services.opportunity_cancel(opportunity=opportunity, by=request.user, reason=data["reason"])):
        messages.success(request, "Opportunity cancelled.")
        return redirect(_detail_url(opportunity))
    detail = _detail_url(opportunity)
    return _form_page(
        request,
        trust,
        form,
        title=f"Cancel: {opportunity.title}",
        submit="Cancel the opportunity",
        cancel_url=detail,
        crumbs=_crumbs(trust, (opportunity.title, detail), ("Cancel", "")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def clarification_answer(request, slug, pk, clarification_pk):
    trust = _trust(request, slug, Perm.PROCUREMENT_MANAGE)
    opportunity = _opportunity(request, trust, pk, Perm.PROCUREMENT_MANAGE)
    clarification = get_object_or_404(Clarification, opportunity=opportunity, pk=clarification_pk)
    answered = clarification.status == Clarification.Status.ANSWERED
    initial = {"published_question": clarification.published_question or clarification.question, "answer": clarification.answer}
    form = AnswerForm(request.POST or None, initial=initial)
    service = clarification_services.clarification_edit if answered else clarification_services.clarification_answer
    if save_form(request, form, lambda data: service(clarification=clarification, by=request.user, **data)):
        messages.success(request, "Answer published to everyone." if not answered else "Published answer corrected.")
        return redirect(_detail_url(opportunity) + "#clarifications")
    detail = _detail_url(opportunity)
    return _form_page(
        request,
        trust,
        form,
        title="Answer a clarification question" if not answered else "Correct a published answer",
        submit="Publish the answer",
        cancel_url=detail,
        crumbs=_crumbs(trust, (opportunity.title, detail), ("Clarification", "")),
        extra={"asked": clarification.question},
    )
