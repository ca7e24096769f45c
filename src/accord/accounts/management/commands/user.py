"""accord user add USERNAME [--email E] [--admin]
accord user grant USERNAME ORG ROLE [--party CODE] [--body BODY ...] [--from D] [--to D]
accord user revoke USERNAME ORG ROLE
accord user show USERNAME
accord user password USERNAME
accord user require-2fa ORG [--off]
accord user enrolment-code USERNAME [--hours N]
accord user reset-2fa USERNAME"""

from __future__ import annotations

import datetime as dt
import os
import sys
from getpass import getpass
from typing import Any

from django.core.management.base import CommandError

from accord.accounts import second_factor, selectors, services
from accord.accounts.management.base import AccountCommand
from accord.accounts.models import ENROLMENT_CODE_HOURS, Role
from accord.bodies import selectors as bodies
from accord.cli.base import date_argument
from accord.registry import selectors as registry

PASSWORD_VARIABLE = "ACCORD_PASSWORD"


def _password() -> str:
    """From ACCORD_PASSWORD, else asked twice on the terminal."""
    given = os.environ.get(PASSWORD_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        raise CommandError(
            f"password: set {PASSWORD_VARIABLE}, or run in a terminal to be asked", returncode=2
        )
    first = getpass("Password: ")
    if first != getpass("Password (again): "):
        raise CommandError("password: the two entries differ; nothing was written", returncode=2)
    return first


class Command(AccountCommand):
    help = (
        "Users and their roles: add a user (password from ACCORD_PASSWORD or asked), grant "
        "or revoke a role in an organization (secretariat, delegation, chair-team, observer), "
        "show a user's roles; set a password; require a second factor of an organization's "
        "secretariat, issue a user's enrolment code for it, or reset a user's."
    )
    name = "user"

    def add_actions(self, actions: Any) -> None:
        add = actions.add_parser("add", help="a new user")
        add.add_argument("username", metavar="USERNAME")
        add.add_argument("--email", default="")
        add.add_argument("--admin", action="store_true", help="an administrator: reads all")

        grant = actions.add_parser("grant", help="give a user a role in an organization")
        grant.add_argument("username", metavar="USERNAME")
        grant.add_argument("organization", metavar="ORG")
        grant.add_argument("role", metavar="ROLE", help=", ".join(Role.values))
        grant.add_argument("--party", default=None, metavar="CODE", help="the party served")
        grant.add_argument(
            "--body",
            dest="bodies",
            action="extend",
            nargs="+",
            default=[],
            metavar="BODY",
            help="bodies whose restricted material the delegation reads",
        )
        grant.add_argument("--from", dest="start", type=date_argument, default=None)
        grant.add_argument("--to", dest="end", type=date_argument, default=None)

        revoke = actions.add_parser("revoke", help="take a role away")
        revoke.add_argument("username", metavar="USERNAME")
        revoke.add_argument("organization", metavar="ORG")
        revoke.add_argument("role", metavar="ROLE", help=", ".join(Role.values))

        show = actions.add_parser("show", help="a user's roles")
        show.add_argument("username", metavar="USERNAME")

        password = actions.add_parser(
            "password", help="set a new password (the user's sessions end)"
        )
        password.add_argument("username", metavar="USERNAME")

        require = actions.add_parser(
            "require-2fa",
            help="require the organization's secretariat to sign in with an authenticator app",
        )
        require.add_argument("organization", metavar="ORG")
        require.add_argument("--off", action="store_true", help="no longer require it")

        code = actions.add_parser(
            "enrolment-code",
            help="a one-time code with which the user adds an authenticator app; audited",
        )
        code.add_argument("username", metavar="USERNAME")
        code.add_argument(
            "--hours",
            type=int,
            default=ENROLMENT_CODE_HOURS,
            help=f"how long the code may be used (default {ENROLMENT_CODE_HOURS})",
        )

        reset = actions.add_parser(
            "reset-2fa",
            help="remove a user's authenticator app and backup codes (a lost phone); audited",
        )
        reset.add_argument("username", metavar="USERNAME")

    def do_add(self, *, username: str, email: str, admin: bool, **_: Any) -> str:
        user = services.add_user(username, password=_password(), email=email, admin=admin)
        return f"added user {user.get_username()}" + (" (administrator)" if admin else "")

    def do_grant(
        self,
        *,
        username: str,
        organization: str,
        role: str,
        party: str | None,
        bodies: list[str],
        start: Any,
        end: Any,
        **_: Any,
    ) -> str:
        user = selectors.user(username)
        org = registry.organization(organization)
        row = services.grant(
            user,
            org,
            role,
            party=registry.party(party) if party else None,
            bodies=[self._body(org, slug) for slug in bodies],
            start=start,
            end=end,
        )
        return f"{username}: {self._describe(row)}"

    @staticmethod
    def _body(org: Any, slug: str) -> Any:
        return bodies.body(org, slug)

    def do_revoke(self, *, username: str, organization: str, role: str, **_: Any) -> str:
        services.revoke(selectors.user(username), registry.organization(organization), role)
        return f"{username}: no longer {role} in {organization}"

    def do_show(self, *, username: str, **_: Any) -> str:
        user = selectors.user(username)
        lines = [user.get_username() + (" (administrator)" if user.is_superuser else "")]
        lines += [f"  {self._describe(row)}" for row in selectors.affiliations(user)]
        if len(lines) == 1:
            lines.append("  no role in any organization")
        if second_factor.device_of(user) is not None:
            left = second_factor.backup_codes_left(user)
            lines.append(f"  second factor: an authenticator app; {left} backup codes left")
        return "\n".join(lines)

    def do_password(self, *, username: str, **_: Any) -> str:
        services.set_password(selectors.user(username), _password())
        return f"{username}: new password set; the user's sessions have ended"

    def do_require_2fa(self, *, organization: str, off: bool, **_: Any) -> str:
        org = registry.organization(organization)
        changed = services.require_second_factor(org, required=not off)
        state = "no longer requires" if off else "requires"
        return f"{organization} {state} a second factor of its secretariat" + (
            "" if changed else " (unchanged)"
        )

    def do_enrolment_code(self, *, username: str, hours: int, **_: Any) -> str:
        row, code = services.issue_enrolment_code(selectors.user(username), hours)
        until = row.expires.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        return (
            f"{username}: enrolment code {code} (one enrolment, until {until}); give it to"
            " them by another way than their password: in person, or by telephone"
        )

    def do_reset_2fa(self, *, username: str, **_: Any) -> str:
        removed = services.reset_second_factor(selectors.user(username))
        if not removed:
            return f"{username} has no authenticator app; nothing was changed"
        return (
            f"{username}: authenticator app and backup codes removed; signing in takes the"
            " password alone; enrolling again needs a new enrolment code (accord user"
            f" enrolment-code {username})"
        )

    @staticmethod
    def _describe(row: Any) -> str:
        text = f"{row.role}"
        if row.party_id:
            text += f" of {row.party.code}"
        text += f" in {row.organization.slug}"
        names = sorted(b.slug for b in row.bodies.all())
        if names:
            text += f"; bodies: {', '.join(names)}"
        if row.start or row.end:
            text += f"; {row.start or ''}..{row.end or ''}"
        return text
