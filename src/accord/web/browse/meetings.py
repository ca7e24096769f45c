"""A meeting's record: dates, venue, chair, format, participants, agenda, reports heard,
actions, decisions with each member's position, documents, events, and what it prepares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accord.accounts import access, visibility
from accord.accounts.access import Viewer
from accord.accounts.record_parts import keep_rows
from accord.bodies import selectors as bodies
from accord.bodies.models import Body
from accord.core import compiled
from accord.core.choices import display
from accord.core.languages import translated
from accord.core.paths import page_path
from accord.core.prefetched import all_of
from accord.decisions import selectors as decision_selectors
from accord.decisions.models import Decision, Position, Procedure, VerbDefinition
from accord.decisions.services import decided_on
from accord.decisions.verbs import DEFAULT
from accord.documents.models import Document
from accord.implementation.models import ProgressReport
from accord.meetings import selectors as meetings
from accord.meetings.joint import bodies_of
from accord.meetings.models import (
    AgendaItem,
    Attendance,
    Event,
    Meeting,
    Participation,
    Session,
)
from accord.publishing import labels
from accord.publishing.joint import is_joint, joint_label
from accord.publishing.models import PressRelease, ReleaseState, ReleaseVersion
from accord.publishing.plan_history import history
from accord.registry import selectors as registry
from accord.registry.models import Membership
from accord.web.browse import outputs
from accord.web.browse.common import meeting_here, org_crumbs, reading, viewer
from accord.web.templatetags.accord_extras import tr, tr_field

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from accord.accounts.visibility import DocumentVisible


def record(who: Viewer, meeting: Meeting) -> Meeting:
    """The meeting with every part of its record the viewer may see (with
    `prepares_visible`, which the model declares)."""
    return visibility.meeting_record(who, meeting, page=True)


def _body_joins(rows: QuerySet[Body]) -> QuerySet[Body]:
    """What the page reads with the body and its organization: the organization's
    publishing profile (kept where `publishing.selectors.read_profile` finds it), and
    whether it declares verbs of its own (`decisions.selectors.verbs_of`)."""
    return rows.select_related("organization__publishing").annotate(
        declares_verbs=Exists(
            VerbDefinition.objects.filter(organization_id=OuterRef("organization_id"))
        )
    )


def _page_joins(who: Viewer, rows: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """What the page reads of the meeting in the statement that finds it: what its
    record reads (`visibility.record_joins`), and whether it has any release or heard
    any report of progress (whoever may read them: the page asks for those the reader
    may read only then)."""
    return visibility.record_joins(who, rows).annotate(
        has_releases=Exists(PressRelease.objects.filter(meeting_id=OuterRef("pk"))),
        has_progress=Exists(ProgressReport.objects.filter(meeting_id=OuterRef("pk"))),
    )


@dataclass(frozen=True)
class DecisionRow:
    decision: WithAnnotations[Decision, DocumentVisible]
    outcome: str  # as recorded (Decision.outcome)
    positions: list[tuple[object, Position | None]]  # (party, its position) per member
    how: str = ""  # the procedure, the counts of a vote and the day, in the reader's words


@reading
def meeting(request: HttpRequest, org: str, body: str, ref: str) -> HttpResponse:
    return render(request, "web/meeting.html", _context(request, org, body, ref))


@reading
def minutes(request: HttpRequest, org: str, body: str, ref: str) -> HttpResponse:
    """The meeting's record to print: a letterhead, the facts, the attendance list (with
    a column to sign), the agenda, what was done and decided, the statements; the date
    printed and the page numbers in the page's margins (`@page` in accord.css)."""
    context = _context(request, org, body, ref)
    context["printed_on"] = timezone.localdate()
    url = reverse("web:meeting", args=[org, body, ref])
    context["record_url"] = request.build_absolute_uri(url)
    context["crumbs"] = [
        *context["crumbs"][:-1],
        (context["label"], url),
        (_("Minutes and attendance list"), None),
    ]
    return render(request, "web/meeting_minutes.html", context)


