"""Writing the record page's forms through the use cases and services, in one
transaction: the meeting itself through `meetings.actions` (which locks it and checks
the version the page was read at), then, under that lock, its participants and agenda
through the same parts of the use cases the API calls (`meetings.actions.write_*`), its
actions, and its decisions (a new one through `decisions.actions`); each refusal goes
beside the form or row that caused it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Prefetch

from accord.accounts import refs
from accord.accounts.access import Viewer
from accord.bodies.models import Body
from accord.core import errors, races
from accord.core.dates import PartialDate, span
from accord.core.errors import DomainError, Stale
from accord.decisions import actions as decision_actions
from accord.decisions import services as decision_services
from accord.decisions.models import Action, Decision
from accord.meetings import actions as meeting_actions
from accord.meetings import services as meeting_services
from accord.meetings.models import (
    ATTENDANCE_FIELDS,
    AgendaItem,
    Meeting,
    Participation,
    Topic,
)
from accord.registry.models import Organization, Party, Person
from accord.web.recording.common import (
    RecordForm,
    blank,
    kept_rows,
    route,
)
from accord.web.recording.forms import FORMSETS, RowForm, rows_of

if TYPE_CHECKING:
    from accord.web.recording.meetings import Page


# --- writing the forms through the services -------------------------------------------


class Refused(Exception):
    """Something was refused: the problems are on the forms; the transaction rolls back."""


@dataclass
class Writer:
    """Writes the page's forms through the services; each refusal goes onto its form."""

    who: Viewer
    org: Organization
    body: Body
    page: Page
    refused: bool = False
    taken: bool = False

    def step(self, rows: Sequence[RecordForm], above: RecordForm, call: Any) -> Any:
        """Run one step in a savepoint; on a refusal, show its problems and go on."""
        try:
            with transaction.atomic():
                return call()
        except DomainError as refusal:
            self.refused = True
            route(refusal.problems, list(rows), above)
            return None

    def meeting(self, found: Meeting | None) -> Meeting:
        """The meeting itself, through its use case (`meetings.actions`): a new one, or
        a change of `found` over the version the page was read at (locked until the
        whole record is written)."""
        form = self.page.form
        data = form.cleaned_data
        try:
            values = self._values(data)
            co_chairs = [co_chair(given) for given in data["co_chairs"]]
            if found is None:
                return meeting_actions.create_meeting(
                    self.who,
                    self.body,
                    {"number": data.get("number"), **values},
                    slug=blank(data.get("slug")),
                    co_chairs=co_chairs,
                )
            return meeting_actions.change_meeting(
                self.who,
                found,
                values,
                co_chairs=co_chairs,
                expected_version=self.page.version,
            )
        except Stale:
            self.page.stale = True
            raise Refused from None
        except (races.Raced, races.Busy):
            raise  # met another change in the database: the page answers for that
        except DomainError as refusal:
            self.taken = isinstance(refusal, errors.Conflict)
            for p in refusal.problems:
                form.add_problem(p.field, p.reason)
            raise Refused from None

    def _values(self, data: dict) -> dict:
        """The meeting's fields the page edits (of `services.EDITABLE`): the others (its
        kind, what it prepares, source and note) are kept, and a new meeting's kind
        follows its number."""
        return {
            "title": data["title"].strip(),
            **span(data["date"], blank(data["end"])),
            "city": data["city"].strip(),
            "country": refs.party_at(blank(data["country"]), "country"),
            "venue": data["venue"].strip(),
            "mode": data["mode"],
            "host": refs.party_at(blank(data["host"]), "host"),
            "chair": refs.party_at(blank(data["chair"]), "chair"),
            "chair_person": refs.person_at(blank(data["chair_person"]), "chair_person"),
            "format": data["format"],
            "classification": data["classification"],
            "outcome": data["outcome"].strip(),
        }

    def participants(self, meeting: Meeting, originals: list[Participation]) -> None:
        formset = self.page.sets["participants"]
        rows = rows_of(kept_rows(formset))

        def write() -> None:
            people = []
            for i, f in enumerate(rows):
                d = f.cleaned_data
                was = originals[f.index] if f.index < len(originals) else None
                people.append(
                    meeting_services.Participant(
                        party=refs.party_at(blank(d["party"]), f"[{i}].party"),
                        person=refs.person_at(blank(d["person"]), f"[{i}].person"),
                        role=d["role"],
                        head_of_delegation=d["head"],
                        post_title=d["post"].strip(),
                        # The post's translations stay while the post is unchanged.
                        post_names=(
                            was.post_names if was and was.post_title == d["post"].strip() else {}
                        ),
                        source=was.source if was else "",
                        note=was.note if was else "",
                        # The page does not edit attendance: a row keeps what it had.
                        **(_attendance_of(was) if was else {}),
                    )
                )
            meeting_actions.write_participants(meeting, people)

        self.step(rows, self.page.form, write)

    def agenda(self, meeting: Meeting, originals: list[AgendaItem]) -> dict[str, AgendaItem] | None:
        formset = self.page.sets["agenda"]
        rows = rows_of(kept_rows(formset))
        topics = {t.slug: t for t in Topic.objects.filter(organization=self.org)}

        def write() -> list[AgendaItem]:
            items = []
            for f in rows:
                d = f.cleaned_data
                was = originals[f.index] if f.index < len(originals) else None
                title = d["title"].strip()
                values = {
                    "kind": d["kind"],
                    "emphasis": d["emphasis"],
                    "titles": was.titles if was and was.title == title else {},
                    "classification": was.classification if was else "public",
                    "source": was.source if was else "",
                    "note": was.note if was else "",
                }
                items.append(
                    meeting_services.Item(
                        slug=d["id"],
                        title=title,
                        values=values,
                        topics=[topics[s] for s in d["topics"]],
                        events=list(was.events.all()) if was else [],
                    )
                )
            # The actions are set next: an action on an item left out is refused there.
            return meeting_actions.write_agenda(meeting, items, actions_follow=True)

        written = self.step(rows, self.page.form, write)
        return {item.slug: item for item in written} if written is not None else None

    def actions(
        self,
        meeting: Meeting,
        originals: list[Action],
        items: dict[str, AgendaItem] | None,
    ) -> None:
        """The actions; `items` None when the agenda was refused (the actions are then
        checked against the items typed, and not written)."""
        rows = rows_of(kept_rows(self.page.sets["actions"]))
        typed = {blank(f.cleaned_data.get("id")) for f in kept_rows(self.page.sets["agenda"])}

        def row_values(i: int, f: RowForm) -> dict:
            d = f.cleaned_data
            was = originals[f.index] if f.index < len(originals) else None
            when = PartialDate.parse(d["date"]) if d["date"] else meeting.partial_date
            target = refs.body_at(self.org, blank(d["to"]), f"[{i}].to")
            item = blank(d["item"])
            if item is not None and (item not in items if items is not None else item not in typed):
                raise DomainError.at(f"[{i}].item", f"no agenda item {item!r} on the agenda")
            subject = None
            if item is not None:
                subject = items[item] if items is not None else AgendaItem(slug=item)
            return {
                "date": when.value,
                "date_precision": when.precision.value,
                "verb": d["verb"],
                "document": refs.document_at(
                    self.who, self.org, blank(d["document"]), f"[{i}].document"
                ),
                "agenda_item": subject,
                "event": was.event if was else None,
                "target_body": target,
                "target_meeting": refs.meeting_at(
                    self.who, self.org, target, blank(d["to_meeting"]), f"[{i}].to_meeting"
                ),
                # An office the form does not show is kept while no body is chosen.
                "target_post": (
                    was.target_post if was and was.target_post_id and target is None else None
                ),
                "by_person": was.by_person if was else None,
                "target_organization": d["to_organization"].strip(),
                # Names in other languages come from the record; kept while the name is.
                "target_organization_names": (
                    was.target_organization_names
                    if was and was.target_organization == d["to_organization"].strip()
                    else {}
                ),
                "reference": d["reference"].strip(),
                "purpose": d["purpose"].strip(),
                "classification": was.classification if was else "public",
                "source": was.source if was else "",
                "note": was.note if was else "",
            }

        def write() -> None:
            values, problems = [], []
            for i, f in enumerate(rows):
                try:
                    found = row_values(i, f)
                except DomainError as unknown:
                    problems += unknown.problems
                    continue
                values.append(found)
                problems += [
                    p.under(f"[{i}]")
                    for p in decision_services.check_action(
                        self.body, {**found, "meeting": meeting}
                    )
                ]
            if problems:
                raise DomainError(problems)
            if items is not None:
                decision_services.set_actions(self.body, meeting, values)

        self.step(rows, self.page.form, write)

    def decisions(self, meeting: Meeting, originals: list[Decision]) -> None:
        for f in rows_of(self.page.sets["decisions"].forms):
            # A recorded decision marked for removal goes, with the positions on it.
            if f.cleaned_data.get("DELETE") and f.index < len(originals):
                gone = originals[f.index]
                self.step([], f, lambda gone=gone: decision_services.remove_decision(gone))
        for f in rows_of(kept_rows(self.page.sets["decisions"])):
            self.step([], f, lambda f=f: self._decision(meeting, originals, f))

    def _decision(self, meeting: Meeting, originals: list[Decision], f: RowForm) -> None:
        d = f.cleaned_data
        was = originals[f.index] if f.index < len(originals) else None
        title = d["title"].strip()
        # A new decision through its use case (an id the meeting holds is refused); a
        # recorded one is written whole again, keeping its positions.
        write = (
            decision_actions.write_new_decision if was is None else decision_services.save_decision
        )
        write(
            meeting,
            was.slug if was else d["id"],
            {
                "title": title,
                "titles": was.titles if was and was.title == title else {},
                "document": refs.document_at(self.who, self.org, blank(d["document"]), "document"),
                **_outcome_fields(d),
                "classification": d["classification"],
                "source": was.source if was else "",
                "note": was.note if was else "",
            },
            # Positions are recorded on their own page; the record keeps them.
            [(p.party, p.stance, p.statement) for p in was.positions.all()] if was else [],
        )

    def write(self, found: Meeting | None) -> Meeting:
        """The whole record, in one transaction; Refused (nothing written) on any refusal."""
        with transaction.atomic():
            meeting = self.meeting(found)
            originals = originals_of(found)
            self.participants(meeting, originals["participants"])
            items = self.agenda(meeting, originals["agenda"])
            self.actions(meeting, originals["actions"], items)
            self.decisions(meeting, originals["decisions"])
            if self.refused:
                raise Refused
        return meeting


