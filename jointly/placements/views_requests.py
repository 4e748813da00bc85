"""A placement request's pages, for the trust's staff and the lead professional holding its budget:
the request (offers compared side by side), the child's personal details (under the DPIA), sending,
choosing, ending and cancelling. Every view of a request holding personal data is audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, decide
from jointly.audit.history import may_open_history
from jointly.audit.services import audit_view
from jointly.core.errors import save_form
from jointly.core.forms import VersionField
from jointly.core.transitions import actions, version_of
from jointly.partnerships.models import Organisation

from . import selectors
from .forms import CancelForm, ChildDetailsForm, ChooseForm, EndForm, RequestForm, SendForm
from .models import ChildDetails, IndividualBudget, Offer
from .services import assessments, offers, requests
from .views_staff import crumbs, form_page


def _details(placement, user):
    """The child's personal details, if any, their reading recorded in the audit trail."""
    details = ChildDetails.objects.filter(request=placement).select_related("assessment").first()
    if details is not None:
        audit_view(instance=details, by=user)
    return details


def _crumbs(placement, *more):
    return crumbs(placement.trust, (placement.reference, reverse("placements:request", args=[placement.pk])), *more)


@login_required
def request_detail(request, pk):
    placement = selectors.request_for(request.user, pk)
    return render(
        request,
        "placements/request.html",
        {
            "trust": placement.trust,
            "placement": placement,
            "details": _details(placement, request.user),
            "assessment": assessments.assessment_in_force(placement.trust),
            "warnings": requests.personal_data_warnings(placement.needs, placement.outcomes),
            "recipients": placement.recipients.select_related("organisation"),
            "offers": selectors.offers_compared(placement),
            **actions(placement, request.user, edit_perm=Perm.PLACEMENTS_MANAGE),
            "can_see_history": may_open_history(request.user, placement),
            "page_title": f"Placement request {placement.reference}",
            "breadcrumbs": crumbs(placement.trust, (placement.reference, "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_edit(request, pk):
    """Change a draft request on the form it was made with; once sent, the service refuses."""
    placement = selectors.request_for(request.user, pk)
    detail = reverse("placements:request", args=[placement.pk])
    trust = placement.trust
    # A lead professional commissions for their own child only: they keep the request on their budget.
    whole_trust = decide(request.user, Perm.PLACEMENTS_MANAGE, trust).allowed
    budgets = selectors.budgets_of(trust) if whole_trust else IndividualBudget.objects.filter(pk=placement.budget_id)
    form = RequestForm(
        request.POST if request.method == "POST" else None,
        initial={name: getattr(placement, name) for name in requests.EDITABLE},
        frameworks=selectors.frameworks_of(trust),
        buyers=Organisation.objects.filter(partnerships__trust=trust, partnerships__statutory=True).order_by("name"),
        budgets=budgets,
    )
    form.fields["budget"].required = not whole_trust
    # Saving refuses the change if someone else changed the request after this form was shown.
    form.fields["version"] = VersionField(initial=version_of(placement))
    changed = save_form(request, form, lambda data: requests.request_update(request=placement, by=request.user, **data))
    if changed:
        messages.success(request, f"Draft request {changed.reference} changed.")
        return redirect(detail)
    return form_page(
        request,
        trust,
        form,
        title=f"Change request {placement.reference}",
        crumbs=_crumbs(placement, ("Change", "")),
        cancel_url=detail,
        intro="A request can be changed until it is sent; providers read the needs and outcomes, never the child's personal details.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def child_details(request, pk):
    placement = selectors.request_for(request.user, pk)
    detail = reverse("placements:request", args=[placement.pk])
    existing = _details(placement, request.user) if request.method == "GET" else None
    initial = {name: getattr(existing, name) for name in ChildDetails.PERSONAL_FIELDS} if existing else None
    form = ChildDetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if save_form(request, form, lambda data: assessments.child_details_record(request=placement, by=request.user, **data)):
        messages.success(request, "Personal details recorded. They are never sent to providers.")
        return redirect(detail)
    assessment = assessments.assessment_in_force(placement.trust)
    intro = (
        f"Recorded under the data protection impact assessment approved on {assessment.approved_on:%-d %B %Y} by {assessment.approved_by}; "
        f"deleted {assessment.retention_months} months after the placement ends."
        if assessment
        else assessments.NO_ASSESSMENT
    )
    return form_page(
        request,
        placement.trust,
        form,
        title="The child's personal details",
        crumbs=_crumbs(placement, ("Personal details", "")),
        cancel_url=detail,
        intro=intro,
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_send(request, pk):
    placement = selectors.request_for(request.user, pk)
    detail = reverse("placements:request", args=[placement.pk])
    form = SendForm(
        request.POST if request.method == "POST" else None, organisations=requests.approved_providers(placement.framework, on=timezone.localdate())
    )
    if save_form(request, form, lambda data: requests.request_send(request=placement, by=request.user, organisations=data["organisations"])):
        messages.success(request, "Sent. The providers have been emailed and can make offers.")
        return redirect(detail)
    return form_page(
        request,
        placement.trust,
        form,
        title=f"Send {placement.reference} to providers",
        crumbs=_crumbs(placement, ("Send", "")),
        cancel_url=detail,
        submit="Send the request",
        intro="Providers see the reference, the type, the needs and outcomes, the dates and the weekly budget: never the child's personal details.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_choose(request, pk):
    placement = selectors.request_for(request.user, pk)
    detail = reverse("placements:request", args=[placement.pk])
    form = ChooseForm(
        request.POST if request.method == "POST" else None, offers=placement.offers.filter(status=Offer.Status.MADE).select_related("organisation")
    )
    chosen = save_form(
        request,
        form,
        lambda data: offers.request_choose(
            request=placement, offer=data["offer"], by=request.user, reasons=data["reasons"], others_reason=data["others_reason"]
        ),
        problems=lambda data: offers.choice_problems(
            request=placement, offer=data.get("offer"), reasons=data.get("reasons", ""), others_reason=data.get("others_reason", "")
        ),
    )
    if chosen:
        messages.success(request, f"Offer chosen: contract {chosen.contract.reference} recorded and signed; the other providers have been told.")
        return redirect(detail)
    return form_page(
        request,
        placement.trust,
        form,
        title=f"Choose an offer for {placement.reference}",
        crumbs=_crumbs(placement, ("Choose an offer", "")),
        cancel_url=detail,
        submit="Record the choice",
        intro="The spot purchase is recorded as a signed contract, a call-off under the framework, and committed against the individual budget.",
    )


def _request_action(request, pk, form_class, act, *, title: str, crumb: str, submit: str, done: str):
    """A form on one placement request that calls one service, then goes back to the request."""
    placement = selectors.request_for(request.user, pk)
    detail = reverse("placements:request", args=[placement.pk])
    form = form_class(request.POST if request.method == "POST" else None)
    if save_form(request, form, lambda data: act(placement, data)):
        messages.success(request, done)
        return redirect(detail)
    return form_page(
        request,
        placement.trust,
        form,
        title=f"{title} {placement.reference}",
        crumbs=_crumbs(placement, (crumb, "")),
        cancel_url=detail,
        submit=submit,
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_end(request, pk):
    return _request_action(
        request,
        pk,
        EndForm,
        lambda placement, data: requests.request_end(request=placement, by=request.user, ended_on=data["ended_on"]),
        title="End placement",
        crumb="End",
        submit="Record the end",
        done="The end of the placement is recorded; any personal details will be deleted when their retention ends.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_cancel(request, pk):
    return _request_action(
        request,
        pk,
        CancelForm,
        lambda placement, data: requests.request_cancel(request=placement, by=request.user, reason=data["reason"]),
        title="Cancel request",
        crumb="Cancel",
        submit="Cancel the request",
        done="Request cancelled.",
    )
