"""Staff pages: write a consultation, open and close it, type in paper responses, read the results.

Every view fetches its consultation through `get_object_for`: another trust's
consultation is "not found", a role that may not do this gets "forbidden"
with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jointly.accounts.permissions import Perm, decide, get_object_for, has_perm
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm, VersionField
from jointly.core.pagination import paginate
from jointly.core.transitions import actions, editable, state_label, version_of
from jointly.partnerships.selectors import trusts_visible_to

from . import selectors, services
from .forms import ConsultationForm, QuestionForm, ResponseForm
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


def button(request, save, *, done: str = "", to: str):
    """A button on another page (remove, move, publish one item): it goes back there, with the service's refusal as a message."""
    form = ConfirmForm.from_request(request)
    if save_form(request, form, save):
        if done:
            messages.success(request, done)
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect(to)


def _fixed(request, consultation: Consultation):
    """Details and questions are fixed once people can answer: say so rather than show a form that cannot be saved."""
    if editable(consultation):
        return None
    messages.error(request, f"This consultation is {state_label(consultation)}, so its details and questions can no longer be changed.")
    return redirect(consultation.get_absolute_url())


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
    consultation = save_form(request, form, lambda data: services.consultation_create(trust=data["trust"], by=request.user, **form.details()))
    if consultation:
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
            # The moves this person is offered now, and whether they may change the details and questions.
            **actions(consultation, request.user, edit_perm=Perm.CONSULTATION_MANAGE),
            "page_title": consultation.title,
            "breadcrumbs": _crumbs(None, (consultation.title, "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request, slug):
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    if blocked := _fixed(request, consultation):
        return blocked
    from jointly.partnerships.models import Trust

    initial = {
        name: getattr(consultation, name)
        for name in (
            "title",
            "purpose",
            "audiences",
            "opens_on",
            "closes_on",
            "report_due_on",
            "retention_until",
            "other_themes",
            "safeguarding_contact",
        )
    }
    initial["outcome_areas"] = list(consultation.outcome_areas.all())
    initial["trust"] = consultation.trust_id
    form = ConsultationForm(request.POST or None, initial=initial, trusts=Trust.objects.filter(pk=consultation.trust_id))
    # Saving refuses the change if someone else changed the consultation after this form was shown.
    form.fields["version"] = VersionField(initial=version_of(consultation))
    saved = save_form(request, form, lambda data: services.consultation_update(consultation=consultation, by=request.user, **form.details()))
    if saved:
        messages.success(request, "Details saved.")
        return redirect(saved.get_absolute_url())
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
    if blocked := _fixed(request, consultation):
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

    def save(data):
        if question:
            return services.question_update(question=question, by=request.user, **data)
        return services.question_add(consultation=consultation, by=request.user, **data)

    if save_form(request, form, save):
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
    return button(
        request,
        lambda _: services.question_delete(question=question, by=request.user),
        done=f"Question removed: {question.text}",
        to=consultation.get_absolute_url(),
    )


@login_required
@require_POST
def question_move(request, slug, pk):
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    question = _question_for(consultation, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404("Unknown direction.")
    return button(
        request,
        lambda _: services.question_move(question=question, direction=direction, by=request.user),
        to=f"{consultation.get_absolute_url()}#questions",
    )


# Each confirmation page: the service making the move, the page's title and button, and what is said once it is done.
_MOVES = {
    "open": (services.consultation_open, "Open the consultation", "The consultation is open."),
    "close": (services.consultation_close, "Close the consultation", "The consultation is closed."),
    "publish": (services.consultation_publish_response, "Publish 'you said, we did'", "'You said, we did' is published."),
}


@login_required
@require_http_methods(["GET", "POST"])
def consultation_transition(request, slug, action):
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    service, title, done = _MOVES[action]
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: service(consultation=consultation, by=request.user)):
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
    added = save_form(
        request,
        form,
        lambda data: services.response_submit(
            consultation=consultation,
            channel=data["channel"],
            age_band=data["age_band"],
            audience=form.audience(),
            answers=form.answers(),
            entered_by=request.user,
        ),
    )
    if added:
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
