"""Administering people: invite, change, deactivate; and setting or resetting a password.

Only administrators (Perm.USER_MANAGE) manage people. Commissioners cannot
add people, even to their own trust: see docs/decisions/0003-who-adds-people.md.
The set-password and forgotten-password pages are public.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm, VersionField
from jointly.core.transitions import actions, version_of

from . import selectors, services
from .forms_people import ForgottenPasswordForm, PersonDetailsForm, PersonInviteForm, ReasonForm, SetPasswordForm
from .permissions import Perm, get_object_for, has_perm


def _posted(request):
    # Not `request.POST or None`: an empty POST must still be validated and show its errors.
    return request.POST if request.method == "POST" else None


def _site_url(request) -> str:
    # The host is one of ALLOWED_HOSTS (Django checks), so a forged Host header cannot redirect the link.
    return request.build_absolute_uri("/")


def _require_user_manage(request) -> None:
    if not has_perm(request.user, Perm.USER_MANAGE):
        raise PermissionDenied("Only administrators can manage people's accounts.")


def _person_for(request, pk):
    return get_object_for(request.user, Perm.USER_MANAGE, selectors.people_with_details(), pk=pk)


def _people_crumb() -> tuple[str, str]:
    return ("People", reverse("accounts:user-list"))


def _person_crumbs(person) -> list:
    return [_people_crumb(), (person.full_name, reverse("accounts:person-detail", args=[person.pk]))]


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    _require_user_manage(request)
    form = PersonInviteForm(_posted(request))
    person = save_form(request, form, lambda data: services.person_invite(**data, site_url=_site_url(request), by=request.user))
    if person:
        messages.success(request, f"{person.full_name} added. We have emailed them a link to set their password.")
        return redirect("accounts:person-detail", pk=person.pk)
    return render(
        request,
        "accounts/people/person_form.html",
        {
            "form": form,
            "page_title": "Add a person",
            "intro": "They will get an email with a link to choose their own password.",
            "submit": "Add and send invitation",
            "cancel_url": reverse("accounts:user-list"),
            "breadcrumbs": [_people_crumb(), ("Add a person", "")],
        },
    )


def _detail_page(request, person, form=None):
    return render(
        request,
        "accounts/people/person_detail.html",
        {
            "person": person,
            "form": form,
            # Deactivate or reactivate, from the account's moves; nobody is offered deactivating themself.
            **actions(person, request.user, edit_perm=Perm.USER_MANAGE),
            "is_self": person.pk == request.user.pk,
            "can_invite": services.invitation_refusal(person) is None,
            "page_title": person.full_name,
            "breadcrumbs": [_people_crumb(), (person.full_name, "")],
        },
    )


@login_required
def person_detail(request, pk):
    return _detail_page(request, _person_for(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = _person_for(request, pk)
    form = PersonDetailsForm(_posted(request), initial=PersonDetailsForm.initial_for(person))
    # Saving refuses the change if someone else changed the account after this form was shown.
    form.fields["version"] = VersionField(initial=version_of(person))
    if save_form(request, form, lambda data: services.person_update(user=person, **data, by=request.user)):
        messages.success(request, f"Changes to {person.full_name}'s account saved.")
        return redirect("accounts:person-detail", pk=person.pk)
    return render(
        request,
        "accounts/people/person_form.html",
        {
            "form": form,
            "caption": person.email,
            "page_title": f"Change {person.full_name}'s role, organisation and trusts",
            "submit": "Save changes",
            "cancel_url": reverse("accounts:person-detail", args=[person.pk]),
            "breadcrumbs": [*_person_crumbs(person), ("Change", "")],
        },
    )


def _change_active(request, pk, *, deactivate: bool):
    person = _person_for(request, pk)
    verb = "deactivate" if deactivate else "reactivate"
    form = ReasonForm(
        _posted(request),
        label=f"Why are you {verb[:-1]}ing this account?",
        required_message=f"Enter why you are {verb[:-1]}ing this account",
    )
    change = services.person_deactivate if deactivate else services.person_reactivate
    if save_form(request, form, lambda data: change(user=person, by=request.user, reason=data["reason"])):
        if deactivate:
            messages.success(request, f"{person.full_name}'s account is deactivated. They can no longer sign in.")
        else:
            messages.success(request, f"{person.full_name}'s account is active again. They can sign in.")
        return redirect("accounts:person-detail", pk=person.pk)
    return render(
        request,
        "accounts/people/person_active.html",
        {
            "form": form,
            "person": person,
            "deactivate": deactivate,
            "page_title": f"{verb.capitalize()} {person.full_name}'s account",
            "breadcrumbs": [*_person_crumbs(person), (verb.capitalize(), "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_deactivate(request, pk):
    return _change_active(request, pk, deactivate=True)


@login_required
@require_http_methods(["GET", "POST"])
def person_reactivate(request, pk):
    return _change_active(request, pk, deactivate=False)


@login_required
@require_http_methods(["POST"])
def person_invite_again(request, pk):
    person = _person_for(request, pk)
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: services.invitation_send(user=person, site_url=_site_url(request), invited_by=request.user)):
        messages.success(request, f"We have sent {person.full_name} a new link to set their password.")
        return redirect("accounts:person-detail", pk=person.pk)
    # Refused: the person's page again, with the reason in its error summary.
    return _detail_page(request, person, form)


# --- Public pages: no account needed ------------------------------------


def _password_reset_limited(request) -> bool:
    """Too many requests for this address, or from this IP: counted for every request, whether or not the account exists."""
    rate = settings.JOINTLY_PASSWORD_RESET_LIMIT
    by_email = is_ratelimited(request, group="password-reset-email", key=_posted_email, rate=rate, increment=True)
    by_ip = is_ratelimited(request, group="password-reset-ip", key="ip", rate=_per_ip(rate), increment=True)
    return by_email or by_ip


def _posted_email(group, request) -> str:
    return request.POST.get("email", "").strip().lower()


def _per_ip(rate: str) -> str:
    # One office (a council, a charity's shared connection) may hold many people: allow it four times the rate.
    count, period = rate.split("/")
    return f"{int(count) * 4}/{period}"


@require_http_methods(["GET", "POST"])
def password_forgotten(request):
    form = ForgottenPasswordForm(_posted(request))
    if request.method == "POST" and form.is_valid() and _password_reset_limited(request):
        form.add_error(None, "You have asked for too many password reset emails. Wait an hour, then try again.")
        return render(
            request,
            "accounts/people/password_forgotten.html",
            {"form": form, "page_title": "Forgotten your password"},
            status=429,
        )
    if save_form(request, form, lambda data: services.password_reset_request(email=data["email"], site_url=_site_url(request))):
        # The same page whether or not the account exists, so it reveals nothing.
        return render(
            request,
            "accounts/people/password_forgotten_sent.html",
            {"email": form.cleaned_data["email"], "page_title": "Check your email"},
        )
    return render(request, "accounts/people/password_forgotten.html", {"form": form, "page_title": "Forgotten your password"})


@require_http_methods(["GET", "POST"])
def password_set(request, uidb64, token):
    person = selectors.user_for_set_password_link(uidb64=uidb64, token=token)
    if person is None:
        return render(request, "accounts/people/set_password_invalid.html", {"page_title": "This link has stopped working"}, status=404)
    form = SetPasswordForm(_posted(request), user=person)
    if save_form(request, form, lambda data: services.password_set(user=person, password=data["password"])):
        messages.success(request, "Your password is set. Sign in with your email address and new password.")
        return redirect("accounts:sign-in")
    return render(
        request,
        "accounts/people/set_password.html",
        {"form": form, "person": person, "page_title": "Choose your password"},
    )
