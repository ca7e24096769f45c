"""The endpoints the load script measures run a fixed number of queries, however many
rows they show: each is read at two sizes of the same shape of record, by the public
and by a signed-in delegation (whose restrictions are subqueries, not per-row reads).

The record is a small organization of the tests' own (`test-org-svc`, built through
the services by `tests.services.build`), grown to each size (`tests.busy`) once for
the module's tests of that size.
"""

from __future__ import annotations

import pytest

from tests.accounts.people import RoleSpec, make
from tests.api.conftest import Api
from tests.busy import busy_meeting, more_members
from tests.conftest import kept_for_module
from tests.services.build import build_world

# The views' own queries: the cache of public answers is measured in test_response_cache.
# Each test in a savepoint of the record's transaction (`record`).
pytestmark = pytest.mark.usefixtures("no_response_cache", "db")

ORG = "/organizations/test-org-svc"
SIZES = [3, 12]

# Queries per read, as the public and as a delegation: signing in by token costs one
# query, the delegation's affiliations one more where the answer depends on the viewer.
#   meeting record: organization, body, the meeting with its relations (one statement,
#     down from two: the look-up and the record's own read of the meeting, and whether
#     it has rows of the parts many meetings have none of), then co-chairs (joint
#     bodies: the meeting has none, not asked for), participants, agenda, topics, events, actions,
#     decisions, positions, what the decisions decide, statements (each restricted in
#     its one query), plan
#     changes, sessions, their attendees, chair terms, members on the date
#   members: organization, status, memberships with parties and statuses
#   documents: organization, documents (filtered, restricted, one page), their actions,
#     the organization's verbs (which give their statuses)
EXPECTED = {
    "meeting record": {"anonymous": 18, "delegation": 20},
    "members": {"anonymous": 3, "delegation": 4},
    "documents": {"anonymous": 4, "delegation": 6},
}


def grow(world, n: int) -> int:
    """A committee meeting with n of everything (`tests.busy`), n more members."""
    busy_meeting(world, n)
    more_members(world, n)
    return n


@pytest.fixture(scope="module", params=SIZES, ids=[f"size-{n}" for n in SIZES])
def record(request, django_db_setup, django_db_blocker):
    """The record grown to a size, once for the module's tests of that size (they only
    read it)."""
    yield from kept_for_module(django_db_blocker, lambda: grow(build_world(), request.param))


@pytest.fixture(params=["anonymous", "delegation"])
def reader(request, record) -> tuple[str, Api]:
    if request.param == "anonymous":
        return request.param, Api()
    from accord.accounts import services

    person = make(
        RoleSpec(
            "api-counted",
            delegations=frozenset({("test-org-svc", "KG")}),
            bodies=frozenset({"test-committee"}),
        )
    )
    _, secret = services.create_token(person.user, "counted", days=1)
    api = Api(secret)
    api.get("/organizations")  # the token's first use is noted (once a minute): not counted
    return request.param, api


def test_meeting_record(reader, record, django_assert_num_queries):
    who, api = reader
    with django_assert_num_queries(EXPECTED["meeting record"][who]):
        answer = api.get(f"{ORG}/bodies/test-committee/meetings/14")
    assert answer.status == 200
    body = answer.body
    assert len(body["participants"]) == len(body["agenda"]) == len(body["statements"]) == record
    assert len(body["plan"]) == record
    assert len(body["sessions"]) == record
    assert all(len(s["participants"]) == record for s in body["sessions"])
    assert len(body["actions"]) == 3 * record
    assert len(body["decisions"]) == record
    assert all(len(d["positions"]) == 6 for d in body["decisions"])
    assert all(a["to_meeting"]["number"] == 19 for a in body["actions"] if a["verb"] == "submitted")


def test_members_as_of_a_date(reader, record, django_assert_num_queries):
    who, api = reader
    with django_assert_num_queries(EXPECTED["members"][who]):
        answer = api.get(f"{ORG}/members?on=2019-05-15&status=member")
    assert answer.status == 200
    assert answer.body["counts"] == {"member": 6 + record}


def test_filtered_document_list(reader, record, django_assert_num_queries):
    who, api = reader
    with django_assert_num_queries(EXPECTED["documents"][who]):
        answer = api.get(f"{ORG}/documents?type=test-plan&date_from=2019-01-01&q=plan&limit=200")
    assert answer.status == 200
    listed = [d for d in answer.body["items"] if d["slug"].startswith("test-doc-")]
    assert len(listed) == record
    assert {d["status"] for d in listed} == {"submitted"}


# Every read endpoint, on the grown record, as the public: its query count (the same at
# both sizes; a change here is a change of the endpoint's queries, to be looked at).
# Where a document's status or what is pending is derived, one query reads the
# organization's verbs.
EVERY_READ = {
    "/organizations": 1,
    ORG: 3,
    f"{ORG}/members?on=2019-05-15": 2,
    # organization, body, chair terms, the terms again with their deciding meetings (the
    # next chair), the rotation rule
    f"{ORG}/chair?on=2019-05-15&body=test-committee&next=true": 5,
    f"{ORG}/posts?on=2019-05-15": 3,  # (the posts, then their holders on the day)
    "/parties?limit=200": 1,
    "/parties/KG": 3,
    f"{ORG}/bodies": 3,
    f"{ORG}/bodies/test-committee": 7,
    f"{ORG}/bodies/test-council/pending?on=2019-05-16": 6,
    # (each with the other bodies of a joint meeting: one query more)
    f"{ORG}/bodies/test-committee/meetings": 6,
    # (20 before: the meeting read once; 19 before: its joint bodies, none, not asked for)
    f"{ORG}/bodies/test-committee/meetings/14": 18,
    # (and one to learn whether the reader may read the meeting it prepares)
    f"{ORG}/bodies/test-committee/meetings/14/audit": 5,
    f"{ORG}/bodies/test-committee/meetings/14/decisions/decision-0": 6,  # (what it decides)
    f"{ORG}/bodies/test-committee/meetings/14/decisions/decision-0/positions/KG": 6,
    f"{ORG}/documents?limit=200": 4,
    f"{ORG}/documents?status=submitted&party=KG&limit=200": 5,
    f"{ORG}/documents/test-doc-0": 14,
    f"{ORG}/documents/test-doc-0/history": 4,
    f"{ORG}/documents/test-doc-0/audit": 3,
    f"{ORG}/calendar?from=2019-01-01&party=KG": 4,  # (and joint meetings' other bodies)
    # (and the countries of the plans known then)
    f"{ORG}/calendar?from=2019-01-01&known_on=2019-01-02": 5,
    f"{ORG}/events": 3,
}


def test_every_read_runs_a_fixed_number_of_queries(record):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api, counted = Api(), {}
    for path in EVERY_READ:
        with CaptureQueriesContext(connection) as queries:
            answer = api.get(path)
        assert answer.status == 200, (path, answer.body)
        counted[path] = len(queries)
    assert counted == EVERY_READ
