"""What the access rules and the second factor know of a signed-in user, kept per state
of the record, so that a page served from the cache of answers builds no query for it.

A reader's standing (`access.affiliations_of`) and whether a session of theirs owes a
code (`second_factor.owes_a_code`) change only with a write of the record: a new or
ended affiliation, an authenticator enrolled or reset, an organization's rule on the
second factor; every such write is audited, and so gives the record a new state (the
hash of the newest audit entry, `core.response_cache.record_state`). Both are kept in
the cache of answers under a key made of the user's id, that state and today's date
(affiliations are "in force today"); the next write makes a new key, so the next read
of every reader works them out again. Whether the user is active or an administrator
is read from the user's row, fetched anew with each request.

They are kept only where the request already read the record's state (the cache of
answers sets `request.accord_record_state`); elsewhere they are worked out as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import caches
from django.http import HttpRequest
from django.utils import timezone

from accord.accounts import access

_T = TypeVar("_T")


def _kept(request: HttpRequest, user: Any, fact: str, work: Callable[[], _T]) -> _T:
    """`fact` of `user` at the state the request read: worked out by `work` on the
    first request of that state (its one query), then kept; `work` itself when the
    request read no state."""
    state = getattr(request, "accord_record_state", None)
    if state is None:
        return work()
    day = timezone.localdate().isoformat()
    key = f"accord:{fact}:{user.pk}:{state}:{day}"
    cache = caches["responses"]
    found = cache.get(key, _MISSING)
    if found is _MISSING:
        found = work()
        cache.set(key, found)
    return found


_MISSING = object()


def affiliations(request: HttpRequest, user: Any) -> access.Affiliations:
    """The user's standing: their affiliations in force today (`access.affiliations_of`)."""
    return _kept(request, user, "affiliations", lambda: access.affiliations_of(user.pk))


def owes_a_code(request: HttpRequest, user: Any) -> bool:
    """Whether a session of the user must give a second factor's code before it reads
    as the user (`second_factor.owes_a_code`)."""
    from accord.accounts import second_factor

    return _kept(request, user, "owes-a-code", lambda: second_factor.owes_a_code(user))
