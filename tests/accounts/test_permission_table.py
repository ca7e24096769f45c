"""The permission table: role × classification × kind of object → readable, generated.

Objects of every kind are made in the seed's SCO with every classification, inside
containers (meetings, documents, agenda items, decisions) of every classification;
users holding each role are made through the services. What each role may read is
computed by `may_read`, a small oracle in plain Python over the rules of
`accord.accounts.access`, and compared with what the access layer's querysets return,
listed and counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.utils import timezone

from accord.accounts import access
from accord.bodies import services as bodies
from accord.bodies.inputs import BodyFields
from accord.bodies.models import Body
from accord.decisions import services as decisions
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.decisions.models import Action, Decision, Position
from accord.documents import services as documents
from accord.documents.inputs import DocumentFields, DocumentTypeFields
from accord.documents.models import Document, DocumentType
from accord.meetings import services as meetings
from accord.meetings.inputs import AgendaItemFields, MeetingFields
from accord.meetings.models import AgendaItem, Meeting
from accord.meetings.services import Item
from accord.registry import services as registry
from accord.registry.inputs import OrganizationFields, StatusFields
from accord.registry.models import Membership, Organization, Party
from tests.accounts.people import RoleSpec, make

SCO, OTHER = "sco", "test-org-access"
SCS, CFM, BOARD = "security-council-secretaries", "foreign-ministers", "test-board"
DAY = dt.date(2019, 5, 20)
CLASSIFICATIONS = ("public", "organization", "body", "parties")

ROLES = [
    RoleSpec("anonymous", anonymous=True),
    RoleSpec("admin", admin=True),
    RoleSpec("secretariat-sco", secretariat=frozenset({SCO})),
    RoleSpec("delegation-kg-scs", delegations=frozenset({(SCO, "KG")}), bodies=frozenset({SCS})),
    RoleSpec("delegation-kg", delegations=frozenset({(SCO, "KG")})),
    RoleSpec("chair-team-ru-cfm", chair_teams=frozenset({(SCO, "RU")}), bodies=frozenset({CFM})),
    RoleSpec("observer-mn", observers=frozenset({(SCO, "MN")})),
    RoleSpec("secretariat-other", secretariat=frozenset({OTHER})),
]
KINDS = ["document", "meeting", "agenda item", "action", "decision", "position"]
LISTS = {
    "document": (Document, access.documents),
    "meeting": (Meeting, access.meetings),
    "agenda item": (AgendaItem, access.agenda_items),
    "action": (Action, access.actions),
    "decision": (Decision, access.decisions),
    "position": (Position, access.positions),
}


# ---------------------------------------------------------------------------------
# The oracle
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Thing:
    """An object as the oracle sees it: plain values, and the containers it sits in."""

    kind: str
    organization: str
    classification: str
    body: str | None  # the body a body classification names
    date: dt.date | None
    shared: frozenset[str] = frozenset()
    within: tuple[Thing, ...] = ()


Standing = dict[tuple[str, str], list[tuple[dt.date, dt.date | None, bool]]]


def is_member(standing: Standing, organization: str, code: str, day: dt.date | None) -> bool:
    if day is None:
        return False
    return any(
        takes and start <= day and (end is None or day <= end)
        for start, end, takes in standing.get((organization, code), [])
    )


def admits(role: RoleSpec, thing: Thing, standing: Standing, today: dt.date) -> bool:
    if role.admin or thing.organization in role.secretariat or thing.classification == "public":
        return True
    delegations = {c for o, c in role.delegations | role.chair_teams if o == thing.organization}
    if thing.classification == "organization":
        return any(
            is_member(standing, thing.organization, c, today)
            or is_member(standing, thing.organization, c, thing.date)
            for c in delegations
        )
    if thing.classification == "body":
        return bool(delegations) and thing.body in role.bodies
    if thing.classification == "parties" and thing.kind == "document":
        observers = {c for o, c in role.observers if o == thing.organization}
        return bool(thing.shared & (delegations | observers))
    return False


def may_read(role: RoleSpec, thing: Thing, standing: Standing, today: dt.date) -> bool:
    return admits(role, thing, standing, today) and all(
        may_read(role, c, standing, today) for c in thing.within
    )


# ---------------------------------------------------------------------------------
# The objects
# ---------------------------------------------------------------------------------

DOCUMENT_VARIANTS = [
    ("public", None, ()),
    ("organization", None, ()),
    ("body", SCS, ()),
    ("body", CFM, ()),
    ("parties", None, ("KG",)),
    ("parties", None, ("RU",)),
    ("parties", None, ("MN",)),
]
OTHER_DOCUMENT_VARIANTS = [
    ("public", None, ()),
    ("organization", None, ()),
    ("parties", None, ("KG",)),
]


@dataclass
class Table:
    things: dict[str, dict[int, Thing]]  # kind -> pk -> Thing
    viewers: dict[str, access.Viewer]
    standing: Standing
    today: dt.date


def _other_organization() -> Organization:
    org = registry.save_organization(OTHER, OrganizationFields(name="Test Organization (access)"))
    member = registry.save_status(org, "member", StatusFields(name="member", takes_decisions=True))
    for code in ("KG", "RU"):
        registry.save_membership(
            org, registry.ensure_state(code), member, dt.date(2000, 1, 1), None
        )
    documents.save_document_type(org, "report", DocumentTypeFields(name="report"))
    board = bodies.save_body(org, BOARD, BodyFields(name="Board"))
    bodies.set_powers(board, [("considered", None)])
    return org


def _documents(org: Organization, variants: list, things: dict) -> list[tuple[Document, Thing]]:
    kind = DocumentType.objects.get(organization=org, slug="report")
    made = []
    for index, (classification, body, shared) in enumerate(variants):
        restricted = Body.objects.get(organization=org, slug=body) if body else None
        row = documents.save_document(
            org,
            f"access-doc-{index}",
            DocumentFields(
                type=kind,
                title=f"{classification} {body or ''} {' '.join(shared)}",
                date=DAY,
                classification=classification,
                restricted_to_body=restricted,
            ),
            shared_with=Party.objects.filter(code__in=shared),
        )
        thing = Thing("document", org.slug, classification, body, DAY, frozenset(shared))
        things["document"][row.pk] = thing
        made.append((row, thing))
    return made


def _meetings(org: Organization, body_slugs: list[str], things: dict) -> list:
    """A meeting per classification and body, each with an agenda item and a decision
    (with KG's position) per classification: [(meeting, its Thing, [(item, Thing)])]."""
    kg = Party.objects.get(code="KG")
    held = []
    for classification in CLASSIFICATIONS:
        for body_slug in body_slugs:
            body = Body.objects.get(organization=org, slug=body_slug)
            meeting = meetings.save_meeting(
                body,
                f"access-{classification}",
                MeetingFields(start=DAY, end=DAY, classification=classification),
            )
            m = Thing("meeting", org.slug, classification, body_slug, DAY)
            things["meeting"][meeting.pk] = m
            rows = meetings.set_agenda(
                meeting,
                [
                    Item(f"item-{c}", f"{c} item", AgendaItemFields(classification=c))
                    for c in CLASSIFICATIONS
                ],
            )
            items = []
            for row in rows:
                item = Thing(
                    "agenda item", org.slug, row.classification, body_slug, DAY, within=(m,)
                )
                things["agenda item"][row.pk] = item
                items.append((row, item))
            for c in CLASSIFICATIONS:
                decision = decisions.save_decision(
                    meeting,
                    f"decision-{c}",
                    DecisionFields(title=f"{c} decision", classification=c),
                    [(kg, "concurs", "")],
                )
                d = Thing("decision", org.slug, c, body_slug, DAY, within=(m,))
                things["decision"][decision.pk] = d
                things["position"][decision.positions.get().pk] = Thing(
                    "position", org.slug, "public", body_slug, DAY, within=(d,)
                )
            held.append((meeting, m, items))
    return held


def _actions(org: Organization, held: list, subjects: list, first_body: str, things: dict) -> None:
    """At each meeting (and outside any, by `first_body`), an action per classification
    on each document of `subjects` and on each of the meeting's agenda items."""
    outside = (None, None, held[0][2])  # on the first meeting's items
    for meeting, m, items in [*held, outside]:
        body = meeting.body if meeting else Body.objects.get(organization=org, slug=first_body)
        rows, specs = [], []
        for c in CLASSIFICATIONS:
            on = [("document", row, t) for row, t in subjects]
            on += [("agenda_item", row, t) for row, t in items]
            for field, row, subject in on:
                rows.append(
                    ActionFields(verb="considered", date=DAY, classification=c, **{field: row})
                )
                within = tuple(x for x in (m, subject) if x is not None)
                specs.append(Thing("action", org.slug, c, body.slug, DAY, within=within))
        if meeting is not None:
            made = decisions.set_actions(body, meeting, rows)
        else:
            made = [decisions.record_action(body, values) for values in rows]
        for action, spec in zip(made, specs, strict=True):
            things["action"][action.pk] = spec


def build() -> Table:
    things: dict[str, dict[int, Thing]] = {kind: {} for kind in KINDS}
    sco = Organization.objects.get(slug=SCO)
    other = _other_organization()
    for org, variants, body_slugs in (
        (sco, DOCUMENT_VARIANTS, [SCS, CFM]),
        (other, OTHER_DOCUMENT_VARIANTS, [BOARD]),
    ):
        subjects = _documents(org, variants, things)
        held = _meetings(org, body_slugs, things)
        _actions(org, held, subjects, body_slugs[0], things)

    viewers = {role.name: make(role).viewer for role in ROLES}
    standing: Standing = {}
    for org_slug, code, start, end, takes in Membership.objects.filter(
        organization__slug__in=[SCO, OTHER]
    ).values_list("organization__slug", "party__code", "start", "end", "status__takes_decisions"):
        standing.setdefault((org_slug, code), []).append((start, end, takes))
    return Table(things, viewers, standing, timezone.localdate())


@pytest.fixture(scope="module")
def table(django_db_setup, django_db_blocker):
    """The objects and users, made once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


# ---------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES, ids=[r.name for r in ROLES])
def test_the_access_layer_lists_and_counts_exactly_what_the_rules_admit(table, db, role, kind):
    model, restrict = LISTS[kind]
    things = table.things[kind]
    ours = model.objects.filter(pk__in=list(things))
    viewer = table.viewers[role.name]

    listed = set(restrict(viewer, ours).values_list("pk", flat=True))
    expected = {
        pk for pk, thing in things.items() if may_read(role, thing, table.standing, table.today)
    }

    wrong = {pk: things[pk] for pk in listed ^ expected}
    assert not wrong, f"{role.name} / {kind}: {len(wrong)} of {len(things)} cases differ"
    assert restrict(viewer, ours).count() == len(expected)


def test_the_table_is_generated_with_thousands_of_cases_both_ways(table, db):
    """The oracle admits and refuses in every kind for every role but the administrator."""
    cases = 0
    for role in ROLES:
        for kind in KINDS:
            answers = [
                may_read(role, thing, table.standing, table.today)
                for thing in table.things[kind].values()
            ]
            cases += len(answers)
            assert any(answers), (role.name, kind)
            if not role.admin:
                assert not all(answers), (role.name, kind)
    assert cases > 3000, cases
    for kind in KINDS:
        things = table.things[kind].values()
        if kind == "position":  # a position is classified by its decision
            things = [t.within[0] for t in things]
        assert {t.classification for t in things} == set(CLASSIFICATIONS), kind
