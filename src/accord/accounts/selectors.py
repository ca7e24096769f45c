"""Reads about users, their affiliations and their API tokens (for administration)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import QuerySet

from accord.accounts.models import Affiliation, ApiToken
from accord.core.errors import NotFound


def user(username: str) -> User:
    found = get_user_model().objects.filter(username=username).first()
    if found is None:
        raise NotFound.at("user", f"no user {username!r}")
    return found


def affiliations(of: User) -> QuerySet[Affiliation]:
    return (
        Affiliation.objects.filter(user=of)
        .select_related("organization", "party")
        .prefetch_related("bodies")
    )


def tokens(of: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=of).order_by("-created", "prefix")


def token(of: User, prefix: str) -> ApiToken:
    found = ApiToken.objects.filter(user=of, prefix=prefix).first()
    if found is None:
        raise NotFound.at("token", f"{of.get_username()} has no token {prefix!r}")
    return found
