"""Staff pages for what came back: results, coding free text to themes, and 'you said, we did'."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jointly.accounts.permissions import Perm, decide
from jointly.core.pagination import paginate

from . import selectors, services
from .forms import ThemeForm, YouSaidWeDidForm
from .models import Consultation, Question, YouSaidWeDid
from .suppression import threshold
from .views_staff import _consultation_for, _crumbs


@login_required
def results(request, slug):
    consultation = _consultation_for(request, Perm.CONSULTATION_VIEW_RESULTS, slug)
    return render(
        request,
        "consultations/staff/results.html",
        {
            "consultation": consultation,
            "results": selectors.consultation_results(consultation=consultation),
            "threshold": threshold(),
            # Free text can hold anything a young person chose to write: only the people who run the consultation read it.
            "can_read_text": decide(request.user, Perm.CONSULTATION_MANAGE, consultation).allowed,
            "page_title": f"Results: {consultation.title}",
            "breadcrumbs": _crumbs(consultation, ("Results", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def coding(request, slug, pk):
    """Read one question's free-text answers and tag each with themes."""
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    question = get_object_or_404(Question, pk=pk, consultation=consultation, kind=Question.Kind.TEXT)
    theme_form = ThemeForm(request.POST if request.POST.get("action") == "add-theme" else None)
    page = paginate(request, selectors.text_answers(question=question))
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "add-theme":
                if theme_form.is_valid():
                    theme = services.theme_create(consultation=consultation, name=theme_form.cleaned_data["name"], by=request.user)
                    messages.success(request, f"Theme added: {theme.name}")
                    return redirect(request.get_full_path())
            else:
                wanted = {
                    int(answer_id): request.POST.getlist(f"themes-{answer_id}")
                    for answer_id in request.POST.getlist("answer")
                    if answer_id.isdigit()
                }
                if any(not theme_id.isdigit() for theme_ids in wanted.values() for theme_id in theme_ids):
                    raise services.ConsultationError("Choose themes from this consultation")
                added, removed = services.answer_codings_set(consultation=consultation, codings=wanted, by=request.user)
                messages.success(request, f"Themes saved: {added} added, {removed} removed.")
                return redirect(request.get_full_path())
        except services.ConsultationError as problem:
            if request.POST.get("action") == "add-theme":
                theme_form.add_error("name", str(problem))
            else:
                error = str(problem)
    coded = {answer.pk: {coding.theme_id for coding in answer.codings.all()} for answer in page}
    return render(
        request,
        "consultations/staff/coding.html",
        {
            "consultation": consultation,
            "question": question,
            "page_obj": page,
            "rows": [(answer, coded[answer.pk]) for answer in page],
            "themes": list(consultation.themes.all()),
            "form": theme_form,
            "error": error,
            "page_title": "Code answers to themes",
            "breadcrumbs": _crumbs(consultation, ("Results", f"{consultation.get_absolute_url()}results/"), ("Code answers", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def you_said_we_did_manage(request, slug):
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    can_add = consultation.status in (Consultation.Status.CLOSED, Consultation.Status.REPORTED)
    form = YouSaidWeDidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.you_said_we_did_add(consultation=consultation, by=request.user, **form.cleaned_data)
        except services.ConsultationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Item added.")
            return redirect("consultations:ysdw-manage", slug=consultation.slug)
    return render(
        request,
        "consultations/staff/you_said_we_did.html",
        {
            "consultation": consultation,
            "items": consultation.you_said_we_did.all(),
            "form": form,
            "can_add": can_add,
            "page_title": "You said, we did",
            "breadcrumbs": _crumbs(consultation, ("You said, we did", "")),
        },
    )


def _item_for(consultation: Consultation, pk: int) -> YouSaidWeDid:
    return get_object_or_404(YouSaidWeDid.objects.select_related("consultation"), pk=pk, consultation=consultation)


@login_required
@require_http_methods(["GET", "POST"])
def you_said_we_did_edit(request, slug, pk):
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    item = _item_for(consultation, pk)
    if item.published_on:
        messages.error(request, "This item is published. Add a new item to say what has changed.")
        return redirect("consultations:ysdw-manage", slug=consultation.slug)
    form = YouSaidWeDidForm(request.POST or None, initial={"you_said": item.you_said, "we_did": item.we_did})
    if request.method == "POST" and form.is_valid():
        try:
            services.you_said_we_did_update(item=item, by=request.user, **form.cleaned_data)
        except services.ConsultationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Item saved.")
            return redirect("consultations:ysdw-manage", slug=consultation.slug)
    return render(
        request,
        "consultations/staff/you_said_we_did_edit.html",
        {
            "consultation": consultation,
            "item": item,
            "form": form,
            "page_title": "Change the item",
            "breadcrumbs": _crumbs(consultation, ("You said, we did", f"{consultation.get_absolute_url()}you-said-we-did/"), ("Change", "")),
        },
    )


@login_required
@require_POST
def you_said_we_did_publish(request, slug, pk):
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    item = _item_for(consultation, pk)
    try:
        services.you_said_we_did_publish(item=item, by=request.user)
    except services.ConsultationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Item published.")
    return redirect("consultations:ysdw-manage", slug=consultation.slug)
