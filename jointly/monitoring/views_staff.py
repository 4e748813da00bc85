"""The trust's pages: its returns (due, overdue, submitted, accepted), the review of one (RAG and comments
on its own contracts' parts, accept or send back), the providers' ratings of it, and its standard return."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, decide, get_object_for, require
from jointly.core.errors import FieldErrors, save_form, show_on_form
from jointly.core.forms import ConfirmForm
from jointly.core.pagination import paginate
from jointly.core.transitions import InvalidTransition, available
from jointly.partnerships.models import Organisation, Trust

from .forms import AdoptForm, QuestionForm, ReviewForm, SendBackForm, TemplateForm
from .models import MonitoringReturn
from .rules import return_trust_ids
from .selectors import returns as selectors
from .services import reviews, templates

STATES = [("due", "Due"), ("overdue", "Overdue"), ("submitted", "Submitted, to review"), ("accepted", "Accepted"), ("", "All")]


def _trust(request, slug, perm) -> Trust:
    return get_object_for(request.user, perm, Trust.objects.select_related("region"), slug=slug)


def _crumbs(trust, *more):
    return [(trust.name, reverse("partnerships:trust-detail", args=[trust.slug])), *more]


def _returns_crumb(trust):
    return ("Monitoring returns", reverse("monitoring:trust-returns", args=[trust.slug]))


@login_required
def trust_returns(request, slug):
    trust = _trust(request, slug, Perm.RETURNS_REVIEW)
    today = timezone.localdate()
    state = request.GET.get("state", "due")
    if state not in dict(STATES):
        state = "due"
    counts = selectors.counts_for_trust(trust, today)
    return render(
        request,
        "monitoring/trust_returns.html",
        {
            "trust": trust,
            "state": state,
            "states": [(value, label, counts.get(value)) for value, label in STATES],
            "page_obj": paginate(request, selectors.returns_of_trust(trust, state=state, today=today)),
            "today": today,
            "page_title": "Monitoring returns",
            "breadcrumbs": _crumbs(trust, ("Monitoring returns", "")),
        },
    )


def _return_of_trust(request, trust, pk, perm=Perm.RETURNS_REVIEW) -> MonitoringReturn:
    monitoring_return = selectors.return_for(request.user, pk, perm)
    if trust.pk not in return_trust_ids(monitoring_return):
        raise Http404("Not found.")
    return monitoring_return


@login_required
@require_http_methods(["GET", "POST"])
def review(request, slug, pk):
    trust = _trust(request, slug, Perm.RETURNS_REVIEW)
    monitoring_return = _return_of_trust(request, trust, pk)
    sheet = selectors.sheet_for(monitoring_return, trust=trust)
    parts = [view.part for view in sheet.parts]
    form = None
    if monitoring_return.status == MonitoringReturn.Status.SUBMITTED:
        form = ReviewForm(request.POST if request.method == "POST" else None, parts=parts)
        if request.method == "POST" and form.is_valid():
            problems = {}
            for part in parts:
                rag, comment = form.cleaned_data[f"rag_{part.pk}"], form.cleaned_data[f"comment_{part.pk}"]
                try:
                    reviews.part_review(part=part, by=request.user, rag=rag, comment=comment)
                except FieldErrors as error:
                    problems.update(error.errors)
            if problems:
                show_on_form(form, FieldErrors(problems))
            else:
                messages.success(request, "Ratings saved.")
                return redirect("monitoring:review", trust.slug, monitoring_return.pk)
    moves = {move.name: move for move in available(monitoring_return, request.user)}
    return render(
        request,
        "monitoring/review.html",
        {
            "trust": trust,
            "monitoring_return": monitoring_return,
            "sheet": sheet,
            "form": form,
            "moves": moves,
            "other_parts": [part for part in monitoring_return.parts.all() if part.contract.trust_id != trust.pk],
            "page_title": f"{monitoring_return.organisation}: {monitoring_return.period_label}",
            "breadcrumbs": _crumbs(trust, _returns_crumb(trust), (str(monitoring_return.organisation), "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def accept(request, slug, pk):
    trust = _trust(request, slug, Perm.RETURNS_REVIEW)
    monitoring_return = _return_of_trust(request, trust, pk)
    detail = reverse("monitoring:review", args=[trust.slug, monitoring_return.pk])
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: reviews.return_accept(monitoring_return=monitoring_return, by=request.user)):
        messages.success(request, "Return accepted.")
        return redirect(detail)
    return render(
        request,
        "core/confirm_page.html",
        {
            "trust": trust,
            "form": form,
            "button": "Accept the return",
            "cancel_url": detail,
            "message": "Accept it once every contract's part has its RAG rating. The provider sees the ratings and comments.",
            "page_title": f"Accept {monitoring_return.organisation}'s return",
            "breadcrumbs": _crumbs(trust, _returns_crumb(trust), (str(monitoring_return.organisation), detail), ("Accept", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def send_back(request, slug, pk):
    trust = _trust(request, slug, Perm.RETURNS_REVIEW)
    monitoring_return = _return_of_trust(request, trust, pk)
    detail = reverse("monitoring:review", args=[trust.slug, monitoring_return.pk])
    form = SendBackForm(request.POST if request.method == "POST" else None)
    if save_form(request, form, lambda data: reviews.return_send_back(monitoring_return=monitoring_return, by=request.user, **data)):
        messages.success(request, "Return sent back to the provider.")
        return redirect(detail)
    return render(
        request,
        "core/form_page.html",
        {
            "trust": trust,
            "form": form,
            "submit": "Send it back",
            "cancel_url": detail,
            "intro": "The return goes back to the provider as a draft to change and submit again.",
            "page_title": f"Send back {monitoring_return.organisation}'s return",
            "breadcrumbs": _crumbs(trust, _returns_crumb(trust), (str(monitoring_return.organisation), detail), ("Send back", "")),
        },
    )


@login_required
def ratings(request, slug):
    trust = _trust(request, slug, Perm.RETURNS_REVIEW)
    return render(
        request,
        "monitoring/ratings.html",
        {
            "trust": trust,
            "summary": selectors.ratings_for_trust(trust),
            "page_title": "Providers' ratings of the trust",
            "breadcrumbs": _crumbs(trust, ("Providers' ratings", "")),
        },
    )


@login_required
def template_list(request, slug):
    trust = _trust(request, slug, Perm.RETURNS_REVIEW)
    return render(
        request,
        "monitoring/templates.html",
        {
            "trust": trust,
            "templates": selectors.templates_for_trust(trust),
            "can_manage": decide(request.user, Perm.CONTRACTS_MANAGE, trust).allowed,
            "page_title": "Standard monitoring returns",
            "breadcrumbs": _crumbs(trust, ("Standard monitoring returns", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_add(request, slug):
    trust = _trust(request, slug, Perm.CONTRACTS_MANAGE)
    form = TemplateForm(request.POST if request.method == "POST" else None)

    def make(data):
        scope = data.pop("scope")
        return templates.template_create(
            by=request.user, trust=trust if scope == "trust" else None, region=trust.region if scope == "region" else None, **data
        )

    template = save_form(request, form, make)
    if template:
        messages.success(request, "Return made. Add its questions, then publish it.")
        return redirect("monitoring:template", trust.slug, template.pk)
    listed = reverse("monitoring:templates", args=[trust.slug])
    return render(
        request,
        "core/form_page.html",
        {
            "trust": trust,
            "form": form,
            "submit": "Make the return",
            "cancel_url": listed,
            "intro": "The measures come from each contract; here you ask the questions every provider answers once per return.",
            "page_title": "New standard monitoring return",
            "breadcrumbs": _crumbs(trust, ("Standard monitoring returns", listed), ("New", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_detail(request, slug, pk):
    """The template's versions and questions, who adopted it; adding a question, publishing, a new version, adopting."""
    trust = _trust(request, slug, Perm.RETURNS_REVIEW)
    template = selectors.templates_for_trust(trust).filter(pk=pk).first()
    if template is None:
        raise Http404("Not found.")
    can_manage = decide(request.user, Perm.CONTRACTS_MANAGE, trust).allowed
    draft = templates.draft_version(template)
    own_partners = templates.buyers_who_may_adopt(template).filter(trust=trust).exclude(organisation__return_adoptions__template=template)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    question_form = QuestionForm(request.POST if action == "question" else None, prefix="question")
    adopt_form = AdoptForm(request.POST if action == "adopt" else None, prefix="adopt", organisations=_organisations(own_partners))
    if request.method == "POST":
        if not can_manage:
            require(request.user, Perm.CONTRACTS_MANAGE, trust)
        done = None
        if action == "question" and draft is not None:
            done = save_form(request, question_form, lambda data: templates.question_add(version=draft, by=request.user, **data))
        elif action == "adopt":
            done = save_form(request, adopt_form, lambda data: templates.adoption_record(template=template, by=request.user, **data))
        elif action in ("publish", "new_version"):
            try:
                if action == "publish" and draft is not None:
                    templates.version_publish(version=draft, by=request.user)
                elif action == "new_version":
                    templates.version_new(template=template, by=request.user)
                done = True
            except (FieldErrors, InvalidTransition) as error:
                messages.error(request, str(error))
        if done:
            messages.success(request, "Saved.")
            return redirect("monitoring:template", trust.slug, template.pk)
    versions = list(template.versions.prefetch_related("questions").order_by("-number"))
    return render(
        request,
        "monitoring/template.html",
        {
            "trust": trust,
            "template": template,
            "versions": versions,
            "draft": draft,
            "can_manage": can_manage,
            "question_form": question_form if draft is not None else None,
            "adopt_form": adopt_form if own_partners.exists() else None,
            "form": question_form if action == "question" else adopt_form,
            "page_title": template.name,
            "breadcrumbs": _crumbs(trust, ("Standard monitoring returns", reverse("monitoring:templates", args=[trust.slug])), (template.name, "")),
        },
    )


def _organisations(partners):
    return Organisation.objects.filter(pk__in=partners.values("organisation_id")).order_by("name")
