"""Decommissioning pages: the trust's list, a case's task list and one page per step, and the provider's
view of notice given on its contracts. Staff read with CONTRACTS_VIEW and write with CONTRACTS_MANAGE;
sign-off needs CONTRACT_APPROVE; a provider's people see a case once notice is given (rules.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, decide, get_object_for
from jointly.contracts.selectors.contracts import contract_for
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm
from jointly.core.pagination import paginate
from jointly.core.transitions import version_of
from jointly.partnerships.models import Trust
from jointly.providers.models import DirectoryService

from . import forms
from .models import Decommissioning, ExitPlanEntry, SignOff
from .selectors.decommissionings import decommissioning_for, decommissionings_of_trust, decommissionings_visible
from .services import decommissionings as services


def _crumbs(case, *more):
    trust = case.contract.trust
    return [
        (trust.name, trust.get_absolute_url()),
        ("Decommissioning", reverse("decommissioning:list", args=[trust.slug])),
        (case.contract.reference, reverse("decommissioning:detail", args=[case.pk])),
        *more,
    ]


def _form_page(request, case, form, save, *, title, done, submit="Save and continue", intro="", to=None):
    if save_form(request, form, save):
        messages.success(request, done)
        return redirect(to or reverse("decommissioning:detail", args=[case.pk]))
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "trust": case.contract.trust,
            "page_title": title,
            "intro": intro,
            "submit": submit,
            "cancel_url": reverse("decommissioning:detail", args=[case.pk]),
            "breadcrumbs": _crumbs(case, (title, "")),
        },
    )


def _post(request):
    return request.POST if request.method == "POST" else None


@login_required
def trust_list(request, slug):
    if request.user.is_authenticated and request.user.role == Role.PROVIDER_USER:
        raise PermissionDenied("Providers see notice given on their contracts on their own page.")
    trust = get_object_for(request.user, Perm.CONTRACTS_VIEW, Trust.objects.select_related("region"), slug=slug)
    status = request.GET.get("status", "")
    if status not in Decommissioning.Status.values:
        status = ""
    return render(
        request,
        "decommissioning/list.html",
        {
            "trust": trust,
            "status": status,
            "statuses": Decommissioning.Status.choices,
            "page_obj": paginate(request, decommissionings_of_trust(request.user, trust, status=status).order_by("-created_at", "-pk")),
            "page_title": f"Decommissioning: {trust.name}",
            "breadcrumbs": [(trust.name, trust.get_absolute_url()), ("Decommissioning", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def start(request, pk):
    contract = contract_for(request.user, pk, Perm.CONTRACTS_MANAGE)
    form = forms.StartForm(_post(request))
    case = save_form(request, form, lambda data: services.decommissioning_start(contract=contract, by=request.user, **data))
    if case:
        messages.success(request, "Decommissioning started. Work through each step; notice is given only once all are done and signed off.")
        return redirect("decommissioning:detail", case.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "trust": contract.trust,
            "page_title": f"Decommission {contract.reference}: {contract.title}",
            "intro": "Ending a contract early is a managed process: the rationale and evidence, a risk and equality impact assessment, "
            "senior and board sign-off, notice no shorter than the contract's, and an exit plan for every service user.",
            "submit": "Start",
            "cancel_url": reverse("reviews:contract", args=[contract.pk]),
            "breadcrumbs": [
                (contract.trust.name, contract.trust.get_absolute_url()),
                (contract.reference, reverse("reviews:contract", args=[contract.pk])),
                ("Decommission", ""),
            ],
        },
    )


def _tasks(case) -> list[tuple[str, str, str, str]]:
    """The task list: (step, link, status, colour); a step's link only while it can change."""
    problems = services.submission_problems(case) if case.status == Decommissioning.Status.DRAFT else {}
    draft = case.status == Decommissioning.Status.DRAFT

    def state(*fields, started=False):
        if not draft:
            return ("Completed", "")
        if any(field in problems for field in fields):
            return ("In progress", "blue") if started else ("Not yet started", "grey")
        return ("Completed", "")

    entries = list(case.exit_plan.all())
    signed = len(case.sign_offs.all())
    rows = [
        (
            "Rationale and evidence",
            "decommissioning:case" if draft else "",
            *state("rationale", "evidence", started=bool(case.rationale or case.evidence)),
        ),
        ("Working with the provider first", "decommissioning:case" if draft else "", *state("improvement_plan")),
        (
            "Risk and equality impact assessment",
            "decommissioning:impact" if draft else "",
            *state("users_affected", "equality_impact", "risks", "provider_impact", started=case.impact_assessed_on is not None),
        ),
        ("Staff transfer (TUPE)", "decommissioning:staff" if draft else "", *state("tupe_applies", "tupe_note")),
        ("Exit plan for every service user", "decommissioning:exit-plan", *state("exit_plan", started=bool(entries))),
        (
            "Send for sign-off",
            "decommissioning:submit" if draft else "",
            *(("Completed", "") if not draft else (("Cannot start yet", "grey") if problems else ("Not yet started", "grey"))),
        ),
        (
            "Senior and board sign-off",
            "decommissioning:sign-off" if case.status == Decommissioning.Status.AWAITING_SIGN_OFF else "",
            *(
                ("Completed", "")
                if signed == len(SignOff.Kind)
                else ((f"{signed} of {len(SignOff.Kind)}", "blue") if signed else ("Cannot start yet", "grey"))
            ),
        ),
        (
            "Notice",
            "decommissioning:notice" if case.status == Decommissioning.Status.APPROVED else "",
            *(("Completed", "") if case.notice_given_on else ("Cannot start yet", "grey")),
        ),
        (
            "Record of completion",
            "decommissioning:complete" if case.status == Decommissioning.Status.IN_NOTICE else "",
            *(("Completed", "") if case.completed_on else ("Cannot start yet", "grey")),
        ),
    ]
    return rows


