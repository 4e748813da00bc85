"""Contract pages: the trust's list (CONTRACTS_VIEW), making and completing drafts (CONTRACTS_MANAGE),
signing and cancelling, the document, and the parties' own read-only view of their contracts.

Every page fetches its trust with `get_object_for` or its contract with `selectors.contract_for`:
another trust's (or provider's) contract is "not found", a role without the permission "forbidden".
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, get_object_for
from jointly.assessment.models import Priority
from jointly.audit.history import may_open_history
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm
from jointly.core.pagination import paginate
from jointly.core.transitions import actions, version_of
from jointly.needs.models import IndicatorDefinition
from jointly.partnerships.models import Organisation, Trust
from jointly.resources.models import PooledFund

from .forms import (
    DirectAwardForm,
    FilterForm,
    FromAwardForm,
    FundingShareForm,
    InsuranceForm,
    MeasureForm,
    PartiesForm,
    ReasonForm,
    RiskForm,
    TermsForm,
)
from .models import Contract
from .selectors import contracts as selectors
from .services import contracts as services
from .services import documents, terms
from .services.terms import default_form


def _trust(request, slug, perm=Perm.CONTRACTS_VIEW) -> Trust:
    return get_object_for(request.user, perm, Trust.objects.select_related("region"), slug=slug)


def _contract(request, pk, perm=Perm.CONTRACTS_VIEW) -> Contract:
    return selectors.contract_for(request.user, pk, perm)


def _list_crumb(contract):
    return ("Contracts", reverse("contracts:list", args=[contract.trust.slug]))


def crumbs_for(user, contract, *more):
    """The trail to a contract's page: staff through the trust's list, a provider through their own list."""
    if user.role == Role.PROVIDER_USER:
        head = [("Your contracts", reverse("contracts:mine"))]
    else:
        head = [(contract.trust.name, contract.trust.get_absolute_url()), _list_crumb(contract)]
    return [*head, (contract.reference, reverse("contracts:detail", args=[contract.pk]) if more else ""), *more]


def form_page(request, form, *, trust, title, crumbs, cancel_url, submit="Save", intro=""):
    return render(
        request,
        "core/form_page.html",
        {"trust": trust, "form": form, "cancel_url": cancel_url, "submit": submit, "intro": intro, "page_title": title, "breadcrumbs": crumbs},
    )


@login_required
def contract_list(request, slug):
    trust = _trust(request, slug)
    if request.user.role == Role.PROVIDER_USER:
        # A provider's contracts from every trust are on one page of its own.
        return redirect("contracts:mine")
    filters = FilterForm(request.GET or None)
    status = filters.cleaned_data.get("status", "") if filters.is_valid() else ""
    queryset = selectors.contracts_of_trust(request.user, trust, status=status).order_by("-starts_on", "reference")
    return render(
        request,
        "contracts/list.html",
        {
            "trust": trust,
            "filters": filters,
            "page_obj": paginate(request, queryset),
            "ready": selectors.awards_ready_for_contract(trust).count(),
            "can_manage": request.user.has_perm(str(Perm.CONTRACTS_MANAGE), trust),
            "page_title": f"Contracts: {trust.name}",
            "breadcrumbs": [(trust.name, trust.get_absolute_url()), ("Contracts", "")],
        },
    )


@login_required
def my_contracts(request):
    """A provider's contracts as a party, from every trust."""
    return render(
        request,
        "contracts/mine.html",
        {
            "page_obj": paginate(request, selectors.contracts_visible(request.user).order_by("-starts_on", "reference")),
            "page_title": "Your contracts",
        },
    )


@login_required
def awards_ready(request, slug):
    trust = _trust(request, slug, Perm.CONTRACTS_MANAGE)
    return render(
        request,
        "contracts/awards.html",
        {
            "trust": trust,
            "awards": selectors.awards_ready_for_contract(trust),
            "page_title": "Awards ready for contract",
            "breadcrumbs": [
                (trust.name, trust.get_absolute_url()),
                ("Contracts", reverse("contracts:list", args=[trust.slug])),
                ("Awards ready for contract", ""),
            ],
        },
    )


def _buyers(trust):
    return Organisation.objects.filter(partnerships__trust=trust).distinct()


@login_required
@require_http_methods(["GET", "POST"])
def from_award(request, slug, award_pk):
    trust = _trust(request, slug, Perm.CONTRACTS_MANAGE)
    award = get_object_or_404(selectors.awards_ready_for_contract(trust), pk=award_pk)
    form = FromAwardForm(request.POST or None, buyers=_buyers(trust), initial={"form": default_form(award.value, award.decision.decided_at.date())})
    contract = save_form(request, form, lambda data: services.contract_create_from_award(award=award, by=request.user, **_term_data(data)))
    if contract:
        messages.success(request, f"Draft contract {contract.reference} made from the award. Complete its terms, then record it as signed.")
        return redirect("contracts:detail", contract.pk)
    opportunity = award.decision.opportunity
    return form_page(
        request,
        form,
        trust=trust,
        title=f"Make the contract: {opportunity.title}",
        intro=f"Awarded to {award.organisation.name} for £{award.value:,.2f}. The bid's parties and shares and the specification's outcomes are copied in.",
        crumbs=[
            (trust.name, trust.get_absolute_url()),
            ("Awards ready for contract", reverse("contracts:awards", args=[trust.slug])),
            ("Make the contract", ""),
        ],
        cancel_url=reverse("contracts:awards", args=[trust.slug]),
        submit="Make the draft contract",
    )


