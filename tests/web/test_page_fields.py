"""The meeting page reads the rows joined to a meeting's actions with only the fields
the page shows, the others deferred (`accounts.record_parts`): no page of any meeting
of the seed and the corpus, to the public or the secretariat, in any of its languages,
reads a deferred field, nor its minutes (each would be a query of its own, a row at a time)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from accord.meetings.models import Meeting
from tests.deferred import deferred_reads
from tests.test_record_answers import LANGUAGES, clients  # noqa: F401  (the corpus, its readers)


@pytest.mark.django_db
@override_settings(ACCORD_RESPONSE_CACHE=False)
def test_no_meeting_page_reads_a_deferred_field(clients):  # noqa: F811
    shown = 0
    with deferred_reads() as loaded:
        for m in Meeting.objects.select_related("body__organization").order_by("pk"):
            address = f"/organizations/{m.body.organization.slug}/bodies/{m.body.slug}"
            address += f"/meetings/{m.ref}/"
            for language in LANGUAGES:
                for who in ("public", "officer"):
                    for path in (address, f"{address}minutes/"):
                        page = clients[who].get(path, HTTP_ACCEPT_LANGUAGE=language)
                        shown += page.status_code == 200
                        assert not loaded, (path, who, language, loaded[:20])
    assert shown > 300
