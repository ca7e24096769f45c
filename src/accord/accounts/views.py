"""Signing in, in one or two steps, and the second factor's own page.

- `/accounts/login/`: user name and password (Django's form; django-axes counts the
  failures and refuses a throttled source with `locked_out`). A user with an
  authenticator is not signed in yet: the password's success is remembered in the
  (anonymous) session for a few minutes, and the code is asked next.
- `/accounts/login/code/`: the code of the authenticator app, or one of the backup
  codes; signs the user in (a new session key) with a verified session. Wrong codes
  are throttled by django-otp (each failure doubles the wait before the next code of
  that device is looked at); a code is taken once.
- `/accounts/two-factor/`: enrol — the enrolment code an administrator gave, then a QR
  code and the secret as text, confirmed with the app's code, then the backup codes
  shown once — or give a code to verify a session that was opened before enrolling.
"""

from __future__ import annotations

import math
import time
from typing import Any

import django_otp
from axes.helpers import get_cool_off
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
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_otp.plugins.otp_static.models import StaticDevice

from accord.accounts import second_factor, services
from accord.accounts.models import EnrolmentCode
from accord.accounts.requests import SignedInRequest
from accord.core.errors import DomainError

PENDING = "accord_second_factor_pending"  # the user whose password was right
PENDING_SECONDS = 300
ENROLMENT = "accord_enrolment_code"  # the enrolment code accepted (its id)
ENROLLING = "accord_second_factor_key"  # the secret shown while enrolling


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


class SignInCodeForm(forms.Form):
    """The authenticator's code, or a backup code."""

    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app, or a backup code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "size": 10}),
    )


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(
        label=gettext_lazy("Enrolment code"),
        max_length=40,
        help_text=gettext_lazy("As the administrator gave it, such as ABCD-EFGH-JKLM-NPQR."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 22}),
    )


