"""Report cards: headline indicators and their trend, the story behind the curve, partners, what works, the plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jointly.accounts.permissions import Perm, decide, get_object_for
from jointly.core.transitions import InvalidTransition

from . import charts, selectors
from .models import ReportCardAction
from .services.report_cards import report_card_action_set_status
from .snapshot import indicator_rows
from .views_common import HOME_CRUMB, require_role


def _card_for(request, perm, pk):
    return get_object_for(request.user, perm, selectors.report_cards_visible_to(user=request.user), pk=pk)


@login_required
def report_card_detail(request, pk):
    card = _card_for(request, Perm.ASSESSMENT_VIEW, pk)
    rows = indicator_rows(area=card.trust.area, indicators=card.headline_indicators.select_related("outcome_area"))
    for row in rows:
        row["chart"] = charts.trend_line(row["trend"], title=row["name"])
    return render(request, "assessment/report_card.html", {
        "card": card, "rows": rows,
        "partners": card.partners.select_related("organisation"),
        "actions": card.actions.select_related("owner_organisation"),
        "measure_groups": selectors.measures_by_category(card),
        "can_manage": decide(request.user, Perm.ASSESSMENT_MANAGE, card).allowed,
        "action_moves": [(s.value, s.label) for s in (ReportCardAction.Status.IN_PROGRESS, ReportCardAction.Status.DONE, ReportCardAction.Status.DROPPED)],
        "page_title": f"Report card: {card.title}",
        "breadcrumbs": [HOME_CRUMB, (card.title, "")],
    })


@login_required
@require_POST
def action_status(request, pk, action_pk):
    card = _card_for(request, Perm.ASSESSMENT_MANAGE, pk)
    action = card.actions.filter(pk=action_pk).first()
    if action is None:
        from django.http import Http404

        raise Http404("Not found.")
    try:
        report_card_action_set_status(action=action, to=request.POST.get("status", ""), by=request.user)
    except (ValidationError, InvalidTransition) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, "Action updated.")
    return redirect(card.get_absolute_url())
