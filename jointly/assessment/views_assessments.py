"""The needs assessment: staff pages for drafting and publishing, and the public published document."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jointly.accounts.permissions import Perm, decide, get_object_for
from jointly.core.transitions import InvalidTransition
from jointly.needs.selectors import indicators_visible_to

from . import selectors
from .forms import ContentsForm, FindingForm
from .models import NeedsAssessment, Priority
from .pdf import assessment_pdf
from .services import assessments as services
from .snapshot import add_trend_charts, indicator_rows
from .views_common import HOME_CRUMB, add_validation_errors, chosen_trust, require_role


def _assessment_for(request, perm, pk) -> NeedsAssessment:
    return get_object_for(request.user, perm, selectors.assessments_visible_to(user=request.user), pk=pk)


@login_required
def home(request):
    require_role(request.user, Perm.ASSESSMENT_VIEW)
    trust, trusts = chosen_trust(request)
    assessments = selectors.assessments_visible_to(user=request.user).filter(trust=trust) if trust else []
    return render(request, "assessment/home.html", {
        "trust": trust, "trusts": trusts, "assessments": assessments,
        "report_cards": selectors.report_cards_visible_to(user=request.user).filter(trust=trust) if trust else [],
        "priority_count": selectors.priorities_visible_to(user=request.user).filter(trust=trust).count() if trust else 0,
        "can_manage": trust is not None and decide(request.user, Perm.ASSESSMENT_MANAGE, trust).allowed,
        "page_title": "Needs assessment", "breadcrumbs": [("Needs assessment", "")],
    })


@login_required
@require_POST
def assessment_create(request):
    require_role(request.user, Perm.ASSESSMENT_MANAGE)
    trust, _ = chosen_trust(request)
    if trust is None:
        raise PermissionDenied("You are not a member of any trust.")
    period = request.POST.get("period", "").strip()
    if not period:
        messages.error(request, "Enter the plan period, for example 2027–2030")
        return redirect(f"/assessment/?trust={trust.slug}")
    try:
        assessment = services.assessment_create(
            trust=trust, period=period, title=f"{trust.name}: joint strategic needs assessment {period}", by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"/assessment/?trust={trust.slug}")
    return redirect(assessment.get_absolute_url())


def _indicator_choices(user, trust):
    return indicators_visible_to(user=user).filter(Q(trust__isnull=True) | Q(trust=trust)).order_by("outcome_area__order", "name")


@login_required
@require_http_methods(["GET", "POST"])
def assessment_detail(request, pk):
    assessment = _assessment_for(request, Perm.ASSESSMENT_VIEW, pk)
    if assessment.is_published:
        return redirect(assessment.get_absolute_url())
    can_manage = decide(request.user, Perm.ASSESSMENT_MANAGE, assessment).allowed
    contents = finding_form = None
    if can_manage:
        contents = ContentsForm(
            request.POST if request.POST.get("form") == "contents" else None, assessment=assessment,
            indicators=_indicator_choices(request.user, assessment.trust),
            priorities=Priority.objects.filter(trust=assessment.trust).exclude(status=Priority.Status.RETIRED).order_by("title"),
            initial={"evidence": assessment.evidence.all(), "priorities": assessment.priorities.all(),
                     "indicators": assessment.indicators.all()},
        )
        finding_form = FindingForm(request.POST if request.POST.get("form") == "finding" else None, assessment=assessment)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("Only the trust's commissioners and analysts can change the needs assessment.")
        form = contents if request.POST.get("form") == "contents" else finding_form
        if form.is_valid():
            try:
                if form is contents:
                    services.assessment_update(assessment=assessment, by=request.user, **form.cleaned_data)
                    messages.success(request, "What the assessment draws on has been saved.")
                else:
                    services.finding_add(assessment=assessment, by=request.user, **form.cleaned_data)
                    messages.success(request, "Finding added.")
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                return redirect(assessment.get_absolute_url())
    preview = indicator_rows(area=assessment.trust.area, indicators=assessment.indicators.select_related("outcome_area"))
    return render(request, "assessment/assessment_detail.html", {
        "assessment": assessment, "can_manage": can_manage, "contents": contents, "finding_form": finding_form,
        "findings": assessment.findings.select_related("outcome_area").prefetch_related("evidence"),
        "indicator_rows": preview,
        "evidence": assessment.evidence.select_related("source_organisation"),
        "priorities": assessment.priorities.select_related("outcome_area"),
        "versions": NeedsAssessment.objects.filter(trust=assessment.trust, period=assessment.period).order_by("-version"),
        "page_title": f"{assessment.title} (draft version {assessment.version})",
        "breadcrumbs": [HOME_CRUMB, (f"Version {assessment.version}", "")],
    })


@login_required
@require_POST
def assessment_publish(request, pk):
    assessment = _assessment_for(request, Perm.ASSESSMENT_MANAGE, pk)
    try:
        published = services.assessment_publish(assessment=assessment, by=request.user)
    except (ValidationError, InvalidTransition) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(assessment.get_absolute_url())
    messages.success(request, f"Version {published.version} is published. Anyone can now read it.")
    return redirect(published.get_absolute_url())


@login_required
@require_POST
def assessment_new_draft(request, pk):
    assessment = _assessment_for(request, Perm.ASSESSMENT_MANAGE, pk)
    try:
        draft = services.assessment_new_draft(assessment=assessment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(assessment.get_absolute_url())
    messages.success(request, f"Version {draft.version} started as a copy of version {assessment.version}.")
    return redirect(draft.get_absolute_url())


# --- Public: published versions need no account ---------------------------------


def published_list(request):
    return render(request, "assessment/published_list.html", {
        "assessments": selectors.published_assessments(),
        "page_title": "Published needs assessments", "breadcrumbs": [("Published needs assessments", "")],
    })


def _published(pk) -> NeedsAssessment:
    return get_object_or_404(selectors.published_assessments(), pk=pk)


def published_detail(request, pk):
    assessment = _published(pk)
    snapshot = assessment.snapshot
    add_trend_charts(snapshot.get("indicators", []))
    later = NeedsAssessment.objects.filter(
        trust=assessment.trust, period=assessment.period, status=NeedsAssessment.Status.PUBLISHED, version__gt=assessment.version
    ).order_by("-version").first()
    staff = request.user.is_authenticated and decide(request.user, Perm.ASSESSMENT_MANAGE, assessment).allowed
    return render(request, "assessment/published_detail.html", {
        "assessment": assessment, "snapshot": snapshot, "later": later,
        "can_start_draft": staff and not NeedsAssessment.objects.filter(previous=assessment).exists(),
        "page_title": f"{assessment.title} (version {assessment.version})",
        "breadcrumbs": [("Published needs assessments", "/needs-assessments/"), (f"Version {assessment.version}", "")],
    })


def published_pdf(request, pk):
    assessment = _published(pk)
    # A published version never changes, so its PDF can be built once and kept.
    key = f"assessment-pdf:{assessment.pk}:{assessment.published_at.timestamp()}"
    content = cache.get(key)
    if content is None:
        content = assessment_pdf(assessment)
        cache.set(key, content, timeout=60 * 60 * 24)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="needs-assessment-{assessment.trust.slug}-v{assessment.version}.pdf"'
    )
    return response
