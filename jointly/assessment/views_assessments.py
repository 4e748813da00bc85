"""The needs assessment: staff pages for drafting and publishing, and the public published document."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jointly.accounts.permissions import Perm, decide, get_object_for
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm
from jointly.core.transitions import actions
from jointly.needs.selectors import indicators_visible_to

from . import selectors
from .forms import ContentsForm, FindingForm, NewAssessmentForm
from .models import NeedsAssessment, Priority
from .pdf import assessment_pdf
from .services import assessments as services
from .snapshot import add_trend_charts, indicator_rows
from .views_common import HOME_CRUMB, chosen_trust, require_role


def _assessment_for(request, perm, pk) -> NeedsAssessment:
    return get_object_for(request.user, perm, selectors.assessments_visible_to(user=request.user), pk=pk)


def _home_page(request, trust, trusts, form=None):
    """The assessment's home; `form` is the new-assessment form, with its errors when it was sent wrong."""
    can_manage = trust is not None and decide(request.user, Perm.ASSESSMENT_MANAGE, trust).allowed
    assessments = selectors.assessments_visible_to(user=request.user).filter(trust=trust) if trust else []
    return render(
        request,
        "assessment/home.html",
        {
            "trust": trust,
            "trusts": trusts,
            "assessments": assessments,
            "report_cards": selectors.report_cards_visible_to(user=request.user).filter(trust=trust) if trust else [],
            "priority_count": selectors.priorities_visible_to(user=request.user).filter(trust=trust).count() if trust else 0,
            "can_manage": can_manage,
            "form": form if form is not None else (NewAssessmentForm() if can_manage else None),
            "page_title": "Needs assessment",
            "breadcrumbs": [("Needs assessment", "")],
        },
    )


@login_required
def home(request):
    require_role(request.user, Perm.ASSESSMENT_VIEW)
    trust, trusts = chosen_trust(request)
    return _home_page(request, trust, trusts)


@login_required
@require_POST
def assessment_create(request):
    require_role(request.user, Perm.ASSESSMENT_MANAGE)
    trust, trusts = chosen_trust(request)
    if trust is None:
        raise PermissionDenied("You are not a member of any trust.")
    form = NewAssessmentForm(request.POST)
    assessment = save_form(
        request,
        form,
        lambda data: services.assessment_create(
            trust=trust,
            period=data["period"],
            title=f"{trust.name}: joint strategic needs assessment {data['period'].strip()}",
            by=request.user,
        ),
    )
    if assessment:
        return redirect(assessment.get_absolute_url())
    return _home_page(request, trust, trusts, form)


def _indicator_choices(user, trust):
    return indicators_visible_to(user=user).filter(Q(trust__isnull=True) | Q(trust=trust)).order_by("outcome_area__order", "name")


def _forms(request, assessment, sent: str = ""):
    """The draft's two forms (what it draws on, and a new finding); the one named `sent` is bound to the POST."""
    contents = ContentsForm(
        request.POST if sent == "contents" else None,
        assessment=assessment,
        indicators=_indicator_choices(request.user, assessment.trust),
        priorities=Priority.objects.filter(trust=assessment.trust).exclude(status=Priority.Status.RETIRED).order_by("title"),
        initial={"evidence": assessment.evidence.all(), "priorities": assessment.priorities.all(), "indicators": assessment.indicators.all()},
    )
    return contents, FindingForm(request.POST if sent == "finding" else None, assessment=assessment)