def _enrolment_refusal(refused: str | None) -> str:
    if refused == "used":
        return _("That enrolment code was used already. Ask an administrator for a new one.")
    if refused == "expired":
        return _("That enrolment code has expired. Ask an administrator for a new one.")
    return _(
        "That is not an enrolment code of yours. Check it, or ask an administrator for a new one."
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
    """Why the `code` given for `device` (the authenticator, or the backup codes) is
    refused: throttled after wrong codes (the code is not even looked at), or not its
    code; None when it is taken (and used up)."""
    allowed, why = device.verify_is_allowed()
    if not allowed:
        locked_until = (why or {}).get("locked_until") or timezone.now()
        wait = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
        return ngettext(
            "Too many wrong codes: wait %(n)d second, then try again.",
            "Too many wrong codes: wait %(n)d seconds, then try again.",
            wait,
        ) % {"n": wait}
    if device.verify_token(second_factor.compact(code)):
        return None
    if isinstance(device, StaticDevice):
        return _("That is not one of your backup codes, or it was used already.")
    return _("That is not the code of now. Enter the code your app shows at present.")


def login_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the authenticator's code, or a backup code."""
    found = _pending_user(request)
    if found is None:
        request.session.pop(PENDING, None)
        messages.info(request, _("Sign in again: the code was not given in time."))
        return HttpResponseRedirect(reverse("login"))
    user, pending = found
    if second_factor.device_of(user) is None:  # reset meanwhile: the password was enough
        request.session.pop(PENDING, None)
        login(request, user, pending["backend"])
        return HttpResponseRedirect(_safe_next(request, pending["next"]))
    form = SignInCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        device = second_factor.device_for(user, form.cleaned_data["code"])
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
def two_factor(request: SignedInRequest) -> HttpResponse:
    """Enrol an authenticator app (with an enrolment code), or verify this session with
    its code."""
    if second_factor.device_of(request.user) is not None:
        response = _verify(request)
    else:
        response = _enrol(request)
    add_never_cache_headers(response)  # the secret is never kept in a cache
    return response


def _verify(request: SignedInRequest) -> HttpResponse:
    """Give a code (or a backup code) to verify a session opened without one."""
    user = request.user
    form = SignInCodeForm(request.POST or None)
    target = _safe_next(request, request.GET.get("next") or request.POST.get("next"))
    status = 200
    if request.method == "POST" and form.is_valid():
        device = second_factor.device_for(user, form.cleaned_data["code"])
        refused = _refusal(device, form.cleaned_data["code"])
        if refused is None:
            django_otp.login(request, device)
            messages.success(request, _("This session is verified."))
            return HttpResponseRedirect(target)
        form.add_error("code", refused)
        status = 422
    context = {
        "device": True,
        "verified": user.is_verified(),
        "form": form,
        "next": target,
        "backup_codes_left": second_factor.backup_codes_left(user),
    }
    return render(request, "registration/two_factor.html", context, status=status)


def _accepted_enrolment(request: SignedInRequest) -> EnrolmentCode | None:
    """The enrolment code this session gave (whether it may still be used or not)."""
    pk = request.session.get(ENROLMENT)
    found = None
    if pk is not None:
        found = EnrolmentCode.objects.filter(pk=pk, user=request.user).first()
    if found is None:
        request.session.pop(ENROLMENT, None)
        request.session.pop(ENROLLING, None)
    return found


def _enrol(request: SignedInRequest) -> HttpResponse:
    """First the enrolment code; then the secret, confirmed with the app's code; then
    the backup codes, shown once."""
    user = request.user
    target = _safe_next(request, request.GET.get("next") or request.POST.get("next"))
    enrolment = _accepted_enrolment(request)
    if enrolment is None or "enrolment_code" in request.POST:
        return _give_enrolment_code(request, target)
    if enrolment.state() != "usable":  # expired, or used in another session, meanwhile
        request.session.pop(ENROLMENT, None)
        request.session.pop(ENROLLING, None)
        return _give_enrolment_code(request, target, refused=_enrolment_refusal(enrolment.state()))
    form = CodeForm(request.POST or None)
    status = 200
    key = request.session.get(ENROLLING) or second_factor.new_key()
    request.session[ENROLLING] = key
    if request.method == "POST" and form.is_valid():
        try:
            device, backup_codes = services.enrol_authenticator(
                user, key, form.cleaned_data["code"], enrolment
            )
        except DomainError as refusal:
            if refusal.problems[0].field == "enrolment_code":  # used in another session
                request.session.pop(ENROLMENT, None)
                request.session.pop(ENROLLING, None)
                found = EnrolmentCode.objects.filter(pk=enrolment.pk).first()
                state = found.state() if found is not None else "unknown"
                return _give_enrolment_code(request, target, refused=_enrolment_refusal(state))
            form.add_error(
                "code", _("That is not the code of now. Enter the code your app shows at present.")
            )
            status = 422
        else:
            del request.session[ENROLLING]
            del request.session[ENROLMENT]
            django_otp.login(request, device)
            messages.success(
                request, _("Your authenticator app is set up: signing in will ask for its code.")
            )
            context: dict[str, Any] = {"backup_codes": backup_codes, "next": target}
            return render(request, "registration/backup_codes.html", context)
    url = second_factor.config_url(user, key)
    context = {
        "form": form,
        "next": target,
        "qr": second_factor.qr_code(url, _("QR code of your Accord secret")),
        "secret": second_factor.secret_text(key),
    }
    return render(request, "registration/two_factor.html", context, status=status)


def _give_enrolment_code(
    request: SignedInRequest, target: str, refused: str | None = None
) -> HttpResponse:
    """The first step of enrolling: the enrolment code an administrator gave (`refused`:
    why the code given earlier no longer serves)."""
    posted = request.method == "POST" and refused is None
    form = EnrolmentCodeForm(request.POST if posted else None)
    status = 422 if posted or refused else 200
    if posted and form.is_valid():
        check = services.check_enrolment_code(request.user, form.cleaned_data["enrolment_code"])
        if check.refused is None and check.code is not None:  # found, and usable
            request.session[ENROLMENT] = check.code.pk
            request.session.pop(ENROLLING, None)
            query = urlencode({"next": target})
            return HttpResponseRedirect(f"{reverse('two-factor')}?{query}", status=303)
        refused = _enrolment_refusal(check.refused)
    if refused is not None:
        form = EnrolmentCodeForm({})
        form.is_valid()
        form.errors["enrolment_code"] = form.error_class([refused])
    context = {"enrolment_form": form, "next": target}
    return render(request, "registration/two_factor.html", context, status=status)


def locked_out(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """django-axes' answer to a throttled sign-in: a page saying why and for how long, in
    the reader's language (429)."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else 0
    context = {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "registration/locked_out.html", context, status=429)
