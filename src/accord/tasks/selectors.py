"""A reader's tasks as of a day, read through the access layer and the domain
selectors: what each role the reader holds asks of it. A fixed number of queries per
organization and role, however many rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Exists, OuterRef, Q

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.core import intervals
from accord.decisions import selectors as decisions
from accord.decisions.models import Action, Decision, DecisionOutcome, Position
from accord.decisions.services import decided_on
from accord.implementation import selectors as implementation
from accord.implementation.selectors import MeasureState
from accord.meetings import selectors as meetings
from accord.meetings.models import AgendaItem, Meeting, Participation
from accord.publishing.models import PressRelease, ReleaseState, ReleaseVersion
from accord.registry.models import Membership, Organization, Party

LIMIT = 50  # rows per list: the page says when there are more


class NewestState(TypedDict):
    newest_state: Any  # the state of the release's newest version (drafts_to_review)


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    ReleaseToReview = WithAnnotations[PressRelease, NewestState]


@dataclass(frozen=True)
class PartyTasks:
    """What a state's delegation (or chair team) has to do in one organization; an
    observer is only told what it reads as."""

    organization: Organization
    party: Party
    role: str  # "delegation" or "observer"
    awaiting: list[Decision] = field(default_factory=list)
    measures: list[MeasureState] = field(default_factory=list)
    chairing: list[Meeting] = field(default_factory=list)


@dataclass(frozen=True)
class Incomplete:
    """A meeting held whose record lacks what every record of a meeting has."""

    meeting: Meeting
    missing: list[str]  # "participants", "agenda"


@dataclass(frozen=True)
class SecretariatTasks:
    """What an organization's secretariat has to do."""

    organization: Organization
    drafts: list[ReleaseToReview]
    overdue: list[Action]
    incomplete: list[Incomplete]


@dataclass(frozen=True)
class Tasks:
    on: dt.date
    parties: list[PartyTasks]
    secretariat: list[SecretariatTasks]

    @property
    def empty(self) -> bool:
        return not self.parties and not self.secretariat


def tasks_for(viewer: Viewer, on: dt.date) -> Tasks:
    """Everything the viewer's roles ask of it on `on` (the public has none)."""
    orgs = {
        o.pk: o
        for o in Organization.objects.filter(
            pk__in={o for o, _ in viewer.delegations | viewer.observers} | viewer.secretariat
        )
    }
    if viewer.is_admin:
        orgs.update({o.pk: o for o in Organization.objects.all()})
    codes = {code for _, code in viewer.delegations | viewer.observers}
    parties = {p.code: p for p in Party.objects.filter(code__in=codes)}
    party_tasks = [
        _delegation(viewer, orgs[o], parties[code], on)
        for o, code in sorted(viewer.delegations)
        if o in orgs and code in parties
    ] + [
        PartyTasks(orgs[o], parties[code], "observer")
        for o, code in sorted(viewer.observers)
        if o in orgs and code in parties
    ]
    keeping = set(orgs) if viewer.is_admin else viewer.secretariat
    secretariat = [_secretariat(viewer, orgs[o], on) for o in sorted(keeping) if o in orgs]
    return Tasks(on, party_tasks, secretariat)


def _delegation(viewer: Viewer, org: Organization, party: Party, on: dt.date) -> PartyTasks:
    return PartyTasks(
        org,
        party,
        "delegation",
        awaiting=awaiting_position(viewer, org, party, on),
        measures=implementation.outstanding(viewer, org, party, on, LIMIT),
        chairing=chaired_next(viewer, org, party, on),
    )


