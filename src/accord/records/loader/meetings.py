"""The meetings of a record file: events, meetings, and each meeting's record
(participants, agenda, statements, actions)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from accord.core.errors import DomainError
from accord.meetings import services as meetings
from accord.meetings.inputs import AgendaItemFields, EventFields, MeetingFields, StatementFields
from accord.meetings.models import Meeting, kind_by_default
from accord.records import attendance
from accord.records.defaults import given
from accord.records.loader.actions import _Actions
from accord.records.loader.joint import load_joint_bodies
from accord.records.loader.plans import load_plan
from accord.records.loader.sessions import _Sessions
from accord.records.loader.values import _day, _first_day, _span
from accord.registry.models import (
    Party,
    Person,
)


class _Meetings(_Actions, _Sessions):
    """Events, meetings and their records."""

    def load_events(self, files: list[tuple[str, dict]]) -> None:
        for e in self.entries(files, "events"):
            d = e.data
            with self.entry(e.file, e.path, ("event", d["id"])):
                start = end = None
                precision = "day"
                if d.get("date") is not None:
                    first, last = _span(d["date"])
                    start, end, precision = first.value, last.value, first.precision.value
                participants = [
                    {
                        "party": self.party(p["party"], f"participants[{i}].party"),
                        "role": given(p, "events.participants", "role"),
                        "first_participation": p.get("first_participation", False),
                        "detail": p.get("detail", ""),
                        "detail_names": p.get("detail_names", {}),
                        "source": p.get("source", ""),
                    }
                    for i, p in enumerate(d.get("participants", []))
                ]
                event = meetings.save_event(
                    self.org,
                    d["id"],
                    EventFields(
                        name=d["name"],
                        names=d.get("names", {}),
                        kind=given(d, "events", "kind"),
                        start=start,
                        end=end,
                        date_precision=precision,
                        place=d.get("place", ""),
                        place_names=d.get("place_names", {}),
                        city=d.get("city", ""),
                        city_names=d.get("city_names", {}),
                        country=self.party(d.get("country"), "country"),
                        organiser=self.party(d.get("organiser"), "organiser"),
                        host_body=self.body(d.get("host_body"), "host_body"),
                        source=d.get("source", ""),
                        note=d.get("note", ""),
                    ),
                    participants,
                    self.tally,
                )
                self.remember("event", d["id"], event)

    def load_meetings(self, files: list[tuple[str, dict]]) -> None:
        items = list(self.entries(files, "meetings"))
        items.sort(key=lambda e: _first_day(e.data["date"]))
        for e in items:
            d = e.data
            key = None
            with self.entry(e.file, e.path):
                slug = self._meeting_slug(d)
                key = ("meeting", f"{d['body']}/{slug}")
                body = self.body(d["body"], "body")
                first, last = _span(d["date"])
                meeting = meetings.save_meeting(
                    body,
                    slug,
                    MeetingFields(
                        number=d.get("number"),
                        kind=d.get("kind") or kind_by_default(d.get("number")),
                        title=d.get("title", ""),
                        titles=d.get("titles", {}),
                        start=first.value,
                        end=last.value,
                        date_precision=first.precision.value,
                        city=d.get("city", ""),
                        city_names=d.get("city_names", {}),
                        country=self.party(d.get("country"), "country"),
                        venue=d.get("venue", ""),
                        mode=given(d, "meetings", "mode"),
                        host=self.party(d.get("host"), "host"),
                        chair=self.party(d.get("chair"), "chair"),
                        chair_person=self.person(d.get("chair_person"), "chair_person"),
                        format=d.get("format", "restricted"),
                        classification=given(d, "meetings", "classification"),
                        outcome=d.get("outcome", ""),
                        outcomes=d.get("outcomes", {}),
                        source=d.get("source", ""),
                        note=d.get("note", ""),
                    ),
                    co_chairs=[
                        self._co_chair(c, f"co_chairs[{i}]")
                        for i, c in enumerate(d.get("co_chairs", []))
                    ],
                    tally=self.tally,
                )
                load_joint_bodies(meeting, d, self.body, self.tally)
                load_plan(meeting, d.get("plan", []), self.party, self.tally)
                self.remember("meeting", f"{body.slug}/{slug}", meeting)
                if d.get("number") is not None:
                    self.remember("meeting", f"{body.slug}/{d['number']}", meeting)
            if key is not None and self._cache.get(key) is None:
                self.failed.add(key)
        # Second pass: what a meeting prepares may be recorded after it.
        for e in items:
            d = e.data
            if "prepares" not in d:
                continue
            with self.entry(e.file, e.path):
                meeting = self.meeting(self.body(d["body"], "body"), self._meeting_slug(d), "id")
                target = self.meeting_ref(d["prepares"], "prepares")
                meetings.save_meeting(
                    meeting.body,
                    meeting.slug,
                    self._meeting_values(meeting, prepares=target),
                    co_chairs=[(row.party, row.person) for row in meeting.co_chair_rows.all()],
                    tally=None,
                )

    def _co_chair(self, c: str | dict, field: str) -> tuple[Party, Person | None]:
        """A co-chair as the record gives it: a party code, or its party and person."""
        if isinstance(c, str):
            return self.party(c, field), None
        party = self.party(c["party"], f"{field}.party")
        return party, self.person(c.get("person"), f"{field}.person")

    @staticmethod
    def _meeting_values(meeting: Meeting, **changes: Any) -> MeetingFields:
        """The meeting's fields as they stand (each of `meetings.EDITABLE`, and the
        translations of its outcome, which a file also gives), with `changes`."""
        return replace(MeetingFields.of(meeting, (*meetings.EDITABLE, "outcomes")), **changes)

    def load_meeting_records(self, files: list[tuple[str, dict]]) -> None:
        items = list(self.entries(files, "meetings"))
        for e in items:
            with self.entry(e.file, e.path, ("meeting record", e.path)):
                self._meeting_people_and_agenda(e.data)
        for e in items:
            if ("meeting record", e.path) in self.failed:
                continue  # its agenda was refused: its actions would only echo that
            with self.entry(e.file, e.path):
                self._meeting_acts(e.data)

    def _meeting_people_and_agenda(self, d: dict) -> None:
        meeting = self._this_meeting(d)
        items = []
        for i, a in enumerate(d.get("agenda", [])):
            items.append(
                meetings.Item(
                    slug=a["id"],
                    title=a["title"],
                    fields=AgendaItemFields(
                        titles=a.get("titles", {}),
                        kind=given(a, "meetings.agenda", "kind"),
                        emphasis=a.get("emphasis", False),
                        classification=given(a, "meetings.agenda", "classification"),
                        source=a.get("source", ""),
                        note=a.get("note", ""),
                    ),
                    topics=[
                        self.topic(t, f"agenda[{i}].topics[{j}]")
                        for j, t in enumerate(a.get("topics", []))
                    ],
                    events=[
                        self.event(v, f"agenda[{i}].events[{j}]")
                        for j, v in enumerate(a.get("events", []))
                    ],
                )
            )
        try:
            rows = meetings.set_agenda(meeting, items, self.tally)
        except DomainError as exc:
            raise exc.under("agenda") from None
        for row in rows:
            self.remember("agenda item", f"{meeting.body.slug}/{meeting.slug}/{row.slug}", row)
        participants = []
        for i, p in enumerate(d.get("participants", [])):
            where = f"participants[{i}]"
            participants.append(
                meetings.Participant(
                    party=self.party(p.get("party"), f"{where}.party"),
                    person=self.person(p.get("person"), f"{where}.person"),
                    role=given(p, "meetings.participants", "role"),
                    head_of_delegation=p.get("head", False),
                    post_title=p.get("post", ""),
                    post_names=p.get("post_names", {}),
                    source=p.get("source", ""),
                    note=p.get("note", ""),
                    **attendance.participant_attendance(
                        p, where, lambda ref, at: self.item(meeting, ref, at)
                    ),
                )
            )
        try:
            meetings.set_participants(
                meeting, participants, self.tally, statements_follow=True, sessions_follow=True
            )
        except DomainError as exc:
            raise exc.under("participants") from None
        statements: list[StatementFields] = []
        for i, s in enumerate(d.get("statements", [])):
            where = f"statements[{i}]"
            statements.append(
                StatementFields(
                    person=self.person(s.get("person"), f"{where}.person"),
                    party=self.party(s.get("party"), f"{where}.party"),
                    kind=s.get("kind", "statement"),
                    verbatim=s.get("verbatim", True),
                    date=_day(s.get("date"), f"{where}.date"),
                    after_meeting=s.get("after_meeting", False),
                    text=s["text"],
                    texts=s.get("texts", {}),
                    agenda_item=self.item(meeting, s.get("item"), f"{where}.item"),
                    source=s.get("source", ""),
                    note=s.get("note", ""),
                )
            )
        try:
            meetings.set_statements(meeting, statements, self.tally)
        except DomainError as exc:
            raise exc.under("statements") from None
        self._meeting_sessions(meeting, d)
