"""The meeting page's reports heard, progress, positions, documents, events and releases
written in Python (`accord_meeting_lists`) are the template loops' HTML byte for byte
(tests/web/meeting_lists_loops.html, as web/meeting.html wrote them), and note the same
names untranslated in the same order: for every meeting of the seed, as the public and
as the secretariat, in English, Russian and Chinese, and for rows varied to take every
branch (a progress report by no one, its report hidden; a member without a position and
a position with a statement; an event without dates or place, and one with only its
city; releases of each kind and audience, one without a version)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from accord.accounts.record_parts import keep_rows
from accord.decisions.models import Position
from accord.meetings.models import Meeting
from accord.publishing.models import PressRelease, ReleaseVersion
from accord.registry.models import Organization, Party
from tests.web.conftest import ROLES, sign_in
from tests.web.rendering import same_in_every_language, seed_meeting_pages

pytestmark = pytest.mark.django_db

LOOPS = (Path(__file__).parent / "meeting_lists_loops.html").read_text()

TAGS = """{% load accord_meeting_lists %}<ul>
    {% report_items reports %}
    {% progress_items progress %}
  </ul>
{% for row in decisions %}
    <tbody>{% position_rows row.positions %}
    </tbody>{% endfor %}
  <ul>{% document_items documents %}</ul>
  <ul>{% event_items events %}</ul>
  <ul>{% release_items releases %}</ul>
  <ul>{% working_release_items working_releases %}</ul>
"""

NAMES = (
    "organization",
    "reports",
    "progress",
    "decisions",
    "documents",
    "events",
    "releases",
    "working_releases",
)


class _Row:
    def __init__(self, positions: list[tuple[object, Position | None]]) -> None:
        self.positions = positions


def _varied(values: dict[str, Any], m: Meeting) -> dict[str, Any]:
    """The page's lists changed to take the branches the seed may not."""
    varied = dict(values)
    progress = []
    for p in values["progress"][:1]:
        bare = copy.copy(p)
        bare.reported_by, bare.report_visible = None, False
        progress.append(bare)
    varied["progress"] = [*values["progress"], *progress]
    parties = list(Party.objects.order_by("pk")[:3])
    said = Position(party=parties[1], stance="objects", statement='Not "now" & <not> here')
    plain = Position(party=parties[2], stance="concurs")
    varied["decisions"] = [_Row([(parties[0], None), (parties[1], said), (parties[2], plain)])]
    events = []
    for e in values["events"][:1]:
        undated = copy.copy(e)
        undated.start, undated.place, undated.city = None, "", ""
        in_city = copy.copy(e)
        in_city.place, in_city.city = "", "Almaty & around"
        events += [undated, in_city]
    varied["events"] = [*values["events"], *events]
    org = values["organization"]
    releases = []
    for n, (kind, language, audience) in enumerate(
        [
            ("press-release", "en", "public"),
            ("information-report", "ru", "organization"),
            ("press-release", "zh", "body"),
        ]
    ):
        r = PressRelease(
            pk=-1 - n,
            organization=org,
            meeting=m,
            slug=f"made-{n}",
            kind=kind,
            language=language,
            classification=audience,
        )
        versions = [
            ReleaseVersion(release=r, number=number, state=state)
            for number, state in [(3, "reviewed"), (2, "draft")][n:]
        ]
        keep_rows(r, "versions", ReleaseVersion, versions)
        releases.append(r)
    varied["releases"] = releases
    varied["working_releases"] = releases
    return varied


@pytest.mark.parametrize("standing", ["public", "secretariat"])
def test_the_lists_written_in_python_are_the_loops_html(standing, client, no_response_cache):
    if standing == "secretariat":
        sign_in(client, ROLES["secretariat"])
    sco = Organization.objects.get(slug="sco")
    compared = pages = 0
    for m, context in seed_meeting_pages(client):
        values = {name: context[name] for name in NAMES}
        values["organization"] = sco
        for shown in (values, _varied(values, m)):
            compared += same_in_every_language(LOOPS, TAGS, shown, m.pk)
        pages += 1
    assert pages > 1 and compared >= 6 * pages
