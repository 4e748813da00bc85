"""Evidence pages: the list with filters and the VCS share, contributing, and accepting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, decide, has_perm
from jointly.core.charts import bar_chart
from jointly.core.errors import save_form
from jointly.core.pagination import paginate
from jointly.core.transitions import actions
from jointly.needs.selectors import outcome_areas_for
from jointly.needs.vocabulary import Group
from jointly.partnerships.models import Organisation

from . import selectors
from .forms import DecisionForm, EvidenceForm
from .models import EvidenceItem, EvidenceKind
from .services.evidence import evidence_accept, evidence_decline, evidence_submit
from .views_common import HOME_CRUMB, chosen_trust, require_role


def _may_list(user) -> bool:
    return has_perm(user, Perm.ASSESSMENT_VIEW) or has_perm(user, Perm.EVIDENCE_SUBMIT)


@login_required
def evidence_list(request):
    if not _may_list(request.user):
        require_role(request.user, Perm.ASSESSMENT_VIEW)
    trust, trusts = chosen_trust(request)
    filters = {name: request.GET.get(name, "") for name in ("kind", "outcome_area", "group", "sector", "status")}
    items = selectors.evidence_list(user=request.user, trust=trust, **filters) if trust else EvidenceItem.objects.none()
    sees_all = has_perm(request.user, Perm.ASSESSMENT_VIEW)
    share = per_area = chart = None
    if trust is not None and sees_all:
        share, per_area = selectors.vcs_share(trust=trust)
        rows = [(s.label, s.percent, "no evidence" if s.percent is None else f"{s.percent:g}%") for s in (share, *per_area)]
        chart = bar_chart(
            rows,
            scale_max=100,
            description="Share of evidence from the voluntary, community and social enterprise sector (VCSE): "
            + "; ".join(f"{label} {text}" for label, _, text in rows),
        )
    return render(
        request,
        "assessment/evidence_list.html",
        {
            "trust": trust,
            "trusts": trusts,
            "page_obj": paginate(request, items),
            "filters": filters,
            "kinds": EvidenceKind.choices,
            "groups": Group.choices,
            "statuses": EvidenceItem.Status.choices,
            "outcome_areas": outcome_areas_for(trust=trust) if trust else [],
            "share": share,
            "per_area": per_area,
            "chart": chart,
            "sees_all": sees_all,
            "can_submit": has_perm(request.user, Perm.EVIDENCE_SUBMIT),
            "page_title": "Evidence",
            "breadcrumbs": [HOME_CRUMB, ("Evidence", "")],
        },
    )


def _organisations_for(user, trust):
    if user.role == Role.PROVIDER_USER:
        return Organisation.objects.filter(pk=user.organisation_id)
    return Organisation.objects.filter(partnerships__trust=trust).order_by("name").distinct()


@login_required
@require_http_methods(["GET", "POST"])
def evidence_submit_view(request):
    require_role(request.user, Perm.EVIDENCE_SUBMIT)
    trust, _ = chosen_trust(request)
    if trust is None:
        raise PermissionDenied("You are not a member of any trust, so you cannot contribute evidence.")
    form = EvidenceForm(request.POST if request.method == "POST" else None, trust=trust, organisations=_organisations_for(request.user, trust))
    item = save_form(request, form, lambda data: evidence_submit(trust=trust, by=request.user, **data))
    if item:
        messages.success(request, "Thank you. Your evidence has been sent to the trust's needs assessment team.")
        return redirect(item.get_absolute_url())
    return render(
        request,
        "assessment/form.html",
        {
            "form": form,
            "trust": trust,
            "page_title": "Contribute evidence",
            "intro": "Tell the trust what you know about children's needs: what you see in your work, what children and families tell you, or research you have done.",
            "cancel_url": "/assessment/evidence/",
            "breadcrumbs": [HOME_CRUMB, ("Evidence", "/assessment/evidence/"), ("Contribute evidence", "")],
        },
    )


def _evidence_for(request, pk) -> EvidenceItem:
    item = EvidenceItem.objects.select_related("trust", "source_organisation", "consultation", "submitted_by", "decided_by").filter(pk=pk).first()
    if item is None or not selectors.evidence_visible_to(user=request.user).filter(pk=pk).exists():
        raise Http404("Not found.")
    if not _may_list(request.user):
        require_role(request.user, Perm.ASSESSMENT_VIEW)
    return item


# The decision form's answers, by move: the service, and what to say when it is done.
_DECISIONS = {
    "accept": (evidence_accept, "Evidence accepted into the needs assessment."),
    "decline": (evidence_decline, "Evidence marked as not used. The contributor can see why."),
}


@login_required
@require_http_methods(["GET", "POST"])
def evidence_detail(request, pk):
    item = _evidence_for(request, pk)
    moves = actions(item, request.user)["moves"]
    form = None
    if request.method == "POST":
        decision = decide(request.user, Perm.ASSESSMENT_MANAGE, item)
        if not decision.allowed:
            raise PermissionDenied(decision.reason)
        # Both answers, so a decision someone else made first is refused in words, not as a missing choice.
        form = DecisionForm(request.POST)
        if save_form(request, form, lambda data: _DECISIONS[data["decision"]][0](item=item, by=request.user, note=data["note"])):
            messages.success(request, _DECISIONS[form.cleaned_data["decision"]][1])
            return redirect(item.get_absolute_url())
    elif moves:
        form = DecisionForm(offered=moves)
    return render(
        request,
        "assessment/evidence_detail.html",
        {
            "item": item,
            "form": form,
            "outcome_areas": item.outcome_areas.all(),
            "places": item.places.all(),
            "can_see_history": decide(request.user, Perm.AUDIT_VIEW, item).allowed,
            "page_title": item.title,
            "breadcrumbs": [HOME_CRUMB, ("Evidence", "/assessment/evidence/"), (item.title, "")],
        },
    )
