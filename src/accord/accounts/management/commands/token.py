"""accord token create USERNAME NAME [--days N] [--read-only]
accord token list USERNAME [--format json]
accord token revoke USERNAME PREFIX"""

from __future__ import annotations

import json
from typing import Any

from django.utils import timezone

from accord.accounts import selectors, services
from accord.accounts.management.base import AccountCommand
from accord.accounts.models import TOKEN_DAYS, ApiToken, TokenScope


def _when(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _token_json(token: ApiToken, now: Any) -> dict:
    return {
        "prefix": token.prefix,
        "name": token.name,
        "state": token.state(now),
        "scope": token.scope,
        "created": _when(token.created),
        "expires": _when(token.expires),
        "revoked": _when(token.revoked_at),
        "last_used": _when(token.last_used),
    }


class Command(AccountCommand):
    help = (
        "Personal API tokens: create one (the secret is printed once and never kept), list "
        "a user's tokens, revoke one by its prefix."
    )
    name = "token"

    def add_actions(self, actions: Any) -> None:
        create = actions.add_parser("create", help="a new token; prints its secret once")
        create.add_argument("username", metavar="USERNAME")
        create.add_argument("token_name", metavar="NAME", help="what the token is for")
        create.add_argument("--days", type=int, default=TOKEN_DAYS, help="valid for N days")
        create.add_argument(
            "--read-only",
            action="store_true",
            help="a token that only reads: the one to put in a calendar or feed URL",
        )
        create.add_argument("--format", choices=["text", "json"], default="text")

        listing = actions.add_parser("list", help="a user's tokens (never their secrets)")
        listing.add_argument("username", metavar="USERNAME")
        listing.add_argument("--format", choices=["text", "json"], default="text")

        revoke = actions.add_parser("revoke", help="refuse a token from now on")
        revoke.add_argument("username", metavar="USERNAME")
        revoke.add_argument("prefix", metavar="PREFIX")

    def do_create(
        self, *, username: str, token_name: str, days: int, read_only: bool, format: str, **_: Any
    ) -> str:
        user = selectors.user(username)
        scope = TokenScope.READ if read_only else TokenScope.FULL
        token, secret = services.create_token(user, token_name, days, scope)
        if format == "json":
            return json.dumps({**_token_json(token, timezone.now()), "secret": secret})
        return "\n".join(
            [
                f"{token.get_scope_display()} token {token.prefix} ({token.name}) for {username},"
                f" expires {token.expires:%Y-%m-%d %H:%M} UTC",
                secret,
                "Keep the secret now: it is not stored and cannot be shown again.",
            ]
        )

    def do_list(self, *, username: str, format: str, **_: Any) -> str:
        now = timezone.now()
        rows = [_token_json(t, now) for t in selectors.tokens(selectors.user(username))]
        if format == "json":
            return json.dumps({"user": username, "tokens": rows})
        if not rows:
            return f"{username} has no API token"

        def minute(value: str | None) -> str:
            return value[:16].replace("T", " ") if value else "-"

        lines = [
            f"{'PREFIX':<9} {'STATE':<8} {'SCOPE':<6} {'EXPIRES (UTC)':<17} {'LAST USED':<17} NAME"
        ]
        lines += [
            f"{t['prefix']:<9} {t['state']:<8} {t['scope']:<6} {minute(t['expires']):<17}"
            f" {minute(t['last_used']):<17} {t['name']}"
            for t in rows
        ]
        return "\n".join(lines)

    def do_revoke(self, *, username: str, prefix: str, **_: Any) -> str:
        token = services.revoke_token(selectors.token(selectors.user(username), prefix))
        return f"revoked token {token.prefix} ({token.name}) of {username}"
