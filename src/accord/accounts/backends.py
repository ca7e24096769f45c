"""Django's model backend, with the signed-in user's look-up built once.

Every signed-in request asks for its user by the key its session holds, and Django
built that query's SQL afresh each time (`ModelBackend.get_user`). Here the look-up is
built once (`accord.core.compiled`) and run with the key; what it answers is Django's:
the active user of that key, or None. Passwords are checked as Django checks them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import backends, get_user_model
from django.core.exceptions import ValidationError

from accord.core import compiled

# The path Django's own backend is named by in sessions signed in before this one
# served them (`accord.accounts.sessions` reads them as signed in through this one).
DJANGO_BACKEND = "django.contrib.auth.backends.ModelBackend"
BACKEND = "accord.accounts.backends.ModelBackend"


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        """The user of this key if it may sign in, else None (as Django's)."""
        model = get_user_model()
        try:  # (Django gives the key converted already; a caller may give text)
            key = model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        found = compiled.rows(
            ("signed-in user", model._meta.label),
            lambda pk: model._default_manager.filter(pk=pk),
            key,
        )
        return found[0] if found and self.user_can_authenticate(found[0]) else None
