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

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.decisions.decides import effects_prefetch
from accord.decisions.models import Action, Decision, Position
from accord.meetings.joint import joint_rows
from accord.meetings.lifecycle import PlanChange
from accord.meetings.models import (
    AgendaItem,
    Event,
    Meeting,
    Participation,
    Statement,
    co_chair_rows,
    session_rows,
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


def meeting_record(viewer: Viewer, meeting: Meeting) -> Meeting:
    """The meeting with every part of its record the viewer may see (the API's record
    and the web page read the same), in a fixed number of queries however large the
    record. Each part is ordered by its place in the meeting: ordering by the meeting
    itself, as the models do, would join the meeting, its body and organization to
    every part's query for nothing."""
    return (
        Meeting.objects.filter(pk=meeting.pk)
        .select_related(
            "body__organization", "country", "host", "chair", "chair_person", "prepares__body"
        )
        # The model declares the annotation for the record's readers (Meeting, under
        # TYPE_CHECKING); the stubs' plugin takes that for a clash with a field.
        .annotate(prepares_visible=meeting_visible(viewer, "prepares_id"))  # type: ignore[no-redef]
        .prefetch_related(
            co_chair_rows(),
            joint_rows(),
            Prefetch(
                "participants",
                queryset=Participation.objects.select_related(
                    "party", "person", "joined_at_item", "left_at_item"
                ).order_by("position"),
            ),
            Prefetch("agenda", queryset=agenda_items(viewer).order_by("position")),
            Prefetch(
                "actions",
                queryset=actions(viewer)
                .select_related(
                    "body",
                    "document__type",
                    "agenda_item__meeting__body",
                    "event",
                    "target_body",
                    "target_meeting__body",
                    "by_person",
                )
                .order_by("position"),
            ),
            Prefetch(
                "decisions",
                queryset=decisions(viewer)
                .prefetch_related(
                    Prefetch("positions", queryset=positions(viewer)), effects_prefetch()
                )
                .order_by("slug"),
            ),
            Prefetch("statements", queryset=statements(viewer).order_by("position")),
            Prefetch(
                "plan_changes",
                queryset=PlanChange.objects.select_related("country").order_by("position"),
            ),
            session_rows(),
        )
        .get()
    )
