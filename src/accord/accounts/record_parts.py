"""A meeting's record as the viewer may see it, each query's SQL built once per standing
and day and run again for every meeting (`accord.core.compiled`); read through
`accounts.visibility.meeting_record`.

The parts are attached as Django's `prefetch_related` attaches them (the related
managers' prefetched lists and each row's link back to its container), so that the
record's readers (the meeting page, the API, the publishing facts) read them with
no query. A part of parts (an agenda item's topics and events, a decision's
positions, a session's attendees) is read by the meeting, in one query, and only when
there are parts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, QuerySet, prefetch_related_objects
from django.utils import timezone

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.core import compiled
from accord.core.prefetched import keep_rows
from accord.decisions.decides import effects_prefetch
from accord.decisions.models import Action, Decision, Position
from accord.meetings.joint import JointBody
from accord.meetings.lifecycle import PlanChange
from accord.meetings.models import (
    AgendaItem,
    CoChair,
    Event,
    Meeting,
    Participation,
    Session,
    Statement,
    Topic,
)


def _ordering(model: type[Model], path: str) -> list[str]:
    """`model`'s default ordering, read through the relation `path`."""
    return [
        f"-{path}__{field[1:]}" if field.startswith("-") else f"{path}__{field}"
        for field in model._meta.ordering or ()
    ]


# What the API's answer names of the rows joined to a part's (`_named`): a party's
# code and name, a person's id and name ...
_PARTY_PERSON = {"party": ("code", "name"), "person": ("slug", "name")}
_ACTION_NAMES = {
    "body": ("slug",),
    "document": ("slug", "title", "type"),
    "document__type": ("slug",),
    "agenda_item": ("slug", "title"),
    "event": ("slug", "name"),
    "target_body": ("slug",),
    "target_meeting": ("slug", "number", "start", "date_precision", "body"),
    "target_meeting__body": ("slug",),
    "by_person": ("slug", "name"),
}
_NAMED = ("slug", "name", "names")
# ... and what the web page shows of them (`web.templatetags.accord_meeting_rows`,
# `accord_meeting_lists`): an action's body, document, agenda item and referral
# written out, the documents and events the meeting dealt with listed.
_PAGE_ACTION_NAMES = {
    "body": ("slug",),
    "document": ("slug", "title", "titles", "type"),
    "document__type": _NAMED,
    "agenda_item": ("slug", "title", "titles", "meeting"),
    "agenda_item__meeting": ("slug", "number", "body"),
    "agenda_item__meeting__body": ("slug",),
    "event": tuple(f.name for f in Event._meta.concrete_fields),
    "target_body": _NAMED,
    "target_meeting": ("slug", "number", "start", "end", "date_precision", "body"),
    "target_meeting__body": ("slug",),
    "by_person": _NAMED,
}


def _named(rows: QuerySet[Any], related: dict[str, tuple[str, ...]]) -> QuerySet[Any]:
    """`rows` with every field of their own, and of each row joined to them (by its
    path) the fields `related` names: the others deferred (a row wide in columns read
    for a few of them). Read with SQL built once, its rows are made as Django makes
    them (`accord.core.compiled`)."""
    own = [field.name for field in rows.model._meta.concrete_fields]
    joined = [f"{path}__{name}" for path, names in related.items() for name in names]
    return rows.only(*own, *joined)


def _place(row: Any) -> tuple[int, int]:
    # A part's rows in their places in the meeting (rows of one place by key), sorted
    # here: SQL's ORDER BY had the database sort whole rows, every column of every row
    # joined in (an action's are some two hundred), to order a handful of them.
    return row.position, row.pk


