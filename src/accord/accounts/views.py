"""Signing in, in one or two steps, and the second factor's own page.

- `/accounts/login/`: user name and password (Django's form; django-axes counts the
  failures and refuses a throttled source with `locked_out`). A user with an
  authenticator is not signed in yet: the password's success is remembered in the
  (anonymous) session for a few minutes, and the code is asked next.
- `/accounts/login/code/`: the code of the authenticator app; signs the user in (a new
  session key) with a verified session. Wrong codes are throttled by django-otp (each
  failure doubles the wait before the next code is looked at).
- `/accounts/two-factor/`: enrol (a QR code and the secret as text, confirmed with a
  code), or give a code to verify a session that was opened before enrolling.
"""

from __future__ import annotations

import math
import time
from typing import Any

import django_otp
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accord.accounts import second_factor, services
from accord.core.errors import DomainError

PENDING = "accord_second_factor_pending"  # the user whose password was right
PENDING_SECONDS = 300
ENROLLING = "accord_second_factor_key"  # the secret shown while enrolling


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


def _safe_next(request: HttpRequest, target: str | None) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if second_factor.device_of(user) is None:
            response = super().form_valid(form)  # signed in: a new session key
            if second_factor.required_for(user):
                messages.warning(
                    self.request,
                    _("Your organization requires a second factor: set up an authenticator app."),
                )
                return HttpResponseRedirect(reverse("two-factor"))
            return response
        # The password was right; the code comes next. Nobody is signed in until then.
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "next": self.get_success_url(),
        }
        return HttpResponseRedirect(reverse("login-code"))


def _pending_user(request: HttpRequest) -> tuple[Any, dict] | None:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user is not None else None


def _refusal(device: Any, code: str) -> str | None:
    """Why the authenticator's `code` is refused: throttled after wrong codes (the code is
    not even looked at), or not its code of now; None when it is taken."""
    allowed, why = device.verify_is_allowed()
    if not allowed:
        locked_until = (why or {}).get("locked_until") or timezone.now()
        wait = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
        return ngettext(
            "Too many wrong codes: wait %(n)d second, then try again.",
            "Too many wrong codes: wait %(n)d seconds, then try again.",
            wait,
        ) % {"n": wait}
    if device.verify_token(code.replace(" ", "")):
        return None
    return _("That is not the code of now. Enter the code your app shows at present.")


def login_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the authenticator's code."""
    found = _pending_user(request)
    if found is None:
        request.session.pop(PENDING, None)
        messages.info(request, _("Sign in again: the code was not given in time."))
        return HttpResponseRedirect(reverse("login"))
    user, pending = found
    device = second_factor.device_of(user)
    if device is None:  # reset meanwhile: the password was enough
        request.session.pop(PENDING, None)
        login(request, user, pending["backend"])
        return HttpResponseRedirect(_safe_next(request, pending["next"]))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        refused = _refusal(device, form.cleaned_data["code"])
        if refused is None:
            request.session.pop(PENDING, None)
            login(request, user, pending["backend"])  # a new session key
            django_otp.login(request, device)
            return HttpResponseRedirect(_safe_next(request, pending["next"]))
        form.add_error("code", refused)
        status = 422
    response = render(request, "registration/login_code.html", {"form": form}, status=status)
    add_never_cache_headers(response)
    return response


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app, or verify this session with its code."""
    user = request.user
    device = second_factor.device_of(user)
    form = CodeForm(request.POST or None)
    target = _safe_next(request, request.GET.get("next") or request.POST.get("next"))
    status = 200
    context: dict[str, Any] = {"form": form, "device": device, "next": target}
    if device is not None:
        context["verified"] = user.is_verified()
        if request.method == "POST" and form.is_valid():
            refused = _refusal(device, form.cleaned_data["code"])
            if refused is None:
                django_otp.login(request, device)
                messages.success(request, _("This session is verified."))
                return HttpResponseRedirect(target)
            form.add_error("code", refused)
            status = 422
    else:
        key = request.session.get(ENROLLING) or second_factor.new_key()
        request.session[ENROLLING] = key
        if request.method == "POST" and form.is_valid():
            try:
                device = services.enrol_authenticator(user, key, form.cleaned_data["code"])
            except DomainError:
                form.add_error(
                    "code",
                    _("That is not the code of now. Enter the code your app shows at present."),
                )
                status = 422
            else:
                del request.session[ENROLLING]
                django_otp.login(request, device)
                messages.success(
                    request,
                    _("Your authenticator app is set up: signing in will ask for its code."),
                )
                return HttpResponseRedirect(target)
        url = second_factor.config_url(user, key)
        context.update(
            qr=second_factor.qr_code(url, _("QR code of your Accord secret")),
            secret=second_factor.secret_text(key),
        )
    response = render(request, "registration/two_factor.html", context, status=status)
    add_never_cache_headers(response)  # the secret is never kept in a cache
    return response


def locked_out(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """django-axes' answer to a throttled sign-in: the login page, saying why (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME * 60) if settings.AXES_COOLOFF_TIME else 0
    context = {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "registration/locked_out.html", context, status=429)
