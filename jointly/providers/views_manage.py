"""Keeping the directory: providers propose changes to their own entry; commissioners approve or turn them down."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from jointly.accounts.permissions import Perm, get_object_for, has_perm
from jointly.core.errors import save_form
from jointly.core.forms import VersionField
from jointly.core.pagination import paginate
from jointly.core.transitions import actions, available, editable, version_of
from jointly.partnerships.models import Organisation

from . import presenters, selectors, services
from .forms import AccreditationFormSet, DecisionForm, ProfileForm, ServiceForm, service_form
from .models import DirectoryService, Revision


def _organisation_for(request, perm, slug) -> Organisation:
    return get_object_for(request.user, perm, Organisation.objects.all(), slug=slug)


def _manage_crumbs(organisation, *more):
    return [
        ("Directory", reverse("providers:directory")),
        (f"{organisation.name}: directory entry", reverse("providers:manage", args=[organisation.slug])),
        *more,
    ]


@login_required
def manage_start(request):
    """Send each person to the part of the directory they keep."""
    user = request.user
    if has_perm(user, Perm.DIRECTORY_EDIT) and user.organisation_id:
        return redirect("providers:manage", slug=user.organisation.slug)
    if has_perm(user, Perm.DIRECTORY_REVIEW):
        return redirect("providers:review")
    raise PermissionDenied("Your role cannot keep directory entries. Provider users keep their own organisation's entry.")


@login_required
def manage(request, slug):
    organisation = _organisation_for(request, Perm.DIRECTORY_EDIT, slug)
    profile = selectors.profile_of(organisation)
    return render(
        request,
        "providers/manage.html",
        {
            "organisation": organisation,
            "profile": profile,
            "profile_rows": presenters.profile_rows(selectors.profile_data_of(profile)) if profile else [],
            # A service closed for good can no longer be changed: it has no "Change" link.
            "services": [(service, editable(service)) for service in selectors.organisation_services(organisation=organisation)],
            "revisions": selectors.revisions_of_organisation(organisation=organisation)[:20],
            "page_title": f"{organisation.name}: directory entry",
            "breadcrumbs": [("Directory", reverse("providers:directory")), (f"{organisation.name}: directory entry", "")],
        },
    )


def _accreditation_initial(data: dict) -> list[dict]:
    import datetime

    return [
        {**row, "awarded_on": datetime.date.fromisoformat(row["awarded_on"]) if row.get("awarded_on") else None}
        for row in data.get("accreditations", [])
    ]


def _without_version(data: dict) -> tuple[dict, str | None]:
    data = dict(data)
    return data, data.pop("version", None)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, slug):
    organisation = _organisation_for(request, Perm.DIRECTORY_EDIT, slug)
    profile = selectors.profile_of(organisation)
    current = (
        selectors.profile_data_of(profile)
        if profile
        else {
            "description": organisation.description,
            "website": organisation.website,
            "income_band": organisation.size_band,
        }
    )
    post = request.POST if request.method == "POST" else None
    form = ProfileForm(post, initial=current)
    if profile is not None:
        # Sending refuses the change if the entry changed after this form was shown.
        form.fields["version"] = VersionField(initial=version_of(profile))
    accreditations = AccreditationFormSet(post, initial=_accreditation_initial(current), prefix="accreditations")

    def propose(data):
        data, version = _without_version(data)
        rows = [row for row in accreditations.cleaned_data if row]
        return services.profile_change_propose(organisation=organisation, data={**data, "accreditations": rows}, by=request.user, version=version)

    # Both are checked on every submit, so the summary shows the errors of each; the service runs when both are valid.
    if post is not None and not accreditations.is_valid():
        form.is_valid()
        revision = None
    else:
        revision = save_form(request, form, propose)
    if revision:
        messages.success(request, f"Your changes have been sent for approval (reference {revision.reference}).")
        return redirect("providers:manage", slug=organisation.slug)
    return render(
        request,
        "providers/profile_form.html",
        {
            "form": form,
            "accreditations": accreditations,
            "organisation": organisation,
            "page_title": f"Change {organisation.name}'s directory details",
            "breadcrumbs": _manage_crumbs(organisation, ("Change details", "")),
        },
    )


def _statuses(service: DirectoryService | None, user) -> set[str] | None:
    """The statuses a person may propose: the service's own and those its moves offer (None: any, for a new service)."""
    if service is None:
        return None
    return {service.status, *(move.target for move in available(service, user))}


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, slug, uuid=None):
    organisation = _organisation_for(request, Perm.DIRECTORY_EDIT, slug)
    service = None
    if uuid is not None:
        service = get_object_for(request.user, Perm.DIRECTORY_EDIT, DirectoryService.objects.filter(organisation=organisation), uuid=uuid)
    current = selectors.service_data_of(service) if service else {}
    form = service_form(venues=len(current.get("locations", [])))(
        request.POST if request.method == "POST" else None,
        initial=ServiceForm.initial_from(current) if service else {"status": "active", "cost": "free"},
        statuses=_statuses(service, request.user),
    )
    if service is not None:
        # Sending refuses the change if the service changed after this form was shown.
        form.fields["version"] = VersionField(initial=version_of(service))
    revision = save_form(
        request,
        form,
        lambda data: services.service_change_propose(
            organisation=organisation,
            service=service,
            data=form.to_data(current),
            by=request.user,
            version=data.get("version"),
        ),
        rename=ServiceForm.field_for,
    )
    if revision:
        messages.success(request, f"The service has been sent for approval (reference {revision.reference}).")
        return redirect("providers:manage", slug=organisation.slug)
    title = f"Change {service.name}" if service else "Add a service"
    return render(
        request,
        "providers/service_form.html",
        {
            "form": form,
            "organisation": organisation,
            "service": service,
            "page_title": title,
            "breadcrumbs": _manage_crumbs(organisation, (title, "")),
        },
    )