def _by(rows: Iterable[Any], key: Callable[[Any], int]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return grouped


def read_meeting_record(
    viewer: Viewer, meeting: Meeting, answer: bool = False, page: bool = False
) -> Meeting:
    """The meeting with its record as `viewer` may see it: a meeting found with
    `visibility.record_joins` (it carries `prepares_visible`) as it is, any other read
    again with them. `answer`: read
    for the API's answer (`meetings.record.record_from`), a record only shown: its
    rows share the names and texts decoded before (`compiled.rows`), and the rows
    joined to an action, a participant or a statement hold only the fields the answer
    names (the others deferred: `_named`); an action's agenda item is read without its
    meeting and body, which the web page links it to. `page`: read for the web page
    (`web.browse.meetings`), the rows joined to an action with only the fields it shows
    (`_PAGE_ACTION_NAMES`)."""
    from accord.accounts import visibility

    shape = (access.standing(viewer), timezone.localdate().isoformat(), answer, page)
    meeting_id = meeting.pk

    def run(part: str, build: Callable[[int], QuerySet[Any]]) -> list[Any]:
        return compiled.rows(("meeting record", part, *shape), build, meeting_id, shared=answer)

    def named(
        rows: QuerySet[Any],
        related: dict[str, tuple[str, ...]],
        shown: dict[str, tuple[str, ...]] | None = None,
    ) -> QuerySet[Any]:
        if answer:
            return _named(rows, related)
        return _named(rows, shown) if page and shown else rows

    if "prepares_visible" not in vars(meeting):
        found = run(
            "meeting",
            lambda pk: visibility.record_joins(viewer, Meeting.objects.filter(pk=pk)),
        )
        if not found:
            raise Meeting.DoesNotExist("Meeting matching query does not exist.")
        meeting = found[0]

    def part(
        name: str, model: type[Model], build: Callable[[int], QuerySet[Any]], placed: bool = False
    ) -> list[Any]:
        rows = run(name, build) if visibility.has_part(meeting, name) else []
        if placed:
            rows.sort(key=_place)
        link = model._meta.get_field("meeting")
        for row in rows:
            link.set_cached_value(row, meeting)  # type: ignore[union-attr]
        keep_rows(meeting, name, model, rows)
        return rows

    part(
        "co_chair_rows",
        CoChair,
        lambda pk: CoChair.objects.filter(meeting_id=pk).select_related("party", "person"),
    )
    part(
        "joint_rows",
        JointBody,
        lambda pk: JointBody.objects.filter(meeting_id=pk).select_related("body"),
    )
    part(
        "participants",
        Participation,
        lambda pk: named(
            Participation.objects.filter(meeting_id=pk)
            .select_related("party", "person", "joined_at_item", "left_at_item")
            .order_by(),
            {**_PARTY_PERSON, "joined_at_item": ("slug",), "left_at_item": ("slug",)},
        ),
        placed=True,
    )
    agenda = part(
        "agenda",
        AgendaItem,
        lambda pk: access.agenda_items(viewer, AgendaItem.objects.filter(meeting_id=pk)).order_by(),
        placed=True,
    )
    if agenda:
        _item_links(run, agenda, viewer)
    part(
        "actions",
        Action,
        lambda pk: named(
            visibility.actions(viewer, Action.objects.filter(meeting_id=pk))
            .select_related(
                "body",
                "document__type",
                "agenda_item" if answer else "agenda_item__meeting__body",
                "event",
                "target_body",
                "target_meeting__body",
                "by_person",
            )
            .order_by(),
            _ACTION_NAMES,
            _PAGE_ACTION_NAMES,
        ),
        placed=True,
    )
    decisions = part(
        "decisions",
        Decision,
        lambda pk: visibility.decisions(viewer, Decision.objects.filter(meeting_id=pk)).order_by(
            "slug"
        ),
    )
    if decisions:
        positions = _by(
            run(
                "positions",
                lambda pk: visibility.positions(viewer).filter(decision__meeting_id=pk),
            ),
            lambda row: row.decision_id,
        )
        position_link = Position._meta.get_field("decision")
        for decision in decisions:
            kept = positions.get(decision.pk, [])
            for row in kept:
                position_link.set_cached_value(row, decision)
            keep_rows(decision, "positions", Position, kept)
        prefetch_related_objects(decisions, effects_prefetch())
    part(
        "statements",
        Statement,
        lambda pk: named(
            visibility.statements(viewer).filter(meeting_id=pk).order_by(),
            {**_PARTY_PERSON, "agenda_item": ("slug",)},
        ),
        placed=True,
    )
    part(
        "plan_changes",
        PlanChange,
        lambda pk: PlanChange.objects.filter(meeting_id=pk).select_related("country").order_by(),
        placed=True,
    )
    sessions = part(
        "sessions",
        Session,
        lambda pk: Session.objects.filter(meeting_id=pk).order_by(),
        placed=True,
    )
    if sessions:
        attendees = _links(
            run,
            "attendees",
            Session.attendees.field,
            "meeting_id",
            ["participation__position"],
            ("party", "person"),
        )
        for session in sessions:
            kept = [row.participation for row in attendees.get(session.pk, [])]
            keep_rows(session, "attendees", Participation, kept)
    return meeting


def _links(
    run: Callable[[str, Callable[[int], QuerySet[Any]]], list[Any]],
    name: str,
    field: Any,
    meeting_path: str,
    order: list[str] | None = None,
    related: tuple[str, ...] = (),
    narrowed: Callable[[], dict[str, Any]] = dict,
) -> dict[int, list[Any]]:
    """The rows a many-to-many `field` links to, by the key of the row linking them:
    every link of the meeting's rows in one query (`meeting_path` from the linking
    row's model to the meeting's key); `narrowed`: more conditions of the query (asked
    for when its SQL is built, not at each run)."""
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    ordering = order if order is not None else _ordering(field.related_model, target)
    found = run(
        name,
        lambda pk: (
            through.objects.filter(**{f"{source}__{meeting_path}": pk}, **narrowed())
            .select_related(target, *(f"{target}__{r}" for r in related))
            .order_by(*ordering)
        ),
    )
    return _by(found, lambda row: getattr(row, f"{source}_id"))


def _item_links(
    run: Callable[[str, Callable[[int], QuerySet[Any]]], list[Any]],
    agenda: list[AgendaItem],
    viewer: Viewer,
) -> None:
    """Each agenda item's topics and events (every event is public: `access.events`)."""
    topics = _links(run, "topics", AgendaItem.topics.field, "meeting_id")
    events = _links(
        run,
        "events",
        AgendaItem.events.field,
        "meeting_id",
        narrowed=lambda: {"event__in": access.events(viewer)},
    )
    for item in agenda:
        keep_rows(item, "topics", Topic, [row.topic for row in topics.get(item.pk, [])])
        keep_rows(item, "events", Event, [row.event for row in events.get(item.pk, [])])
