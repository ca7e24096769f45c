"""Sessions kept in the database, as Django's `db` engine keeps them, with the look-up of
a session by its key built once (`accord.core.compiled`): every signed-in request asks
for its session, and Django built that query's SQL afresh each time.

A session signed in through Django's own model backend (before Accord's,
`accord.accounts.backends`, served sign-ins) is read as signed in through Accord's:
nobody is signed out by the change."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends import db
from django.utils import timezone

from accord.accounts.backends import BACKEND, DJANGO_BACKEND
from accord.core import compiled


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        data = super().load()
        if data.get(BACKEND_SESSION_KEY) == DJANGO_BACKEND:
            data[BACKEND_SESSION_KEY] = BACKEND
        return data

    def _get_session_from_db(self) -> Any:
        """The session of this key not yet expired, else None (and no key), as Django's
        (its expiry compared here: a moment is no value a kept shape holds)."""
        model, key = self.model, self.session_key
        found = (
            compiled.rows(
                ("session", model._meta.label),
                lambda k: model.objects.filter(session_key=k),
                key,
            )
            if key
            else []
        )
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
