"""The second factor: a TOTP authenticator (django-otp's TOTP device) with ten backup
codes (django-otp's static device: each code signs in once), optional for everyone,
required for an organization's secretariat when the organization says so
(`SecondFactorRule`, `accord user require-2fa ORG`).

Adding an authenticator takes a one-time enrolment code that an administrator issues
(`accord user enrolment-code USER`, `EnrolmentCode`) and gives by another way than the
password: whoever learns a password cannot add an app of their own.

A session is *verified* once its user gave a code (at sign-in, or when enrolling):
django-otp's middleware then says `request.user.is_verified()`. Until then, a session
whose user has an authenticator or must have one reads as the public
(`accounts.auth.reader`). API tokens are not concerned: a token is already a second
secret, kept by a program.
"""

from __future__ import annotations

import base64
import time
from typing import Any
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Exists, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from accord.accounts import kept_standing
from accord.accounts.models import Affiliation, Role, SecondFactorRule
from accord.core import compiled

STEP = 30  # seconds, as every authenticator app expects
DIGITS = 6
TOLERANCE = 1  # the code of the step before or after is taken too (clock drift)
BACKUP_CODES = 10  # given at enrolment, each taken once


def device_of(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator, if any."""
    if user is None or not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def backup_device_of(user: User) -> StaticDevice | None:
    """The user's backup codes (django-otp's static device), if any."""
    if user is None or not user.is_authenticated:
        return None
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def backup_codes_left(user: User) -> int:
    """How many of the user's backup codes are not used yet."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def compact(code: str) -> str:
    """A code as typed, without spaces and hyphens (and lower-case, as backup codes are
    kept)."""
    return "".join(code.split()).replace("-", "").lower()


def device_for(user: User, code: str) -> Device | None:
    """Which of the user's devices a code given at sign-in is for: six digits are the
    authenticator's; anything else is a backup code (if the user has them)."""
    typed = compact(code)
    if typed.isdigit() and len(typed) == DIGITS:
        return device_of(user)
    return backup_device_of(user) or device_of(user)


def _requiring_affiliations(user: User | int) -> QuerySet[Affiliation]:
    """The user's (or the user of that id's) secretariat affiliations of today in
    organizations requiring it."""
    day = timezone.localdate()
    return Affiliation.objects.on(day).filter(
        user=user,
        role=Role.SECRETARIAT,
        organization_id__in=SecondFactorRule.objects.values("organization_id"),
    )


def required_for(user: User) -> bool:
    """Whether an organization the user serves in its secretariat today requires it."""
    if user is None or not user.is_authenticated:
        return False
    return _requiring_affiliations(user).exists()


def session_lacks_it(request: HttpRequest) -> bool:
    """A session user who has an authenticator, or must have one, and whose session has
    not given a code (one query, once a request; none for a verified session). A token
    user is never concerned."""
    known = getattr(request, "_accord_lacks_second_factor", None)
    if known is not None:
        return known
    user = request.user
    if not user.is_authenticated or getattr(request, "accord_token_user", None) is not None:
        return False
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        lacks = False
    else:
        lacks = kept_standing.owes_a_code(request, user)
    request._accord_lacks_second_factor = lacks  # type: ignore[attr-defined]
    return lacks


def owes_a_code(user: User) -> bool:
    """Whether a session of `user` must give a code before it reads as the user: the
    user has an authenticator, or an organization requires one of them today (one
    query)."""

    def build(pk: int) -> QuerySet[Any, tuple[Any, ...]]:
        devices = TOTPDevice.objects.filter(user_id=pk, confirmed=True)
        return (
            get_user_model()
            .objects.filter(pk=pk)
            .filter(Exists(devices) | Exists(_requiring_affiliations(pk)))
            .values_list("pk")
            .order_by()[:1]
        )

    # Its SQL built once a day (`accord.core.compiled`), run with each user's id.
    return bool(compiled.tuples(("owes a code", timezone.localdate().isoformat()), build, user.pk))


# ---------------------------------------------------------------------------------
# Enrolment: a new secret, shown as a QR code and as text, confirmed with a code
# ---------------------------------------------------------------------------------


def new_key() -> str:
    """A new secret: 20 random bytes, hex-encoded (as django-otp keeps it)."""
    return random_hex(20)


def secret_text(key: str) -> str:
    """The secret as authenticator apps take it typed: base32, in groups of four."""
    encoded = base64.b32encode(bytes.fromhex(key)).decode("ascii").rstrip("=")
    return " ".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))


def config_url(user: User, key: str) -> str:
    """The otpauth:// URL an authenticator app reads from the QR code."""
    issuer = settings.OTP_TOTP_ISSUER.replace(":", "")
    label = quote(f"{issuer}:{user.get_username()}")
    secret = base64.b32encode(bytes.fromhex(key)).decode("ascii").rstrip("=")
    query = urlencode({"secret": secret, "digits": DIGITS, "period": STEP, "issuer": issuer})
    return f"otpauth://totp/{label}?{query}"


def qr_code(url: str, title: str) -> SafeString:
    """The QR code of `url` as inline SVG markup: no script, no style attribute, so the
    page's Content-Security-Policy holds."""
    svg = segno.make(url, error="m").svg_inline(scale=4, title=title, svgclass="qr")
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))


def code_step(key: str, code: str, at: float | None = None) -> int | None:
    """The time step whose code `code` is, within the tolerance; None if it is none's."""
    code = code.strip().replace(" ", "")
    if not code.isdigit() or len(code) != DIGITS:
        return None
    totp = TOTP(bytes.fromhex(key), STEP, 0, DIGITS, 0)
    totp.time = at if at is not None else time.time()
    if totp.verify(int(code), TOLERANCE):
        return totp.t()
    return None
