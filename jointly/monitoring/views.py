"""A provider's own returns: the list, completing one (a draft saved at any time, submitted once
complete, both without JavaScript), the review once made, and rating each commissioning trust.

A return is fetched through `selectors.returns.return_for`: another provider's is "not found",
and staff are sent to their review page instead (403 here).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, has_perm
from jointly.core.errors import FieldErrors, save_form, show_on_form
from jointly.core.pagination import paginate
from jointly.core.transitions import InvalidTransition, version_of
from jointly.partnerships.models import Trust

from .forms import RatingForm, ReturnForm
from .models import CommissionerRating, MonitoringReturn
from .selectors import returns as selectors
from .services import ratings as rating_services
from .services import returns as services


def _provider(request):
    if not has_perm(request.user, Perm.RETURN_SUBMIT) or not request.user.organisation_id:
        raise PermissionDenied("Only the people of a provider organisation complete monitoring returns.")


def _breadcrumbs(*more):
    return [("Your monitoring returns", reverse("monitoring:my-returns")), *more]


@login_required
def my_returns(request):
    _provider(request)
    today = timezone.localdate()
    page_obj = paginate(request, selectors.returns_of_organisation(request.user.organisation_id))
    return render(
        request,
        "monitoring/my_returns.html",
        {
            "page_obj": page_obj,
            "today": today,
            "led_by_others": selectors.consortium_contracts_led_by_others(request.user.organisation_id),
            "page_title": "Your monitoring returns",
            "breadcrumbs": [("Your monitoring returns", "")],
        },
    )


def attach_fields(sheet, form) -> None:
    """Give each line of the sheet its bound fields, so the page lays them out by contract and section."""
    for item in [line for part in sheet.parts for line in part.lines] + [line for _label, items in sheet.sections for line in items]:
        item.field = form[item.name] if item.name in form.fields else None
        item.note_field = form[f"{item.name}_note"] if f"{item.name}_note" in form.fields else None
        item.date_field = form[f"{item.name}_date"] if f"{item.name}_date" in form.fields else None


@login_required
@require_http_methods(["GET", "POST"])
def return_page(request, pk):
    monitoring_return = selectors.return_for(request.user, pk, Perm.RETURN_SUBMIT)
    sheet = selectors.sheet_for(monitoring_return)
    editable = monitoring_return.status in services.EDITABLE
    form, draft_kept = None, False
    if editable:
        form = ReturnForm(request.POST if request.method == "POST" else None, sheet=sheet, initial={"version": version_of(monitoring_return)})
        if request.method == "POST" and form.is_valid():
            submitting = request.POST.get("action") == "submit"
            try:
                # The draft is saved first, whatever is in it, so nothing typed is lost when submitting is refused.
                with transaction.atomic():
                    services.return_save(
                        monitoring_return=monitoring_return, by=request.user, answers=form.answers(), version=form.cleaned_data.get("version")
                    )
            except InvalidTransition as error:
                form.add_error(None, str(error))
            else:
                if not submitting:
                    messages.success(request, "Draft saved. You can come back to it at any time before you submit it.")
                    return redirect("monitoring:return", monitoring_return.pk)
                try:
                    with transaction.atomic():
                        services.return_submit(monitoring_return=monitoring_return, by=request.user)
                except FieldErrors as error:
                    show_on_form(form, error)
                    draft_kept = True
                except InvalidTransition as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, "Return submitted. The commissioners of each contract will review it.")
                    return redirect("monitoring:return", monitoring_return.pk)
        attach_fields(sheet, form)
    rated = set(CommissionerRating.objects.filter(monitoring_return=monitoring_return).values_list("trust_id", flat=True))
    trusts = rating_services.trusts_of_return(monitoring_return)
    return render(
        request,
        "monitoring/return.html",
        {
            "monitoring_return": monitoring_return,
            "sheet": sheet,
            "form": form,
            "draft_kept": draft_kept,
            "today": timezone.localdate(),
            "to_rate": [trust for trust in trusts if trust.pk not in rated] if monitoring_return.status != MonitoringReturn.Status.DRAFT else [],
            "page_title": f"Monitoring return: {monitoring_return.period_label}",
            "breadcrumbs": _breadcrumbs((monitoring_return.period_label, "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def rate(request, pk, slug):
    monitoring_return = selectors.return_for(request.user, pk, Perm.RETURN_SUBMIT)
    trust = next((trust for trust in rating_services.trusts_of_return(monitoring_return) if trust.slug == slug), None)
    if trust is None:
        raise Http404("Not found.")
    detail = reverse("monitoring:return", args=[monitoring_return.pk])
    form = RatingForm(request.POST if request.method == "POST" else None)
    saved = save_form(
        request, form, lambda data: rating_services.commissioner_rate(monitoring_return=monitoring_return, trust=trust, by=request.user, **data)
    )
    if saved:
        messages.success(request, f"Thank you. Your rating of {trust} is recorded.")
        return redirect(detail)
    return render(
        request,
        "core/form_page.html",
        {
            "trust": trust,
            "form": form,
            "submit": "Send the rating",
            "cancel_url": detail,
            "intro": f"How has {trust} been to work with as a commissioner in {monitoring_return.period_label}?",
            "page_title": f"Rate {trust} as a commissioner",
            "breadcrumbs": _breadcrumbs((monitoring_return.period_label, detail), ("Rate the commissioner", "")),
        },
    )


def trust_or_404(slug) -> Trust:
    trust = Trust.objects.filter(slug=slug).select_related("region").first()
    if trust is None:
        raise Http404("Not found.")
    return trust
