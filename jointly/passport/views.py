"""The supplier passport's pages: the organisation keeps it, the region's checkers read and score it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from jointly.accounts.disclosure import record_decision
from jointly.accounts.permissions import Perm, decide, has_perm, require
from jointly.core.errors import save_form
from jointly.partnerships.models import Organisation

from . import rules, selectors, services
from .forms import ITEM_FORMS, CheckForm, CoreForm, yes_no
from .models import ITEM_LABELS, POLICIES, Check, Item, ItemKind, kind_of


def _organisation(request, slug, perm: Perm | None = None) -> Organisation:
    """The organisation, if the person may read its passport (404 if not), and do `perm` to it (403 if not)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    decision = rules.read_passport(request.user, organisation)
    if not decision.visible:
        raise Http404("Not found.")
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    if perm is not None:
        require(request.user, perm, organisation)
    return organisation


def _posted(request):
    """The form's data and files: bound on any POST, an empty one included, so it shows what is missing."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _crumbs(organisation, *more):
    return [("Supplier passports", reverse("passport:home")), (organisation.name, reverse("passport:detail", args=[organisation.slug])), *more]


@login_required
@require_GET
def home(request):
    """A provider goes to its own passport; a checker sees the passports of its region."""
    user = request.user
    if user.organisation_id and has_perm(user, Perm.PASSPORT_EDIT):
        return _detail_page(request, user.organisation.slug)  # at the address the navigation links to
    if not has_perm(user, Perm.PASSPORT_CHECK):
        raise PermissionDenied("Supplier passports are kept by organisations and checked by commissioners.")
    organisations = list(selectors.checkable_organisations(user))
    return render(
        request,
        "passport/home.html",
        {
            "organisations": organisations,
            "page_title": "Supplier passports",
            "breadcrumbs": [("Supplier passports", "")],
        },
    )


@login_required
@require_GET
def detail(request, slug):
    return _detail_page(request, slug)


def _detail_page(request, slug):
    organisation = _organisation(request, slug)
    status = selectors.status_of(organisation)
    return render(
        request,
        "passport/detail.html",
        {
            "organisation": organisation,
            "status": status,
            "can_keep": decide(request.user, Perm.PASSPORT_EDIT, organisation).allowed,
            "can_check": decide(request.user, Perm.PASSPORT_CHECK, organisation).allowed,
            "validity_months": selectors.validity_months(),
            "page_title": f"Supplier passport: {organisation.name}",
            "breadcrumbs": _crumbs(organisation)[:-1] + [(organisation.name, "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def core(request, slug):
    organisation = _organisation(request, slug, Perm.PASSPORT_EDIT)
    passport = selectors.passport_of(organisation)
    initial = None
    if passport is not None:
        initial = {
            "registered_address": passport.registered_address,
            "postcode": passport.postcode,
            "share_code": passport.share_code,
            "staff": passport.staff,
            "volunteers": passport.volunteers,
            "sme": {True: "yes", False: "no"}.get(passport.sme),
        }
    form = CoreForm(request.POST if request.method == "POST" else None, initial=initial)

    def save(data):
        return services.core_save(organisation=organisation, by=request.user, **{**data, "sme": yes_no(data["sme"])})

    if save_form(request, form, save):
        messages.success(request, "Your core information is saved and confirmed.")
        return redirect("passport:detail", organisation.slug)
    return render(
        request,
        "passport/form.html",
        {
            "organisation": organisation,
            "form": form,
            "heading": "Core information",
            "intro": "Your name, charity and company numbers, PPON and income band come from your organisation's record, so you are not asked for them again.",
            "button": "Save and confirm",
            "page_title": f"Core information: {organisation.name}",
            "breadcrumbs": _crumbs(organisation, ("Core information", "")),
        },
    )


def _item_initial(item: Item) -> dict:
    names = ("link", "adopted_on", "review_on", "insurer", "cover", "expires_on", "year_end", "income", "expenditure", "reserves")
    return {name: getattr(item, name) for name in names}


@login_required
@require_http_methods(["GET", "POST"])
def item(request, slug, key):
    organisation = _organisation(request, slug, Perm.PASSPORT_EDIT)
    if key not in ITEM_LABELS:
        raise Http404("Not found.")
    passport = selectors.passport_of(organisation)
    existing = Item.objects.filter(passport=passport, key=key).defer("document").first() if passport else None
    form_class = ITEM_FORMS[kind_of(key)]
    form = form_class(*_posted(request), initial=_item_initial(existing) if existing else None)
    if existing is not None and existing.has_document:
        form.fields["remove_document"] = forms.BooleanField(label=f"Remove the uploaded document ({existing.document_name})", required=False)

    def save(data):
        return services.item_save(organisation=organisation, key=key, by=request.user, **data)

    if save_form(request, form, save):
        messages.success(request, f"Your {ITEM_LABELS[key].lower()} is saved.")
        return redirect("passport:detail", organisation.slug)
    label = ITEM_LABELS[key]
    return render(
        request,
        "passport/form.html",
        {
            "organisation": organisation,
            "form": form,
            "multipart": True,
            "heading": label,
            "item": existing,
            "intro": {
                ItemKind.POLICY: "Every trust in the region reuses this policy. It is accepted until its review date, or for the validity period from the date adopted, whichever is sooner.",
                ItemKind.INSURANCE: "Every trust in the region reuses this. It is accepted until the cover ends.",
                ItemKind.ACCOUNTS: "Your latest accounts, as filed. They are accepted for the validity period from the year end.",
            }[kind_of(key)],
            "button": "Save",
            "page_title": f"{label}: {organisation.name}",
            "breadcrumbs": _crumbs(organisation, (label, "")),
        },
    )


@login_required
@require_GET
def document(request, slug, key):
    organisation = _organisation(request, slug)
    record = get_object_or_404(Item, passport__organisation=organisation, key=key, document_size__gt=0)
    if not record_decision(request.user, record).allowed:
        raise Http404("Not found.")
    response = HttpResponse(bytes(record.document), content_type=record.document_type)
    response["Content-Disposition"] = f'attachment; filename="{record.document_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def check(request, slug, key):
    organisation = _organisation(request, slug, Perm.PASSPORT_CHECK)
    if key not in POLICIES:
        raise Http404("Not found.")
    record = Item.objects.filter(passport__organisation=organisation, key=key).defer("document").first()
    if record is None:
        raise Http404("Not found.")
    standing = selectors.scores_for(organisation).get(key)
    form = CheckForm(request.POST if request.method == "POST" else None)

    def save(data):
        trust = rules.checker_trusts(request.user, organisation).order_by("name").first()
        return services.check_record(
            organisation=organisation,
            key=key,
            by=request.user,
            trust=trust,
            scheme=data["scheme"],
            passed=yes_no(data["passed"]),
            score=data["score"],
            reason=data["reason"],
        )

    if save_form(request, form, save):
        messages.success(request, f"The score of the {ITEM_LABELS[key].lower()} is saved. Every trust in the region will reuse it.")
        return redirect("passport:detail", organisation.slug)
    return render(
        request,
        "passport/check.html",
        {
            "organisation": organisation,
            "item": record,
            "label": ITEM_LABELS[key],
            "standing": standing,
            "form": form,
            "scale_max": Check.SCALE_MAX,
            "page_title": f"Score the {ITEM_LABELS[key].lower()}: {organisation.name}",
            "breadcrumbs": _crumbs(organisation, (f"Score the {ITEM_LABELS[key].lower()}", "")),
        },
    )