def _term_data(data: dict) -> dict:
    data = dict(data)
    try:
        data["extension_months"] = terms.extension_options(data.get("extension_months", ""))
    except ValueError:
        from jointly.core.errors import FieldErrors

        raise FieldErrors({"extension_months": "Enter each extension option in whole months, separated by commas, for example 12, 12"}) from None
    return data


@login_required
@require_http_methods(["GET", "POST"])
def direct_award(request, slug):
    trust = _trust(request, slug, Perm.CONTRACTS_MANAGE)
    form = DirectAwardForm(request.POST or None, buyers=_buyers(trust), suppliers=Organisation.objects.all())

    def save(data):
        data = _term_data(data)
        return services.contract_create_direct(trust=trust, by=request.user, **data)

    contract = save_form(request, form, save)
    if contract:
        messages.success(request, f"Direct award recorded as draft contract {contract.reference}.")
        return redirect("contracts:detail", contract.pk)
    return form_page(
        request,
        form,
        trust=trust,
        title="Record a direct award",
        intro="A contract awarded without a competition here, with its justification (the transparency notice is published before it).",
        crumbs=[(trust.name, trust.get_absolute_url()), ("Contracts", reverse("contracts:list", args=[trust.slug])), ("Record a direct award", "")],
        cancel_url=reverse("contracts:list", args=[trust.slug]),
        submit="Save the draft contract",
    )


