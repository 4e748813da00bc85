"""Report cards: headline indicators and their trend, the story behind the curve, partners, what works, the plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jointly.accounts.permissions import Perm, decide, get_object_for
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm, VersionField
from jointly.core.transitions import available, version_of
from jointly.needs.selectors import indicators_visible_to

from . import selectors
from .forms import ActionForm, MeasureForm, PartnerForm, ReportCardForm
from .models import ReportCard
from .services.report_cards import (
    performance_measure_add,
    report_card_action_add,
    report_card_action_move,
    report_card_create,
    report_card_partner_add,
    report_card_update,
)
from .snapshot import add_trend_charts, indicator_rows
from .views_common import HOME_CRUMB
from .views_priorities import priority_page


def _card_for(request, perm, pk):
    return get_object_for(request.user, perm, selectors.report_cards_visible_to(user=request.user), pk=pk)


def _card_page(request, card, form=None):
    """A report card's page; `form` is a button sent and refused, whose errors the summary shows."""
    rows = indicator_rows(area=card.trust.area, indicators=card.headline_indicators.select_related("outcome_area"))
    add_trend_charts(rows)
    plan = list(card.actions.select_related("owner_organisation"))
    for action in plan:
        action.report_card = card  # already loaded: asking which moves are offered reads no more
        action.moves = available(action, request.user)
    return render(
        request,
        "assessment/report_card.html",
        {
            "card": card,
            "rows": rows,
            "form": form,
            "partners": card.partners.select_related("organisation"),
            "actions": plan,
            "measure_groups": selectors.measures_by_category(card),
            "can_manage": decide(request.user, Perm.ASSESSMENT_MANAGE, card).allowed,
            "is_service": card.kind == ReportCard.Kind.SERVICE,
            "page_title": f"Report card: {card.title}",
            "breadcrumbs": [HOME_CRUMB, (card.title, "")],
        },
    )


@login_required
def report_card_detail(request, pk):
    return _card_page(request, _card_for(request, Perm.ASSESSMENT_VIEW, pk))


@login_required
@require_POST
def action_status(request, pk, action_pk):
    card = _card_for(request, Perm.ASSESSMENT_MANAGE, pk)
    action = card.actions.filter(pk=action_pk).first()
    if action is None:
        raise Http404("Not found.")
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: report_card_action_move(action=action, move=request.POST.get("move", ""), by=request.user)):
        messages.success(request, "Action updated.")
        return redirect(card.get_absolute_url())
    return _card_page(request, card, form)


def _organisations(card):
    from jointly.partnerships.models import Organisation

    return Organisation.objects.filter(partnerships__trust=card.trust).order_by("name").distinct()


def _form_page(request, card, form, title, save):
    """One small form about a report card: save through the service, or show the errors."""
    if save_form(request, form, save):
        messages.success(request, "Report card updated.")
        return redirect(card.get_absolute_url())
    return render(
        request,
        "assessment/form.html",
        {
            "form": form,
            "caption": card.title,
            "page_title": title,
            "cancel_url": card.get_absolute_url(),
            "breadcrumbs": [HOME_CRUMB, (card.title, card.get_absolute_url()), (title, "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_card_edit(request, pk):
    card = _card_for(request, Perm.ASSESSMENT_MANAGE, pk)
    indicators = indicators_visible_to(user=request.user).filter(Q(trust__isnull=True) | Q(trust=card.trust))
    if card.outcome_area_id:
        indicators = indicators.filter(outcome_area_id=card.outcome_area_id)
    form = ReportCardForm(
        request.POST if request.method == "POST" else None,
        indicators=indicators.order_by("name"),
        initial={
            "title": card.title,
            "story_behind_the_curve": card.story_behind_the_curve,
            "what_works": card.what_works,
            "headline_indicators": card.headline_indicators.all(),
        },
    )
    # Saving refuses the change if someone else changed the card after this form was shown.
    form.fields["version"] = VersionField(initial=version_of(card))
    return _form_page(request, card, form, "Change the report card", lambda data: report_card_update(card=card, by=request.user, **data))


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request, pk):
    card = _card_for(request, Perm.ASSESSMENT_MANAGE, pk)
    form = ActionForm(request.POST if request.method == "POST" else None, organisations=_organisations(card))
    return _form_page(request, card, form, "Add an action", lambda data: report_card_action_add(card=card, by=request.user, **data))


@login_required
@require_http_methods(["GET", "POST"])
def partner_add(request, pk):
    card = _card_for(request, Perm.ASSESSMENT_MANAGE, pk)
    form = PartnerForm(request.POST if request.method == "POST" else None, organisations=_organisations(card))
    return _form_page(request, card, form, "Add a partner", lambda data: report_card_partner_add(card=card, by=request.user, **data))


@login_required
@require_http_methods(["GET", "POST"])
def measure_add(request, pk):
    card = _card_for(request, Perm.ASSESSMENT_MANAGE, pk)
    form = MeasureForm(request.POST if request.method == "POST" else None)
    return _form_page(request, card, form, "Add a performance measure", lambda data: performance_measure_add(card=card, by=request.user, **data))


@login_required
@require_POST
def report_card_start(request, priority_pk):
    """Start a population report card for a priority; the story, partners and plan are added on the card."""
    priority = get_object_for(request.user, Perm.ASSESSMENT_MANAGE, selectors.priorities_visible_to(user=request.user), pk=priority_pk)
    form = ConfirmForm.from_request(request)
    card = save_form(
        request,
        form,
        lambda _: report_card_create(
            trust=priority.trust,
            title=priority.title,
            priority=priority,
            headline_indicators=[target.indicator for target in priority.targets.select_related("indicator")],
            by=request.user,
        ),
    )
    if card:
        messages.success(request, "Report card started. Now tell the story behind the curve.")
        return redirect(card.get_absolute_url())
    return priority_page(request, priority, form)
