"""The only writers of users, affiliations, API tokens and second factors.

Each service validates first (a DomainError names the field and the reason, and
nothing is written), then writes in one transaction through the audited row writer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.accounts import second_factor
from accord.accounts.models import (
    DELEGATION_ROLES,
    ENROLMENT_CODE_HOURS,
    Affiliation,
    ApiToken,
    EnrolmentCode,
    Role,
    SecondFactorRule,
    TokenScope,
)
from accord.bodies.models import Body
from accord.core import audit, compiled
from accord.core.dates import range_problem
from accord.core.errors import DomainError, NotFound, Problem
from accord.core.intervals import span_problem
from accord.core.persist import delete, set_many, upsert, validate_fields
from accord.registry.models import Membership, Organization, Party

TOKEN_PREFIX = "acc"
MAX_TOKEN_DAYS = 366
_HIDDEN = "(hidden)"


# ---------------------------------------------------------------------------------
# Users
# ---------------------------------------------------------------------------------


def _user_snapshot(user: User) -> dict:
    """The user's row for the audit trail, without the password hash."""
    data = audit.snapshot(user)
    if data.get("password"):
        data["password"] = _HIDDEN
    return data


def add_user(username: str, *, password: str, email: str = "", admin: bool = False) -> User:
    """A new user; an administrator (`admin`) may read and change everything."""
    UserModel = get_user_model()
    if UserModel.objects.filter(username=username).exists():
        raise DomainError.at("username", f"{username!r} already exists")
    if not password:
        raise DomainError.at("password", "must not be empty")
    user = UserModel(username=username, email=email, is_superuser=admin, is_staff=admin)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError.at("password", " ".join(exc.messages)) from None
    user.set_password(password)
    validate_fields(user)
    with transaction.atomic():
        user.save(force_insert=True)
        audit.record("create", user, None, _user_snapshot(user))
    return user


# ---------------------------------------------------------------------------------
# Affiliations
# ---------------------------------------------------------------------------------


def _standing(organization: Organization, party: Party, day: dt.date) -> Membership | None:
    return (
        Membership.objects.on(day)
        .filter(organization=organization, party=party)
        .select_related("status")
        .first()
    )


def check_affiliation(
    organization: Organization,
    role: str,
    party: Party | None,
    bodies: list[Body],
    start: dt.date | None,
    end: dt.date | None,
    day: dt.date,
) -> list[Problem]:
    """Why the affiliation cannot be granted on `day` (empty when it can)."""
    if role not in Role.values:
        return [Problem("role", f"{role!r} is not a role (use one of: {', '.join(Role.values)})")]
    problems = [
        Problem(field, reason)
        for field, day in (("from", start), ("to", end))
        if day is not None and (reason := range_problem(day))
    ]
    if problems:
        return problems
    if problem := span_problem("to", start, end):
        problems.append(problem)
    if role == Role.SECRETARIAT:
        if party is not None:
            problems.append(Problem("party", "a secretariat officer serves no party"))
        if bodies:
            problems.append(
                Problem("bodies", "the secretariat reads every body's material; name no body")
            )
        return problems
    if party is None:
        return [*problems, Problem("party", f"a {role} affiliation must name its party")]
    for index, body in enumerate(bodies):
        if body.organization_id != organization.pk:
            problems.append(
                Problem(f"bodies[{index}]", f"{body.slug!r} is a body of another organization")
            )
    standing = _standing(organization, party, day)
    if standing is None:
        problems.append(
            Problem("party", f"{party.code!r} holds no status in {organization.slug} on {day}")
        )
    elif role in DELEGATION_ROLES and not standing.status.takes_decisions:
        problems.append(
            Problem(
                "role",
                f"{party.code!r} is {standing.status.slug!r} in {organization.slug} on {day},"
                f" not a member: grant the observer role",
            )
        )
    elif role == Role.OBSERVER:
        if standing.status.takes_decisions:
            problems.append(
                Problem(
                    "role",
                    f"{party.code!r} is a member of {organization.slug} on {day}:"
                    " grant the delegation role",
                )
            )
        if bodies:
            problems.append(Problem("bodies", "observers read no body-restricted material"))
    return problems