def co_chair(given: str) -> tuple[Party, Person | None]:
    """A co-chair as the page names it: `AF`, or `AF:person-id` with its person."""
    code, _, person = given.partition(":")
    party = refs.party_at(code, "co_chairs")
    return party, refs.person_at(blank(person), "co_chairs")  # type: ignore[return-value]


def _outcome_fields(d: dict) -> dict:
    """A decision row's outcome, procedure, counts and date. Ticked open, it is open;
    otherwise its outcome is the one chosen (none, or open: what the positions give)."""
    outcome = "open" if d["open"] else ("" if d["outcome"] == "open" else d["outcome"])
    return {
        "outcome": outcome,
        "procedure": d["procedure"],
        "votes_in_favour": d["votes_in_favour"],
        "votes_against": d["votes_against"],
        "votes_abstaining": d["votes_abstaining"],
        "date": d["date"],
    }


def originals_of(found: Meeting | None) -> dict[str, list]:
    """The recorded rows, in the order the page listed them."""
    if found is None:
        return {k: [] for k in FORMSETS}
    return {
        "participants": list(Participation.objects.filter(meeting=found).order_by("position")),
        "agenda": list(
            AgendaItem.objects.filter(meeting=found).prefetch_related("events").order_by("position")
        ),
        "actions": list(
            Action.objects.filter(meeting=found)
            .select_related("event", "by_person")
            .order_by("position")
        ),
        "decisions": list(
            Decision.objects.filter(meeting=found)
            .prefetch_related(Prefetch("positions"), "positions__party")
            .order_by("slug")
        ),
    }


def _attendance_of(p: Participation) -> dict:
    """A participant's attendance facts, kept as they are by a change of the page."""
    return {f: getattr(p, f) for f in ATTENDANCE_FIELDS}
