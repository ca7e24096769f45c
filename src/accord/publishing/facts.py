"""The facts of a release: a meeting's record as one audience may read it.

`gather` reads the record of one meeting as the audience's viewer sees it, the same
record the meeting's page and the API read (`accord.accounts.visibility.meeting_record`:
a public release is gathered with the anonymous viewer, so nothing restricted can reach
it), and what a release says besides (members, posts, events, related documents and
their history), in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, prefetch_related_objects

from accord.accounts import access, visibility
from accord.accounts.access import Viewer
from accord.decisions import selectors as decisions_selectors
from accord.decisions.models import Action, Decision
from accord.decisions.verbs import DEFAULT, Verbs
from accord.documents.models import Document, DocumentRelation
from accord.meetings import selectors as meetings
from accord.meetings.models import (
    AgendaItem,
    Event,
    EventParticipation,
    Meeting,
    Participation,
    Statement,
)
from accord.publishing.models import PublishingProfile
from accord.publishing.selectors import profile_of
from accord.registry.models import Membership, Organization, Party, PostHolding


@dataclass
class Facts:
    """A meeting's record as one audience may read it."""

    meeting: Meeting
    organization: Organization
    profile: PublishingProfile
    chair: Party | None
    presidency: Party | None
    members: list[Party]
    participants: list[Participation]
    posts: dict[int, list[PostHolding]]  # person id -> posts held on the meeting date
    agenda: list[AgendaItem]
    actions: list[Action]
    visible_meetings: set[int]
    events: dict[int, Event]
    relations: dict[int, list[DocumentRelation]]  # document id -> visible relations
    history: list[Action]  # visible actions of other meetings on the documents concerned
    decisions: list[Decision]
    statements: list[Statement]
    upcoming: list[Meeting] = field(default_factory=list)
    # The organization's verbs: what a release reports, and in whose words.
    verbs: Verbs = DEFAULT


def gather(meeting: Meeting, viewer: Viewer) -> Facts:
    """Everything a release may say about `meeting`, as `viewer` may read it."""
    m = visibility.meeting_record(viewer, meeting)
    # The body the meeting's body reports to (its background), which the record leaves
    # unread.
    prefetch_related_objects([m.body], "reports_to")
    org = m.body.organization
    profile = profile_of(org)
    terms = meetings.terms_by_body(org)
    chair = meetings.chair_of(m, terms).party
    presidency_term = meetings.bodies.term_on(terms.get(None, []), m.start)
    members = [
        ms.party
        for ms in Membership.objects.deciding()
        .on(m.start)
        .filter(organization=org)
        .select_related("party")
        .order_by("party__code")
    ]
    participants = list(m.participants.all())
    people = {p.person_id for p in participants if p.person_id}
    posts: dict[int, list[PostHolding]] = {}
    held = PostHolding.objects.on(m.start).filter(person_id__in=people)
    for h in held.filter(post__organization=org).select_related("post__body") | held.filter(
        post__party__isnull=False
    ).select_related("post__body"):
        posts.setdefault(h.person_id, []).append(h)
    agenda = list(m.agenda.all())
    actions = sorted(m.actions.all(), key=lambda a: (a.position, a.pk))
    # The authors of the documents acted on, which the record leaves unread.
    prefetch_related_objects([a.document for a in actions if a.document is not None], "author_body")
    referenced = {a.target_meeting_id for a in actions if a.target_meeting_id}
    if m.prepares_id:
        referenced.add(m.prepares_id)
    visible_meetings = set(
        access.meetings(viewer, Meeting.objects.filter(pk__in=referenced)).values_list(
            "pk", flat=True
        )
    )
    event_ids = {a.event_id for a in actions if a.event_id}
    event_ids |= {e.pk for item in agenda for e in item.events.all()}
    events = {
        e.pk: e
        for e in access.events(viewer, Event.objects.filter(pk__in=event_ids))
        .select_related("country", "organiser", "host_body")
        .prefetch_related(
            Prefetch("participants", queryset=EventParticipation.objects.select_related("party"))
        )
    }
    documents = {a.document_id for a in actions if a.document_id}
    relations: dict[int, list[DocumentRelation]] = {}
    for r in DocumentRelation.objects.filter(
        document_id__in=documents,
        target__in=access.documents(viewer, Document.objects.all()),
    ).select_related("target__type"):
        relations.setdefault(r.document_id, []).append(r)
    concerned = documents | {r.target_id for rs in relations.values() for r in rs}
    history = list(
        access.actions(viewer, Action.objects.filter(document_id__in=concerned))
        .exclude(meeting=m)
        .filter(Q(meeting__isnull=True) | Q(meeting__in=access.meetings(viewer)))
        .select_related("body", "meeting__body", "meeting__country")
        .order_by("date", "position", "id")
    )
    # In their order at the meeting (the record lists them by slug, in the database's
    # order, which a stable sort keeps within one place).
    decisions = sorted(m.decisions.all(), key=lambda d: d.order)
    statements = list(m.statements.all())
    upcoming: dict[int, Meeting] = {}
    for a in actions:
        if a.target_meeting_id in visible_meetings and a.target_meeting is not None:
            upcoming[a.target_meeting.pk] = a.target_meeting
    if m.prepares_id in visible_meetings and m.prepares is not None:
        upcoming[m.prepares.pk] = m.prepares
    return Facts(
        verbs=decisions_selectors.verbs_of(org),
        meeting=m,
        organization=org,
        profile=profile,
        chair=chair,
        presidency=presidency_term.party if presidency_term else None,
        members=members,
        participants=participants,
        posts=posts,
        agenda=agenda,
        actions=actions,
        visible_meetings=visible_meetings,
        events=events,
        relations=relations,
        history=history,
        decisions=decisions,
        statements=statements,
        upcoming=sorted(
            (u for u in upcoming.values() if u.start >= m.start), key=lambda u: u.start
        ),
    )
