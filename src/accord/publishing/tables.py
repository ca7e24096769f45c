"""The lists Accord shows, as tables for CSV: the same rows the API lists give the same
viewer (through the access layer and the domain selectors), every cell made safe for
spreadsheets (`rules.safe_cell`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.bodies import selectors as bodies
from accord.bodies.models import Body
from accord.core.dates import PartialDate, Precision
from accord.core.errors import DomainError
from accord.core.models import as_recorded
from accord.decisions import selectors as decisions
from accord.decisions.models import Decision
from accord.documents.models import Document
from accord.meetings import selectors as meetings
from accord.meetings.models import Event, EventParticipation, Meeting, co_chair_rows
from accord.publishing import rules
from accord.publishing import selectors as publishing
from accord.publishing.post_turns import TURN_COLUMNS, turn_cells
from accord.registry import selectors as registry
from accord.registry.models import Organization, Party

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

Rows = Iterable[list[Any]]


@dataclass(frozen=True)
class Options:
    on: dt.date
    start: dt.date | None = None
    end: dt.date | None = None
    body: str | None = None


@dataclass(frozen=True)
class Table:
    name: str
    title: StrPromise  # lazily translated: shown in the reader's language
    columns: list[str]
    rows: Callable[[Viewer, Organization, Options], Rows]
    needs_body: bool = False


def _partial(value: dt.date | None, precision: str) -> str:
    return PartialDate(value, Precision(precision)).isoformat() if value else ""


def _parties(viewer: Viewer, org: Organization, o: Options) -> Rows:
    for p in Party.objects.select_related("parent").order_by("code"):
        yield [p.code, p.name, p.kind, p.parent.code if p.parent is not None else ""]


def _members(viewer: Viewer, org: Organization, o: Options) -> Rows:
    for m in registry.memberships_on(org, o.on):
        yield [m.party.code, m.party.name, m.status.slug, m.start, m.end or ""]


def _posts(viewer: Viewer, org: Organization, o: Options) -> Rows:
    for p in registry.post_holders_on(org, o.on):
        current, upcoming = p.holder, p.next
        yield [
            p.post.slug,
            p.post.name,
            current.person.name if current else "",
            current.start if current else "",
            current.end or "" if current else "",
            upcoming.person.name if upcoming else "",
            upcoming.start if upcoming else "",
            "acting" if current and current.acting else "",
            p.vacant_since or "",
            *turn_cells(p.turns),
        ]


def _bodies(viewer: Viewer, org: Organization, o: Options) -> Rows:
    for b in Body.objects.filter(organization=org).select_related("organization", "reports_to"):
        yield [
            b.slug,
            b.name,
            b.short_name,
            b.reports_to.slug if b.reports_to is not None else "",
            b.chair_rule,
            b.effective_decision_rule,
            b.meets_since or "",
        ]


def _meetings(viewer: Viewer, org: Organization, o: Options) -> Rows:
    rows = access.meetings(viewer, Meeting.objects.filter(body__organization=org))
    if o.body:
        rows = rows.filter(body__slug=o.body)
    terms = meetings.terms_by_body(org)
    rows = rows.select_related(
        "body__organization", "country", "host", "chair", "chair_person"
    ).prefetch_related(co_chair_rows())
    for m in rows.order_by("start", "body__rank", "slug"):
        chair = meetings.chair_of(m, terms).party
        yield [
            m.body.slug,
            m.number or "",
            m.slug,
            m.partial_date.isoformat(),
            m.end if m.end != m.start else "",
            m.city,
            m.country.code if m.country is not None else "",
            m.mode,
            m.format,
            chair.code if chair else "",
            m.classification,
        ]


def _documents(viewer: Viewer, org: Organization, o: Options) -> Rows:
    seen = access.actions(viewer).select_related("body", "target_body")
    rows = (
        access.documents(viewer, Document.objects.filter(organization=org))
        .select_related("type", "author_body", "author_party")
        .prefetch_related(Prefetch("actions", queryset=seen, to_attr="seen"))
    )
    verbs = decisions.verbs_of(org)
    for d in rows.order_by("date", "slug"):
        yield [
            d.slug,
            d.title,
            d.type.slug,
            _partial(d.date, d.date_precision),
            d.period,
            d.author_body.slug if d.author_body is not None else "",
            d.author_party.code if d.author_party is not None else "",
            d.classification,
            decisions.status_from(d.seen, verbs)[0] or "",
        ]


def _calendar(viewer: Viewer, org: Organization, o: Options) -> Rows:
    visible = set(
        access.meetings(viewer).filter(body__organization=org).values_list("pk", flat=True)
    )
    for e in meetings.calendar(org, o.start or dt.date.min, o.end):
        if e.meeting is not None and e.meeting.pk not in visible:
            continue
        yield [
            e.kind,
            _partial(e.start, e.precision),
            e.end if e.end != e.start else "",
            e.title,
            e.place,
            e.meeting.body.slug if e.meeting else "",
            (e.meeting.slug if e.meeting else e.event.slug if e.event else ""),
            e.meeting.status if e.meeting else "",
        ]


def _events(viewer: Viewer, org: Organization, o: Options) -> Rows:
    rows = (
        access.events(viewer, Event.objects.filter(organization=org))
        .select_related("country", "organiser", "host_body")
        .prefetch_related(
            Prefetch("participants", queryset=EventParticipation.objects.select_related("party"))
        )
    )
    for e in rows.order_by("start", "slug"):
        parts = list(e.participants.all())
        yield [
            e.slug,
            e.name,
            e.kind,
            _partial(e.start, e.date_precision),
            e.end if e.end and e.end != e.start else "",
            e.place,
            e.city,
            e.country.code if e.country is not None else "",
            e.organiser.code if e.organiser is not None else "",
            " ".join(p.party.code for p in parts if p.role == "partner"),
            " ".join(p.party.code for p in parts if p.first_participation),
        ]


def _pending(viewer: Viewer, org: Organization, o: Options) -> Rows:
    target = bodies.body(org, o.body or "")
    referrals = decisions.pending_for(viewer, org, target, o.on)
    visible_meetings = set(
        access.meetings(
            viewer, Meeting.objects.filter(pk__in=[a.target_meeting_id for a in referrals])
        ).values_list("pk", flat=True)
    )
    for a in referrals:
        to_meeting = a.target_meeting if a.target_meeting_id in visible_meetings else None
        yield [
            decisions.subject_label(a),
            a.document.slug if a.document is not None else "",
            a.agenda_item.slug if a.agenda_item is not None else "",
            as_recorded(a),
            a.body.slug,
            a.purpose,
            (to_meeting.number or to_meeting.slug) if to_meeting else "",
        ]


def _decisions(viewer: Viewer, org: Organization, o: Options) -> Rows:
    rows = access.decisions(viewer, Decision.objects.filter(meeting__body__organization=org))
    if o.body:
        rows = rows.filter(meeting__body__slug=o.body)
    rows = rows.select_related("meeting__body__organization", "document").prefetch_related(
        Prefetch("positions", queryset=access.positions(viewer).select_related("party"))
    )
    readable = set(access.documents(viewer).filter(organization=org).values_list("pk", flat=True))
    for d in rows.order_by("meeting__start", "order", "slug"):
        yield [
            d.meeting.body.slug,
            d.meeting.number or d.meeting.slug,
            d.slug,
            d.title,
            d.document.slug if d.document is not None and d.document_id in readable else "",
            decisions.outcome_of(d, d.meeting.body).outcome,
            d.classification,
        ]


def _releases(viewer: Viewer, org: Organization, o: Options) -> Rows:
    for r in publishing.releases(viewer, org):
        v = publishing.shown_version(viewer, r)
        if v is None:
            continue
        yield [
            r.slug,
            r.meeting.body.slug,
            r.meeting.number or r.meeting.slug,
            r.kind,
            r.language,
            r.classification,
            v.number,
            v.state,
            v.headline,
            v.published_at.isoformat() if v.published_at else "",
        ]


TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        Table("parties", _("Parties"), ["code", "name", "kind", "part_of"], _parties),
        Table(
            "members",
            _("Members as of a date"),
            ["party", "name", "status", "from", "to"],
            _members,
        ),
        Table(
            "posts",
            _("Posts and their holders as of a date"),
            [
                "post",
                "name",
                "holder",
                "from",
                "to",
                "next_holder",
                "next_from",
                "acting",
                "vacant_since",
                *TURN_COLUMNS,
            ],
            _posts,
        ),
        Table(
            "bodies",
            _("Bodies"),
            [
                "body",
                "name",
                "short_name",
                "reports_to",
                "chair_rule",
                "decision_rule",
                "meets_since",
            ],
            _bodies,
        ),
        Table(
            "meetings",
            _("Meetings"),
            [
                "body",
                "number",
                "id",
                "date",
                "end",
                "city",
                "country",
                "mode",
                "format",
                "chair",
                "classification",
            ],
            _meetings,
        ),
        Table(
            "documents",
            _("Documents"),
            [
                "document",
                "title",
                "type",
                "date",
                "period",
                "author_body",
                "author_party",
                "classification",
                "status",
            ],
            _documents,
        ),
        Table(
            "calendar",
            _("Calendar"),
            ["kind", "date", "end", "title", "place", "body", "id", "status"],
            _calendar,
        ),
        Table(
            "events",
            _("Events"),
            [
                "event",
                "name",
                "kind",
                "date",
                "end",
                "place",
                "city",
                "country",
                "organiser",
                "partners",
                "first_participation",
            ],
            _events,
        ),
        Table(
            "pending",
            _("Pending referrals of a body"),
            ["subject", "document", "item", "referred_on", "referred_by", "purpose", "to_meeting"],
            _pending,
            needs_body=True,
        ),
        Table(
            "decisions",
            _("Decisions"),
            ["body", "meeting", "decision", "title", "document", "outcome", "classification"],
            _decisions,
        ),
        Table(
            "releases",
            _("Press releases"),
            [
                "release",
                "body",
                "meeting",
                "kind",
                "language",
                "classification",
                "version",
                "state",
                "headline",
                "published_at",
            ],
            _releases,
        ),
    ]
}


def table(name: str) -> Table:
    if name not in TABLES:
        raise DomainError.at("table", f"no table {name!r} (one of: {', '.join(TABLES)})")
    return TABLES[name]


def as_csv(viewer: Viewer, org: Organization, name: str, options: Options) -> str:
    """The table `name` of `org` as `viewer` sees it, as CSV text (header first)."""
    found = table(name)
    if found.needs_body and not options.body:
        raise DomainError.at("body", f"the {name} table is of one body: name it")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(found.columns)
    for row in found.rows(viewer, org, options):
        writer.writerow([rules.safe_cell(_text(cell)) for cell in row])
    return out.getvalue()


def _text(cell: Any) -> str:
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return "" if cell is None else str(cell)