def grant(
    user: User,
    organization: Organization,
    role: str,
    *,
    party: Party | None = None,
    bodies: Iterable[Body] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    on: dt.date | None = None,
) -> Affiliation:
    """Affiliate `user` with `organization` in `role` (granting it again updates it).

    The party must hold a status in the organization on the day of granting (`on`,
    default today): a member for a delegation or chair team, a non-member status
    (observer, dialogue partner, partner) for the observer role.
    """
    bodies = list(bodies)
    day = on or timezone.localdate()
    problems = check_affiliation(organization, role, party, bodies, start, end, day)
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        row, outcome = upsert(
            Affiliation,
            {"user": user, "organization": organization, "role": role},
            {"party": party, "start": start, "end": end},
        )
        set_many(row, "bodies", bodies, created=outcome == "created")
    return row


def revoke(user: User, organization: Organization, role: str) -> None:
    """End `user`'s affiliation with `organization` in `role` (the audit trail keeps it)."""
    rows = Affiliation.objects.filter(user=user, organization=organization, role=role)
    with transaction.atomic():
        if not delete(rows):
            raise NotFound.at(
                "role",
                f"{user.get_username()} holds no {role!r} affiliation with {organization.slug}",
            )


# ---------------------------------------------------------------------------------
# API tokens
# ---------------------------------------------------------------------------------


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(
    user: User, name: str, days: int = 90, scope: str = TokenScope.FULL
) -> tuple[ApiToken, str]:
    """A new token for `user`, valid for `days`: (its row, the secret).

    The secret (`acc_<prefix>_<random>`) is returned once and never stored: only its
    SHA-256 is kept, and `prefix` names the token in lists. A `read` token only reads
    (the one to put in a calendar or feed URL); a `full` one also writes.
    """
    name = name.strip()
    if not name:
        raise DomainError.at("name", "a token needs a name (what it is for)")
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise DomainError.at("days", f"must be between 1 and {MAX_TOKEN_DAYS}, got {days}")
    if scope not in TokenScope.values:
        raise DomainError.at(
            "scope", f"must be one of {', '.join(TokenScope.values)}, got {scope!r}"
        )
    if not user.is_active:
        raise DomainError.at("user", f"{user.get_username()} is not active")
    if ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
        raise DomainError.at(
            "name", f"{user.get_username()} already has a token named {name!r}; revoke it first"
        )
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():  # pragma: no cover - 1 in 4e9
        prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    now = timezone.now()
    with transaction.atomic():
        token, _ = upsert(
            ApiToken,
            {"prefix": prefix},
            {
                "user": user,
                "name": name,
                "key_hash": _hash(secret),
                "created": now,
                "expires": now + dt.timedelta(days=days),
                "scope": scope,
            },
            missing=True,
        )
    return token, secret


def revoke_token(token: ApiToken) -> ApiToken:
    """Refuse `token` from now on (revoking it again changes nothing)."""
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        upsert(ApiToken, {}, {"revoked_at": timezone.now()}, instance=token)
    return token


@dataclass(frozen=True)
class TokenCheck:
    """The user a secret signs in, or why not: unknown, expired, revoked, inactive."""

    user: User | None
    token: ApiToken | None = None
    refused: str | None = None


LAST_USED_EVERY = dt.timedelta(minutes=1)


def _token_by_prefix(prefix: str) -> QuerySet[ApiToken]:
    """The token of `prefix` and its user, as `.first()` reads it (its SQL built once:
    `accord.core.compiled`)."""
    rows = ApiToken.objects.filter(prefix=prefix).select_related("user")
    return (rows if rows.ordered else rows.order_by("pk"))[:1]


