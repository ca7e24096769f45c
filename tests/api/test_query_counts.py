"""The endpoints the load script measures run a fixed number of queries, however many
rows they show: each is read at two sizes of the same shape of record, by the public
and by a signed-in delegation (whose restrictions are subqueries, not per-row reads).

The record is a small organization of the tests' own (`test-org-svc`, built through
the services by `tests.services.build`), grown to each size.
"""

from __future__ import annotations

import pytest

from accord.core.dates import PartialDate
from accord.decisions.decides import Ref, set_effects
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.decisions.services import save_decision, set_actions
from accord.documents.inputs import DocumentFields
from accord.documents.services import save_document
from accord.meetings.inputs import EventFields, PlanChangeFields, StatementFields, TopicFields
from accord.meetings.plan_services import set_plan
from accord.meetings.services import (
    Item,
    Participant,
    save_event,
    save_topic,
    set_agenda,
    set_participants,
    set_statements,
)
from accord.meetings.sessions import Attendee, SessionPlan, set_sessions
from accord.registry import services as registry
from accord.registry.inputs import HoldingFields, PersonFields, PostFields
from accord.registry.models import Party
from accord.registry.services import save_person
from tests.accounts.people import RoleSpec, make
from tests.api.conftest import Api
from tests.services.build import D, build_world, hold

# The views' own queries: the cache of public answers is measured in test_response_cache.
pytestmark = pytest.mark.usefixtures("no_response_cache")

ORG = "/organizations/test-org-svc"
MAY_15, JUNE_14 = D(2019, 5, 15), D(2019, 6, 14)
MEMBERS_ON_MAY_15 = ["CN", "IN", "KG", "KZ", "RU", "UZ"]
SIZES = [3, 12]
# Extra states made members, to grow the members list (ISO codes).
MORE_STATES = ["AM", "AZ", "BY", "EG", "IR", "KH", "LK", "MM", "NP", "QA", "SA", "TR"]

# Queries per read, as the public and as a delegation: signing in by token costs one
# query, the delegation's affiliations one more where the answer depends on the viewer.
#   meeting record: organization, body, meeting, the meeting with its relations, then
#     co-chairs, joint bodies, participants, agenda, topics, events, actions,
#     decisions, positions, what the decisions decide, statements (each restricted in
#     its one query), plan
#     changes, sessions, their attendees, chair terms, members on the date
#   members: organization, status, memberships with parties and statuses
#   documents: organization, documents (filtered, restricted, one page), their actions,
#     the organization's verbs (which give their statuses)
EXPECTED = {
    "meeting record": {"anonymous": 20, "delegation": 22},
    "members": {"anonymous": 3, "delegation": 4},
    "documents": {"anonymous": 4, "delegation": 6},
}


def grow(world, n: int) -> None:
    """A committee meeting with n of everything, n documents with actions, n more members."""
    summit = hold(world.council, "test-19", JUNE_14, number=19)
    meeting = hold(
        world.committee,
        "test-14",
        MAY_15,
        number=14,
        format="extended",
        country=world.party("KG"),
        host=world.party("KG"),
        prepares=summit,
        co_chairs=(world.party("KZ"), world.party("CN")),
    )
    people = [
        save_person(f"test-person-{i}", PersonFields(name=f"Person {i}", party=world.party(code)))
        for i, code in enumerate((MEMBERS_ON_MAY_15 * n)[:n])
    ]
    set_participants(
        meeting,
        [
            Participant(party=p.party, person=p, head_of_delegation=i < 6)
            for i, p in enumerate(people)
        ],
    )
    items = set_agenda(
        meeting,
        [
            Item(
                f"item-{i}",
                f"Item {i}",
                topics=[save_topic(world.org, f"test-topic-{i}", TopicFields(name=f"Topic {i}"))],
                events=[
                    save_event(world.org, f"test-event-{i}", EventFields(name=f"Event {i}"), [])
                ],
            )
            for i in range(n)
        ],
    )
    documents = [
        save_document(
            world.org,
            f"test-doc-{i}",
            DocumentFields(type=world.plan_type, title=f"Plan {i}", date=MAY_15),
            shared_with=[world.party("KG")],
        )
        for i in range(n)
    ]
    actions = []
    for document, item, person in zip(documents, items, people, strict=True):
        actions += [
            ActionFields(verb="approved", date=MAY_15, document=document, agenda_item=item),
            ActionFields(
                verb="submitted",
                date=MAY_15,
                document=document,
                target_body=world.council,
                target_meeting=summit,
                by_person=person,
                purpose="adoption",
            ),
            ActionFields(verb="took-note", date=MAY_15, agenda_item=item),
        ]
    set_actions(world.committee, meeting, actions)
    members = [Party.objects.get(code=c) for c in MEMBERS_ON_MAY_15]
    for i, document in enumerate(documents):
        decision = save_decision(
            meeting,
            f"decision-{i}",
            DecisionFields(
                title=f"Decision {i}", document=document, outcome="open" if i % 2 == 0 else ""
            ),
            [(p, "concurs", "") for p in members],
        )
        if i % 2:  # an adopted decision appoints someone to a post of its own
            post = registry.save_post(world.org, f"test-post-{i}", PostFields(name=f"Post {i}"))
            registry.save_holding(post, people[i], JUNE_14, None, HoldingFields())
            set_effects(decision, [Ref("appoints", JUNE_14, post=post.slug)], MAY_15)
    set_statements(
        meeting,
        [
            StatementFields(person=p, text=f"Statement {i}", agenda_item=items[i])
            for i, p in enumerate(people)
        ],
    )
    # Its plan: announced, then n - 1 times scheduled again (on the same days), each
    # with its city and country, known a day apart.
    set_plan(
        meeting,
        [
            PlanChangeFields(
                kind="announced" if i == 0 else "scheduled",
                known_on=PartialDate(D(2019, 1, 1 + i)),
                start=MAY_15,
                end=MAY_15,
                city="Bishkek",
                country=world.party("KG"),
            )
            for i in range(n)
        ],
    )
    set_sessions(
        meeting,
        [
            SessionPlan(
                f"session-{i}",
                MAY_15,
                kind="plenary",
                attendees=[Attendee(person=p) for p in people],
                items=[items[i]],
            )
            for i in range(n)
        ],
    )
    for code in MORE_STATES[:n]:
        registry.save_membership(
            world.org, registry.ensure_state(code), world.member, D(2018, 1, 1), None
        )


@pytest.fixture(params=SIZES, ids=[f"size-{n}" for n in SIZES])
def record(request, db):
    world = build_world()
    grow(world, request.param)
    return request.param


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
    f"{ORG}/bodies/test-committee/meetings/14": 20,
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
