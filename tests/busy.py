"""A busy meeting in the services tests' organization (`tests.services.build`): n of
everything a meeting's record holds, for the tests that count the queries of a read
(the services', the API's and the web's), each at two sizes of the same shape.

    test-committee 14 (15 May 2019, in Bishkek; KG hosts, KZ and CN co-chair; it
    prepares test-council 19, 14 June 2019), with n of each:
      people (of the six members on the day) taking part and making a statement;
      agenda items ("Item i on the plan"), each with a topic and an event (KG takes
        part in it) and taken up in a session of its own, which every person attends;
      plans ("Plan i", shared with KG), each approved, referred to test-council 19
        for adoption by a person, and a decision on it on which the six members concur
        (every other one left open; each closed one appoints the first person to a
        post of its own);
      the agenda items noted;
      changes of the meeting's plan (announced, then scheduled again, a day apart).
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.core.dates import PartialDate
from accord.decisions.decides import Ref, set_effects
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.decisions.services import save_decision, set_actions
from accord.documents.inputs import DocumentFields
from accord.documents.models import Document
from accord.documents.services import save_document
from accord.meetings.inputs import EventFields, PlanChangeFields, StatementFields, TopicFields
from accord.meetings.models import AgendaItem, Meeting
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
from accord.registry.models import Person
from tests.services.build import D, World, hold

MAY_15, JUNE_14 = D(2019, 5, 15), D(2019, 6, 14)
MEMBERS_ON_MAY_15 = ["CN", "IN", "KG", "KZ", "RU", "UZ"]
# Extra states made members, to grow the members list (ISO codes).
MORE_STATES = ["AM", "AZ", "BY", "EG", "IR", "KH", "LK", "MM", "NP", "QA", "SA", "TR"]


@dataclass
class Busy:
    meeting: Meeting
    summit: Meeting  # the council's meeting it prepares, to which it refers the plans
    people: list[Person]
    items: list[AgendaItem]
    documents: list[Document]


def busy_meeting(world: World, n: int, *, number: int = 14, chair: str | None = None) -> Busy:
    """The committee's meeting `number` with n of everything (above); with `chair`, the
    party named its chair (else the chair is the presidency's, by the body's rule)."""
    org = world.org
    chaired = {"chair": world.party(chair)} if chair else {}
    summit = hold(world.council, "test-19", JUNE_14, number=19)
    meeting = hold(
        world.committee,
        "test-14",
        MAY_15,
        number=number,
        format="extended",
        country=world.party("KG"),
        host=world.party("KG"),
        prepares=summit,
        **chaired,
        co_chairs=(world.party("KZ"), world.party("CN")),
    )
    people = [
        registry.save_person(
            f"test-person-{i}", PersonFields(name=f"Person {i}", party=world.party(code))
        )
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
                f"Item {i} on the plan",
                topics=[save_topic(org, f"test-topic-{i}", TopicFields(name=f"Topic {i}"))],
                events=[
                    save_event(
                        org,
                        f"test-event-{i}",
                        EventFields(name=f"Event {i}", start=D(2019, 1, 1 + i)),
                        [{"party": world.party("KG")}],
                    )
                ],
            )
            for i in range(n)
        ],
    )
    documents = [
        save_document(
            org,
            f"test-doc-{i}",
            DocumentFields(
                type=world.plan_type, title=f"Plan {i}", date=MAY_15, period="2019-2021"
            ),
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
                source=f"source {i}",
            )
            for i in range(n)
        ],
    )
    members = [world.party(code) for code in MEMBERS_ON_MAY_15]
    for i, document in enumerate(documents):
        decision = save_decision(
            meeting,
            f"decision-{i}",
            DecisionFields(
                title=f"Decision {i}", document=document, outcome="open" if i % 2 == 0 else ""
            ),
            [(p, "concurs", "") for p in members],
        )
        if i % 2:
            post = registry.save_post(org, f"test-post-{i}", PostFields(name=f"Post {i}"))
            registry.save_holding(post, people[0], MAY_15, None, HoldingFields())
            set_effects(decision, [Ref("appoints", MAY_15, post=post.slug)], MAY_15)
    set_statements(
        meeting,
        [
            StatementFields(person=p, text=f"Statement {i}", agenda_item=items[i])
            for i, p in enumerate(people)
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
    return Busy(meeting, summit, people, items, documents)


def more_members(world: World, n: int) -> None:
    """n more states members of the organization from 2018."""
    for code in MORE_STATES[:n]:
        registry.save_membership(
            world.org, registry.ensure_state(code), world.member, D(2018, 1, 1), None
        )
