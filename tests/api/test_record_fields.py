"""The API's meeting record reads the rows joined to its parts with only the fields
its answer names, the others deferred (`accounts.record_parts`): no answer of any
meeting of the seed and the corpus, to any reader, reads a deferred field (each would
be a query of its own)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from accord.meetings.models import Meeting
from tests.deferred import deferred_reads
from tests.test_record_answers import clients  # noqa: F401  (the corpus, its readers)


@pytest.mark.django_db
@override_settings(ACCORD_RESPONSE_CACHE=False)
def test_no_record_answer_reads_a_deferred_field(clients):  # noqa: F811
    answered = 0
    with deferred_reads() as loaded:
        for m in Meeting.objects.select_related("body__organization").order_by("pk"):
            address = f"organizations/{m.body.organization.slug}/bodies/{m.body.slug}"
            for who in ("public", "officer", "token"):
                answer = clients[who].get(f"/api/v1/{address}/meetings/{m.ref}")
                answered += answer.status_code == 200
                assert not loaded, (address, m.ref, who, loaded[:20])
    assert answered > 150
