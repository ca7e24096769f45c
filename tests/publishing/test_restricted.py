"""A restricted decision, document and meeting never reach a public release, feed,
calendar or export; written for their audience, the same outputs hold them (so the
check can fail)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from accord.accounts.access import ANONYMOUS
from accord.core.audit import acting
from accord.core.errors import NotFound
from accord.publishing import akn, compose, feeds, ics, popolo, services, tables
from tests.publishing.conftest import ADMIN, MARKER

pytestmark = pytest.mark.django_db


def public(text: str | bytes) -> bool:
    """Whether `text` holds nothing of the restricted fixture."""
    if isinstance(text, bytes):
        text = text.decode()
    return MARKER not in text.lower()


def test_not_in_a_public_release_but_in_one_for_the_members(restricted):
    for language in ("en", "ru", "zh"):
        for kind in ("press-release", "information-report"):
            written = compose.write(restricted["m14"], kind=kind, language=language)
            assert public(written.text + written.headline), (language, kind)
    members = compose.write(restricted["m14"], language="en", classification="organization")
    assert MARKER.upper() in members.text
    assert "Decision “Decision on the border operations (SECRET-MARKER)”: adopted" in members.text


def test_not_in_the_feeds(restricted):
    org = restricted["org"]
    with acting("user:officer"):
        for audience in ("public", "organization"):
            release = services.draft_release(
                ADMIN, restricted["m14"], language="en", classification=audience
            )
            services.review_release(ADMIN, release)
            services.publish_release(ADMIN, release)
    released = feeds.releases_feed(ANONYMOUS, org, "http://127.0.0.1/r/", "http://127.0.0.1/f")
    adopted = feeds.adopted_feed(ANONYMOUS, org, "http://127.0.0.1/d/", "http://127.0.0.1/a")
    assert public(released) and public(adopted)
    assert "14th Meeting" in released  # the public release is there
    # The members' release and the adopted plan are in the feeds for a secretariat reader.
    assert not public(feeds.adopted_feed(ADMIN, org, "http://127.0.0.1/d/", "http://x/a"))
    assert not public(feeds.releases_feed(ADMIN, org, "http://127.0.0.1/r/", "http://x/f"))


def test_not_in_the_calendar(restricted):
    org = restricted["org"]
    assert public(ics.calendar(ANONYMOUS, org))
    assert public(ics.calendar(ANONYMOUS, org, body="security-council-secretaries"))
    assert not public(ics.calendar(ADMIN, org))


@pytest.mark.parametrize("name", ["documents", "decisions", "meetings", "calendar", "pending"])
def test_not_in_any_table(restricted, name):
    body = "heads-of-state" if name == "pending" else None
    options = tables.Options(on=dt.date(2019, 5, 16), start=dt.date(2019, 1, 1), body=body)
    assert public(tables.as_csv(ANONYMOUS, restricted["org"], name, options))
    assert not public(tables.as_csv(ADMIN, restricted["org"], name, options))


def test_not_in_popolo_nor_akoma_ntoso(restricted):
    org = restricted["org"]
    assert public(json.dumps(popolo.export(org)))
    assert public(akn.meeting_decisions(ANONYMOUS, restricted["m14"]))
    assert not public(akn.meeting_decisions(ADMIN, restricted["m14"]))
    with pytest.raises(NotFound):
        akn.document(ANONYMOUS, org, f"{MARKER}-plan")


def test_not_through_the_downloads(restricted):
    client = Client(HTTP_HOST="127.0.0.1")
    for url in (
        "/calendar/sco.ics",
        "/feeds/sco/adopted.atom",
        "/feeds/sco/releases.atom",
        "/export/sco/documents.csv",
        "/export/sco/decisions.csv",
        "/export/sco/security-council-secretaries/14/decisions.akn.xml",
    ):
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert public(answer.content), url
    assert client.get(f"/export/sco/documents/{MARKER}-plan.akn.xml").status_code == 404
