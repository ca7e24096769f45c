"""The API's meeting record reads the rows joined to its parts with only the fields
its answer names, the others deferred (`accounts.record_parts`): no answer of any
meeting of the seed and the corpus, to any reader, reads a deferred field (each would
be a query of its own)."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db.models import Model
from django.test import override_settings

from accord.meetings.models import Meeting
from tests.test_record_answers import NOW, clients  # noqa: F401  (the corpus, its readers)


@pytest.mark.django_db
@override_settings(ACCORD_RESPONSE_CACHE=False)
def test_no_record_answer_reads_a_deferred_field(clients):  # noqa: F811
    loaded: list[tuple[str, Any]] = []
    real = Model.refresh_from_db

    def reading(self: Model, *args: Any, **kwargs: Any) -> None:
        loaded.append((type(self).__name__, kwargs.get("fields")))
        real(self, *args, **kwargs)

    answered = 0
    with (
        mock.patch("django.utils.timezone.now", return_value=NOW),
        mock.patch.object(Model, "refresh_from_db", reading),
    ):
        for m in Meeting.objects.select_related("body__organization").order_by("pk"):
            address = f"organizations/{m.body.organization.slug}/bodies/{m.body.slug}"
            for who in ("public", "officer", "token"):
                answer = clients[who].get(f"/api/v1/{address}/meetings/{m.ref}")
                answered += answer.status_code == 200
    assert answered > 150 and not loaded
