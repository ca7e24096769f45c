"""Fixtures of the publishing tests: a restricted decision, document and meeting, made
through the services, whose marker must never reach a public output."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.accounts.access import Viewer
from accord.bodies.models import Body
from accord.core.audit import acting
from accord.decisions import services as decisions
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.documents import services as documents
from accord.documents.inputs import DocumentFields
from accord.documents.models import DocumentType
from accord.meetings import services as meetings
from accord.meetings.inputs import MeetingFields
from accord.meetings.models import Meeting
from accord.registry.models import Organization, Party
from accord.registry.selectors import decision_takers_on

MARKER = "secret-marker"
ADMIN = Viewer(None, True, frozenset(), frozenset(), frozenset(), frozenset())


@pytest.fixture
def restricted(db) -> dict:
    """At the 14th meeting: an organization-restricted working plan, approved and
    referred to the heads of state (who adopt it at the 19th), and a restricted
    decision on it; and an organization-restricted meeting of the same body."""
    sco = Organization.objects.get(slug="sco")
    scsc = Body.objects.get(organization=sco, slug="security-council-secretaries")
    chs = Body.objects.get(organization=sco, slug="heads-of-state")
    m14 = Meeting.objects.get(body=scsc, number=14)
    m19 = Meeting.objects.get(body=chs, number=19)
    with acting("test:restricted"):
        plan = documents.save_document(
            sco,
            f"{MARKER}-plan",
            DocumentFields(
                type=DocumentType.objects.get(organization=sco, slug="working-plan"),
                title=f"Border operations plan ({MARKER.upper()})",
                date=dt.date(2019, 5, 15),
                classification="organization",
            ),
        )
        decisions.record_action(
            scsc, ActionFields(meeting=m14, date=m14.start, verb="approved", document=plan)
        )
        decisions.record_action(
            scsc,
            ActionFields(
                meeting=m14,
                date=m14.start,
                verb="submitted",
                document=plan,
                target_body=chs,
                target_meeting=m19,
                purpose="adoption",
            ),
        )
        decisions.record_action(
            chs, ActionFields(meeting=m19, date=m19.end, verb="adopted", document=plan)
        )
        members = Party.objects.filter(code__in=decision_takers_on(sco, m14.start))
        decision = decisions.save_decision(
            m14,
            f"{MARKER}-decision",
            DecisionFields(
                title=f"Decision on the border operations ({MARKER.upper()})",
                document=plan,
                classification="organization",
            ),
            [(p, "concurs", "") for p in members],
        )
        hidden = meetings.save_meeting(
            scsc,
            f"{MARKER}-session",
            MeetingFields(
                title=f"Closed session ({MARKER.upper()})",
                start=dt.date(2019, 5, 16),
                end=dt.date(2019, 5, 16),
                city="Cholpon-Ata",
                classification="organization",
            ),
        )
    return {"plan": plan, "decision": decision, "meeting": hidden, "m14": m14, "org": sco}