@login_required
def detail(request, pk):
    contract = _contract(request, pk)
    staff = request.user.role != Role.PROVIDER_USER
    return render(
        request,
        "contracts/detail.html",
        {
            "trust": contract.trust,
            "contract": contract,
            "staff": staff,
            **selectors.contract_page_parts(contract),
            **actions(contract, request.user, edit_perm=Perm.CONTRACTS_MANAGE),
            "is_draft": contract.status == Contract.Status.DRAFT,
            "short_term_warning": services.needs_short_term_reason(contract),
            "problems": services.signing_problems(contract) if staff and contract.status == Contract.Status.DRAFT else {},
            "can_vary": staff and contract.is_running and request.user.has_perm(str(Perm.CONTRACTS_MANAGE), contract),
            "can_see_history": may_open_history(request.user, contract),
            "page_title": f"{contract.reference}: {contract.title}",
            "breadcrumbs": crumbs_for(request.user, contract),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def terms_edit(request, pk):
    contract = _contract(request, pk, Perm.CONTRACTS_MANAGE)
    back = reverse("contracts:detail", args=[contract.pk])
    initial = {
        name: getattr(contract, name)
        for name in (
            "title",
            "description",
            "starts_on",
            "ends_on",
            "value",
            "form",
            "payment_basis",
            "payment_terms_days",
            "notice_period_days",
            "pooled_fund",
            "funding_note",
            "clawback_terms",
            "short_term_reason",
        )
    }
    initial["extension_months"] = ", ".join(str(months) for months in contract.extension_months)
    initial["version"] = version_of(contract)
    form = TermsForm(request.POST or None, initial=initial, funds=PooledFund.objects.filter(trust=contract.trust).order_by("name"))
    if save_form(request, form, lambda data: terms.contract_terms_edit(contract=contract, by=request.user, **data)):
        messages.success(request, "Terms saved.")
        return redirect(back)
    return form_page(
        request, form, trust=contract.trust, title="Change the terms", crumbs=crumbs_for(request.user, contract, ("Terms", "")), cancel_url=back
    )


@login_required
@require_http_methods(["GET", "POST"])
def parties(request, pk):
    contract = _contract(request, pk, Perm.CONTRACTS_MANAGE)
    back = reverse("contracts:detail", args=[contract.pk])
    members = [party for party in contract.parties.all() if party.part == party.Part.MEMBER]
    initial = {}
    for index, party in enumerate(members[: PartiesForm.ROWS]):
        initial.update(
            {
                f"organisation_{index}": party.organisation,
                f"role_{index}": party.role,
                f"work_{index}": party.work_share,
                f"money_{index}": party.money_share,
            }
        )
    form = PartiesForm(request.POST or None, initial=initial, organisations=Organisation.objects.exclude(pk=contract.supplier_id))
    if save_form(
        request,
        form,
        lambda _: services.contract_parties_set(contract=contract, by=request.user, members=form.members()),
        rename=lambda f: f.replace("members-", "organisation_"),
    ):
        messages.success(request, "Consortium members saved.")
        return redirect(back)
    return form_page(
        request,
        form,
        trust=contract.trust,
        title="Consortium members",
        intro=f"{contract.supplier.name} leads and keeps what is left of 100% of the work and the money. Leave a row empty for no member.",
        crumbs=crumbs_for(request.user, contract, ("Consortium members", "")),
        cancel_url=back,
    )


def _part_page(request, pk, form_class, save, *, title, done, form_kwargs=None, initial=None, intro=""):
    contract = _contract(request, pk, Perm.CONTRACTS_MANAGE)
    back = reverse("contracts:detail", args=[contract.pk])
    form = form_class(request.POST or None, initial=initial(contract) if initial else None, **(form_kwargs(contract) if form_kwargs else {}))
    if save_form(request, form, lambda data: save(contract, data)):
        messages.success(request, done)
        return redirect(back)
    return form_page(
        request, form, trust=contract.trust, title=title, intro=intro, crumbs=crumbs_for(request.user, contract, (title, "")), cancel_url=back
    )


def _measure_choices(contract):
    return {
        "priorities": Priority.objects.filter(trust=contract.trust).order_by("title"),
        "indicators": IndicatorDefinition.objects.order_by("name"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def measure_add(request, pk):
    return _part_page(
        request,
        pk,
        MeasureForm,
        lambda contract, data: terms.measure_save(contract=contract, by=request.user, **data),
        title="Add a measure",
        done="Measure added.",
        form_kwargs=_measure_choices,
        initial=lambda contract: {"kind": "kpi", "question": "better_off", "required": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, pk, measure_pk):
    contract = _contract(request, pk, Perm.CONTRACTS_MANAGE)
    measure = get_object_or_404(contract.measures.all(), pk=measure_pk)
    fields = ("kind", "question", "text", "how_measured", "value_type", "target", "unit", "required", "priority", "indicator")
    return _part_page(
        request,
        pk,
        MeasureForm,
        lambda contract, data: terms.measure_save(contract=contract, by=request.user, measure=measure, **data),
        title="Change a measure",
        done="Measure saved.",
        form_kwargs=_measure_choices,
        initial=lambda contract: {name: getattr(measure, name) for name in fields},
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_add(request, pk):
    return _part_page(
        request,
        pk,
        RiskForm,
        lambda contract, data: terms.risk_add(contract=contract, by=request.user, **data),
        title="Add a risk",
        done="Risk recorded.",
        intro="Put each risk with the party best able to manage it, not by default on the smallest partner.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def insurance_add(request, pk):
    return _part_page(
        request,
        pk,
        InsuranceForm,
        lambda contract, data: terms.insurance_set(contract=contract, by=request.user, **data),
        title="Require insurance",
        done="Insurance requirement saved.",
    )


@login_required
@require_http_methods(["POST"])
def insurance_defaults(request, pk):
    contract = _contract(request, pk, Perm.CONTRACTS_MANAGE)
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: terms.insurance_apply_defaults(contract=contract, by=request.user)):
        messages.success(request, "The cover proportionate to the contract's value is now required.")
    else:
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return redirect("contracts:detail", contract.pk)


@login_required
@require_http_methods(["GET", "POST"])
def funding_add(request, pk):
    return _part_page(
        request,
        pk,
        FundingShareForm,
        lambda contract, data: terms.funding_share_add(contract=contract, by=request.user, **data),
        title="Add a partner's budget",
        done="Funding share added.",
        form_kwargs=lambda contract: {"partners": _buyers(contract.trust)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign(request, pk):
    contract = _contract(request, pk, Perm.CONTRACTS_MANAGE)
    back = reverse("contracts:detail", args=[contract.pk])
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: services.contract_sign(contract=contract, by=request.user)):
        messages.success(request, f"{contract.reference} is signed and running.")
        return redirect(back)
    return render(
        request,
        "contracts/sign.html",
        {
            "trust": contract.trust,
            "contract": contract,
            "form": form,
            "problems": services.signing_problems(contract) if request.method == "GET" else {},
            "cancel_url": back,
            "page_title": f"Record as signed: {contract.reference}",
            "breadcrumbs": crumbs_for(request.user, contract, ("Record as signed", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk):
    return _part_page(
        request,
        pk,
        ReasonForm,
        lambda contract, data: services.contract_cancel(contract=contract, by=request.user, reason=data["reason"]),
        title="Cancel the draft contract",
        done="Contract cancelled.",
        intro="A cancelled draft is kept, with the reason, but can no longer be signed.",
    )


@login_required
def document(request, pk):
    contract = _contract(request, pk)
    return render(
        request,
        "contracts/document.html",
        {
            "trust": contract.trust,
            "contract": contract,
            "sections": documents.sections(contract),
            "page_title": f"{'Short-form agreement' if contract.form == Contract.Form.SHORT else 'Contract'}: {contract.title}",
            "breadcrumbs": crumbs_for(request.user, contract, ("Document", "")),
        },
    )


@login_required
def document_pdf(request, pk):
    contract = _contract(request, pk)
    response = HttpResponse(documents.contract_pdf(contract), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{contract.reference}.pdf"'
    return response
