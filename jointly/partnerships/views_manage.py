"""Pages where a commissioner shapes their trust: bodies, seats, partners and papers.

Every page fetches its trust, body or seat through `get_object_for` with
`Perm.TRUST_MANAGE`: another trust's records are "not found", and a role that
cannot manage gets "forbidden" with the reason. The services hold the rules.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, get_object_for
from jointly.core.errors import save_form
from jointly.core.forms import VersionField
from jointly.core.transitions import version_of

from . import selectors, services
from .forms_manage import BodyForm, PaperForm, PartnerSearchForm, SeatForm, TrustPartnerForm
from .models import Body, Organisation, Seat, Trust

# More matches than this and we ask for a narrower search rather than a long list of radios.
PARTNER_SEARCH_LIMIT = 20


def _posted(request):
    # Not `request.POST or None`: an empty POST must still be validated and show its errors.
    return request.POST if request.method == "POST" else None


def _trust_for(request, slug) -> Trust:
    return get_object_for(request.user, Perm.TRUST_MANAGE, Trust.objects.select_related("region"), slug=slug)


def _body_for(request, trust_slug, body_slug) -> Body:
    return get_object_for(
        request.user,
        Perm.TRUST_MANAGE,
        Body.objects.select_related("trust", "reports_to"),
        trust__slug=trust_slug,
        slug=body_slug,
    )


def _trust_crumbs(trust: Trust) -> list:
    return [("Partnerships", reverse("partnerships:region-list")), (trust.name, trust.get_absolute_url())]


def _body_crumbs(body: Body) -> list:
    return [*_trust_crumbs(body.trust), (body.name, body.get_absolute_url())]


@login_required
@require_http_methods(["GET", "POST"])
def body_create(request, slug):
    trust = _trust_for(request, slug)
    form = BodyForm(_posted(request), reports_to=selectors.reports_to_choices(trust=trust))
    body = save_form(request, form, lambda data: services.body_create(trust=trust, **data))
    if body:
        messages.success(request, f"{body.name} added. Now add its seats.")
        return redirect(body.get_absolute_url())
    return render(
        request,
        "partnerships/manage/form.html",
        {
            "form": form,
            "caption": trust.name,
            "page_title": "Add a body",
            "intro": "A board, group or forum of the trust. You can add its seats next.",
            "submit": "Add the body",
            "cancel_url": trust.get_absolute_url(),
            "breadcrumbs": [*_trust_crumbs(trust), ("Add a body", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def body_edit(request, trust_slug, body_slug):
    body = _body_for(request, trust_slug, body_slug)
    form = BodyForm(
        _posted(request),
        initial=BodyForm.initial_for(body),
        reports_to=selectors.reports_to_choices(trust=body.trust, body=body),
    )
    # Saving refuses the change if someone else changed the body after this form was shown.
    form.fields["version"] = VersionField(initial=version_of(body))
    if save_form(request, form, lambda data: services.body_update(body=body, **data)):
        messages.success(request, "Changes to the body saved.")
        return redirect(body.get_absolute_url())
    return render(
        request,
        "partnerships/manage/form.html",
        {
            "form": form,
            "caption": body.trust.name,
            "page_title": f"Change {body.name}",
            "submit": "Save changes",
            "cancel_url": body.get_absolute_url(),
            "breadcrumbs": [*_body_crumbs(body), ("Change", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def seat_create(request, trust_slug, body_slug):
    body = _body_for(request, trust_slug, body_slug)
    form = SeatForm(
        _posted(request),
        bodies=selectors.accountable_to_choices(body=body),
        vcs_forum=selectors.vcs_forum_of(trust=body.trust),
    )
    seat = save_form(request, form, lambda data: services.seat_create(body=body, **data))
    if seat:
        messages.success(request, f"Seat '{seat.title}' added. It is vacant until you appoint someone.")
        return redirect(body.get_absolute_url())
    return render(
        request,
        "partnerships/manage/form.html",
        {
            "form": form,
            "caption": body.name,
            "page_title": "Add a seat",
            "intro": "The seat starts vacant. Appoint someone to it from the body's page.",
            "submit": "Add the seat",
            "cancel_url": body.get_absolute_url(),
            "breadcrumbs": [*_body_crumbs(body), ("Add a seat", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def seat_edit(request, pk):
    seat = get_object_for(request.user, Perm.TRUST_MANAGE, Seat.objects.select_related("body__trust", "accountable_to"), pk=pk)
    body = seat.body
    form = SeatForm(
        _posted(request),
        initial=SeatForm.initial_for(seat),
        bodies=selectors.accountable_to_choices(body=body),
        vcs_forum=selectors.vcs_forum_of(trust=body.trust),
    )
    form.fields["version"] = VersionField(initial=version_of(seat))
    changed = save_form(request, form, lambda data: services.seat_update(seat=seat, **data))
    if changed:
        messages.success(request, f"Changes to the seat '{changed.title}' saved.")
        return redirect(body.get_absolute_url())
    return render(
        request,
        "partnerships/manage/form.html",
        {
            "form": form,
            "caption": body.name,
            "page_title": f"Change the seat '{seat.title}'",
            "intro": "To change who holds the seat, appoint someone or end the term from the body's page.",
            "submit": "Save changes",
            "cancel_url": body.get_absolute_url(),
            "breadcrumbs": [*_body_crumbs(body), ("Change a seat", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def trust_partner_add(request, slug):
    """Search the register, then choose one of the matches; no JavaScript needed."""
    trust = _trust_for(request, slug)
    query = (request.POST.get("search", "") if request.method == "POST" else request.GET.get("q", "")).strip()[:200]
    results = list(selectors.partner_candidates(trust=trust, query=query)[: PARTNER_SEARCH_LIMIT + 1]) if query else []
    too_many = len(results) > PARTNER_SEARCH_LIMIT
    results = results[:PARTNER_SEARCH_LIMIT]
    form = TrustPartnerForm(
        _posted(request),
        initial={"search": query},
        candidates=Organisation.objects.filter(pk__in=[o.pk for o in results]).order_by("name"),
    )
    partner = save_form(
        request,
        form,
        lambda data: services.trust_partner_add(
            trust=trust, organisation=data["organisation"], statutory=data["statutory"], joined_on=data["joined_on"]
        ),
    )
    if partner:
        messages.success(request, f"{partner.organisation.name} is now a partner of {trust.name}.")
        return redirect(trust.get_absolute_url())
    return render(
        request,
        "partnerships/manage/partner_add.html",
        {
            "trust": trust,
            "search": PartnerSearchForm(initial={"q": query}),
            "form": form,
            "query": query,
            "results": results,
            "too_many": too_many,
            "limit": PARTNER_SEARCH_LIMIT,
            "page_title": "Add a partner organisation",
            "breadcrumbs": [*_trust_crumbs(trust), ("Add a partner organisation", "")],
        },
    )


@login_required
def paper_list(request, trust_slug, body_slug):
    body = _body_for(request, trust_slug, body_slug)
    return render(
        request,
        "partnerships/manage/paper_list.html",
        {
            "body": body,
            "papers": selectors.body_papers(body=body, user=request.user),
            "page_title": f"Papers for {body.name}",
            "breadcrumbs": [*_body_crumbs(body), ("Papers", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_create(request, trust_slug, body_slug):
    body = _body_for(request, trust_slug, body_slug)
    form = PaperForm(_posted(request))
    paper = save_form(request, form, lambda data: services.paper_create(body=body, **data))
    if paper:
        messages.success(request, f"Paper '{paper.title}' added.")
        return redirect("partnerships:paper-list", trust_slug=body.trust.slug, body_slug=body.slug)
    return render(
        request,
        "partnerships/manage/form.html",
        {
            "form": form,
            "caption": body.name,
            "page_title": "Add a paper",
            "submit": "Add the paper",
            "cancel_url": reverse("partnerships:paper-list", args=[body.trust.slug, body.slug]),
            "breadcrumbs": [
                *_body_crumbs(body),
                ("Papers", reverse("partnerships:paper-list", args=[body.trust.slug, body.slug])),
                ("Add a paper", ""),
            ],
        },
    )
