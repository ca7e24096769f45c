"""Fixtures of the accounts tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def quick_password_hashing(request, settings):
    """Argon2 is slow by design; tests about something else hash passwords quickly.

    A module that tests passwords themselves sets REAL_PASSWORD_HASHERS = True and runs
    with the hashers of the settings (Argon2 first).
    """
    if not getattr(request.module, "REAL_PASSWORD_HASHERS", False):
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
