"""Pages for importing indicator data and listing indicators.

Imports: performance analysts and commissioners (Perm.INDICATOR_IMPORT) see
the runs of their own trusts and national runs with no trust; another trust's
run is "not found". The indicator list is public: it lists published
statistics.
"""

from __future__ import annotations

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, decide, get_object_for
from jointly.core.errors import save_form
from jointly.core.forms import VersionField
from jointly.core.pagination import paginate
from jointly.core.transitions import version_of
from jointly.partnerships.selectors import trusts_visible_to

from . import selectors, services
from .forms import ImportUploadForm, IndicatorDefinitionForm, IndicatorFilterForm
from .models import ImportRun, IndicatorDefinition
from .suppression import SUPPRESSION_CODES

ERRORS_PER_PAGE = 50


def _require(user, perm: Perm) -> None:
    decision = decide(user, perm)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)


@login_required
def import_list(request):
    _require(request.user, Perm.INDICATOR_IMPORT)
    page = paginate(request, selectors.import_runs_visible_to(user=request.user))
    return render(
        request,
        "needs/imports/list.html",
        {"page_obj": page, "runs": page.object_list, "page_title": "Indicator data imports"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    _require(request.user, Perm.INDICATOR_IMPORT)
    form = ImportUploadForm(request.POST or None, request.FILES or None, trusts=trusts_visible_to(user=request.user))
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        spec = form.spec(uploaded.name)
        path, sha256, size = services.import_file_store(uploaded=uploaded)
        previous = services.import_run_previous(sha256=sha256, format=form.cleaned_data["format"], spec=spec)
        if previous is not None and decide(request.user, Perm.INDICATOR_IMPORT, previous).visible:
            os.remove(path)
            messages.info(
                request,
                f"This file was already imported with the same choices on {previous.created_at:%d %B %Y}. Nothing has changed.",
            )
            return redirect(previous.get_absolute_url())
        run = services.import_run_create(
            file_name=uploaded.name,
            stored_path=path,
            sha256=sha256,
            size_bytes=size,
            format=form.cleaned_data["format"],
            spec=spec,
            trust=form.cleaned_data["trust"],
            by=request.user,
        )
        run = services.import_run_queue(run=run, by=request.user)
        return redirect("core:job-detail", run.job.pk)
    return render(
        request,
        "needs/imports/upload.html",
        {
            "form": form,
            "page_title": "Import indicator data",
            "suppression_codes": sorted(SUPPRESSION_CODES.items()),
            "breadcrumbs": [("Indicator data imports", "/needs/imports/"), ("Import", "")],
        },
    )


@login_required
def import_detail(request, pk: int):
    run = get_object_for(request.user, Perm.INDICATOR_IMPORT, ImportRun.objects.select_related("trust", "imported_by", "job"), pk=pk)
    errors = paginate(request, run.errors or [], per_page=ERRORS_PER_PAGE)
    return render(
        request,
        "needs/imports/detail.html",
        {
            "run": run,
            "page_obj": errors,
            "page_title": f"Import of {run.file_name}",
            "breadcrumbs": [("Indicator data imports", "/needs/imports/"), (run.file_name, "")],
        },
    )


def indicator_list(request):
    form = IndicatorFilterForm(request.GET or None)
    outcome_area, search = "", ""
    if form.is_bound and form.is_valid():
        outcome_area, search = form.cleaned_data["outcome_area"], form.cleaned_data["q"]
    page = paginate(request, selectors.indicator_list(user=request.user, outcome_area=outcome_area, search=search))
    user = request.user
    editable = {i.pk for i in page.object_list if user.is_authenticated and decide(user, Perm.INDICATOR_EDIT, i).allowed}
    return render(
        request,
        "needs/indicators/list.html",
        {
            "form": form,
            "page_obj": page,
            "indicators": page.object_list,
            "can_import": request.user.is_authenticated and decide(request.user, Perm.INDICATOR_IMPORT).allowed,
            "editable": editable,
            "page_title": "Indicators",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk: int):
    indicator = get_object_for(request.user, Perm.INDICATOR_EDIT, IndicatorDefinition.objects.select_related("outcome_area", "trust"), pk=pk)
    initial = {name: getattr(indicator, name) for name in services.INDICATOR_EDITABLE}
    form = IndicatorDefinitionForm(request.POST or None, initial=initial, indicator=indicator)
    # Saving refuses the change if someone else changed the indicator after this form was shown.
    form.fields["version"] = VersionField(initial=version_of(indicator))
    changed = save_form(request, form, lambda data: services.indicator_update(indicator=indicator, by=request.user, **data))
    if changed:
        messages.success(request, f"Indicator changed: {changed.name}")
        return redirect(f"{reverse('needs:indicator-list')}#indicator-{changed.pk}")
    return render(
        request,
        "needs/indicators/edit.html",
        {
            "form": form,
            "indicator": indicator,
            "page_title": f"Change {indicator.name}",
            "breadcrumbs": [("Indicators", reverse("needs:indicator-list")), (indicator.name, "")],
        },
    )
