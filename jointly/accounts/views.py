import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.oath import TOTP

from jointly.core.errors import save_form
from jointly.core.pagination import paginate

from . import selectors, services
from .forms import ApiTokenForm, SecondFactorForm, SignInForm
from .middleware import two_factor_url
from .models import ApiToken
from .permissions import Perm, has_perm


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def current_code(device) -> str:
    """The code an authenticator would show now. Only ever shown in demo mode."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@require_http_methods(["GET", "POST"])
def sign_in(request):
    if request.user.is_authenticated:
        return redirect(_safe_next(request, reverse("core:home")))
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, email=form.cleaned_data["email"].lower(), password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            form.add_error(None, "You have tried to sign in too many times. Wait 15 minutes, then try again.")
        elif user is None:
            form.add_error(None, "The email address or password is not right. Check them and try again.")
        else:
            login(request, user)
            if user.needs_second_factor:
                return redirect(two_factor_url(next_url=_safe_next(request, reverse("core:home"))))
            return redirect(_safe_next(request, reverse("core:home")))
    context = {"form": form, "next": _safe_next(request, ""), "page_title": "Sign in"}
    if settings.DEMO_MODE:
        context["demo_people"] = selectors.demo_people_with_codes(current_code=current_code)
    return render(request, "accounts/sign_in.html", context)


@require_http_methods(["GET", "POST"])
def sign_out(request):
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("core:home")
    return render(request, "accounts/sign_out.html", {"page_title": "Sign out"})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    user = request.user
    next_url = _safe_next(request, reverse("core:home"))
    if user.is_verified():
        return redirect(next_url)
    device = services.confirmed_totp_device(user=user)
    setting_up = device is None
    if setting_up:
        device = services.totp_device_for_setup(user=user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        ok = services.totp_device_confirm(device=device, token=code) if setting_up else device.verify_token(code)
        if ok:
            otp_login(request, device)
            return redirect(next_url)
        form.add_error("code", "The security code is not right. Enter the code your app shows now.")
    context = {"form": form, "setting_up": setting_up, "next": next_url, "page_title": "Security code"}
    if setting_up:
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code for your authenticator app")
        context["secret"] = base64.b32encode(device.bin_key).decode()
    if settings.DEMO_MODE and selectors.is_demo_person(user):
        context["demo_code"] = current_code(device)
    return render(request, "accounts/two_factor.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    if request.method == "POST" and not has_perm(request.user, Perm.API_TOKEN_MANAGE):
        raise PermissionDenied("Your role cannot create API tokens.")
    form = ApiTokenForm(request.POST or None)
    new_key = None
    created = save_form(request, form, lambda data: services.api_token_create(user=request.user, name=data["name"]))
    if created:
        # Shown on this page once, never again: the token is not kept, only its hash.
        _, new_key = created
        form = ApiTokenForm()
    context = {
        "form": form,
        "new_key": new_key,
        "tokens": selectors.api_tokens_of(user=request.user),
        "trusts": selectors.trusts_of(user=request.user),
        "can_make_tokens": has_perm(request.user, Perm.API_TOKEN_MANAGE),
        "page_title": "Your account",
    }
    return render(request, "accounts/account.html", context)


@login_required
@require_http_methods(["POST"])
def api_token_revoke(request, pk: int):
    # Someone else's token is simply not found.
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(token=token)
    messages.success(request, f"Token '{token.name}' revoked. Programs using it can no longer connect.")
    return redirect("accounts:account")


@login_required
def user_list(request):
    if not has_perm(request.user, Perm.USER_MANAGE):
        raise PermissionDenied("Only administrators can manage people's accounts.")
    page = paginate(request, selectors.users_for_admin())
    return render(request, "accounts/user_list.html", {"page_obj": page, "page_title": "People"})
