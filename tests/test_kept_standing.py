"""A signed-in reader's standing kept per state of the record, and SQL built once per
standing: a page read again builds no query for the reader's standing, two readers of
different standing never share what is kept, and every write (an affiliation granted
or ended, an organization requiring a second factor) is seen by the next read."""

from __future__ import annotations

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.accounts import access, second_factor, visibility
from accord.accounts import services as accounts
from accord.bodies import selectors as bodies
from accord.core import compiled
from accord.core.audit import acting
from accord.core.persist import upsert
from accord.meetings.models import AgendaItem, Meeting
from accord.registry.models import Organization
from tests.accounts.people import RoleSpec, make

pytestmark = pytest.mark.django_db

# The organization-restricted information report: the secretariat and the members'
# delegations read it, an observer and the public do not.
REPORT = "/organizations/sco/documents/scsc-14-information-report/"
MEETING = "/organizations/sco/bodies/security-council-secretaries/meetings/14/"


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["responses"].clear()


def signed_in(user) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_page_read_again_builds_no_query_for_the_readers_standing():
    officer = make(RoleSpec("kept-officer", secretariat=frozenset({"sco"}))).user
    reader = signed_in(officer)
    assert reader.get(MEETING)["X-Accord-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        again = reader.get(MEETING)
    assert again["X-Accord-Cache"] == "hit"
    # The session, its user and the record's state: the standing and the second
    # factor's duty are kept from the first read.
    assert len(queries) == 3, [q["sql"] for q in queries.captured_queries]
    assert "affiliation" not in " ".join(q["sql"] for q in queries.captured_queries)


def test_readers_of_different_standing_never_share_what_is_kept():
    officer = make(RoleSpec("kept-sec", secretariat=frozenset({"sco"}))).user
    observer = make(RoleSpec("kept-mn", observers=frozenset({("sco", "MN")}))).user
    readers = {"secretariat": signed_in(officer), "observer": signed_in(observer)}
    for _ in range(2):  # the first read works the standing out, the second reads it kept
        assert readers["secretariat"].get(REPORT).status_code == 200
        assert readers["observer"].get(REPORT).status_code == 404
    # The home page counts the documents each may read (the seed: 18 and 15).
    for _ in range(2):
        counted = {
            name: re.search(r"Documents</[^>]+>\s*<[^>]+>(\d+)", r.get("/").content.decode())[1]
            for name, r in readers.items()
        }
        assert counted == {"secretariat": "18", "observer": "15"}


def test_a_granted_or_ended_affiliation_is_seen_by_the_next_read():
    person = make(RoleSpec("kept-later", observers=frozenset({("sco", "MN")}))).user
    reader = signed_in(person)
    sco = Organization.objects.get(slug="sco")
    assert reader.get(REPORT).status_code == 404
    assert reader.get(REPORT).status_code == 404  # kept
    accounts.grant(person, sco, "secretariat")
    assert reader.get(REPORT).status_code == 200
    assert reader.get(REPORT).status_code == 200  # kept at the new state
    accounts.revoke(person, sco, "secretariat")
    assert reader.get(REPORT).status_code == 404


def test_a_second_factor_required_after_a_read_is_owed_at_the_next_read():
    officer = make(RoleSpec("kept-2fa", secretariat=frozenset({"sco"}))).user
    reader = signed_in(officer)
    assert reader.get(REPORT).status_code == 200
    assert reader.get(REPORT).status_code == 200
    accounts.require_second_factor(Organization.objects.get(slug="sco"))
    # The session gave no code: it now reads as the public.
    assert reader.get(REPORT).status_code == 404
    assert second_factor.required_for(officer)


# ---------------------------------------------------------------------------------
# SQL built once per standing (`accord.core.compiled`)
# ---------------------------------------------------------------------------------

VIEWERS = {
    "public": RoleSpec("c-public", anonymous=True),
    "secretariat": RoleSpec("c-sec", secretariat=frozenset({"sco"})),
    "delegation": RoleSpec("c-ru", delegations=frozenset({("sco", "RU")})),
    "observer": RoleSpec("c-mn", observers=frozenset({("sco", "MN")})),
}


def _parts(m: Meeting) -> dict[str, list]:
    return {
        "agenda": [i.pk for i in m.agenda.all()],
        "topics": [[t.pk for t in i.topics.all()] for i in m.agenda.all()],
        "events": [[e.pk for e in i.events.all()] for i in m.agenda.all()],
        "actions": [(a.pk, a.target_meeting_visible) for a in m.actions.all()],
        "decisions": [(d.pk, d.document_visible) for d in m.decisions.all()],
        "positions": [[p.pk for p in d.positions.all()] for d in m.decisions.all()],
        "statements": [s.pk for s in m.statements.all()],
        "participants": [p.pk for p in m.participants.all()],
        "sessions": [[a.pk for a in s.attendees.all()] for s in m.sessions.all()],
        "co_chairs": [r.pk for r in m.co_chair_rows.all()],
        "joint": [r.pk for r in m.joint_rows.all()],
        "plan": [r.pk for r in m.plan_changes.all()],
        "prepares": [m.prepares_id, m.prepares_visible],
    }


def _django_built(viewer: access.Viewer, meeting: Meeting) -> dict[str, list]:
    """The same record read through Django's own prefetching, built afresh."""
    from django.db.models import Prefetch

    from accord.meetings.joint import joint_rows
    from accord.meetings.lifecycle import PlanChange
    from accord.meetings.models import Participation, co_chair_rows, session_rows

    m = (
        Meeting.objects.filter(pk=meeting.pk)
        .annotate(prepares_visible=visibility.meeting_visible(viewer, "prepares_id"))
        .prefetch_related(
            co_chair_rows(),
            joint_rows(),
            Prefetch("participants", queryset=Participation.objects.order_by("position")),
            Prefetch("agenda", queryset=visibility.agenda_items(viewer).order_by("position")),
            Prefetch("actions", queryset=visibility.actions(viewer).order_by("position")),
            Prefetch(
                "decisions",
                queryset=visibility.decisions(viewer)
                .prefetch_related(Prefetch("positions", queryset=visibility.positions(viewer)))
                .order_by("slug"),
            ),
            Prefetch("statements", queryset=visibility.statements(viewer).order_by("position")),
            Prefetch("plan_changes", queryset=PlanChange.objects.order_by("position")),
            session_rows(),
        )
        .get()
    )
    return _parts(m)


def test_a_record_read_with_kept_sql_is_the_record_django_builds_for_every_standing():
    compiled.forget()
    meetings = list(Meeting.objects.filter(body__organization__slug="sco"))
    assert len(meetings) > 5
    for name, spec in VIEWERS.items():
        viewer = make(spec).viewer
        for m in meetings:  # the shapes are built at the first meeting, reused after
            kept = _parts(visibility.meeting_record(viewer, m))
            assert kept == _django_built(viewer, m), (name, m.pk)


def test_standings_never_share_kept_sql_and_a_write_is_seen_by_the_next_read():
    compiled.forget()
    sco = Organization.objects.get(slug="sco")
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    viewers = {name: make(spec).viewer for name, spec in VIEWERS.items()}
    seen = {n: _parts(visibility.meeting_record(v, meeting)) for n, v in viewers.items()}
    # The secretariat reads decisions or actions the public does not (the seed's
    # restricted rows), and each standing reads its own answer, not another's.
    assert seen["secretariat"] != seen["public"]
    for name, viewer in viewers.items():
        assert _parts(visibility.meeting_record(viewer, meeting)) == seen[name]
    # A write of the record: the next read of every standing sees it.
    with acting("cli:test"):
        item, _ = upsert(
            AgendaItem,
            {"meeting": meeting, "slug": "added-after-the-first-reads"},
            {"position": 99, "title": "An item added after the first reads"},
        )
    for name, viewer in viewers.items():
        agenda = _parts(visibility.meeting_record(viewer, meeting))["agenda"]
        assert agenda[-1] == item.pk, name
    # The presidency's chair terms, kept SQL too, follow a new term at once.
    assert bodies.terms(sco) == list(
        bodies.ChairTerm.objects.filter(organization=sco, body=None).order_by("start")
    )