def check_token(secret: str) -> TokenCheck:
    """Whose `secret` it is, compared in constant time; expired and revoked ones refused.

    `last_used` is kept to the minute (a bookkeeping update, not an audited change of
    the record, so that reads do not each write an audit entry).
    """
    parts = secret.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or len(parts[1]) != 8:
        return TokenCheck(None, refused="unknown")
    found = compiled.rows(("api token",), _token_by_prefix, parts[1])
    token = found[0] if found else None
    expected = token.key_hash if token is not None else _hash("")
    matches = hmac.compare_digest(expected, _hash(secret.strip()))
    if token is None or not matches:
        return TokenCheck(None, refused="unknown")
    now = timezone.now()
    state = token.state(now)
    if state != "active":
        return TokenCheck(None, token, refused=state)
    if not token.user.is_active:
        return TokenCheck(None, token, refused="inactive")
    if token.last_used is None or now - token.last_used >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
    return TokenCheck(token.user, token)


def authenticate_token(secret: str) -> User | None:
    """The user `secret` signs in, or None (unknown, expired, revoked, inactive user)."""
    return check_token(secret).user


# ---------------------------------------------------------------------------------
# Passwords and the second factor
# ---------------------------------------------------------------------------------


def set_password(user: User, password: str) -> User:
    """A new password (validated); every session of the user ends with the old one."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError.at("password", " ".join(exc.messages)) from None
    before = _user_snapshot(user)
    user.set_password(password)
    with transaction.atomic():
        user.save(update_fields=["password"])
        audit.record("update", user, before, {**before, "password": "(changed)"})
    return user


# An enrolment code: 16 characters of an alphabet without look-alikes (80 bits), in
# groups of four.
ENROLMENT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MAX_ENROLMENT_HOURS = 24 * 14


def _enrolment_hash(code: str) -> str:
    return _hash(second_factor.compact(code).upper())


def issue_enrolment_code(
    user: User, hours: int = ENROLMENT_CODE_HOURS
) -> tuple[EnrolmentCode, str]:
    """A one-time code with which `user` may add an authenticator app, valid for `hours`:
    (its row, the code). The code is returned once and never stored (only its SHA-256);
    a code of the user's not yet used is withdrawn."""
    if not 1 <= hours <= MAX_ENROLMENT_HOURS:
        raise DomainError.at("hours", f"must be between 1 and {MAX_ENROLMENT_HOURS}, got {hours}")
    if not user.is_active:
        raise DomainError.at("user", f"{user.get_username()} is not active")
    if second_factor.device_of(user) is not None:
        name = user.get_username()
        raise DomainError.at(
            "user",
            f"{name} already has an authenticator app; remove it first (accord user"
            f" reset-2fa {name}) if it is lost",
        )
    code = "".join(secrets.choice(ENROLMENT_ALPHABET) for _ in range(16))
    code = "-".join(code[i : i + 4] for i in range(0, 16, 4))
    now = timezone.now()
    with transaction.atomic():
        delete(EnrolmentCode.objects.filter(user=user, used_at__isnull=True))
        row, _ = upsert(
            EnrolmentCode,
            {"code_hash": _enrolment_hash(code)},
            {"user": user, "created": now, "expires": now + dt.timedelta(hours=hours)},
            missing=True,
        )
    return row, code


@dataclass(frozen=True)
class EnrolmentCheck:
    """The user's enrolment code, or why it is refused: unknown, used, expired."""

    code: EnrolmentCode | None
    refused: str | None = None


def check_enrolment_code(user: User, code: str) -> EnrolmentCheck:
    """Whether `code` is an enrolment code of `user`'s that may still be used (another
    user's code is unknown to them)."""
    row = EnrolmentCode.objects.filter(code_hash=_enrolment_hash(code), user=user).first()
    if row is None:
        return EnrolmentCheck(None, "unknown")
    state = row.state()
    return EnrolmentCheck(row, None if state == "usable" else state)


