"""Staff pages for what came back: results, coding free text to themes, and 'you said, we did'."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from jointly.accounts.permissions import Perm, decide
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm, VersionField
from jointly.core.pagination import paginate
from jointly.core.transitions import actions, editable, version_of

from . import selectors, services
from .forms import ThemeForm, YouSaidWeDidForm
from .models import Consultation, Question, YouSaidWeDid
from .suppression import threshold
from .views_staff import _consultation_for, _crumbs, button


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
    adding_theme = request.POST.get("action") == "add-theme"
    theme_form = ThemeForm(request.POST if adding_theme else None)
    # The answers' theme boxes are drawn by the template; this form carries the refusal of a tampered post.
    codings_form = ConfirmForm(request.POST if request.method == "POST" and not adding_theme else None)
    page = paginate(request, selectors.text_answers(question=question))
    theme = save_form(request, theme_form, lambda data: services.theme_create(consultation=consultation, name=data["name"], by=request.user))
    if theme:
        messages.success(request, f"Theme added: {theme.name}")
        return redirect(request.get_full_path())
    wanted = {answer_id: request.POST.getlist(f"themes-{answer_id}") for answer_id in request.POST.getlist("answer")}
    saved = save_form(request, codings_form, lambda _: services.answer_codings_set(consultation=consultation, codings=wanted, by=request.user))
    if saved:
        added, removed = saved
        messages.success(request, f"Themes saved: {added} added, {removed} removed.")
        return redirect(request.get_full_path())
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
            "codings_form": codings_form,
            "page_title": "Code answers to themes",
            "breadcrumbs": _crumbs(consultation, ("Results", f"{consultation.get_absolute_url()}results/"), ("Code answers", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def you_said_we_did_manage(request, slug):
    consultation = _consultation_for(request, Perm.CONSULTATION_MANAGE, slug)
    form = YouSaidWeDidForm(request.POST or None)
    if save_form(request, form, lambda data: services.you_said_we_did_add(consultation=consultation, by=request.user, **data)):
        messages.success(request, "Item added.")
        return redirect("consultations:ysdw-manage", slug=consultation.slug)
    items = list(consultation.you_said_we_did.all())
    for item in items:
        item.consultation = consultation  # already loaded: asking what each item offers reads no more
        item.offered = actions(item, request.user, edit_perm=Perm.CONSULTATION_MANAGE)
    return render(
        request,
        "consultations/staff/you_said_we_did.html",
        {
            "consultation": consultation,
            "items": items,
            "form": form,
            "can_add": consultation.takes_you_said_we_did,
            **actions(consultation, request.user),
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
    if not editable(item):
        messages.error(request, "This item is published. Add a new item to say what has changed.")
        return redirect("consultations:ysdw-manage", slug=consultation.slug)
    form = YouSaidWeDidForm(request.POST or None, initial={"you_said": item.you_said, "we_did": item.we_did})
    form.fields["version"] = VersionField(initial=version_of(item))
    if save_form(request, form, lambda data: services.you_said_we_did_update(item=item, by=request.user, **data)):
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
    return button(
        request,
        lambda _: services.you_said_we_did_publish(item=item, by=request.user),
        done="Item published.",
        to=reverse("consultations:ysdw-manage", args=[consultation.slug]),
    )