@login_required
def detail(request, pk):
    case = decommissioning_for(request.user, pk)
    is_provider = request.user.role == Role.PROVIDER_USER
    can_manage = not is_provider and decide(request.user, Perm.CONTRACTS_MANAGE, case.contract).allowed
    can_sign = not is_provider and decide(request.user, Perm.CONTRACT_APPROVE, case.contract).allowed
    # Each step links only for those who may take it: sign-off for approvers, the rest for contract managers.
    tasks = [
        (label, url_name if (can_sign if url_name == "decommissioning:sign-off" else can_manage) else "", status, colour)
        for label, url_name, status, colour in _tasks(case)
    ]
    return render(
        request,
        "decommissioning/detail.html",
        {
            "case": case,
            "contract": case.contract,
            "trust": case.contract.trust,
            "is_provider": is_provider,
            "can_manage": can_manage,
            "tasks": tasks,
            "entries": case.exit_plan.all(),
            "sign_offs": case.sign_offs.all(),
            "page_title": f"Decommissioning {case.contract.reference}: {case.contract.title}",
            "breadcrumbs": [("Notice given on your contracts", reverse("decommissioning:mine")), (case.contract.reference, "")]
            if is_provider
            else _crumbs(case)[:-1] + [(case.contract.reference, "")],
        },
    )


def _managed(request, pk) -> Decommissioning:
    return decommissioning_for(request.user, pk, Perm.CONTRACTS_MANAGE)