def awaiting_position(
    viewer: Viewer, org: Organization, party: Party, on: dt.date
) -> list[Decision]:
    """Open decisions of meetings held by `on` on which `party` may hold a position (it
    takes decisions on the decision's day) and has recorded none, oldest first."""
    spans = [
        intervals.Interval(start, end)
        for start, end in Membership.objects.deciding()
        .filter(organization=org, party=party)
        .values_list("start", "end")
    ]
    if not spans:
        return []
    theirs = Position.objects.filter(decision=OuterRef("pk"), party=party)
    rows = (
        access.decisions(
            viewer,
            Decision.objects.filter(
                meeting__body__organization=org,
                outcome=DecisionOutcome.OPEN,
                meeting__start__lte=on,
            ),
        )
        .exclude(Exists(theirs))
        .select_related("meeting__body")
        .order_by("meeting__start", "meeting_id", "order", "slug")
    )
    awaiting = []
    for d in rows[: LIMIT * 4]:
        day = decided_on(d.meeting, d.date)
        if any(span.covers(day) for span in spans):
            awaiting.append(d)
    return awaiting[:LIMIT]


def chaired_next(viewer: Viewer, org: Organization, party: Party, on: dt.date) -> list[Meeting]:
    """The coming meetings of `org` (from `on`) that `party` chairs, soonest first."""
    terms = meetings.terms_by_body(org)
    coming = (
        access.meetings(viewer, Meeting.objects.filter(body__organization=org, start__gte=on))
        .select_related("body__organization", "chair", "host", "country")
        .prefetch_related("co_chairs")
        .order_by("start", "pk")[: LIMIT * 4]
    )
    chaired = []
    for m in coming:
        chair = meetings.chair_of(m, terms)
        if chair.party is not None and chair.party.pk == party.pk:
            chaired.append(m)
    return chaired[:LIMIT]


def _secretariat(viewer: Viewer, org: Organization, on: dt.date) -> SecretariatTasks:
    return SecretariatTasks(
        org,
        drafts=drafts_to_review(viewer, org),
        overdue=overdue_referrals(viewer, org, on),
        incomplete=incomplete_meetings(viewer, org, on),
    )


def drafts_to_review(viewer: Viewer, org: Organization) -> list[ReleaseToReview]:
    """Releases whose newest version is not published (a draft, or reviewed and waiting
    to be published), newest first."""
    newest = ReleaseVersion.objects.filter(release=OuterRef("pk")).order_by("-number")
    return list(
        access.press_releases(viewer, PressRelease.objects.filter(organization=org))
        .annotate(newest_state=newest.values("state")[:1])
        .exclude(newest_state=ReleaseState.PUBLISHED)
        .select_related("meeting__body")
        .order_by("-meeting__start", "slug")[:LIMIT]
    )


def overdue_referrals(viewer: Viewer, org: Organization, on: dt.date) -> list[Action]:
    """Referrals still pending on `on` whose target meeting has been held, oldest first."""
    pending = decisions.pending_in(viewer, org, on)
    visible = set(
        access.meetings(
            viewer, Meeting.objects.filter(pk__in={a.target_meeting_id for a in pending})
        ).values_list("pk", flat=True)
    )
    late = [
        (target.start, a)
        for a in pending
        if (target := a.target_meeting) is not None
        and decisions.overdue(a, on, target_visible=a.target_meeting_id in visible)
    ]
    late.sort(key=lambda row: (row[0], row[1].date, row[1].pk))
    return [a for _, a in late[:LIMIT]]


def incomplete_meetings(viewer: Viewer, org: Organization, on: dt.date) -> list[Incomplete]:
    """Meetings held by `on` recorded without participants or without an agenda,
    newest first."""
    rows = (
        access.meetings(viewer, Meeting.objects.filter(body__organization=org, start__lte=on))
        # Whether each has a participant and an item, looked up by their indexes (a
        # count of the joined rows of every meeting of a long history read 60,000 rows).
        .annotate(
            has_participants=Exists(Participation.objects.filter(meeting=OuterRef("pk"))),
            has_items=Exists(AgendaItem.objects.filter(meeting=OuterRef("pk"))),
        )
        .filter(Q(has_participants=False) | Q(has_items=False))
        .select_related("body__organization")
        .order_by("-start", "-pk")[:LIMIT]
    )
    return [
        Incomplete(
            m,
            [
                name
                for name, held in (("participants", m.has_participants), ("agenda", m.has_items))
                if not held
            ],
        )
        for m in rows
    ]
