"""Variations and extensions of a signed contract: proposed by its commissioners (CONTRACTS_MANAGE),
decided by them or, above the officers' limit and for every extension, a senior approver (CONTRACT_APPROVE)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm
from jointly.core.errors import save_form

from .forms import DecisionForm, ExtensionForm, VariationForm
from .selectors.contracts import contract_for
from .services import variations as services
from .views import crumbs_for, form_page


@login_required
@require_http_methods(["GET", "POST"])
def variation_add(request, pk):
    contract = contract_for(request.user, pk, Perm.CONTRACTS_MANAGE)
    back = reverse("contracts:detail", args=[contract.pk])
    form = VariationForm(request.POST or None, initial={"applies_from": timezone.localdate(), "value_change": "0"})
    variation = save_form(request, form, lambda data: services.variation_propose(contract=contract, by=request.user, **data))
    if variation:
        messages.success(request, f"Variation {variation.number} proposed. It changes nothing until it is approved.")
        return redirect("contracts:variation", contract.pk, variation.pk)
    return form_page(
        request,
        form,
        trust=contract.trust,
        title="Propose a variation",
        intro=(
            "A variation is tested against the rules: a change to the overall nature, or beyond the value and term limits, is refused; "
            "more than a small change in value needs a contract change notice (not for light-touch services)."
        ),
        crumbs=crumbs_for(request.user, contract, ("Propose a variation", "")),
        cancel_url=back,
        submit="Propose the variation",
    )


@login_required
@require_http_methods(["GET", "POST"])
def variation(request, pk, variation_pk):
    contract = contract_for(request.user, pk)
    variation = get_object_or_404(contract.variations.select_related("proposed_by", "decided_by"), pk=variation_pk)
    refusal = services.approval_refusal(variation, request.user)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and refusal:
        raise PermissionDenied(refusal)
    decided = save_form(
        request,
        form,
        lambda data: services.variation_decide(variation=variation, by=request.user, approve=data["outcome"] == "approve", note=data["note"]),
    )
    if decided:
        messages.success(request, f"Variation {variation.number}: {decided.get_status_display().lower()}.")
        return redirect("contracts:detail", contract.pk)
    return render(
        request,
        "contracts/variation.html",
        {
            "trust": contract.trust,
            "contract": contract,
            "variation": variation,
            "form": form,
            "may_decide": variation.status == variation.Status.PROPOSED and refusal is None,
            "refusal": refusal if variation.status == variation.Status.PROPOSED else None,
            "page_title": f"Variation {variation.number}: {contract.reference}",
            "breadcrumbs": crumbs_for(request.user, contract, (f"Variation {variation.number}", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def extension_add(request, pk):
    contract = contract_for(request.user, pk, Perm.CONTRACTS_MANAGE)
    back = reverse("contracts:detail", args=[contract.pk])
    option = services.next_extension_option(contract)
    form = ExtensionForm(request.POST or None)
    extension = save_form(request, form, lambda data: services.extension_propose(contract=contract, by=request.user, **data))
    if extension:
        messages.success(request, f"Extension option {extension.option} proposed for a senior approver's decision.")
        return redirect("contracts:extension", contract.pk, extension.pk)
    intro = f"Option {option[0]}: {option[1]} months after {contract.ends_on:%-d %B %Y}." if option else "The contract has no extension option left."
    return form_page(
        request,
        form,
        trust=contract.trust,
        title="Propose an extension",
        intro=intro,
        crumbs=crumbs_for(request.user, contract, ("Propose an extension", "")),
        cancel_url=back,
        submit="Propose the extension",
    )


@login_required
@require_http_methods(["GET", "POST"])
def extension(request, pk, extension_pk):
    contract = contract_for(request.user, pk)
    extension = get_object_or_404(contract.extensions.select_related("proposed_by", "decided_by"), pk=extension_pk)
    form = DecisionForm(request.POST or None)
    may_decide = request.user.has_perm(str(Perm.CONTRACT_APPROVE), contract)
    if request.method == "POST" and not may_decide:
        raise PermissionDenied("Only a senior approver (a board member) can decide an extension.")
    decided = save_form(
        request,
        form,
        lambda data: services.extension_decide(extension=extension, by=request.user, approve=data["outcome"] == "approve", note=data["note"]),
    )
    if decided:
        messages.success(request, f"Extension option {extension.option}: {decided.get_status_display().lower()}.")
        return redirect("contracts:detail", contract.pk)
    return render(
        request,
        "contracts/extension.html",
        {
            "trust": contract.trust,
            "contract": contract,
            "extension": extension,
            "form": form,
            "may_decide": extension.status == extension.Status.PROPOSED and may_decide,
            "page_title": f"Extension option {extension.option}: {contract.reference}",
            "breadcrumbs": crumbs_for(request.user, contract, (f"Extension option {extension.option}", "")),
        },
    )
