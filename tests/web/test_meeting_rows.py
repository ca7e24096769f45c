"""The meeting page's participants, agenda and actions written in Python
(`accord_meeting_rows`) are the template loops' HTML byte for byte, and note the same
names untranslated in the same order: for every meeting of the seed, as the public and
as the secretariat, in English, Russian and Chinese, and for rows varied to take every
branch (an action on an event, referred with a purpose and a reference to an outside
organization; a participant without party or person; an item with events only; a
statement reported, of another kind, after the meeting, under an item)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from accord.accounts import access, visibility
from accord.meetings.models import Event, Meeting
from accord.registry.models import Organization
from accord.web.browse.meetings import _attending
from tests.accounts.people import RoleSpec, make
from tests.web.rendering import rendered

pytestmark = pytest.mark.django_db

# The meeting page's loops as the template wrote them before the rows were written in
# Python (web/meeting.html).
LOOPS = (Path(__file__).parent / "meeting_loops.html").read_text()

TAGS = """{% load accord_meeting_rows %}\
<tbody>{% participant_rows participants %}
<ol>{% agenda_rows agenda %}
<tbody>{% action_rows actions %}
  {% statement_rows statements %}"""


def _varied(m: Meeting) -> dict[str, list[Any]]:
    """Rows of `m` changed to take the branches the seed may not."""
    participants, agenda, actions, statements = [], [], [], []
    for p in m.participants.all()[:1]:
        bare = copy.copy(p)
        bare.party, bare.person, bare.head_of_delegation = None, None, True
        bare.attended = 'late & "early"'
        participants.append(bare)
    for item in m.agenda.all()[:1]:
        emphasised = copy.copy(item)
        emphasised.emphasis = True
        agenda.append(emphasised)
    event = Event.objects.order_by("pk").first()
    for a in list(m.actions.all())[:1]:
        on_event = copy.copy(a)
        on_event._state = copy.copy(a._state)
        on_event._state.fields_cache = dict(a._state.fields_cache)
        on_event.document, on_event.agenda_item, on_event.event = None, None, event
        on_event.target_body = m.body
        on_event.target_meeting = m
        on_event.target_meeting_visible = True
        on_event.purpose = "approval"
        on_event.reference = "A/78/1 <draft>"
        on_event.target_organization = "United Nations"
        on_event.target_organization_names = {"ru": "Организация Объединённых Наций"}
        referred_alone = copy.copy(on_event)
        referred_alone.target_organization, referred_alone.target_meeting_visible = "", False
        nothing = copy.copy(referred_alone)
        nothing.event, nothing.target_body, nothing.reference = None, None, ""
        actions += [on_event, referred_alone, nothing]
    for st in list(m.statements.all())[:1]:
        reported = copy.copy(st)
        reported.verbatim, reported.after_meeting, reported.kind = False, True, "protest"
        reported.agenda_item = next(iter(m.agenda.all()), None)
        anonymous = copy.copy(reported)
        anonymous.person, anonymous.verbatim, anonymous.kind = None, True, "statement"
        statements += [reported, anonymous]
    return {
        "participants": participants,
        "agenda": agenda,
        "actions": actions,
        "statements": statements,
    }


@pytest.mark.parametrize("standing", ["public", "secretariat"])
def test_the_rows_written_in_python_are_the_loops_html(standing):
    spec = RoleSpec(f"rows-{standing}", secretariat=frozenset({"sco"}))
    viewer = access.ANONYMOUS if standing == "public" else make(spec).viewer
    sco = Organization.objects.get(slug="sco")
    meetings = Meeting.objects.filter(body__organization=sco).order_by("pk")
    compared = 0
    for meeting in meetings:
        m = visibility.meeting_record(viewer, meeting)
        agenda = list(m.agenda.all())
        rows = {
            "participants": _attending(list(m.participants.all()), agenda),
            "agenda": agenda,
            "actions": list(m.actions.all()),
            "statements": list(m.statements.all()),
        }
        for values in (rows, _varied(m)):
            for language in ("en", "ru", "zh-hans"):
                with translation.override(language):
                    context = {"organization": sco, **values}
                    loops, tags = rendered(LOOPS, context), rendered(TAGS, context)
                assert tags == loops, (meeting.pk, language)
                compared += 1
    assert compared >= 6 * len(meetings)