def _context(request: HttpRequest, org: str, body: str, ref: str) -> dict:
    who = viewer(request)
    found_body = bodies.body_at(org, body, _body_joins)
    found_org = found_body.organization
    # Accord's verbs where the organization declares none of its own (else read by the
    # page when it first names one: `{% verb_name %}`)
    verbs = None if vars(found_body).get("declares_verbs", True) else DEFAULT
    m = record(who, meeting_here(request, who, found_org, found_body, ref, _page_joins))
    members = registry.members_read(found_org, m.start)
    actions = list(all_of(m, "actions"))
    agenda = list(all_of(m, "agenda"))
    # The record's decisions are `visibility.decisions` (prefetched), with `document_visible`.
    decided = cast("QuerySet[WithAnnotations[Decision, DocumentVisible]]", all_of(m, "decisions"))
    rows = [_decision_row(d, m, members) for d in decided]
    joint = bodies_of(m) if is_joint(m) else []
    label = (joint_label if joint else labels.meeting_label)(m, get_language().lower())
    editor = access.can_edit(who, found_org)
    own = {code for org_id, code in who.delegations if org_id == found_org.pk}
    shape = (access.standing(who), timezone.localdate().isoformat())
    working = _working_releases(who, m) if editor else []
    heard = (
        compiled.rows(
            ("progress heard", *shape),
            lambda pk: (
                ProgressReport.objects.filter(meeting_id=pk, document__in=access.documents(who))
                .select_related("document", "report", "reported_by")
                .annotate(
                    report_visible=Exists(access.documents(who).filter(pk=OuterRef("report_id")))
                )
            ),
            m.pk,
        )
        if visibility.has_part(m, "progress")
        else []
    )
    context = {
        "organization": found_org,
        "body": found_body,
        "verbs": verbs,
        "meeting": m,
        "joint_bodies": joint,
        "label": label,
        "chair": meetings.chair_of(m),
        "members": members,
        "participants": _attending(list(all_of(m, "participants")), agenda),
        "agenda": agenda,
        "sessions": _sessions(m, agenda),
        "actions": actions,
        "reports": [a for a in actions if a.verb == "heard"],
        "progress": heard,
        "decisions": rows,
        "can_edit": editor,
        # Who may open a decision's position page: the secretariat, and a delegation
        # of a member on the date (the domain judges what is then recorded).
        "may_record_position": editor or bool(own & {ms.party.code for ms in members}),
        "documents": _documents(actions, rows),
        "events": _events(agenda, actions),
        "prepares": m.prepares if m.prepares_id and m.prepares_visible else None,
        "prepared_by": compiled.rows(
            ("prepared by", *shape),
            lambda pk: (
                access.meetings(who, Meeting.objects.filter(prepares_id=pk))
                .select_related("body")
                .order_by("start")
            ),
            m.pk,
        )
        if visibility.has_part(m, "prepared_by")
        else [],
        "statements": list(all_of(m, "statements")),
        "plan_changes": list(all_of(m, "plan_changes")),
        "plan_history": history(list(all_of(m, "plan_changes"))),
        "releases": _published(working) if editor else _releases(who, m),
        "working_releases": working,
        # (None: the organization's form not yet filled in, `{% release_draft_form %}`)
        "release_form": None,
        "outputs": outputs.meeting(found_org, m),
        "crumbs": org_crumbs(
            found_org,
            (tr(found_body), page_path("web:body", found_org.slug, found_body.slug)),
            (label, None),
        ),
    }
    return context


def _sessions(m: Meeting, agenda: list[AgendaItem]) -> list[Session]:
    """The meeting's sessions, each with `taken_up`: the agenda items (that the reader
    may see) taken up in it."""
    found: list[Session] = list(all_of(m, "sessions"))
    for s in found:
        # An attribute for the template only, not a field of the model.
        s.taken_up = [i for i in agenda if i.session_id == s.pk]  # type: ignore[attr-defined]
    return found


def _attending(participants: list[Participation], agenda: list[AgendaItem]) -> list:
    """The participants, each with `attended`: how it attended, in the reader's words."""
    visible = {i.pk for i in agenda}
    for p in participants:
        p.attended = attendance_said(p, visible)  # type: ignore[attr-defined]
    return participants


def _moment(item: AgendaItem | None, time: object, visible: set[int]) -> str:
    """'at “Ukraine”, 15:30': where a participant joined or left (an item the reader
    may not see is left unsaid)."""
    said = []
    if item is not None and item.pk in visible:
        said.append(_("at “%(item)s”") % {"item": tr_field(item, "title")})
    if time is not None:
        said.append(time.strftime("%H:%M"))  # type: ignore[attr-defined]
    return ", ".join(said)


def attendance_said(p: Participation, visible: set[int]) -> str:
    """How a participant attended, in the reader's words ('' when simply present)."""
    said = []
    if p.attendance == Attendance.ABSENT:
        said.append(
            _("absent (%(reason)s)") % {"reason": display(p, "absence_reason")}
            if p.absence_reason
            else _("absent")
        )
    elif p.attendance == Attendance.REPRESENTED:
        level = display(p, "level") if p.level else _("at another level")
        text = translated(p.level_names, get_language()) or p.level_text
        said.append(
            _("represented %(level)s: %(text)s") % {"level": level, "text": text}
            if text
            else _("represented %(level)s") % {"level": level}
        )
    elif p.attendance != Attendance.PRESENT:
        said.append(display(p, "attendance"))
    reason = display(p, "timing_reason") if p.timing_reason else ""
    if p.joined_late:
        at = _moment(p.joined_at_item, p.joined_at_time, visible)
        said.append(_("joined late %(at)s") % {"at": at} if at else _("joined late"))
    if p.left_early:
        at = _moment(p.left_at_item, p.left_at_time, visible)
        said.append(_("left early %(at)s") % {"at": at} if at else _("left early"))
    if reason:
        said[-1] += f" ({reason})"
    return "; ".join(said)


