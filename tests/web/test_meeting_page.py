"""The meeting page's record written in Python (`{% meeting_page %}`) is the HTML of the
template it replaced (tests/web/meeting_page_loops.html: web/meeting.html's content
block with its includes of the sessions and the plan over time) byte for byte, noting
the same names untranslated in the same order: for every meeting of the seed, as the
public and as the secretariat, in English, Russian and Chinese, and for a record varied
to take the branches the seed may not (sessions with and without a venue, a mode,
attendees or items; a plan over time with notes; open decisions a reader may record a
position on; no participant, agenda, report, action, document, event or output)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from accord.accounts.record_parts import keep_rows
from accord.decisions.models import Decision, Effect
from accord.documents.models import Document
from accord.meetings.lifecycle import PlanChange
from accord.meetings.models import Meeting, Participation, Session
from accord.web.browse.meetings import DecisionRow
from accord.web.recording.releases import draft_form
from tests.web.conftest import ROLES, sign_in
from tests.web.rendering import same_in_every_language, seed_meeting_pages

pytestmark = pytest.mark.django_db

LOOPS = (Path(__file__).parent / "meeting_page_loops.html").read_text()

TAG = "{% load accord_meeting_page %}{% meeting_page %}"

NAMES = (
    "organization",
    "body",
    "meeting",
    "joint_bodies",
    "label",
    "chair",
    "members",
    "participants",
    "agenda",
    "sessions",
    "actions",
    "reports",
    "progress",
    "decisions",
    "can_edit",
    "may_record_position",
    "documents",
    "events",
    "prepares",
    "prepared_by",
    "statements",
    "plan_changes",
    "plan_history",
    "releases",
    "working_releases",
    "release_form",
    "outputs",
    "csrf_token",
)


def _sessions(m: Meeting, agenda: list[Any]) -> list[Session]:
    attendees = list(Participation.objects.filter(meeting=m).select_related("party", "person"))
    found = []
    for n in range(3):
        s = Session(
            meeting=m,
            slug=f"s-{n}",
            kind=["opening", "restricted", "other"][n],
            title="A <title>" if n else "",
            titles={"ru": "Заголовок"} if n == 1 else {},
            date=dt.date(2019, 5, 15),
            venue='Hall "A"' if n != 1 else "",
            city="Bishkek" if n else "",
            city_names={"ru": "Бишкек"} if n == 2 else {},
            mode="in-person" if n == 2 else "",
        )
        keep_rows(s, "attendees", Participation, attendees[n:])
        s.taken_up = agenda[: 2 * n]  # type: ignore[attr-defined]
        found.append(s)
    return found


def _varied(values: dict[str, Any]) -> dict[str, Any]:
    varied = dict(values)
    m = values["meeting"]
    varied["sessions"] = _sessions(m, values["agenda"])
    changes = [
        PlanChange(
            meeting=m,
            position=n,
            kind=["postponed", "scheduled"][n],
            known_on=dt.date(2019, 4, 1),
            known_precision=["day", "month"][n],
            known_by=dt.date(2019, 4, 30),
            source="Notice & <letter>",
            note='said "later"' if n else "",
        )
        for n in range(2)
    ]
    varied["plan_changes"] = changes
    varied["plan_history"] = "Planned for <May>, then moved"
    varied["may_record_position"] = True
    varied["can_edit"] = not values["can_edit"]
    varied["release_form"] = values["release_form"] or draft_form(values["organization"])
    for name in ("participants", "agenda", "reports", "progress", "actions"):
        varied[name] = []
    for name in ("documents", "events", "outputs", "statements"):
        varied[name] = []
    return varied


def _decision(values: dict[str, Any], n: int) -> DecisionRow:
    """A decision of the meeting made here: open or adopted, its document shown or not."""
    document = Document.objects.order_by("pk").first()
    decision = Decision(
        meeting=values["meeting"],
        slug=f"made-{n}",
        title='On "this" & <that>',
        titles={"ru": "Об этом"} if n else {},
        outcome="open" if n else "adopted",
        document=document,
    )
    decision.document_visible = bool(n)  # type: ignore[attr-defined]
    keep_rows(decision, "effects", Effect, [])
    positions = [(ms.party, None) for ms in values["members"]]
    return DecisionRow(decision, decision.outcome, positions, "by consensus; <today>")  # type: ignore[arg-type]


def _opened(values: dict[str, Any]) -> dict[str, Any]:
    """The decisions open, each with a position to record."""
    opened = dict(values)
    rows = [_decision(values, n) for n in range(2)]
    for row in values["decisions"]:
        decision = copy.copy(row.decision)
        decision.outcome = "open"
        rows.append(copy.copy(row))
        object.__setattr__(rows[-1], "decision", decision)
    opened["decisions"] = rows
    opened["may_record_position"] = True
    return opened


@pytest.mark.parametrize("standing", ["public", "secretariat"])
def test_the_page_written_in_python_is_the_templates_html(standing, client, no_response_cache):
    if standing == "secretariat":
        sign_in(client, ROLES["secretariat"])
    compared = pages = 0
    for m, context in seed_meeting_pages(client):
        values = {name: context.get(name) for name in NAMES}
        for shown in (values, _varied(values), _opened(values)):
            compared += same_in_every_language(LOOPS, TAG, shown, m.pk)
        pages += 1
    assert pages > 1 and compared >= 9 * pages
