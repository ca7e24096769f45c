"""Writing the record page's forms through the use cases and services, in one
transaction: the meeting itself through `meetings.actions` (which locks it and checks
the version the page was read at), then, under that lock, its participants and agenda
through the same parts of the use cases the API calls (`meetings.actions.write_*`), its
actions, and its decisions (a new one through `decisions.actions`); each refusal goes
beside the form or row that caused it.

Every part is judged in the one save, whatever the others gave: a refusal of the meeting
itself, or a row that does not read, does not stop the parts after it. Where the meeting
was refused, its parts are judged against a stand-in (the meeting as recorded, or a new
one of the date typed, outside the series); the transaction is rolled back whenever
anything was refused, so nothing of it is written."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import transaction
from django.utils.translation import gettext

from accord.accounts import refs
from accord.accounts.access import Viewer
from accord.bodies.models import Body
from accord.core import errors, races
from accord.core.dates import PartialDate, span
from accord.core.errors import DomainError, Problem, Stale
from accord.decisions import actions as decision_actions
from accord.decisions import services as decision_services
from accord.decisions.decides import Ref
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.decisions.models import Action, Decision
from accord.meetings import actions as meeting_actions
from accord.meetings import services as meeting_services
from accord.meetings.inputs import AgendaItemFields, MeetingFields
from accord.meetings.models import (
    AgendaItem,
    Format,
    Meeting,
    Participation,
    Session,
    Topic,
)
from accord.registry.models import Organization, Party
from accord.web.recording.common import (
    RecordForm,
    blank,
    route,
)
from accord.web.recording.forms import RowForm, rows_of
from accord.web.recording.parts import attendance_values, session_plan
from accord.web.recording.writer_parts import (
    co_chair,
    gather,
    originals_of,
    out_of_order,
    readable_rows,
    renumbered,
    show,
)

if TYPE_CHECKING:
    from accord.web.recording.meetings import Page


T = TypeVar("T")

# The id a new meeting's stand-in takes while its parts are judged (never kept).
STAND_IN = "record-being-checked"


# --- writing the forms through the services -------------------------------------------


class Refused(Exception):
    """Something was refused: the problems are on the forms; the transaction rolls back."""


@dataclass
class Writer:
    """Writes the page's forms through the services; each refusal goes onto its form.
    `forms_read`: every form of the page read (else the record is judged, not written)."""

    who: Viewer
    org: Organization
    body: Body
    page: Page
    forms_read: bool = True
    refused: bool = False
    taken: bool = False
    participants_written: bool = False
    read: dict = dataclasses.field(default_factory=dict)

    def step(self, rows: Sequence[RecordForm], above: RecordForm, call: Any) -> Any:
        """Run one step in a savepoint; on a refusal, show its problems and go on."""
        try:
            with transaction.atomic():
                return call()
        except DomainError as refusal:
            self.refused = True
            route(refusal.problems, list(rows), above)
            return None

    def meeting(self, found: Meeting | None) -> Meeting | None:
        """The meeting itself, through its use case (`meetings.actions`): a new one, or
        a change of `found` over the version the page was read at (locked until the
        whole record is written). None when it was refused (its problems are on the
        form) or its form does not read; a reference that names nothing is refused (on
        the form) with the meeting written without it, to judge the rest."""
        form = self.page.form
        if form.errors:
            return None
        data = form.cleaned_data
        # As read: a refusal shown beside a field takes it out of the cleaned data.
        self.read = dict(data)
        problems: list[Problem] = []
        values = self._values(data, problems)
        co_chairs = [
            pair
            for given in data["co_chairs"]
            if (pair := gather(problems, co_chair, given)) is not None
        ]
        joint = self._joint(data["joint_bodies"], problems)
        if problems:
            # Judged all the same without what names nothing, so that the meeting's other
            # refusals show now too; the record is not written.
            self.refused = True
            for p in problems:
                show(form, p)
        if "start" not in values:
            return None  # no span to judge it on (refused above)
        try:
            with transaction.atomic():
                if found is None:
                    return meeting_actions.create_meeting(
                        self.who,
                        self.body,
                        MeetingFields(
                            number=data.get("number"), kind=data["kind"] or None, **values
                        ),
                        slug=blank(data.get("slug")),
                        co_chairs=co_chairs,
                        joint=joint,
                    )
                if data["kind"]:
                    values["kind"] = data["kind"]
                return meeting_actions.change_meeting(
                    self.who,
                    found,
                    MeetingFields(**values),
                    co_chairs=co_chairs,
                    joint=joint,
                    expected_version=self.page.version,
                )
        except Stale:
            self.page.stale = True
            raise Refused from None
        except (races.Raced, races.Busy):
            raise  # met another change in the database: the page answers for that
        except DomainError as refusal:
            self.refused = True
            self.taken = isinstance(refusal, errors.Conflict)
            for p in refusal.problems:
                if p.field == "number" and not self.taken:
                    out_of_order(form, p.reason)
                else:
                    show(form, p)
            return None

    def _joint(
        self, given: list[tuple[str, int | None]], problems: list[Problem]
    ) -> list[tuple[Body, int | None]]:
        """The other bodies of a joint meeting as the form names them (an unknown one
        adds to `problems`, naming its place)."""
        found = []
        for i, (slug, number) in enumerate(given):
            body = gather(problems, refs.body_at, self.org, slug, f"joint_bodies[{i}].body")
            if body is not None:
                found.append((body, number))
        return found

    def _values(self, data: dict, problems: list[Problem]) -> dict:
        """The meeting's fields the page edits (of `services.EDITABLE`, its kind apart):
        the others (what it prepares, source and note) are kept, and a new meeting's
        kind left blank follows its number. A reference that names nothing adds to
        `problems`."""

        def party(name: str) -> Party | None:
            return gather(problems, refs.party_at, blank(data[name]), name)

        dates: Mapping[str, object] = gather(problems, span, data["date"], blank(data["end"])) or {}
        return {
            "title": data["title"].strip(),
            **dates,
            "city": data["city"].strip(),
            "country": party("country"),
            "venue": data["venue"].strip(),
            "mode": data["mode"],
            "host": party("host"),
            "chair": party("chair"),
            "chair_person": gather(
                problems, refs.person_at, blank(data["chair_person"]), "chair_person"
            ),
            "format": data["format"],
            "classification": data["classification"],
            "outcome": data["outcome"].strip(),
        }

    def stand_in(self, found: Meeting | None) -> Meeting | None:
        """The meeting the parts are judged against when the meeting itself was refused:
        the meeting as recorded, or a new one of the date typed (outside the series, in
        this transaction only); None when there is no date to judge them on."""
        if found is not None:
            return found
        data = self.read
        try:
            with transaction.atomic():
                dates = span(data["date"], blank(data.get("end")))
                values = MeetingFields(
                    **dates,
                    title=(data.get("title") or "").strip(),
                    format=data.get("format") or Format.RESTRICTED,
                )
                return meeting_actions.create_meeting(self.who, self.body, values, slug=STAND_IN)
        except (DomainError, KeyError, ValueError):
            return None

    def participants(
        self,
        meeting: Meeting | None,
        originals: list[Participation],
        items: dict[str, AgendaItem] | None,
    ) -> None:
        """Who took part and how (attendance, with the agenda items of this save it
        joined or left at); the sessions are set next, in the same save."""
        rows = readable_rows(self.page.sets["participants"])
        typed = self._typed_items()

        def write() -> None:
            people: list[meeting_services.Participant] = []
            places: list[int] = []
            problems: list[Problem] = []
            for i, f in enumerate(rows):
                d = f.cleaned_data
                was = originals[f.index] if f.index < len(originals) else None
                party = gather(problems, refs.party_at, blank(d["party"]), f"[{i}].party")
                person = gather(problems, refs.person_at, blank(d["person"]), f"[{i}].person")
                attended = attendance_values(d, was, items, typed, f"[{i}]", problems)
                if (party is None and blank(d["party"])) or (person is None and blank(d["person"])):
                    continue  # named something unknown: refused above
                places.append(i)
                people.append(
                    meeting_services.Participant(
                        party=party,
                        person=person,
                        role=d["role"],
                        head_of_delegation=d["head"],
                        post_title=d["post"].strip(),
                        # The post's translations stay while the post is unchanged.
                        post_names=(
                            was.post_names if was and was.post_title == d["post"].strip() else {}
                        ),
                        source=was.source if was else "",
                        note=was.note if was else "",
                        **attended,
                    )
                )
            if meeting is not None:
                try:
                    meeting_actions.write_participants(meeting, people, sessions_follow=True)
                except DomainError as refusal:
                    problems += renumbered(refusal.problems, places)
            if problems:
                raise DomainError(problems)
            self.participants_written = meeting is not None

        self.step(rows, self.page.form, write)

    def _typed_items(self) -> set[str]:
        """The agenda ids typed on the page (of the rows not marked for removal)."""
        typed = (
            blank(f["id"].value())
            for f in self.page.sets["agenda"].forms
            if not (f.cleaned_data or {}).get("DELETE")
        )
        return {slug for slug in typed if slug is not None}

    def sessions(
        self,
        meeting: Meeting | None,
        originals: list[Session],
        items: dict[str, AgendaItem] | None,
    ) -> None:
        """The meeting's sessions, through the sessions' writer, after its participants
        and agenda (whose ids they name) were written in the same save."""
        rows = readable_rows(self.page.sets["sessions"])
        typed = self._typed_items()

        def write() -> None:
            problems: list[Problem] = []
            plans = [
                session_plan(
                    f.cleaned_data,
                    originals[f.index] if f.index < len(originals) else None,
                    items,
                    typed,
                    f"[{i}]",
                    problems,
                )
                for i, f in enumerate(rows)
            ]
            if not self.participants_written:
                # Who attended is judged once the participants are: the rest is now.
                plans = [dataclasses.replace(p, attendees=[]) for p in plans]
            if meeting is not None and items is not None:
                try:
                    meeting_actions.write_sessions(meeting, plans)
                except DomainError as refusal:
                    problems += refusal.problems
            if problems:
                raise DomainError(problems)

        self.step(rows, self.page.form, write)

    def agenda(
        self, meeting: Meeting | None, originals: list[AgendaItem]
    ) -> dict[str, AgendaItem] | None:
        """The agenda, written; None when it was refused or not all of it reads (the
        actions are then judged against the ids typed)."""
        formset = self.page.sets["agenda"]
        rows = readable_rows(formset)
        topics = {t.slug: t for t in Topic.objects.filter(organization=self.org)}
        if meeting is None:
            return None

        def write() -> list[AgendaItem]:
            items = []
            for f in rows:
                d = f.cleaned_data
                was = originals[f.index] if f.index < len(originals) else None
                title = d["title"].strip()
                fields = AgendaItemFields(
                    kind=d["kind"],
                    emphasis=d["emphasis"],
                    titles=was.titles if was and was.title == title else {},
                    classification=was.classification if was else "public",
                    source=was.source if was else "",
                    note=was.note if was else "",
                )
                items.append(
                    meeting_services.Item(
                        slug=d["id"],
                        title=title,
                        fields=fields,
                        topics=[topics[s] for s in d["topics"]],
                        events=list(was.events.all()) if was else [],
                    )
                )
            # The actions are set next: an action on an item left out is refused there.
            return meeting_actions.write_agenda(meeting, items, actions_follow=True)

        written = self.step(rows, self.page.form, write)
        if written is None or any(f.errors for f in formset.forms):
            return None
        return {item.slug: item for item in written}

    def actions(
        self,
        meeting: Meeting | None,
        originals: list[Action],
        items: dict[str, AgendaItem] | None,
    ) -> None:
        """The actions; `items` None when the agenda was not written (the actions are
        then checked against the items typed, and not written)."""
        rows = readable_rows(self.page.sets["actions"])
        typed = self._typed_items()

        def row_values(i: int, f: RowForm, problems: list[Problem]) -> ActionFields | None:
            d = f.cleaned_data
            was = originals[f.index] if f.index < len(originals) else None
            base = meeting.partial_date if meeting is not None else None
            when = PartialDate.parse(d["date"]) if d["date"] else base
            target = gather(problems, refs.body_at, self.org, blank(d["to"]), f"[{i}].to")
            item = blank(d["item"])
            if item is not None and (item not in items if items is not None else item not in typed):
                reason = gettext("no agenda item %(id)s on the agenda") % {"id": repr(item)}
                problems.append(Problem(f"[{i}].item", reason))
            subject = None
            if item is not None:
                subject = items.get(item) if items is not None else AgendaItem(slug=item)
            document = gather(
                problems,
                refs.document_at,
                self.who,
                self.org,
                blank(d["document"]),
                f"[{i}].document",
            )
            target_meeting = gather(
                problems,
                refs.meeting_at,
                self.who,
                self.org,
                target,
                blank(d["to_meeting"]),
                f"[{i}].to_meeting",
            )
            if when is None:
                return None
            return ActionFields(
                date=when.value,
                date_precision=when.precision.value,
                verb=d["verb"],
                document=document,
                agenda_item=subject,
                event=was.event if was else None,
                target_body=target,
                target_meeting=target_meeting,
                # An office the form does not show is kept while no body is chosen.
                target_post=(
                    was.target_post if was and was.target_post_id and target is None else None
                ),
                by_person=was.by_person if was else None,
                target_organization=d["to_organization"].strip(),
                # Names in other languages come from the record; kept while the name is.
                target_organization_names=(
                    was.target_organization_names
                    if was and was.target_organization == d["to_organization"].strip()
                    else {}
                ),
                reference=d["reference"].strip(),
                purpose=d["purpose"].strip(),
                classification=was.classification if was else "public",
                source=was.source if was else "",
                note=was.note if was else "",
            )

        def write() -> None:
            values: list[ActionFields] = []
            problems: list[Problem] = []
            for i, f in enumerate(rows):
                known: list[Problem] = []
                found = row_values(i, f, known)
                problems += known
                if known or found is None or meeting is None:
                    continue
                values.append(found)
                problems += [
                    p.under(f"[{i}]")
                    for p in decision_services.check_action(
                        self.body, dataclasses.replace(found, meeting=meeting)
                    )
                ]
            if problems:
                raise DomainError(problems)
            if items is not None and meeting is not None and self._all_read("actions"):
                decision_services.set_actions(self.body, meeting, values)

        self.step(rows, self.page.form, write)

    def _all_read(self, prefix: str) -> bool:
        return not any(f.errors for f in self.page.sets[prefix].forms)

    def decisions(self, meeting: Meeting | None, originals: list[Decision]) -> None:
        if meeting is None:
            return
        for f in rows_of(self.page.sets["decisions"].forms):
            # A recorded decision marked for removal goes, with the positions on it.
            if f.cleaned_data.get("DELETE") and f.index < len(originals):
                gone = originals[f.index]
                self.step([], f, lambda gone=gone: decision_services.remove_decision(gone))
        for f in readable_rows(self.page.sets["decisions"]):
            self.step([], f, lambda f=f: self._decision(meeting, originals, f))

    def _decision(self, meeting: Meeting, originals: list[Decision], f: RowForm) -> None:
        d = f.cleaned_data
        was = originals[f.index] if f.index < len(originals) else None
        title = d["title"].strip()
        problems: list[Problem] = []
        document = gather(
            problems, refs.document_at, self.who, self.org, blank(d["document"]), "document"
        )
        if problems:
            raise DomainError(problems)
        # A new decision through its use case (an id the meeting holds is refused); a
        # recorded one is written whole again, keeping its positions; what it decides
        # (None: not sent, kept) is checked and written as the API's change does.
        decides: list[Ref] | None = d.get("decides")
        fields = DecisionFields(
            title=title,
            titles=was.titles if was and was.title == title else {},
            document=document,
            # Ticked open, it is open; otherwise the outcome chosen (none, or open: what
            # the positions give).
            outcome="open" if d["open"] else ("" if d["outcome"] == "open" else d["outcome"]),
            procedure=d["procedure"],
            votes_in_favour=d["votes_in_favour"],
            votes_against=d["votes_against"],
            votes_abstaining=d["votes_abstaining"],
            date=d["date"],
            classification=d["classification"],
            source=was.source if was else "",
            note=was.note if was else "",
        )
        if was is None:
            decision_actions.write_new_decision(meeting, d["id"], fields, [], decides or ())
            return
        # Positions are recorded on their own page; the record keeps them.
        positions = [(p.party, p.stance, p.statement) for p in was.positions.all()]
        decision_actions.write_recorded_decision(meeting, was.slug, fields, positions, decides)

    def write(self, found: Meeting | None) -> Meeting:
        """The whole record, in one transaction; Refused (nothing written) on any refusal
        or any form that does not read, after every part was judged."""
        with transaction.atomic():
            meeting = self.meeting(found)
            judged = meeting if meeting is not None else self.stand_in(found)
            originals = originals_of(found)
            # The agenda first: participants name the items they joined or left at.
            items = self.agenda(judged, originals["agenda"])
            self.participants(judged, originals["participants"], items)
            self.actions(judged, originals["actions"], items)
            self.decisions(judged, originals["decisions"])
            self.sessions(judged, originals["sessions"], items)
            if self.refused or not self.forms_read or meeting is None:
                raise Refused
        return meeting
