"""A reader's tasks (`accord.tasks.selectors.Tasks`) as the API answers them."""

from __future__ import annotations

from accord.api.schemas.common import (
    BodyRef,
    DocumentRef,
    MeetingRef,
    Out,
    PartyRef,
    body_ref,
    document_ref,
    iso,
    meeting_ref,
    party_ref,
)
from accord.core.models import as_recorded
from accord.decisions.models import Action
from accord.tasks import selectors as tasks


class DecisionAwaiting(Out):
    decision: str
    title: str
    meeting: MeetingRef


class MeasureDue(Out):
    document: DocumentRef
    measure: str
    text: str
    due: str | None
    status: str
    overdue: bool


class PartyTasksOut(Out):
    organization: str
    party: PartyRef
    role: str
    awaiting_position: list[DecisionAwaiting]
    measures: list[MeasureDue]
    chairing: list[MeetingRef]


class ReleaseToReview(Out):
    release: str
    meeting: MeetingRef
    kind: str
    language: str
    state: str


class OverdueReferral(Out):
    referred_by: BodyRef
    referred_on: str
    document: DocumentRef | None
    agenda_item: str | None
    event: str | None
    target_body: BodyRef
    target_meeting: MeetingRef


class MissingData(Out):
    meeting: MeetingRef
    missing: list[str]


class SecretariatTasksOut(Out):
    organization: str
    releases_to_publish: list[ReleaseToReview]
    overdue_referrals: list[OverdueReferral]
    meetings_missing_data: list[MissingData]


class TasksOut(Out):
    on: str
    parties: list[PartyTasksOut]
    secretariat: list[SecretariatTasksOut]


def tasks_out(found: tasks.Tasks) -> TasksOut:
    return TasksOut(
        on=found.on.isoformat(),
        parties=[_party(t) for t in found.parties],
        secretariat=[_secretariat(t) for t in found.secretariat],
    )


def _party(t: tasks.PartyTasks) -> PartyTasksOut:
    return PartyTasksOut(
        organization=t.organization.slug,
        party=party_ref(t.party),
        role=t.role,
        awaiting_position=[
            DecisionAwaiting(decision=d.slug, title=d.title, meeting=meeting_ref(d.meeting))
            for d in t.awaiting
        ],
        measures=[
            MeasureDue(
                document=document_ref(s.measure.document),
                measure=s.measure.slug,
                text=s.measure.text,
                due=iso(s.measure.due),
                status=s.status,
                overdue=s.overdue,
            )
            for s in t.measures
        ],
        chairing=[meeting_ref(m) for m in t.chairing],
    )


def _secretariat(t: tasks.SecretariatTasks) -> SecretariatTasksOut:
    return SecretariatTasksOut(
        organization=t.organization.slug,
        releases_to_publish=[
            ReleaseToReview(
                release=r.slug,
                meeting=meeting_ref(r.meeting),
                kind=r.kind,
                language=r.language,
                state=r.newest_state,
            )
            for r in t.drafts
        ],
        overdue_referrals=[_overdue(a) for a in t.overdue],
        meetings_missing_data=[
            MissingData(meeting=meeting_ref(row.meeting), missing=row.missing)
            for row in t.incomplete
        ],
    )


def _overdue(a: Action) -> OverdueReferral:
    if a.target_body is None:  # never: an overdue referral is one to a body
        raise ValueError(f"action {a.pk} refers to no body")
    return OverdueReferral(
        referred_by=body_ref(a.body),
        referred_on=as_recorded(a),
        document=document_ref(a.document),
        agenda_item=a.agenda_item.slug if a.agenda_item else None,
        event=a.event.slug if a.event else None,
        target_body=body_ref(a.target_body),
        target_meeting=meeting_ref(a.target_meeting),
    )
