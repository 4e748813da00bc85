"""Staff pages: write a consultation, open and close it, type in paper responses, read the results.

Every view fetches its consultation through `get_object_for`: another trust's
consultation is "not found", a role that may not do this gets "forbidden"
with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jointly.accounts.permissions import Perm, decide, get_object_for, has_perm
from jointly.core.pagination import paginate
from jointly.core.transitions import InvalidTransition
from jointly.partnerships.selectors import trusts_visible_to

from . import selectors, services
from .forms import ConfirmForm, ConsultationForm, QuestionForm, ResponseForm
from .models import Consultation, Question

_BASE_CRUMB = ("Consultations", "/consultations/")


def _consultation_for(request, perm: Perm, slug: str) -> Consultation:
    return get_object_for(request.user, perm, Consultation.objects.select_related("trust"), slug=slug)


def _crumbs(consultation: Consultation | None = None, *more):
    crumbs = [_BASE_CRUMB]
    if consultation is not None:
        crumbs.append((consultation.title, consultation.get_absolute_url()))
    return crumbs + list(more)


def _require_role(user, perm: Perm) -> None:
    decision = decide(user, perm)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)


def _add_validation_errors(form, error: ValidationError) -> None:
    for name, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(name if name in form.fields else None, message)


@login_required
def consultation_list(request):
    _require_role(request.user, Perm.CONSULTATION_VIEW_RESULTS)
    page = paginate(request, selectors.consultations_visible_to(user=request.user).order_by("-opens_on", "title"))
    return render(
        request,
        "consultations/staff/list.html",
        {
            "page_obj": page,
            "can_create": has_perm(request.user, Perm.CONSULTATION_MANAGE),
            "page_title": "Consultations",
            "breadcrumbs": [("Consultations", "")],
        },
    )


def _manageable_trusts(user):
    return [trust for trust in trusts_visible_to(user=user).order_by("name") if decide(user, Perm.CONSULTATION_MANAGE, trust)]


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request):
    _require_role(request.user, Perm.CONSULTATION_MANAGE)
    trusts = _manageable_trusts(request.user)
    if not trusts:
        raise PermissionDenied("You are not a member of any trust, so you cannot start a consultation.")
    from jointly.partnerships.models import Trust

    form = ConsultationForm(request.POST or None, trusts=Trust.objects.filter(pk__in=[t.pk for t in trusts]))
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(
                trust=form.cleaned_data["trust"], by=request.user, **form.details()
            )
        except ValidationError as error:
            _add_validation_errors(form, error)
        else:
            messages.success(request, "Consultation saved as a draft. Now add its questions.")
            return redirect(consultation.get_absolute_url())
    return render(
        request,
        "consultations/staff/consultation_form.html",
        {"form": form, "page_title": "Start a consultation", "breadcrumbs": _crumbs(None, ("Start a consultation", ""))},
    )


@login_required
def consultation_detail(request, slug):
    consultation = _consultation_for(request, Perm.CONSULTATION_VIEW_RESULTS, slug)
    return render(
        request,
        "consultations/staff/detail.html",
        {
            "consultation": consultation,
            "questions": selectors.questions_of(consultation=consultation),
            "counts": selectors.consultation_summary_counts(consultation=consultation),
            "can_manage": decide(request.user, Perm.CONSULTATION_MANAGE, consultation).allowed,
            "can_see_history": decide(request.user, Perm.AUDIT_VIEW, consultation).allowed,
            "is_draft": consultation.status == Consultation.Status.DRAFT,
            "page_title": consultation.title,
            "breadcrumbs": _crumbs(None, (consultation.title, "")),
        },
    )


def _draft_only(request, consultation: Consultation, what: str):
    """Questions and details are fixed once people can answer; say so rather than fail."""
    if consultation.status != Consultation.Status.DRAFT:
        messages.error(request, f"You can {what} only while the consultation is a draft.")
        return redirect(consultation.get_absolute_url())
    return None


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request, slug):
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    if blocked := _draft_only(request, consultation, "change the details"):
        return blocked
    from jointly.partnerships.models import Trust

    initial = {
        name: getattr(consultation, name)
        for name in (
            "title", "purpose", "audiences", "opens_on", "closes_on", "report_due_on", "retention_until", "other_themes",
            "safeguarding_contact",
        )
    }
    initial["outcome_areas"] = list(consultation.outcome_areas.all())
    initial["trust"] = consultation.trust_id
    form = ConsultationForm(request.POST or None, initial=initial, trusts=Trust.objects.filter(pk=consultation.trust_id))
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_update(consultation=consultation, by=request.user, **form.details())
        except ValidationError as error:
            _add_validation_errors(form, error)
        except services.ConsultationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Details saved.")
            return redirect(consultation.get_absolute_url())
    return render(
        request,
        "consultations/staff/consultation_form.html",
        {
            "form": form,
            "consultation": consultation,
            "page_title": "Change the details",
            "breadcrumbs": _crumbs(consultation, ("Change the details", "")),
        },
    )


def _question_for(consultation: Consultation, pk: int) -> Question:
    return get_object_or_404(Question.objects.select_related("consultation__trust"), pk=pk, consultation=consultation)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, slug, pk=None):
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    if blocked := _draft_only(request, consultation, "change questions"):
        return blocked
    question = _question_for(consultation, pk) if pk else None
    initial = {"required": True}
    if question:
        initial = {
            "kind": question.kind,
            "text": question.text,
            "hint": question.hint,
            "required": question.required,
            "choices": "\n".join(question.choices),
            "scale_low_label": question.scale_low_label,
            "scale_high_label": question.scale_high_label,
        }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if question:
                services.question_update(question=question, by=request.user, **form.cleaned_data)
            else:
                services.question_add(consultation=consultation, by=request.user, **form.cleaned_data)
        except services.ConsultationError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            _add_validation_errors(form, error)
        else:
            messages.success(request, "Question saved.")
            return redirect(consultation.get_absolute_url())
    title = "Change the question" if question else "Add a question"
    return render(
        request,
        "consultations/staff/question_form.html",
        {"form": form, "consultation": consultation, "question": question, "page_title": title, "breadcrumbs": _crumbs(consultation, (title, ""))},
    )


@login_required
@require_POST
def question_delete(request, slug, pk):
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    question = _question_for(consultation, pk)
    try:
        services.question_delete(question=question, by=request.user)
    except services.ConsultationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Question removed: {question.text}")
    return redirect(consultation.get_absolute_url())


@login_required
@require_POST
def question_move(request, slug, pk):
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    question = _question_for(consultation, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404("Unknown direction.")
    try:
        services.question_move(question=question, direction=direction, by=request.user)
    except services.ConsultationError as error:
        messages.error(request, str(error))
    return redirect(f"{consultation.get_absolute_url()}#questions")


_TRANSITIONS = {
    "open": (services.consultation_open, "Open the consultation", "The consultation is open."),
    "close": (services.consultation_close, "Close the consultation", "The consultation is closed."),
    "publish": (services.consultation_publish_response, "Publish 'you said, we did'", "'You said, we did' is published."),
}


@login_required
@require_http_methods(["GET", "POST"])
def consultation_transition(request, slug, action):
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    service, title, done = _TRANSITIONS[action]
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            service(consultation=consultation, by=request.user)
        except (InvalidTransition, services.ConsultationError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect(consultation.get_absolute_url())
    return render(
        request,
        "consultations/staff/confirm.html",
        {
            "form": form,
            "consultation": consultation,
            "action": action,
            "items": consultation.you_said_we_did.all() if action == "publish" else [],
            "question_count": consultation.questions.count(),
            "page_title": title,
            "breadcrumbs": _crumbs(consultation, (title, "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def response_add(request, slug):
    """Type in a response from a workshop or a paper form: the same checks as the public form."""
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    if not consultation.accepts_offline_responses:
        messages.error(request, "This consultation is not taking responses.")
        return redirect(consultation.get_absolute_url())
    questions = selectors.questions_of(consultation=consultation)
    form = ResponseForm(request.POST or None, consultation=consultation, questions=questions, offline=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(
                consultation=consultation,
                channel=form.cleaned_data["channel"],
                age_band=form.cleaned_data["age_band"],
                audience=form.audience(),
                answers=form.answers(),
                entered_by=request.user,
            )
        except services.ResponseRejected as rejected:
            for name, message in rejected.errors.items():
                form.add_error(None if name == "__all__" or name not in form.fields else name, message)
        else:
            messages.success(request, "Response added. You can type in the next one.")
            return redirect("consultations:response-add", slug=consultation.slug)
    return render(
        request,
        "consultations/staff/response_form.html",
        {
            "form": form,
            "consultation": consultation,
            "max_chars": services.responses.max_answer_chars(),
            "page_title": "Add a response from a workshop or paper form",
            "breadcrumbs": _crumbs(consultation, ("Add a response", "")),
        },
    )
