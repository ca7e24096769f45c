"""Who a user is in the record (affiliations) and how programs sign in (API tokens).

Users are Django's own; an administrator is a superuser. Everything else a user may
read or change follows from their affiliations, through `accord.accounts.access`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.bodies.models import Body
from accord.core.models import SpanQuerySet
from accord.registry.models import Organization, Party

TOKEN_DAYS = 90


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("secretariat (keeps the organization's record)")
    DELEGATION = "delegation", _("delegation of a member")
    CHAIR_TEAM = "chair-team", _("chair / presidency team")
    OBSERVER = "observer", _("observer or partner party")


PARTY_ROLES = (Role.DELEGATION, Role.CHAIR_TEAM, Role.OBSERVER)
DELEGATION_ROLES = (Role.DELEGATION, Role.CHAIR_TEAM)


class AffiliationQuerySet(SpanQuerySet["Affiliation"]):
    """Affiliations: `.on(day)` those in force on a day (one without a start has held
    since always)."""

    open_start = True


class Affiliation(models.Model):
    """A user works for an organization in a role (for a party; on some bodies).

    Secretariat officers name no party; delegations, chair teams and observers name
    the party they serve. `bodies` are the bodies whose body-restricted material a
    delegation or chair team reads. An affiliation holds from `start` to `end`
    (inclusive; open when null).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations"
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=Role.choices)
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    bodies = models.ManyToManyField(Body, blank=True, related_name="+")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        ordering = ["user", "organization", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="affiliation_role_unique"
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=F("start")),
                name="affiliation_end_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(role=Role.SECRETARIAT) & Q(party__isnull=True))
                | (~Q(role=Role.SECRETARIAT) & Q(party__isnull=False)),
                name="affiliation_party_by_role",
            ),
        ]

    def __str__(self) -> str:
        party = f" {self.party_id}" if self.party_id else ""
        return f"{self.user_id}: {self.role}{party} in {self.organization_id}"


def default_expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=TOKEN_DAYS)


class TokenScope(models.TextChoices):
    """What a token may do: everything its user may (`full`), or only read (`read`).

    A token given in a URL (a calendar or feed subscription) ends up in the logs and
    settings of other programs: only a read-only token is accepted there.
    """

    FULL = "full", "read and write"
    READ = "read", "read only"


class ApiToken(models.Model):
    """A personal API token. Only the SHA-256 of the secret is kept; `prefix` names it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField(default=default_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used = models.DateTimeField(null=True, blank=True)
    scope = models.CharField(max_length=4, choices=TokenScope.choices, default=TokenScope.FULL)

    class Meta:
        ordering = ["user", "-created", "prefix"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=Q(revoked_at__isnull=True),
                name="token_name_unique_while_not_revoked",
            ),
            models.CheckConstraint(
                condition=Q(expires__gt=F("created")), name="token_expires_after_created"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} ({self.name})"

    def state(self, now: dt.datetime | None = None) -> str:
        """active, expired or revoked."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires <= (now or timezone.now()):
            return "expired"
        return "active"


class SecondFactorRule(models.Model):
    """The organization requires its secretariat to sign in with a second factor (a
    TOTP code): until a secretariat user has one and has given its code, their session
    reads as the public's and the recording pages refuse them. (Anyone may enrol
    without a rule, with an enrolment code.)"""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="second_factor_rule"
    )
    since = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"second factor required in {self.organization_id}"


ENROLMENT_CODE_HOURS = 72


class EnrolmentCode(models.Model):
    """A one-time code with which a user adds an authenticator app: issued by an
    administrator (`accord user enrolment-code USER`) and given to the user by another
    way than their password, so that the password alone does not let anyone enrol an
    app of their own. Only its SHA-256 is kept; it is used once, and expires."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "-created"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires__gt=F("created")), name="enrolment_code_expires_after_created"
            ),
        ]

    def __str__(self) -> str:
        return f"enrolment code of {self.user_id}"

    def state(self, now: dt.datetime | None = None) -> str:
        """usable, used or expired."""
        if self.used_at is not None:
            return "used"
        if self.expires <= (now or timezone.now()):
            return "expired"
        return "usable"
