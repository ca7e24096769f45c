"""The code an authenticator app shows, computed from the secret as the app does."""

from __future__ import annotations

import base64
import time

from django_otp.oath import TOTP


def key_of(secret_text: str) -> bytes:
    """The key behind the secret shown for typing (base32, in groups)."""
    compact = secret_text.replace(" ", "")
    return base64.b32decode(compact + "=" * (-len(compact) % 8))


def code(key: bytes, steps_ahead: int = 0) -> str:
    """The app's code of now (or of a later 30-second step: a code once taken is used
    up, so a second sign-in within the same step gives the next one)."""
    totp = TOTP(key, 30, 0, 6, 0)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"
