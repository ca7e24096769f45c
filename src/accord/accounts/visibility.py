"""What a viewer may see, composed from the access layer for the API's nested reads.

The access layer restricts each kind of row together with its containers (an action
with its meeting, document and agenda item). What a row merely *refers to* (a
referral's target meeting, a decision's document, what a meeting prepares) is
annotated here as visible or not, and a representation leaves out what is not, so
that no title, date or number leaks through a reference. Each function returns a
queryset (one query, however many rows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.db.models import Exists, Model, OuterRef, Prefetch, Q, QuerySet

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.decisions.models import Action, Decision, Position
from accord.meetings.models import (
    AgendaItem,
    CoChair,
    Event,
    JointBody,
    Meeting,
    PlanChange,
    Session,
    Statement,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class TargetVisible(TypedDict):
    """What `actions` adds to each action: whether its target meeting is visible."""

    target_meeting_visible: bool


class DocumentVisible(TypedDict):
    """What `decisions` adds to each decision: whether its document is visible."""

    document_visible: bool


def _visible_or_none(field: str, visible: QuerySet) -> Q:
    # EXISTS for the row's own reference (a look-up by key), not IN over every row the
    # viewer may see: in a long history that list is hundreds of thousands of rows.
    return Q(**{f"{field}__isnull": True}) | Q(Exists(visible.filter(pk=OuterRef(f"{field}_id"))))


def meeting_visible(viewer: Viewer, field: str) -> Exists:
    """An annotation: whether the meeting in `field` is one the viewer may see."""
    return Exists(access.meetings(viewer).filter(pk=OuterRef(field)))


def document_visible(viewer: Viewer, field: str) -> Exists:
    return Exists(access.documents(viewer).filter(pk=OuterRef(field)))


def actions(
    viewer: Viewer, queryset: QuerySet[Action] | None = None
) -> QuerySet[WithAnnotations[Action, TargetVisible]]:
    """Actions the viewer may see (with their meeting, document and agenda item).

    Each row carries `target_meeting_visible`: a referral to a meeting the viewer may
    not see is shown without that meeting.
    """
    rows = access.actions(viewer, Action.objects.all() if queryset is None else queryset)
    return rows.annotate(target_meeting_visible=meeting_visible(viewer, "target_meeting_id"))


def agenda_items(viewer: Viewer) -> QuerySet[AgendaItem]:
    return access.agenda_items(
        viewer,
        AgendaItem.objects.prefetch_related(
            "topics", Prefetch("events", queryset=access.events(viewer, Event.objects.all()))
        ),
    )


def statements(viewer: Viewer) -> QuerySet[Statement]:
    """Statements; one made under an agenda item only where the item is visible."""
    return Statement.objects.filter(
        _visible_or_none("agenda_item", access.agenda_items(viewer))
    ).select_related("person", "party", "agenda_item")


def positions(viewer: Viewer) -> QuerySet[Position]:
    return access.positions(viewer, Position.objects.select_related("party"))


def decisions(
    viewer: Viewer, queryset: QuerySet[Decision] | None = None
) -> QuerySet[WithAnnotations[Decision, DocumentVisible]]:
    """Decisions the viewer may see, each with `document_visible`."""
    rows = access.decisions(viewer, Decision.objects.all() if queryset is None else queryset)
    return rows.select_related("document__type").annotate(
        document_visible=document_visible(viewer, "document_id")
    )


# Parts of a meeting's record that many meetings have none of (co-chairs, joint bodies,
# decisions, statements, plan changes, sessions), by the name `record_parts` keeps them
# under, and the meetings prepared for it: whether the meeting has any row of each,
# whoever may see it, is read with the meeting (`has_` and the name), and a part the
# meeting has no row of is not asked for (each statement asked costs more than the
# rows it finds). A flag is the superset of what the viewer may see: a part flagged is
# read with the access rules as before.
FLAGGED_PARTS: dict[str, tuple[type[Model], str]] = {
    "co_chair_rows": (CoChair, "meeting"),
    "joint_rows": (JointBody, "meeting"),
    "decisions": (Decision, "meeting"),
    "statements": (Statement, "meeting"),
    "plan_changes": (PlanChange, "meeting"),
    "sessions": (Session, "meeting"),
    "prepared_by": (Meeting, "prepares"),
}


def has_part(meeting: Meeting, name: str) -> bool:
    """Whether `meeting` may have rows of the part `name` (`FLAGGED_PARTS`, or a flag a
    page reads with them, `has_` and the name): False only when it was read with the
    flag and has none."""
    return vars(meeting).get(f"has_{name}", True)


def record_joins(viewer: Viewer, rows: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """`rows` with what a meeting's record reads of the meeting itself: its body and
    organization, country, host, chair, what it prepares with `prepares_visible`, and
    which of the `FLAGGED_PARTS` it has rows of. A meeting found with these
    (`refs.meeting_addressed(..., record_joins)`) is not read again for its record
    (`meeting_record`)."""
    flags = {
        f"has_{name}": Exists(model._default_manager.filter(**{f"{link}_id": OuterRef("pk")}))
        for name, (model, link) in FLAGGED_PARTS.items()
    }
    return (
        rows.select_related(
            "body__organization", "country", "host", "chair", "chair_person", "prepares__body"
        )
        # (The model declares `prepares_visible` for the record's readers: Meeting, under
        # TYPE_CHECKING.)
        .annotate(prepares_visible=meeting_visible(viewer, "prepares_id"), **flags)
    )


def meeting_record(
    viewer: Viewer, meeting: Meeting, *, answer: bool = False, page: bool = False
) -> Meeting:
    """The meeting with every part of its record the viewer may see (the API's record
    and the web page read the same), in a fixed number of queries however large the
    record. Each part is ordered by its place in the meeting: ordering by the meeting
    itself, as the models do, would join the meeting, its body and organization to
    every part's query for nothing.

    Each query's SQL is built once for the viewer's standing and the day
    (`accord.core.compiled`) and run again for every meeting: what the access rules
    admit depends on nothing else. The parts are put where Django's prefetching puts
    them (`meeting.agenda.all()`, `item.topics.all()` ...), and a part of parts is read
    only when there are parts, as Django does. `answer`: read for the API's answer,
    only shown, the rows joined to its parts with the fields it names
    (`record_parts.read_meeting_record`); `page`: read for the web meeting page, the
    rows joined to its actions with the fields it shows."""
    from accord.accounts.record_parts import read_meeting_record

    return read_meeting_record(viewer, meeting, answer, page)
