"""What a page shows of its reader beyond what they may read: the name to sign out and
the form token.

A page the response cache shares among the readers of one standing is rendered with
slots in their place (`accord.core.response_cache.personal_slots`), filled for each
reader as the answer goes out; any other page is rendered with them.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accord.core.response_cache import personal_slots, shared_page


def personal(request: HttpRequest) -> dict[str, Any]:
    """Template context: `signed_in_name`, and `csrf_token` on a shared page (after
    Django's own context processor, so this one's value is the one rendered)."""
    if shared_page(request):
        name, token = personal_slots()
        return {"signed_in_name": name, "csrf_token": token}
    user = getattr(request, "user", None)
    name = user.get_username() if user is not None and user.is_authenticated else ""
    return {"signed_in_name": name}