@login_required
def review(request):
    if not has_perm(request.user, Perm.DIRECTORY_REVIEW):
        raise PermissionDenied(f"Your role ({request.user.get_role_display().lower()}) cannot approve changes to the directory.")
    page = paginate(request, selectors.revisions_to_review(user=request.user))
    return render(
        request,
        "providers/review.html",
        {
            "page_obj": page,
            "page_title": "Directory changes waiting for approval",
            "breadcrumbs": [("Directory", reverse("providers:directory")), ("Changes to approve", "")],
        },
    )


def _revision_for(request, perm, pk) -> Revision:
    queryset = Revision.objects.select_related("organisation", "service", "author", "decided_by")
    return get_object_for(request.user, perm, queryset, pk=pk)


def _comparison(revision: Revision) -> list[presenters.Change]:
    if revision.kind == Revision.Kind.LISTING:
        return presenters.compare(None, presenters.listing_rows(revision.data))
    if revision.kind == Revision.Kind.PROFILE:
        current = None
        if revision.status == Revision.Status.PENDING and (profile := selectors.profile_of(revision.organisation)):
            current = presenters.profile_rows(selectors.profile_data_of(profile))
        return presenters.compare(current, presenters.profile_rows(revision.data))
    current = None
    if revision.status == Revision.Status.PENDING and revision.service:
        current = presenters.service_rows(selectors.service_data_of(revision.service))
    return presenters.compare(current, presenters.service_rows(revision.data))


def _decisions(revision: Revision, user) -> list[str]:
    """The decisions the page offers this person: the revision's moves they may make now."""
    moves = actions(revision, user)["moves"]
    return [name for name, _ in DecisionForm.CHOICES if name in moves]


@login_required
def revision_detail(request, pk, form=None):
    revision = _revision_for(request, Perm.DIRECTORY_CHANGES_VIEW, pk)
    decisions = _decisions(revision, request.user)
    return render(
        request,
        "providers/revision_detail.html",
        {
            "revision": revision,
            "changes": _comparison(revision),
            "compared": revision.status == Revision.Status.PENDING and (revision.service_id or revision.kind == Revision.Kind.PROFILE),
            "can_decide": bool(decisions),
            "form": form or (DecisionForm(moves=decisions) if decisions else None),
            "page_title": f"{revision.reference}: {revision.title}",
            "breadcrumbs": [("Directory", reverse("providers:directory")), (revision.reference, "")],
        },
        status=400 if form is not None else 200,
    )


_DECIDED = {
    "approve": "{reference} approved. The directory now shows it.",
    "reject": "{reference} not approved. The provider can see your reason.",
}


@login_required
@require_POST
def revision_decide(request, pk):
    revision = _revision_for(request, Perm.DIRECTORY_REVIEW, pk)
    # Either decision may be sent: one the revision's state no longer allows is refused by the service, in words.
    form = DecisionForm(request.POST, moves=_DECIDED)
    decide = {"approve": services.revision_approve, "reject": services.revision_reject}
    if save_form(request, form, lambda data: decide[data["decision"]](revision=revision, by=request.user, reason=data["reason"])):
        messages.success(request, _DECIDED[form.cleaned_data["decision"]].format(reference=revision.reference))
        return redirect("providers:review")
    return revision_detail(request, pk, form=form)


@login_required
def service_versions(request, uuid):
    service = get_object_for(request.user, Perm.DIRECTORY_CHANGES_VIEW, DirectoryService.objects.select_related("organisation"), uuid=uuid)
    return render(
        request,
        "providers/versions.html",
        {
            "record_name": service.name,
            "versions": selectors.versions_of_service(service=service),
            "public_url": service.get_absolute_url(),
            "page_title": f"Versions of {service.name}",
            "breadcrumbs": [("Directory", reverse("providers:directory")), (service.name, service.get_absolute_url()), ("Versions", "")],
        },
    )


@login_required
def organisation_versions(request, slug):
    organisation = _organisation_for(request, Perm.DIRECTORY_CHANGES_VIEW, slug)
    return render(
        request,
        "providers/versions.html",
        {
            "record_name": f"{organisation.name}'s details",
            "versions": selectors.versions_of_profile(organisation=organisation),
            "public_url": reverse("providers:organisation", args=[organisation.slug]),
            "page_title": f"Versions of {organisation.name}'s details",
            "breadcrumbs": [
                ("Directory", reverse("providers:directory")),
                (organisation.name, reverse("providers:organisation", args=[organisation.slug])),
                ("Versions", ""),
            ],
        },
    )