def _decision_row(
    decision: WithAnnotations[Decision, DocumentVisible], m: Meeting, members: list[Membership]
) -> DecisionRow:
    positions = {p.party_id: p for p in all_of(decision, "positions")}
    rows: list[tuple[object, Position | None]] = [
        (ms.party, positions.pop(ms.party_id, None)) for ms in members
    ]
    rows += [(p.party, p) for p in positions.values()]  # recorded for a non-member
    return DecisionRow(decision, decision.outcome, rows, _how(decision, m))


def _how(decision: Decision, m: Meeting) -> str:
    """'by vote: 14 in favour, 0 against, 1 abstaining; 9 December 2022'."""
    taken = decision_selectors.outcome_of(decision, m.body)
    text = _("by %(procedure)s") % {"procedure": Procedure(taken.taken_by).label}
    if taken.votes.given:
        v = taken.votes
        shown = ["—" if n is None else str(n) for n in (v.in_favour, v.against, v.abstaining)]
        text += ": " + _(
            "%(in_favour)s in favour, %(against)s against, %(abstaining)s abstaining"
        ) % {
            "in_favour": shown[0],
            "against": shown[1],
            "abstaining": shown[2],
        }
    day = decided_on(m, decision.date)
    return f"{text}; {date_format(day, 'DATE_FORMAT')}"


def _documents(actions: list, rows: list[DecisionRow]) -> list[Document]:
    """The documents the meeting dealt with (that the viewer may see), in order."""
    found: dict[int, Document] = {}
    for a in actions:
        if a.document_id and a.document_id not in found:
            found[a.document_id] = a.document
    for row in rows:
        d = row.decision
        if d.document is not None and d.document_visible and d.document.pk not in found:
            found[d.document.pk] = d.document
    return list(found.values())


def _events(agenda: list, actions: list) -> list[Event]:
    found: dict[int, Event] = {}
    for item in agenda:
        for e in all_of(item, "events"):
            found.setdefault(e.pk, e)
    for a in actions:
        if a.event_id:
            found.setdefault(a.event_id, a.event)
    return sorted(found.values(), key=lambda e: (e.start is None, e.start, e.slug))


def _releases(who: Viewer, m: Meeting) -> list[PressRelease]:
    """The meeting's published releases the reader may read, by kind and language."""
    if not visibility.has_part(m, "releases"):
        return []
    return compiled.rows(
        ("releases", access.standing(who), timezone.localdate().isoformat()),
        lambda pk: (
            access.press_releases(who, PressRelease.objects.filter(meeting_id=pk))
            .filter(
                Exists(
                    ReleaseVersion.objects.filter(
                        release_id=OuterRef("pk"), state=ReleaseState.PUBLISHED
                    )
                )
            )
            .order_by("kind", "language", "slug")
        ),
        m.pk,
    )


def _published(working: list[PressRelease]) -> list[PressRelease]:
    """`_releases` of those who keep the record, from the releases they work on (the
    same releases the reader may read, in the same order, with their versions)."""
    return [
        r for r in working if any(v.state == ReleaseState.PUBLISHED for v in all_of(r, "versions"))
    ]


def _working_releases(who: Viewer, m: Meeting) -> list[PressRelease]:
    """Every release of the meeting, drafts too, each with its newest version first (for
    those who keep the record: each links to its working page)."""
    if not visibility.has_part(m, "releases"):
        return []
    found = compiled.rows(
        ("working releases", access.standing(who), timezone.localdate().isoformat()),
        lambda pk: (
            access.press_releases(who, PressRelease.objects.filter(meeting_id=pk))
            .select_related("organization")
            .order_by("kind", "language", "slug")
        ),
        m.pk,
    )
    if not found:
        return found
    # Their versions, newest first, as `prefetch_related("versions")` attaches them
    # (every version of the meeting's releases, kept for the releases read).
    versions: dict[int, list[ReleaseVersion]] = {r.pk: [] for r in found}
    link = ReleaseVersion._meta.get_field("release")
    for version in compiled.rows(
        ("working release versions",),
        lambda pk: ReleaseVersion.objects.filter(release__meeting_id=pk).order_by("-number"),
        m.pk,
    ):
        if version.release_id in versions:
            versions[version.release_id].append(version)
    for release in found:
        for version in versions[release.pk]:
            link.set_cached_value(version, release)
        keep_rows(release, "versions", ReleaseVersion, versions[release.pk])
    return found