@login_required
@require_http_methods(["GET", "POST"])
def case_step(request, pk):
    case = _managed(request, pk)
    fields = ("reason", "rationale", "evidence", "review", "improvement_plan", "no_improvement_plan_reason")
    initial = {name: getattr(case, name) for name in fields} | {"version": version_of(case)}
    form = forms.CaseForm(_post(request), initial=initial, contract=case.contract)
    return _form_page(
        request,
        case,
        form,
        lambda data: services.decommissioning_update(decommissioning=case, by=request.user, **data),
        title="Rationale, evidence and working with the provider",
        done="Saved.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def impact_step(request, pk):
    case = _managed(request, pk)
    initial = {name: getattr(case, name) for name in services.IMPACT_FIELDS} | {"version": version_of(case)}
    suggested = services.income_share_from_accounts(case.contract)
    if initial["provider_income_share"] is None and suggested is not None:
        initial["provider_income_share"] = suggested
    intro = "Who is affected and how, and what ending the contract means for the provider."
    if suggested is not None:
        intro += f" From the provider's latest accounts in its supplier passport, this contract is about {suggested}% of its yearly income."
    form = forms.ImpactForm(_post(request), initial=initial)
    return _form_page(
        request,
        case,
        form,
        lambda data: services.decommissioning_update(decommissioning=case, by=request.user, **data),
        title="Risk and equality impact assessment",
        done="Impact assessment saved.",
        intro=intro,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_step(request, pk):
    case = _managed(request, pk)
    initial = {
        "tupe_applies": None if case.tupe_applies is None else ("yes" if case.tupe_applies else "no"),
        "tupe_note": case.tupe_note,
        "version": version_of(case),
    }
    form = forms.StaffForm(_post(request), initial=initial)
    return _form_page(
        request,
        case,
        form,
        lambda data: services.decommissioning_update(decommissioning=case, by=request.user, **data),
        title="Staff transfer (TUPE)",
        done="Staff-transfer flags saved.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def exit_plan(request, pk):
    case = decommissioning_for(request.user, pk)
    is_provider = request.user.role == Role.PROVIDER_USER
    can_manage = not is_provider and decide(request.user, Perm.CONTRACTS_MANAGE, case.contract).allowed
    services_list = DirectoryService.objects.filter(status=DirectoryService.Status.ACTIVE).order_by("name")
    sent = request.POST.get("form", "")
    add = forms.EntryForm(request.POST if sent == "add" else None, prefix="add", services=services_list)
    failed = None
    if request.method == "POST":
        case = _managed(request, pk)
        if sent == "add":
            failed = add
            if save_form(request, add, lambda data: services.exit_entry_add(decommissioning=case, by=request.user, **data)):
                messages.success(request, "Added to the exit plan.")
                return redirect("decommissioning:exit-plan", case.pk)
        elif sent.startswith("entry-"):
            entry = get_object_or_404(ExitPlanEntry, decommissioning=case, pk=sent.removeprefix("entry-"))
            failed = forms.EntryStatusForm(request.POST, prefix=sent)
            if save_form(request, failed, lambda data: services.exit_entry_update(entry=entry, by=request.user, **data)):
                messages.success(request, f"{entry.reference} updated.")
                return redirect("decommissioning:exit-plan", case.pk)
        else:
            raise PermissionDenied("That is not one of this page's forms.")
    open_plan = case.status not in (Decommissioning.Status.COMPLETED, Decommissioning.Status.WITHDRAWN)
    entries = [
        (entry, forms.EntryStatusForm(prefix=f"entry-{entry.pk}", initial={"status": entry.status, "note": entry.note}))
        for entry in case.exit_plan.all()
    ]
    return render(
        request,
        "decommissioning/exit_plan.html",
        {
            "case": case,
            "trust": case.contract.trust,
            "form": failed,
            "add": add,
            "entries": entries,
            "can_manage": can_manage and open_plan,
            "page_title": f"Exit plan: {case.contract.reference}",
            "breadcrumbs": _crumbs(case, ("Exit plan", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, pk):
    case = _managed(request, pk)
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: services.decommissioning_submit(decommissioning=case, by=request.user)):
        messages.success(request, "Sent for senior and board sign-off.")
        return redirect("decommissioning:detail", case.pk)
    problems = services.submission_problems(case)
    message = (
        "Still missing: " + "; ".join(problems.values()) + "."
        if problems
        else "Every step is done. Two people other than you, a senior officer and a board member, sign off next."
    )
    return render(
        request,
        "core/confirm_page.html",
        {
            "form": form,
            "trust": case.contract.trust,
            "page_title": "Send for sign-off",
            "message": message,
            "button": "Send for sign-off",
            "cancel_url": reverse("decommissioning:detail", args=[case.pk]),
            "breadcrumbs": _crumbs(case, ("Send for sign-off", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign_off(request, pk):
    case = decommissioning_for(request.user, pk, Perm.CONTRACT_APPROVE)
    form = forms.SignOffForm(_post(request))
    return _form_page(
        request,
        case,
        form,
        lambda data: services.decommissioning_sign_off(decommissioning=case, by=request.user, **data),
        title="Sign off the decommissioning",
        done="Sign-off recorded.",
        submit="Sign off",
        intro="Two sign-offs, a senior officer's and the board's, by two people other than the person who proposed it.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def notice(request, pk):
    case = _managed(request, pk)
    form = forms.NoticeForm(_post(request))
    return _form_page(
        request,
        case,
        form,
        lambda data: services.decommissioning_give_notice(
            decommissioning=case, by=request.user, given_on=data["notice_given_on"], ends_on=data.get("ends_on")
        ),
        title="Give notice",
        done="Notice given: the contract is in notice.",
        submit="Give notice",
        intro=f"The contract's notice period is {case.contract.notice_period_days} days; its term ends on {case.contract.ends_on:%-d %B %Y}.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def complete(request, pk):
    case = _managed(request, pk)
    form = forms.CompleteForm(_post(request))
    return _form_page(
        request,
        case,
        form,
        lambda data: services.decommissioning_complete(decommissioning=case, by=request.user, note=data["note"]),
        title="Record the completion",
        done="Decommissioning completed: the contract has ended early.",
        submit="Record as completed",
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    case = _managed(request, pk)
    form = forms.ReasonForm(_post(request))
    return _form_page(
        request,
        case,
        form,
        lambda data: services.decommissioning_withdraw(decommissioning=case, by=request.user, reason=data["reason"]),
        title="Withdraw the decommissioning",
        done="Withdrawn: the contract carries on.",
        submit="Withdraw",
    )


@login_required
def mine(request):
    if request.user.role != Role.PROVIDER_USER or not request.user.organisation_id:
        raise PermissionDenied("This page is for providers' people: staff see decommissioning from the trust's page.")
    return render(
        request,
        "decommissioning/mine.html",
        {
            "cases": decommissionings_visible(request.user).order_by("-notice_given_on", "-pk"),
            "page_title": "Notice given on your contracts",
            "breadcrumbs": [("Home", reverse("core:home")), ("Notice given on your contracts", "")],
        },
    )
