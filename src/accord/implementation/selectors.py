"""Reads about implementation, restricted to what a viewer may read: the documents
followed up, their measures with derived status, what is overdue, who is responsible."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.bodies.models import Body
from accord.core import compiled
from accord.core.prefetched import keep_children
from accord.decisions import selectors as decisions
from accord.decisions.models import Action
from accord.decisions.verbs import Verbs
from accord.documents.models import Document
from accord.implementation import rules
from accord.implementation.models import Measure, Progress, ProgressReport
from accord.registry.models import Organization, Party


@dataclass(frozen=True)
class MeasureState:
    measure: Measure
    status: str
    reported_on: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class Followed:
    """A document followed up: its derived status, its latest progress, its measures."""

    document: Document
    status: str | None
    status_by: Action | None
    progress: ProgressReport | None
    reports: list[ProgressReport]
    measures: list[MeasureState]

    @property
    def overdue(self) -> int:
        return sum(1 for m in self.measures if m.overdue)


@dataclass
class Responsibility:
    """What one party or body is responsible for, and how far it got."""

    party: Party | None
    body: Body | None
    measures: list[MeasureState] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for m in self.measures if m.status == rules.DONE)

    @property
    def overdue(self) -> int:
        return sum(1 for m in self.measures if m.overdue)


@dataclass(frozen=True)
class Dashboard:
    """The dashboard as of `on`: one page of the documents followed up (newest first;
    `more`: whether older ones follow), and, over the whole record, the measures by
    status, the overdue ones and who is responsible for what."""

    on: dt.date
    documents: list[Followed]
    more: bool
    by_status: dict[str, list[MeasureState]]
    overdue: list[MeasureState]
    responsible: list[Responsibility]
    # the organization's verbs, as read for the documents' statuses (None: none read)
    verbs: Verbs | None = None


def progress_reports(viewer: Viewer) -> Prefetch:
    """A document's progress reports; each says whether the viewer may see its report
    (a document) and its meeting (`report_visible`, `meeting_visible`)."""
    return Prefetch(
        "progress_reports",
        queryset=ProgressReport.objects.select_related(
            "measure", "report", "meeting__body", "reported_by"
        ).annotate(
            report_visible=Exists(access.documents(viewer).filter(pk=OuterRef("report_id"))),
            meeting_visible=Exists(access.meetings(viewer).filter(pk=OuterRef("meeting_id"))),
        ),
    )


def measures(party: Party | None = None) -> QuerySet[Measure]:
    """Measures (only `party`'s, if given) with who is responsible and the reports on
    each, oldest report first."""
    found = Measure.objects.filter(responsible_party=party) if party else Measure.objects.all()
    return found.select_related("responsible_body", "responsible_party").prefetch_related(
        Prefetch("reports", queryset=ProgressReport.objects.order_by("date"))
    )


def measures_of(party: Party | None = None) -> Prefetch:
    """A document's measures (only `party`'s, if given), as `measures` reads them."""
    return Prefetch("measures", queryset=measures(party))


def outstanding(
    viewer: Viewer, org: Organization, party: Party, on: dt.date, limit: int
) -> list[MeasureState]:
    """The measures of `org`'s documents the viewer may read that `party` is responsible
    for and has not done by `on`: overdue first, then by due date; at most `limit`."""
    rows = list(
        measures(party)
        .filter(document__in=access.documents(viewer).filter(organization=org))
        .select_related("document")
        .order_by("due", "document__slug", "slug")
    )
    states = [s for s in measure_states(rows, on) if s.status != Progress.DONE]
    states.sort(key=lambda s: (not s.overdue, s.measure.due or dt.date.max, s.measure.slug))
    return states[:limit]


def measure_states(measures: list[Measure], on: dt.date) -> list[MeasureState]:
    """Each measure (with its `reports` prefetched) with its derived status on `on`."""
    states = []
    for m in measures:
        reports = [(r.date, r.pk, r.status) for r in m.reports.all() if r.date <= on]
        status = rules.measure_status(reports)
        last = max((r[0] for r in reports), default=None)
        states.append(MeasureState(m, status, last, rules.overdue(m.due, status, on)))
    return states


def latest_report(reports: list[ProgressReport], on: dt.date) -> ProgressReport | None:
    """The latest report on the document as a whole (not on one measure) by `on`."""
    whole = [r for r in reports if r.measure_id is None and r.date <= on]
    return max(whole, key=lambda r: (r.date, r.pk), default=None)


# Documents followed up shown at a time: a history of decades holds hundreds.
PAGE = 50


def dashboard(
    viewer: Viewer,
    org: Organization,
    on: dt.date,
    *,
    page: int = 1,
    size: int | None = None,
    party: Party | None = None,
) -> Dashboard:
    """The documents of `org` followed up (as `rules.followed_up` says), as the viewer
    may see them on `on`, `size` at a time (`page` 1: the newest); and all the
    measures the viewer may see. With `party`: only the measures that party is
    responsible for, and the documents that hold them (what a state must implement).
    A fixed number of queries, however many rows."""
    size = size or PAGE
    start = (max(page, 1) - 1) * size
    # Each query's SQL built once (`accord.core.compiled`) for the viewer's standing,
    # the day, whether a party is asked for and the page's place; then run with the
    # organization (and the party), and the lists with the documents read.
    shape = (access.standing(viewer), timezone.localdate(), party is not None)
    asked = (org.pk,) if party is None else (org.pk, party.pk)

    def visible_of(org_id: int, party_id: int | None = None) -> QuerySet[Document]:
        visible = access.documents(viewer, Document.objects.filter(organization_id=org_id))
        if party_id is not None:
            theirs = Measure.objects.filter(document=OuterRef("pk"), responsible_party_id=party_id)
            visible = visible.filter(Exists(theirs))
        return visible

    def actions_of(org_id: int) -> QuerySet[Action]:
        # The organization named again beside the document: PostgreSQL may answer
        # "has an action" from a table of every visible action it builds once (it does
        # in a large history), which this keeps to the organization's documents.
        return Action.objects.filter(document=OuterRef("pk"), document__organization_id=org_id)

    def candidates(*v: int) -> QuerySet[Document]:
        return (
            visible_of(*v)
            .annotate(
                has_measures=Exists(Measure.objects.filter(document=OuterRef("pk"))),
                has_reports=Exists(ProgressReport.objects.filter(document=OuterRef("pk"))),
            )
            .exclude(period="", has_measures=False, has_reports=False)
            # In force needs a status from an action: without any the viewer may read,
            # only measures or reports put a document on the dashboard.
            .exclude(
                ~Exists(access.actions(viewer, actions_of(v[0]))),
                has_measures=False,
                has_reports=False,
            )
            .select_related("type", "organization")
            .order_by("-date", "slug")[start : start + size + 1]
        )

    # A page is `size` candidates (a document with a period is followed up only while
    # in force: the page may show fewer); one more is read to know whether older follow.
    read: list[Any] = compiled.rows(("dashboard", *shape, start, size), candidates, *asked)
    if read:
        _read_parts(viewer, read, party, shape)
    followed = []
    verbs: dict[int, Verbs] = {}
    for d in read[:size]:
        if d.organization_id not in verbs:
            verbs[d.organization_id] = decisions.verbs_of(d.organization_id)
        status, by = decisions.status_from(d.visible_actions, verbs[d.organization_id])
        if not rules.followed_up(status, d.period, int(d.has_measures), int(d.has_reports)):
            continue
        reports = list(d.progress_reports.all())
        followed.append(
            Followed(
                document=d,
                status=status,
                status_by=by,
                progress=latest_report(reports, on),
                reports=reports,
                measures=measure_states(list(d.measures.all()), on),
            )
        )

    def every_of(*v: int) -> QuerySet[Measure]:
        rows = Measure.objects.filter(document__in=visible_of(*v))
        if party is not None:
            rows = rows.filter(responsible_party_id=v[1])
        return rows.select_related("document", "responsible_body", "responsible_party").order_by(
            "-document__date", "document__slug", "due", "slug"
        )

    found = compiled.rows(("dashboard measures", *shape), every_of, *asked)
    if found:
        _keep_reports(found, ("dashboard measure reports", *shape), every_of, asked)
    every = measure_states(found, on)
    by_status: dict[str, list[MeasureState]] = {}
    for state in every:
        by_status.setdefault(state.status, []).append(state)
    responsible: dict[tuple[str, int | None], Responsibility] = {}
    for state in every:
        m = state.measure
        key = (
            ("party", m.responsible_party_id)
            if m.responsible_party_id
            else ("body", m.responsible_body_id)
        )
        entry = responsible.setdefault(key, Responsibility(m.responsible_party, m.responsible_body))
        entry.measures.append(state)
    return Dashboard(
        on=on,
        documents=followed,
        more=len(read) > size,
        by_status=by_status,
        overdue=sorted(
            (s for s in every if s.overdue), key=lambda s: (s.measure.due, s.measure.slug)
        ),
        responsible=sorted(
            responsible.values(),
            key=lambda r: (-r.overdue, who.name if (who := r.party or r.body) else ""),
        ),
        verbs=verbs.get(org.pk),
    )


def _read_parts(
    viewer: Viewer, read: list[Document], party: Party | None, shape: tuple[Any, ...]
) -> None:
    """The documents' actions the viewer may read (`visible_actions`), measures (only
    `party`'s, if given) with their reports, and progress reports, attached as
    `prefetch_related` attaches them; each query's SQL built once for `shape` and the
    number of documents, run with their keys."""
    keys = [d.pk for d in read]
    by_key = {d.pk: d for d in read}
    many = (*shape, len(keys))

    def grouped(part: str, build: Any, *values: int) -> dict[int, list[Any]]:
        found: dict[int, list[Any]] = {pk: [] for pk in keys}
        for row in compiled.rows(("dashboard", part, *many), build, *values):
            found[row.document_id].append(row)
        return found

    actions = grouped(
        "actions",
        lambda *v: (
            access.actions(viewer).select_related("body", "target_body").filter(document_id__in=v)
        ),
        *keys,
    )
    for pk, rows in actions.items():
        by_key[pk].visible_actions = rows  # type: ignore[attr-defined]

    def measures_of_page(*v: int) -> QuerySet[Measure]:
        rows = Measure.objects.filter(document_id__in=v[: len(keys)])
        if party is not None:
            rows = rows.filter(responsible_party_id=v[-1])
        return rows.select_related("responsible_body", "responsible_party")

    asked = (*keys, party.pk) if party is not None else tuple(keys)
    measures = grouped("measures", measures_of_page, *asked)
    for pk, rows in measures.items():
        keep_children(by_key[pk], "measures", Measure, "document", rows)
    found = [m for rows in measures.values() for m in rows]
    if found:
        _keep_reports(found, ("dashboard page measure reports", *many), measures_of_page, asked)
    progress = grouped(
        "progress",
        lambda *v: progress_reports(viewer).queryset.filter(  # type: ignore[union-attr]
            document_id__in=v
        ),
        *keys,
    )
    for pk, rows in progress.items():
        keep_children(by_key[pk], "progress_reports", ProgressReport, "document", rows)


def _keep_reports(
    measures: list[Measure], key: tuple[Any, ...], of: Any, values: tuple[int, ...]
) -> None:
    """The reports on `measures` (those `of(*values)` reads), oldest first, attached to
    each as `prefetch_related` attaches them."""
    by: dict[int, list[ProgressReport]] = {m.pk: [] for m in measures}
    rows = compiled.rows(
        key,
        lambda *v: ProgressReport.objects.filter(measure__in=of(*v).values("pk")).order_by(
            "date", "id"
        ),
        *values,
    )
    for row in rows:
        if row.measure_id in by:
            by[row.measure_id].append(row)
    for m in measures:
        keep_children(m, "reports", ProgressReport, "measure", by[m.pk])
