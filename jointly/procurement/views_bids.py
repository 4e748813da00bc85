"""The bidder's pages: its bids, and each bid's answers, files, pricing, consortium, submission and receipt.

Every bid is read through `selectors.bids.own_bid`, which lets in only the bidding organisation's
people and refuses (and, while sealed, records) everyone else. Writes go through `services.bids`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from jointly.accounts.permissions import Perm, has_perm
from jointly.core.errors import FieldErrors, save_form
from jointly.core.forms import ConfirmForm
from jointly.core.pagination import paginate
from jointly.plans import fcr

from .forms_bids import AttachmentForm, LeadRoleForm, MemberForm, StartForm, WithdrawForm, answers_form_class, pricing_form_class
from .models import Bid
from .sealing import is_bidder
from .selectors import bids as selectors
from .services import bids as services

SECTIONS = [
    ("answers", "Answers"),
    ("attachments", "Files"),
    ("pricing", "Pricing"),
    ("consortium", "Consortium"),
    ("submit", "Check and submit"),
]


def _bidder(request) -> None:
    if not services.may_bid(request.user):
        raise PermissionDenied("Only people of a provider organisation make bids.")


def _bid(request, pk) -> Bid:
    return selectors.own_bid(request.user, pk)


def _crumbs(bid: Bid | None, *more):
    crumbs = [("Your bids", reverse("bids:list"))]
    if bid is not None:
        crumbs.append((bid.opportunity.title, reverse("bids:detail", args=[bid.pk])))
    return crumbs + list(more)


def _page(request, template, bid, section, title, **context):
    return render(
        request,
        template,
        {
            "bid": bid,
            "sections": SECTIONS if getattr(bid, "is_lead", True) else [item for item in SECTIONS if item[0] != "submit"],
            "section": section,
            # A consortium member reads the lead's bid; only the lead's people change it.
            "editable": bid.status == Bid.Status.DRAFT and not bid.opportunity_closed and bid.is_lead,
            "page_title": title,
            "breadcrumbs": _crumbs(bid, (title, "")),
            **context,
        },
    )


def _with_closed(bid: Bid, user=None) -> Bid:
    # For showing buttons only; every write checks the closing time and the bidder again on the locked row.
    bid.is_lead = user is None or is_bidder(user, bid)
    opportunity = bid.opportunity
    bid.opportunity_closed = opportunity.status != "open" or opportunity.closes_at is None or timezone.now() >= opportunity.closes_at
    return bid


@login_required
def bid_list(request):
    # Open to everyone signed in: someone of no provider organisation is told they have no bids.
    bids = list(selectors.own_bids(request.user))
    return render(
        request,
        "procurement/bids/list.html",
        {"bids": bids, "page_title": "Your bids", "breadcrumbs": [("Your bids", "")]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def bid_start(request, opportunity_pk):
    _bidder(request)
    opportunity = selectors.open_for_bids(opportunity_pk)
    lots = opportunity.lots.order_by("number")
    form = StartForm(request.POST or None, lots=lots) if lots.exists() else ConfirmForm.from_request(request)
    bid = save_form(request, form, lambda data: services.bid_start(opportunity=opportunity, by=request.user, lot=data.get("lot")))
    if bid:
        messages.success(request, "Your bid is started. It is saved as you go: come back to it at any time before the closing time.")
        return redirect("bids:detail", bid.pk)
    return render(
        request,
        "procurement/bids/start.html",
        {
            "opportunity": opportunity,
            "form": form,
            "page_title": f"Bid for {opportunity.title}",
            "breadcrumbs": _crumbs(None, ("Start a bid", "")),
        },
    )


@login_required
def bid_detail(request, pk):
    bid = _with_closed(_bid(request, pk), request.user)
    cost = services.bid_full_cost(bid)
    return _page(
        request,
        "procurement/bids/detail.html",
        bid,
        "overview",
        bid.opportunity.title,
        problems=services.bid_problems(bid) if bid.status == Bid.Status.DRAFT else {},
        passport_gaps=services.passport_problems(bid).get("passport", ""),
        member_gaps=services.member_passport_gaps(bid),
        answered=bid.answers.exclude(text="").count(),
        questions=bid.opportunity.questions.count(),
        files=bid.attachments.count(),
        members=bid.members.count(),
        cost=cost,
        shortfall=services.price_below_full_cost(bid, cost),
        replacement=Bid.objects.filter(supersedes=bid, status=Bid.Status.DRAFT).first(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def bid_answers(request, pk):
    bid = _with_closed(_bid(request, pk), request.user)
    answers = selectors.bid_answers(bid)
    form_class = answers_form_class(answers)
    initial = {f"answer_{question.pk}": answer.text if answer else "" for question, answer in answers}
    form = form_class(request.POST or None, initial=initial)

    def save(data):
        return services.bid_answers_save(bid=bid, by=request.user, answers={question.pk: data[f"answer_{question.pk}"] for question, _ in answers})

    if save_form(request, form, save):
        messages.success(request, "Your answers are saved.")
        return redirect("bids:answers", bid.pk)
    return _page(request, "procurement/bids/answers.html", bid, "answers", "Answers", form=form, answers=answers)


def _pricing_initial(bid: Bid) -> dict:
    initial = {field: getattr(bid, field) for field in ("price", "direct_staff", "direct_running", "direct_non_cash", "units")}
    initial["unit_name"] = bid.unit_name
    for key, row in selectors.overheads_by_pool(bid).items():
        initial.update({f"{key}_cost": row.pool_cost, f"{key}_total": row.driver_total, f"{key}_service": row.driver_service})
    return {name: ("" if value is None else value) for name, value in initial.items()}


@login_required
@require_http_methods(["GET", "POST"])
def bid_pricing(request, pk):
    bid = _with_closed(_bid(request, pk), request.user)
    form = pricing_form_class()(request.POST or None, initial=_pricing_initial(bid))

    def save(data):
        overheads = {key: (data[f"{key}_cost"], data[f"{key}_total"], data[f"{key}_service"]) for key in fcr.POOLS}
        return services.bid_pricing_save(
            bid=bid,
            by=request.user,
            price=data["price"],
            direct_staff=data["direct_staff"],
            direct_running=data["direct_running"],
            direct_non_cash=data["direct_non_cash"],
            units=data["units"],
            unit_name=data["unit_name"],
            overheads=overheads,
        )

    if save_form(request, form, save, rename=lambda field: f"{field}_cost" if field in fcr.POOLS else field):
        messages.success(request, "Your pricing is saved.")
        return redirect("bids:pricing", bid.pk)
    cost = services.bid_full_cost(bid)
    pool_fields = [(key, name, driver, [form[f"{key}_{part}"] for part in ("cost", "total", "service")]) for key, (name, driver) in fcr.POOLS.items()]
    main_fields = [form[name] for name in ("price", "direct_staff", "direct_running", "direct_non_cash", "units", "unit_name")]
    return _page(
        request,
        "procurement/bids/pricing.html",
        bid,
        "pricing",
        "Pricing: full cost recovery",
        form=form,
        cost=cost,
        shortfall=services.price_below_full_cost(bid, cost),
        pool_fields=pool_fields,
        main_fields=main_fields,
    )


@login_required
@require_http_methods(["GET", "POST"])
def bid_attachments(request, pk):
    bid = _with_closed(_bid(request, pk), request.user)
    form = AttachmentForm(request.POST or None, request.FILES or None)

    def save(data):
        upload = data["file"]
        if upload.size > services.MAX_ATTACHMENT_BYTES:
            # Refused before reading it: a huge file is never held in memory.
            raise FieldErrors({"file": f"The file must be smaller than {services.MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB"})
        return services.bid_attachment_add(bid=bid, by=request.user, name=upload.name, content=upload.read())

    if save_form(request, form, save):
        messages.success(request, "Your file is added.")
        return redirect("bids:attachments", bid.pk)
    return _page(
        request, "procurement/bids/attachments.html", bid, "attachments", "Files", form=form, attachments=list(selectors.bid_attachments(bid))
    )


@login_required
def attachment_file(request, pk, attachment_pk):
    attachment = selectors.own_attachment(request.user, pk, attachment_pk)
    response = HttpResponse(bytes(attachment.content), content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="{attachment.name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def attachment_remove(request, pk, attachment_pk):
    attachment = selectors.own_attachment(request.user, pk, attachment_pk)
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda data: services.bid_attachment_remove(attachment=attachment, by=request.user)):
        messages.success(request, f"{attachment.name} is removed.")
    else:
        messages.error(request, " ".join(form.non_field_errors()))
    return redirect("bids:attachments", pk)


@login_required
@require_http_methods(["GET", "POST"])
def bid_consortium(request, pk):
    bid = _with_closed(_bid(request, pk), request.user)
    which = request.POST.get("form_name") if request.method == "POST" else None
    member_form = MemberForm(request.POST if which == "member" else None)
    member_form.fields["organisation"].queryset = member_form.fields["organisation"].queryset.exclude(pk=bid.organisation_id)
    lead_form = LeadRoleForm(request.POST if which == "lead" else None, initial={"lead_role": bid.lead_role})
    if which == "member" and save_form(
        request,
        member_form,
        lambda data: services.consortium_member_add(
            bid=bid,
            by=request.user,
            organisation=data["organisation"],
            role=data["role"],
            work_share=data["work_share"],
            money_share=data["money_share"],
            years_experience=data["years_experience"],
        ),
    ):
        messages.success(request, "The member is added.")
        return redirect("bids:consortium", bid.pk)
    if which == "lead" and save_form(
        request, lead_form, lambda data: services.consortium_lead_role_save(bid=bid, by=request.user, lead_role=data["lead_role"])
    ):
        messages.success(request, "Your role as the lead is saved.")
        return redirect("bids:consortium", bid.pk)
    return _page(
        request,
        "procurement/bids/consortium.html",
        bid,
        "consortium",
        "Consortium",
        form=lead_form if which == "lead" else member_form,
        member_form=member_form,
        lead_form=lead_form,
        consortium=selectors.consortium(bid),
    )


@login_required
@require_POST
def member_remove(request, pk, member_pk):
    bid = _bid(request, pk)
    member = bid.members.select_related("organisation").filter(pk=member_pk).first()
    if member is None:
        raise Http404("Not found.")
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda data: services.consortium_member_remove(member=member, by=request.user)):
        messages.success(request, f"{member.organisation.name} is removed from the consortium.")
    else:
        messages.error(request, " ".join(form.non_field_errors()))
    return redirect("bids:consortium", pk)


@login_required
@require_http_methods(["GET", "POST"])
def bid_submit(request, pk):
    bid = _with_closed(_bid(request, pk), request.user)
    form = ConfirmForm.from_request(request)
    submitted = save_form(request, form, lambda data: services.bid_submit(bid=bid, by=request.user))
    if submitted:
        return redirect("bids:receipt", submitted.pk)
    problems = services.bid_problems(bid) if bid.status == Bid.Status.DRAFT else {}
    cost = services.bid_full_cost(bid)
    return _page(
        request,
        "procurement/bids/submit.html",
        bid,
        "submit",
        "Check and submit your bid",
        form=form,
        problems=problems,
        answers=selectors.bid_answers(bid),
        attachments=list(selectors.bid_attachments(bid)),
        consortium=selectors.consortium(bid),
        cost=cost,
        shortfall=services.price_below_full_cost(bid, cost),
    )


@login_required
@require_http_methods(["GET", "POST"])
def bid_withdraw(request, pk):
    bid = _with_closed(_bid(request, pk), request.user)
    form = WithdrawForm(request.POST or None)
    if save_form(request, form, lambda data: services.bid_withdraw(bid=bid, by=request.user, reason=data["reason"])):
        messages.success(request, "Your bid is withdrawn.")
        return redirect("bids:detail", bid.pk)
    return _page(request, "procurement/bids/withdraw.html", bid, "withdraw", "Withdraw your bid", form=form)


@login_required
@require_http_methods(["GET", "POST"])
def bid_replace(request, pk):
    bid = _with_closed(_bid(request, pk), request.user)
    form = ConfirmForm.from_request(request)
    replacement = save_form(request, form, lambda data: services.bid_replace(bid=bid, by=request.user))
    if replacement:
        messages.success(request, "A new version is drafted from your bid. Your submitted bid stands until you submit this one.")
        return redirect("bids:detail", replacement.pk)
    return _page(request, "procurement/bids/replace.html", bid, "replace", "Replace your bid with a new version", form=form)


@login_required
def bid_receipt(request, pk):
    bid = _bid(request, pk)
    if not bid.receipt:
        return redirect("bids:detail", bid.pk)
    return _page(request, "procurement/bids/receipt.html", _with_closed(bid, request.user), "receipt", "Bid received")


@login_required
def seal_attempts(request):
    """The trail of refused reads of sealed bids, for those who read the audit trail of their trusts."""
    if not has_perm(request.user, Perm.AUDIT_VIEW):
        raise PermissionDenied("Only people who can see the audit trail can see attempts to read sealed bids.")
    return render(
        request,
        "procurement/bids/seal_attempts.html",
        {
            "page_obj": paginate(request, selectors.seal_attempts_for(request.user)),
            "page_title": "Attempts to read sealed bids",
            "breadcrumbs": [("Attempts to read sealed bids", "")],
        },
    )
