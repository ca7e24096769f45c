"""The request of a page behind sign-in, as the type checker sees it: one class for
the account pages and the recording pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    # Only for the checker: a subclass of User made at run time would be a model.
    class VerifiableUser(User):
        """The signed-in user as django-otp's OTPMiddleware leaves it on the request."""

        def is_verified(self) -> bool: ...


class SignedInRequest(HttpRequest):
    """A request to a view behind sign-in: its user is signed in."""

    user: VerifiableUser
