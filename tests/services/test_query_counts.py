"""Reads that cost a fixed number of queries, however much the record holds.

Each test builds the same shape of record at two sizes and reads it, touching every
relation a caller shows (as the `meeting` and `pending` commands do).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.accounts.access import ANONYMOUS
from accord.decisions import selectors as decisions
from accord.decisions.inputs import ActionFields
from accord.decisions.selectors import subject_label
from accord.decisions.services import record_action
from accord.documents.inputs import DocumentFields
from accord.documents.services import save_document
from accord.meetings import selectors as meetings
from tests.busy import JUNE_14, MAY_15, busy_meeting
from tests.services.build import D

SIZES = [3, 12]


def read_the_record(meeting) -> list[object]:
    """Everything the record shows, as a caller would read it."""
    found = meetings.record(meeting)
    seen: list[object] = [
        found.body.organization.slug,
        found.country.code,
        found.host.code,
        found.chair.code,
        found.prepares.body.slug,
        [(c.party.code, c.person) for c in found.co_chair_rows.all()],
    ]
    for p in found.participants.all():
        seen += [p.party.code, p.person.name]
    for item in found.agenda.all():
        seen += [[t.slug for t in item.topics.all()], [e.slug for e in item.events.all()]]
    for a in found.actions.all():
        seen += [
            a.document.type.slug if a.document_id else None,
            a.agenda_item.title if a.agenda_item_id else None,
            a.event.name if a.event_id else None,
            a.target_body.slug if a.target_body_id else None,
            a.target_meeting.number if a.target_meeting_id else None,
            a.by_person.name if a.by_person_id else None,
        ]
    for d in found.decisions.all():
        seen += [{p.party.code: p.stance for p in d.positions.all()}]
    for s in found.statements.all():
        seen += [s.person.name, s.text]
    for x in found.sessions.all():
        seen += [x.slug, [p.person.name for p in x.attendees.all()]]
    return seen


def count_queries(read) -> int:
    with CaptureQueriesContext(connection) as queries:
        read()
    return len(queries)


# 1 the meeting joined with its body, organization, country, host, chair, the person who
#   chaired and the prepared meeting and its body; then one query each for the co-chairs
#   (with party and person), participants (with party and person), agenda items, their
#   topics, their events, actions (with their relations), decisions, positions, the
#   positions' parties, what each decision decides, statements (with their people,
#   parties and items), the changes of its plan (with their countries), sessions, and
#   their attendees (with party and person).
RECORD_QUERIES = 16


@pytest.mark.parametrize("n", SIZES)
def test_a_meeting_record_reads_in_a_fixed_number_of_queries(world, n, django_assert_num_queries):
    meeting = busy_meeting(world, n, chair="KG").meeting
    with django_assert_num_queries(RECORD_QUERIES):
        seen = read_the_record(meeting)
    assert len(seen) == 6 + 2 * n + 2 * n + 6 * 3 * n + n + 2 * n + 2 * n


def test_a_meeting_record_costs_the_same_at_any_size(world):
    small = busy_meeting(world, 3, chair="KG").meeting
    small_count = count_queries(lambda: read_the_record(small))
    world.committee.meetings.all().delete()
    world.council.meetings.all().delete()
    large = busy_meeting(world, 12, chair="KG").meeting
    assert count_queries(lambda: read_the_record(large)) == small_count


def busy_referrals(world, n: int) -> None:
    """n documents and n agenda items referred by the committee to the council's next
    meeting; the council adopts a third of the documents and considers another third."""
    busy = busy_meeting(world, n)
    documents = busy.documents
    for item in busy.items:
        record_action(
            world.committee,
            ActionFields(
                verb="submitted",
                date=MAY_15,
                meeting=busy.meeting,
                agenda_item=item,
                target_body=world.council,
            ),
        )
    third = n // 3
    for document in documents[:third]:
        record_action(world.council, ActionFields(verb="adopted", date=JUNE_14, document=document))
    for document in documents[third : 2 * third]:
        record_action(
            world.council, ActionFields(verb="considered", date=JUNE_14, document=document)
        )


def read_pending(world, body, on: dt.date) -> list[object]:
    """What the `pending` command shows of each pending referral."""
    seen: list[object] = []
    for a in decisions.pending_for(ANONYMOUS, world.org, body, on):
        seen += [
            subject_label(a),
            a.document.slug if a.document_id else None,
            a.agenda_item.slug if a.agenda_item_id else None,
            a.body.slug,
            a.meeting.number if a.meeting_id else None,
            a.target_meeting.start if a.target_meeting_id else None,
        ]
    return seen


# The organization's verbs (which refer, settle and close); the referrals with everything
# shown of them; the target's acts on the referred documents, agenda items and events
# (one statement: the subjects are read as a subquery of the referrals, no longer one
# list of ids per kind of subject).
PENDING_QUERIES = 3


@pytest.mark.parametrize("n", SIZES)
def test_pending_reads_in_a_fixed_number_of_queries(world, n, django_assert_num_queries):
    busy_referrals(world, n)
    with django_assert_num_queries(PENDING_QUERIES):
        seen = read_pending(world, world.council, JUNE_14)
    settled = n // 3
    assert len(seen) == 6 * (2 * n - settled)


def test_pending_costs_the_same_at_any_size(world):
    busy_referrals(world, 3)
    small_count = count_queries(lambda: read_pending(world, world.council, JUNE_14))
    world.committee.meetings.all().delete()
    world.council.meetings.all().delete()
    world.council.actions.all().delete()
    busy_referrals(world, 12)
    assert count_queries(lambda: read_pending(world, world.council, JUNE_14)) == small_count


def forwarded(world, n: int) -> None:
    """The working group refers n documents to the committee, which passes them on."""
    for i in range(n):
        document = save_document(
            world.org, f"test-fwd-{i}", DocumentFields(type=world.plan_type, title=f"Draft {i}")
        )
        record_action(
            world.working_group,
            ActionFields(
                verb="submitted", date=MAY_15, document=document, target_body=world.committee
            ),
        )
        record_action(
            world.committee,
            ActionFields(
                verb="submitted", date=JUNE_14, document=document, target_body=world.council
            ),
        )


@pytest.mark.parametrize("n", SIZES)
def test_pending_costs_the_same_when_the_target_passes_subjects_on(
    world, n, django_assert_num_queries
):
    forwarded(world, n)
    # The organization's verbs, and the referrals with the target's acts on the
    # referred documents (no agenda items here): none is pending, none read whole.
    with django_assert_num_queries(2):
        read_pending(world, world.committee, D(2019, 12, 31))