def _draft_page(request, assessment, *, contents=None, finding_form=None, form=None):
    """A draft's page. `form` is the one sent, whose errors the summary shows (the contents, a finding, or publishing)."""
    offered = actions(assessment, request.user, edit_perm=Perm.ASSESSMENT_MANAGE)
    if offered["can_edit"] and contents is None:
        contents, finding_form = _forms(request, assessment)
    preview = indicator_rows(area=assessment.trust.area, indicators=assessment.indicators.select_related("outcome_area"))
    return render(
        request,
        "assessment/assessment_detail.html",
        {
            "assessment": assessment,
            **offered,
            "form": form,
            "contents": contents if offered["can_edit"] else None,
            "finding_form": finding_form if offered["can_edit"] else None,
            "findings": assessment.findings.select_related("outcome_area").prefetch_related("evidence"),
            "indicator_rows": preview,
            "evidence": assessment.evidence.select_related("source_organisation"),
            "priorities": assessment.priorities.select_related("outcome_area"),
            "versions": NeedsAssessment.objects.filter(trust=assessment.trust, period=assessment.period).order_by("-version"),
            "page_title": f"{assessment.title} (draft version {assessment.version})",
            "breadcrumbs": [HOME_CRUMB, (f"Version {assessment.version}", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_detail(request, pk):
    assessment = _assessment_for(request, Perm.ASSESSMENT_VIEW if request.method == "GET" else Perm.ASSESSMENT_MANAGE, pk)
    if request.method == "GET" and assessment.is_published:
        return redirect(assessment.get_absolute_url())
    if request.method == "GET":
        return _draft_page(request, assessment)
    sent = request.POST.get("form", "")
    contents, finding_form = _forms(request, assessment, sent)
    save = {
        "contents": (
            contents,
            "What the assessment draws on has been saved.",
            lambda data: services.assessment_update(assessment=assessment, by=request.user, **data),
        ),
        "finding": (finding_form, "Finding added.", lambda data: services.finding_add(assessment=assessment, by=request.user, **data)),
    }
    form, done, service = save.get(sent, save["finding"])
    if save_form(request, form, service):
        messages.success(request, done)
        return redirect(assessment.get_absolute_url())
    if assessment.is_published:
        # Published while the form was open: the published version's page says why nothing changed.
        return _published_page(request, assessment, form)
    return _draft_page(request, assessment, contents=contents, finding_form=finding_form, form=form)


@login_required
@require_POST
def assessment_publish(request, pk):
    assessment = _assessment_for(request, Perm.ASSESSMENT_MANAGE, pk)
    form = ConfirmForm.from_request(request)
    published = save_form(request, form, lambda _: services.assessment_publish(assessment=assessment, by=request.user))
    if published:
        messages.success(request, f"Version {published.version} is published. Anyone can now read it.")
        return redirect(published.get_absolute_url())
    if assessment.is_published:
        # Published already (a second click, or someone else): its page says what to do next.
        return _published_page(request, assessment, form)
    return _draft_page(request, assessment, form=form)


@login_required
@require_POST
def assessment_new_draft(request, pk):
    assessment = _assessment_for(request, Perm.ASSESSMENT_MANAGE, pk)
    form = ConfirmForm.from_request(request)
    draft = save_form(request, form, lambda _: services.assessment_new_draft(assessment=assessment, by=request.user))
    if draft:
        messages.success(request, f"Version {draft.version} started as a copy of version {assessment.version}.")
        return redirect(draft.get_absolute_url())
    if not assessment.is_published:
        return _draft_page(request, assessment, form=form)
    return _published_page(request, assessment, form)


# --- Public: published versions need no account ---------------------------------


def published_list(request):
    return render(
        request,
        "assessment/published_list.html",
        {
            "assessments": selectors.published_assessments(),
            "page_title": "Published needs assessments",
            "breadcrumbs": [("Published needs assessments", "")],
        },
    )


def _published(pk) -> NeedsAssessment:
    return get_object_or_404(selectors.published_assessments(), pk=pk)


def _published_page(request, assessment, form=None):
    """A published version; `form` is the staff's button sent and refused, whose errors the summary shows."""
    snapshot = assessment.snapshot
    add_trend_charts(snapshot.get("indicators", []))
    later = (
        NeedsAssessment.objects.filter(
            trust=assessment.trust, period=assessment.period, status=NeedsAssessment.Status.PUBLISHED, version__gt=assessment.version
        )
        .order_by("-version")
        .first()
    )
    staff = request.user.is_authenticated and decide(request.user, Perm.ASSESSMENT_MANAGE, assessment).allowed
    return render(
        request,
        "assessment/published_detail.html",
        {
            "assessment": assessment,
            "snapshot": snapshot,
            "later": later,
            "form": form,
            "can_start_draft": staff and services.new_draft_refusal(assessment) is None,
            "page_title": f"{assessment.title} (version {assessment.version})",
            "breadcrumbs": [("Published needs assessments", "/needs-assessments/"), (f"Version {assessment.version}", "")],
        },
    )


def published_detail(request, pk):
    return _published_page(request, _published(pk))


def published_pdf(request, pk):
    assessment = _published(pk)
    # A published version never changes, so its PDF can be built once and kept.
    key = f"assessment-pdf:{assessment.pk}:{assessment.published_at.timestamp()}"
    content = cache.get(key)
    if content is None:
        content = assessment_pdf(assessment)
        cache.set(key, content, timeout=60 * 60 * 24)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="needs-assessment-{assessment.trust.slug}-v{assessment.version}.pdf"'
    return response