def _device_snapshot(device: TOTPDevice | StaticDevice) -> dict:
    """A device's row for the audit trail, without its secret key or codes."""
    data = {"user": device.user.get_username(), "name": device.name}
    if isinstance(device, StaticDevice):
        return {**data, "kind": "backup codes", "codes": device.token_set.count()}
    return {**data, "kind": "totp"}


def _use_enrolment_code(user: User, enrolment: EnrolmentCode) -> None:
    """Mark the enrolment code used (audited), unless it was used meanwhile, expired, or
    was withdrawn: then refuse."""
    now = timezone.now()
    taken = EnrolmentCode.objects.filter(
        pk=enrolment.pk, user=user, used_at__isnull=True, expires__gt=now
    ).update(used_at=now)
    if not taken:
        found = EnrolmentCode.objects.filter(pk=enrolment.pk).first()
        state = found.state(now) if found is not None else "unknown"
        raise DomainError.at("enrolment_code", f"the enrolment code is {state}")
    enrolment.used_at = now
    audit.record("update", enrolment, {"used_at": None}, {"used_at": now.isoformat()})


def enrol_authenticator(
    user: User, key: str, code: str, enrolment: EnrolmentCode
) -> tuple[TOTPDevice, list[str]]:
    """Keep `user`'s authenticator app (TOTP secret `key`) once it gave a right code,
    with the enrolment code an administrator issued them (used up): (the device, its
    backup codes, returned once and kept only as django-otp keeps them)."""
    if second_factor.device_of(user) is not None:
        raise DomainError.at("user", f"{user.get_username()} already has an authenticator")
    step = second_factor.code_step(key, code)
    if step is None:
        raise DomainError.at("code", "the code is not the authenticator's code of now")
    device = TOTPDevice(
        user=user,
        name="authenticator",
        key=key,
        step=second_factor.STEP,
        digits=second_factor.DIGITS,
        tolerance=second_factor.TOLERANCE,
        confirmed=True,
        last_t=step,  # the code given is used up
    )
    backup = StaticDevice(user=user, name="backup codes", confirmed=True)
    codes: list[str] = []
    while len(codes) < second_factor.BACKUP_CODES:
        candidate = StaticToken.random_token()
        if candidate not in codes:
            codes.append(candidate)
    with transaction.atomic():
        _use_enrolment_code(user, enrolment)
        device.save(force_insert=True)
        audit.record("create", device, None, _device_snapshot(device))
        backup.save(force_insert=True)
        StaticToken.objects.bulk_create(StaticToken(device=backup, token=c) for c in codes)
        audit.record("create", backup, None, _device_snapshot(backup))
    return device, codes


def reset_second_factor(user: User) -> int:
    """Remove `user`'s authenticators and backup codes (a lost phone): they sign in with
    the password alone until they enrol again, with a new enrolment code. The number of
    authenticators removed."""
    devices = list(TOTPDevice.objects.filter(user=user).select_related("user"))
    backups = list(StaticDevice.objects.filter(user=user).select_related("user"))
    with transaction.atomic():
        for device in [*devices, *backups]:
            audit.record("delete", device, _device_snapshot(device), None)
        TOTPDevice.objects.filter(pk__in=[d.pk for d in devices]).delete()
        StaticDevice.objects.filter(pk__in=[d.pk for d in backups]).delete()
    return len(devices)


def require_second_factor(organization: Organization, required: bool = True) -> bool:
    """Require (or no longer require) a second factor of the organization's secretariat.
    Whether anything changed."""
    found = SecondFactorRule.objects.filter(organization=organization)
    with transaction.atomic():
        if not required:
            return bool(delete(found))
        if found.exists():
            return False
        upsert(SecondFactorRule, {"organization": organization}, {}, missing=True)
    return True
