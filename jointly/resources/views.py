"""Pages for the resource envelope: budgets, funds, spend and the reports.

Every page fetches its trust through `get_object_for`: another trust's pages
are "not found", a role without the permission is "forbidden" with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, get_object_for, has_perm, trust_ids_for
from jointly.core import downloads
from jointly.core.errors import save_form
from jointly.core.jobs import job_create
from jointly.core.pagination import paginate
from jointly.partnerships.models import Region, Sector, Trust

from . import selectors, services
from .forms import BudgetForm, ContributionForm, FundingStreamForm, PooledFundForm, SpendForm, SpendUploadForm
from .importer import COLUMNS, OPTIONAL_COLUMNS
from .jobs import IMPORT_JOB
from .models import PooledFund
from .reports import TRUST_REPORTS, PooledFundSummary, VcsInvestment


def _trust(request, slug: str, perm: Perm = Perm.RESOURCES_VIEW) -> Trust:
    return get_object_for(request.user, perm, Trust.objects.select_related("region"), slug=slug)


def _crumbs(trust: Trust, *more):
    return [(trust.name, trust.get_absolute_url()), ("Resources", reverse("resources:overview", args=[trust.slug])), *more]


def _year(request, years: list[str]) -> str:
    wanted = request.GET.get("year", "")
    if wanted in years:
        return wanted
    return years[0] if years else ""


def _csv(report, filename: str) -> HttpResponse:
    return downloads.csv_response(filename=filename, headings=report.csv_headings, rows=report.csv_rows)


@login_required
def overview(request, slug):
    trust = _trust(request, slug)
    years = selectors.years_for(trust=trust)
    year = _year(request, years)
    vcs = VcsInvestment(trusts=[trust], scope_name=trust.name)
    return render(
        request,
        "resources/overview.html",
        {
            "trust": trust,
            "years": years,
            "year": year,
            "reports": [(report.slug, report.name) for report in TRUST_REPORTS.values()],
            "vcs_rows": vcs.display_rows,
            "can_manage": has_perm(request.user, Perm.RESOURCES_MANAGE),
            "page_title": f"Resources: {trust.name}",
            "breadcrumbs": [(trust.name, trust.get_absolute_url()), ("Resources", "")],
        },
    )


@login_required
def report(request, slug, report_slug):
    trust = _trust(request, slug)
    report_class = TRUST_REPORTS.get(report_slug)
    if report_class is None:
        raise Http404("No such report.")
    years = selectors.years_for(trust=trust)
    year = _year(request, years)
    the_report = report_class(trust=trust, year=year)
    if request.GET.get("format") == "csv":
        return _csv(the_report, f"{trust.slug}-{report_slug}-{year}")
    return render(
        request,
        "resources/report.html",
        {
            "trust": trust,
            "report": the_report,
            "years": years,
            "year": year,
            "csv_url": f"?year={year}&format=csv",
            "page_title": the_report.title,
            "breadcrumbs": _crumbs(trust, (the_report.name, "")),
        },
    )


@login_required
def vcs_investment(request, slug):
    trust = _trust(request, slug)
    the_report = VcsInvestment(trusts=[trust], scope_name=trust.name)
    if request.GET.get("format") == "csv":
        return _csv(the_report, f"{trust.slug}-vcs-investment")
    return render(
        request,
        "resources/vcs_investment.html",
        {
            "report": the_report,
            "trust": trust,
            "region": trust.region,
            "csv_url": "?format=csv",
            "page_title": the_report.title,
            "breadcrumbs": _crumbs(trust, (the_report.name, "")),
        },
    )


@login_required
def region_vcs_investment(request, region_slug):
    """Every trust of the region that the person works in, side by side."""
    region = get_object_or_404(Region, slug=region_slug)
    if not has_perm(request.user, Perm.RESOURCES_VIEW):
        raise PermissionDenied("Your role cannot see budgets, funds and spend.")
    trusts = Trust.objects.filter(region=region)
    ids = trust_ids_for(request.user)
    if ids is not None:
        trusts = trusts.filter(pk__in=ids)
    if not trusts.exists():
        raise Http404("Not found.")
    the_report = VcsInvestment(trusts=trusts, scope_name=region.name)
    if request.GET.get("format") == "csv":
        return _csv(the_report, f"{region.slug}-vcs-investment")
    return render(
        request,
        "resources/vcs_investment.html",
        {
            "report": the_report,
            "region_view": True,
            "csv_url": "?format=csv",
            "page_title": the_report.title,
            "breadcrumbs": [(region.name, region.get_absolute_url()), (the_report.name, "")],
        },
    )


@login_required
def budget_list(request, slug):
    trust = _trust(request, slug)
    return render(
        request,
        "resources/budgets.html",
        {
            "trust": trust,
            "budgets": selectors.budgets_for(trust=trust),
            "streams": selectors.funding_streams_for(trust=trust),
            "can_manage": has_perm(request.user, Perm.RESOURCES_MANAGE),
            "page_title": f"Budgets and funding streams: {trust.name}",
            "breadcrumbs": _crumbs(trust, ("Budgets", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_add(request, slug):
    trust = _trust(request, slug, Perm.RESOURCES_MANAGE)
    form = BudgetForm(request.POST or None, partners=selectors.partner_organisations(trust=trust))
    budget = save_form(request, form, lambda data: services.budget_create(trust=trust, **data))
    if budget:
        messages.success(request, f"Budget added: {budget}")
        return redirect("resources:budgets", trust.slug)
    return render(
        request,
        "resources/form.html",
        {
            "trust": trust,
            "form": form,
            "cancel_url": reverse("resources:budgets", args=[trust.slug]),
            "page_title": "Add a budget",
            "breadcrumbs": _crumbs(trust, ("Budgets", reverse("resources:budgets", args=[trust.slug])), ("Add", "")),
        },
    )


@login_required
def fund_list(request, slug):
    trust = _trust(request, slug)
    return render(
        request,
        "resources/funds.html",
        {
            "trust": trust,
            "funds": selectors.funds_for(trust=trust),
            "can_manage": has_perm(request.user, Perm.RESOURCES_MANAGE),
            "page_title": f"Pooled funds and aligned budgets: {trust.name}",
            "breadcrumbs": _crumbs(trust, ("Pooled funds", "")),
        },
    )


@login_required
def fund_detail(request, slug, pk):
    trust = _trust(request, slug)
    fund = get_object_or_404(PooledFund.objects.select_related("host"), pk=pk, trust=trust)
    summary = PooledFundSummary(fund=fund)
    if request.GET.get("format") == "csv":
        return _csv(summary, f"{trust.slug}-fund-{fund.pk}-contributions")
    return render(
        request,
        "resources/fund_detail.html",
        {
            "trust": trust,
            "fund": fund,
            "report": summary,
            "csv_url": "?format=csv",
            "can_manage": has_perm(request.user, Perm.RESOURCES_MANAGE),
            "page_title": fund.name,
            "breadcrumbs": _crumbs(trust, ("Pooled funds", reverse("resources:funds", args=[trust.slug])), (fund.name, "")),
        },
    )


@login_required
def spend_list(request, slug):
    trust = _trust(request, slug)
    filters = {name: request.GET.get(name, "") for name in ("year", "outcome", "sector")}
    records = selectors.spend_for(trust=trust, **filters)
    return render(
        request,
        "resources/spend_list.html",
        {
            "trust": trust,
            "page_obj": paginate(request, records),
            "total": selectors.spend_total(records),
            "filters": filters,
            "years": selectors.years_for(trust=trust),
            "outcomes": selectors.outcome_areas_for(trust=trust),
            "sectors": Sector.choices,
            "can_manage": has_perm(request.user, Perm.RESOURCES_MANAGE),
            "page_title": f"Spend: {trust.name}",
            "breadcrumbs": _crumbs(trust, ("Spend", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def spend_add(request, slug):
    trust = _trust(request, slug, Perm.RESOURCES_MANAGE)
    form = SpendForm(
        request.POST or None,
        partners=selectors.partner_organisations(trust=trust),
        outcomes=selectors.outcome_areas_for(trust=trust),
        priorities=selectors.priorities_for(trust=trust),
        services=selectors.directory_services_for(trust=trust),
    )
    record = save_form(
        request,
        form,
        lambda data: services.spend_record_create(trust=trust, **data),
        problems=lambda data: services.spend_form_problems(trust=trust, data=data),
    )
    if record:
        messages.success(request, f"Spend recorded: {record}")
        return redirect("resources:spend", trust.slug)
    return render(
        request,
        "resources/form.html",
        {
            "trust": trust,
            "form": form,
            "cancel_url": reverse("resources:spend", args=[trust.slug]),
            "page_title": "Record spend",
            "breadcrumbs": _crumbs(trust, ("Spend", reverse("resources:spend", args=[trust.slug])), ("Record spend", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def spend_upload(request, slug):
    trust = _trust(request, slug, Perm.RESOURCES_MANAGE)
    form = SpendUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = request.FILES["file"]
        job = job_create(
            kind=IMPORT_JOB,
            title=f"Importing spend for {trust.name} from {upload.name}",
            by=request.user,
            trust=trust,
            params={"trust_id": trust.pk, "text": form.cleaned_data["file"], "filename": upload.name},
        )
        return redirect("core:job-detail", job.pk)
    return render(
        request,
        "resources/upload.html",
        {
            "trust": trust,
            "form": form,
            "columns": COLUMNS,
            "optional_columns": OPTIONAL_COLUMNS,
            "page_title": "Upload a spend file",
            "breadcrumbs": _crumbs(trust, ("Spend", reverse("resources:spend", args=[trust.slug])), ("Upload", "")),
        },
    )


def _form_page(request, trust, form, title, back_url, crumb):
    return render(
        request,
        "resources/form.html",
        {"trust": trust, "form": form, "cancel_url": back_url, "page_title": title, "breadcrumbs": _crumbs(trust, (crumb, back_url), (title, ""))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def funding_stream_add(request, slug):
    trust = _trust(request, slug, Perm.RESOURCES_MANAGE)
    form = FundingStreamForm(request.POST or None)
    stream = save_form(
        request,
        form,
        lambda data: services.funding_stream_create(trust=trust, **data),
        problems=lambda data: services.funding_stream_problems(**data),
    )
    if stream:
        messages.success(request, f"Funding stream added: {stream}")
        return redirect("resources:budgets", trust.slug)
    return _form_page(request, trust, form, "Add a funding stream", reverse("resources:budgets", args=[trust.slug]), "Budgets")


@login_required
@require_http_methods(["GET", "POST"])
def fund_add(request, slug):
    trust = _trust(request, slug, Perm.RESOURCES_MANAGE)
    form = PooledFundForm(request.POST or None, partners=selectors.partner_organisations(trust=trust))
    fund = save_form(request, form, lambda data: services.pooled_fund_create(trust=trust, **data))
    if fund:
        messages.success(request, f"Fund added: {fund}. Now add each partner's contribution.")
        return redirect("resources:fund", trust.slug, fund.pk)
    return _form_page(request, trust, form, "Add a pooled fund or aligned budget", reverse("resources:funds", args=[trust.slug]), "Pooled funds")


@login_required
@require_http_methods(["GET", "POST"])
def contribution_add(request, slug, pk):
    trust = _trust(request, slug, Perm.RESOURCES_MANAGE)
    fund = get_object_or_404(PooledFund, pk=pk, trust=trust)
    form = ContributionForm(request.POST or None, partners=selectors.partner_organisations(trust=trust))
    contribution = save_form(request, form, lambda data: services.contribution_add(fund=fund, **data))
    if contribution:
        messages.success(request, f"Contribution recorded: {contribution}")
        return redirect("resources:fund", trust.slug, fund.pk)
    return _form_page(request, trust, form, f"Record a contribution to {fund.name}", reverse("resources:fund", args=[trust.slug, fund.pk]), fund.name)
