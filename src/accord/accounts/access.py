"""The access layer: what a viewer may read and change. Every read goes through it.

Each list function narrows a queryset to the rows the viewer may read, with one
filter (Q objects and EXISTS subqueries, no per-row Python), so counts, pagination
and search stay exact and the number of queries does not grow with the rows.

A row is readable when its own classification admits the viewer and so does each
container's: an agenda item's meeting; an action's meeting, document and agenda
item; a decision's meeting; a position's decision (and so its meeting).

What a classification admits (the administrator reads everything, and an
organization's secretariat everything of that organization):

- public: everyone;
- organization: delegations and chair teams of a party that is a member (a
  decision-taking status) of the organization today or on the row's date;
- body: delegations and chair teams whose affiliation names the body (a document's
  `restricted_to_body`; for the others, their meeting's body, or an action's body),
  of a party that is a member of the organization today or on the row's date (as
  strict as organization-restricted);
- parties: a document's `shared_with` parties, read by the delegations, chair teams
  and observers of those parties in the document's organization; other rows
  classified `parties` name no party and are the secretariat's only.

People carry no classification of their own: a person is read where the reader
reads them, in a post (posts are public), among a meeting's participants or as the
speaker of a statement.

Detail look-ups answer NotFound with one message for missing and forbidden rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from accord.accounts.models import DELEGATION_ROLES, Affiliation, Role
from accord.bodies.models import Body
from accord.core import compiled
from accord.core.errors import Forbidden, NotFound
from accord.core.keys import AmongKeys
from accord.core.models import Classification
from accord.decisions.models import Action, Decision, Position
from accord.documents.models import Document
from accord.meetings.models import (
    AgendaItem,
    CoChair,
    Event,
    Meeting,
    Participation,
    Statement,
)
from accord.registry.models import Membership, Organization, Party, Person, PostHolding

if TYPE_CHECKING:
    from accord.publishing.models import PressRelease

__all__ = [
    "ADMINISTRATOR",
    "ANONYMOUS",
    "Affiliations",
    "Forbidden",
    "Viewer",
    "actions",
    "affiliations_of",
    "agenda_items",
    "can_edit",
    "can_edit_shared",
    "decisions",
    "document",
    "documents",
    "events",
    "meeting",
    "meetings",
    "people",
    "person",
    "positions",
    "press_releases",
    "require_edit",
    "require_edit_shared",
    "require_position",
    "standing",
    "viewer_of",
]


@dataclass(frozen=True)
class Viewer:
    """Who is asking, as the access rules need it (plain values, no queries)."""

    user_id: int | None
    is_admin: bool
    secretariat: frozenset[int]  # organization ids where the user is secretariat
    delegations: frozenset[tuple[int, str]]  # (organization id, party code): delegation, chair team
    observers: frozenset[tuple[int, str]]  # (organization id, party code): observer role
    bodies: frozenset[int]  # body ids the user's affiliations name


ANONYMOUS = Viewer(None, False, frozenset(), frozenset(), frozenset(), frozenset())
# The installation's operator at its command line (the record loader, the audit log).
ADMINISTRATOR = Viewer(None, True, frozenset(), frozenset(), frozenset(), frozenset())


def standing(viewer: Viewer) -> str:
    """What the access rules know of a viewer, without who it is: every rule reads only
    these, so two viewers of the same standing are shown exactly the same record."""
    return repr(
        (
            viewer.is_admin,
            sorted(viewer.secretariat),
            sorted(viewer.delegations),
            sorted(viewer.observers),
            sorted(viewer.bodies),
        )
    )


def viewer_of(user: Any, affiliations: Affiliations | None = None) -> Viewer:
    """The viewer a user is: their affiliations in force today, fetched in one query
    (none when `affiliations`, read before at the same state of the record, are given).

    Anonymous and inactive users are ANONYMOUS; a superuser is the administrator.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    secretariat, delegations, observers, bodies = (
        affiliations_of(user.pk) if affiliations is None else affiliations
    )
    return Viewer(user.pk, bool(user.is_superuser), secretariat, delegations, observers, bodies)


# A user's affiliations in force today, as the access rules read them: secretariat
# organization ids, (organization id, party code) of delegations and chair teams, of
# observer seats, and the body ids the affiliations name.
Affiliations = tuple[
    frozenset[int], frozenset[tuple[int, str]], frozenset[tuple[int, str]], frozenset[int]
]


def affiliations_of(user_id: int) -> Affiliations:
    """The user's affiliations in force today, in one query."""
    today = timezone.localdate()
    # Built once a day (`accord.core.compiled`), run with each user's id.
    rows = compiled.tuples(
        ("affiliations", today.isoformat()),
        lambda pk: (
            Affiliation.objects.on(today)
            .filter(user_id=pk)
            .values_list("organization_id", "role", "party__code", "bodies")
        ),
        user_id,
    )
    secretariat, delegations, observers, bodies = set(), set(), set(), set()
    for organization_id, role, code, body_id in rows:
        if role == Role.SECRETARIAT:
            secretariat.add(organization_id)
        elif role in DELEGATION_ROLES:
            delegations.add((organization_id, code))
        elif role == Role.OBSERVER:
            observers.add((organization_id, code))
        if body_id is not None:
            bodies.add(body_id)
    return frozenset(secretariat), frozenset(delegations), frozenset(observers), frozenset(bodies)


# ---------------------------------------------------------------------------------
# The rules as filters. `p` is the path from the queried model to the row judged
# ("" for the row itself, "meeting__" for an agenda item's meeting ...).
# ---------------------------------------------------------------------------------


def _by_organization(pairs: Iterable[tuple[int, str]]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for organization_id, code in sorted(pairs):
        grouped.setdefault(organization_id, []).append(code)
    return grouped


def _member_on(organization_id: int, codes: list[str], date: str) -> Exists:
    """One of `codes` is a member of the organization today or on the row's `date`."""
    return Exists(
        Membership.objects.deciding()
        .on(timezone.localdate(), OuterRef(date))
        .filter(organization_id=organization_id, party__code__in=codes)
    )


def _shared_with(codes: list[str], document: str) -> Exists:
    return Exists(
        Document.shared_with.through.objects.filter(
            document_id=OuterRef(document), party__code__in=codes
        )
    )


def _admits(
    viewer: Viewer,
    p: str,
    *,
    organization: str,
    body: str,
    date: str,
    document: str | None = None,
) -> Q:
    """The rows at path `p` whose own classification admits `viewer`.

    `organization`, `body` and `date` are paths (from the queried model) to the row's
    organization id, the body its body classification names, and its date;
    `document` is the path to the row's id when the row is a document.
    """
    classification = f"{p}classification"
    admitted = Q(**{classification: Classification.PUBLIC})
    if viewer.secretariat:
        admitted |= Q(**{f"{organization}__in": sorted(viewer.secretariat)})
    delegations = _by_organization(viewer.delegations)
    for organization_id, codes in delegations.items():
        admitted |= Q(
            Q(**{classification: Classification.ORGANIZATION, organization: organization_id}),
            _member_on(organization_id, codes, date),
        )
    if viewer.bodies:
        # As strict as organization-restricted: the body granted, and the party a member
        # today or on the row's date.
        for organization_id, codes in delegations.items():
            admitted |= Q(
                Q(
                    **{
                        classification: Classification.BODY,
                        f"{body}__in": sorted(viewer.bodies),
                        organization: organization_id,
                    }
                ),
                _member_on(organization_id, codes, date),
            )
    if document is not None:
        parties = _by_organization(viewer.delegations | viewer.observers)
        for organization_id, codes in parties.items():
            admitted |= Q(
                Q(**{classification: Classification.PARTIES, organization: organization_id}),
                _shared_with(codes, document),
            )
    return admitted


def _document(viewer: Viewer, p: str = "") -> Q:
    return _admits(
        viewer,
        p,
        organization=f"{p}organization_id",
        body=f"{p}restricted_to_body_id",
        date=f"{p}date",
        document=f"{p}id",
    )


def _meeting(viewer: Viewer, p: str = "") -> Q:
    return _admits(
        viewer, p, organization=f"{p}body__organization_id", body=f"{p}body_id", date=f"{p}start"
    )


def _in_meeting(viewer: Viewer, p: str = "") -> Q:
    """A row held in a meeting (an agenda item, a decision): its own and its meeting's."""
    m = f"{p}meeting__"
    own = _admits(
        viewer, p, organization=f"{m}body__organization_id", body=f"{m}body_id", date=f"{m}start"
    )
    return own & _meeting(viewer, m)


def _action(viewer: Viewer, p: str = "") -> Q:
    own = _admits(
        viewer, p, organization=f"{p}body__organization_id", body=f"{p}body_id", date=f"{p}date"
    )
    at_meeting = Q(**{f"{p}meeting__isnull": True}) | _meeting(viewer, f"{p}meeting__")
    on_document = Q(**{f"{p}document__isnull": True}) | _document(viewer, f"{p}document__")
    on_item = Q(**{f"{p}agenda_item__isnull": True}) | _in_meeting(viewer, f"{p}agenda_item__")
    return own & at_meeting & on_document & on_item


_M = TypeVar("_M", bound=Model)


def _restricted(
    queryset: QuerySet[_M] | None,
    model: type[_M],
    viewer: Viewer,
    rule: Callable[[Viewer], Q],
) -> QuerySet[_M]:
    rows = model._default_manager.all() if queryset is None else queryset
    if viewer.is_admin:
        return rows
    return rows.filter(rule(viewer))


# ---------------------------------------------------------------------------------
# Lists: every list, search, count, export and feed starts from one of these.
# ---------------------------------------------------------------------------------


def documents(viewer: Viewer, queryset: QuerySet[Document] | None = None) -> QuerySet[Document]:
    return _restricted(queryset, Document, viewer, _document)


def meetings(viewer: Viewer, queryset: QuerySet[Meeting] | None = None) -> QuerySet[Meeting]:
    return _restricted(queryset, Meeting, viewer, _meeting)


def agenda_items(
    viewer: Viewer, queryset: QuerySet[AgendaItem] | None = None
) -> QuerySet[AgendaItem]:
    return _restricted(queryset, AgendaItem, viewer, _in_meeting)


def actions(viewer: Viewer, queryset: QuerySet[Action] | None = None) -> QuerySet[Action]:
    return _restricted(queryset, Action, viewer, _action)


def decisions(viewer: Viewer, queryset: QuerySet[Decision] | None = None) -> QuerySet[Decision]:
    return _restricted(queryset, Decision, viewer, _in_meeting)


def positions(viewer: Viewer, queryset: QuerySet[Position] | None = None) -> QuerySet[Position]:
    return _restricted(queryset, Position, viewer, lambda v: _in_meeting(v, "decision__"))


def press_releases(
    viewer: Viewer, queryset: QuerySet[PressRelease] | None = None
) -> QuerySet[PressRelease]:
    """Releases the viewer may read: a published one whose classification (its audience)
    admits the viewer, as a meeting's would, and whose meeting the viewer may read (a
    meeting classified more narrowly after its release takes the release with it);
    drafts only to those who keep the record."""
    from accord.publishing.models import PressRelease, ReleaseState, ReleaseVersion

    def rule(v: Viewer) -> Q:
        published = Exists(
            ReleaseVersion.objects.filter(release_id=OuterRef("pk"), state=ReleaseState.PUBLISHED)
        )
        admitted = _admits(
            v,
            "",
            organization="organization_id",
            body="meeting__body_id",
            date="meeting__start",
        )
        editors = Q(organization_id__in=sorted(v.secretariat))
        return editors | (admitted & published & _meeting(v, "meeting__"))

    return _restricted(queryset, PressRelease, viewer, rule)


def events(viewer: Viewer, queryset: QuerySet[Event] | None = None) -> QuerySet[Event]:
    """Events carry no classification: every event is public."""
    return Event.objects.all() if queryset is None else queryset


def _readable(rows: QuerySet, key: str) -> Exists:
    # EXISTS on the row's own key, not IN over every readable row (a long history).
    return Exists(rows.filter(pk=OuterRef(key)))


def people(
    viewer: Viewer,
    queryset: QuerySet[Person] | None = None,
    organization: Organization | None = None,
) -> QuerySet[Person]:
    """People the viewer reads somewhere (in `organization`, when given): who hold a
    post, or took part in, chaired or co-chaired a meeting the viewer may read, or spoke
    at one (under an agenda item the viewer may read, when under one). A person seen only where the
    viewer may not look is not among them."""
    rows = Person.objects.all() if queryset is None else queryset
    return rows.filter(_appears(viewer, organization))


def _appears(viewer: Viewer, organization: Organization | None) -> Q:
    if organization is not None:
        return Q(pk__in=_appearing_in(viewer, organization))
    readable = meetings(viewer)
    held = PostHolding.objects.filter(person=OuterRef("pk"))
    took_part = Participation.objects.filter(
        _readable(readable, "meeting_id"), person=OuterRef("pk")
    )
    spoke = Statement.objects.filter(
        Q(agenda_item__isnull=True) | _readable(agenda_items(viewer), "agenda_item_id"),
        _readable(readable, "meeting_id"),
        person=OuterRef("pk"),
    )
    chaired = readable.filter(chair_person=OuterRef("pk"))
    co_chaired = CoChair.objects.filter(_readable(readable, "meeting_id"), person=OuterRef("pk"))
    return Q(
        Exists(held) | Exists(took_part) | Exists(spoke) | Exists(chaired) | Exists(co_chaired)
    )


def _appearing_in(viewer: Viewer, organization: Organization) -> QuerySet[Any]:
    """The keys of the people who appear in `organization`'s record where the viewer
    reads it (as `_appears` says), read from the organization's own meetings and posts:
    asked of every person in turn, the same question read the whole history for each
    (2 s at 100,000 meetings, against 0.1 s)."""
    own = meetings(viewer).filter(body__organization=organization).order_by().values("pk")
    held = PostHolding.objects.filter(
        Q(post__organization=organization) | Q(post__declarations__organization=organization)
    )
    took_part = Participation.objects.filter(meeting__in=own, person__isnull=False)
    spoke = Statement.objects.filter(
        Q(agenda_item__isnull=True) | _readable(agenda_items(viewer), "agenda_item_id"),
        meeting__in=own,
        person__isnull=False,
    )
    chaired = meetings(viewer).filter(body__organization=organization, chair_person__isnull=False)
    co_chaired = CoChair.objects.filter(meeting__in=own, person__isnull=False)
    # (No order: a part of a compound statement may not have one.)
    return (
        held.order_by()
        .values("person_id")
        .union(
            took_part.order_by().values("person_id"),
            spoke.order_by().values("person_id"),
            chaired.order_by().values("chair_person_id"),
            co_chaired.order_by().values("person_id"),
            all=True,
        )
    )


def people_to_name(
    viewer: Viewer,
    queryset: QuerySet[Person] | None = None,
    organization: Organization | None = None,
) -> QuerySet[Person]:
    """People the viewer may name in a record it keeps: those it reads (`people`) and,
    for those who record people, a person recorded nowhere yet (just added), where
    there is nothing to hide (as `person` reads them)."""
    rows = Person.objects.all() if queryset is None else queryset
    if viewer.is_admin:
        return rows
    rule = _appears(viewer, organization)
    if can_edit_shared(viewer):
        rule |= _recorded_nowhere()
    return rows.filter(rule)


def _recorded_nowhere() -> Q:
    # Their keys found first, by an anti-join per table (`AmongKeys`): asked of each
    # person beside another rule, it took 50 ms at 35,000 people, 23 ms so.
    tables = (PostHolding, Participation, Statement)
    nowhere = Person.objects.filter(
        *(~Exists(t.objects.filter(person=OuterRef("pk"))) for t in tables)
    )
    return Q(AmongKeys("pk", nowhere.values("pk")))


# ---------------------------------------------------------------------------------
# Details: missing and forbidden answer the same NotFound.
# ---------------------------------------------------------------------------------


def _organization(organization: Organization | str) -> Organization:
    if isinstance(organization, Organization):
        return organization
    found = Organization.objects.filter(slug=organization).first()
    if found is None:
        raise NotFound.at("organization", f"no organization {organization!r}")
    return found


def document(viewer: Viewer, organization: Organization | str, slug: str) -> Document:
    """The document `slug` of `organization`, if the viewer may read it."""
    org = _organization(organization)

    def build(org_id: int, slug: str) -> QuerySet[Document]:
        rows = Document.objects.filter(organization_id=org_id, slug=slug).select_related(
            "organization", "type", "author_body", "author_party", "restricted_to_body"
        )
        return documents(viewer, rows)[:1]

    # Built once for the viewer's standing and the day (`accord.core.compiled`).
    shape = ("document", standing(viewer), timezone.localdate())
    found = next(iter(compiled.rows(shape, build, org.pk, slug)), None)
    if found is None:
        raise NotFound.at("document", f"{org.slug} has no document {slug!r}")
    return found


def person(viewer: Viewer, slug: str) -> Person:
    """The person `slug`, if the viewer reads them somewhere (`people`); the
    administrator reads everyone, and those who keep shared records (who record
    people) also a person recorded nowhere yet, where there is nothing to hide."""

    def build(slug: str) -> QuerySet[Person]:
        rows = Person.objects.filter(slug=slug).select_related("party")
        if not viewer.is_admin:
            rule = _appears(viewer, None)
            if can_edit_shared(viewer):
                rule |= _recorded_nowhere()
            rows = rows.filter(rule)
        return rows[:1]

    # Built once for the viewer's standing and the day (`accord.core.compiled`).
    shape = ("person", standing(viewer), timezone.localdate())
    found = next(iter(compiled.rows(shape, build, slug)), None)
    if found is None:
        raise NotFound.at("person", f"no person {slug!r}")
    return found


def meeting(
    viewer: Viewer,
    organization: Organization | str,
    body: Body | str,
    ref: str | int,
    joined: Callable[[Viewer, QuerySet[Meeting]], QuerySet[Meeting]] | None = None,
) -> Meeting:
    """A meeting of `body` by its number (`14`) or its id (slug), if the viewer may read
    it; `joined`: what the same statement joins to it (a module's function, named once)."""
    org = _organization(organization)
    ref = str(ref)
    body_slug = body.slug if isinstance(body, Body) else body
    number = int(ref) if ref.isdigit() else None
    # SQL built once for the standing, the day and the kind of reference (`core.compiled`).
    if isinstance(body, Body) and body.organization_id != org.pk:
        raise NotFound.at("meeting", f"{body_slug} has no meeting {ref!r}")
    by_object = isinstance(body, Body)
    values: tuple[int | str, ...] = (body.pk,) if isinstance(body, Body) else (org.pk, body)
    values += (ref,) if number is None else (number, ref)

    def build(*v: Any) -> QuerySet[Meeting]:
        if by_object:
            by_body, rest = Q(body_id=v[0]), v[1:]
        else:
            by_body, rest = Q(body__organization_id=v[0], body__slug=v[1]), v[2:]
        which = Q(slug=rest[0]) if number is None else Q(number=rest[0]) | Q(slug=rest[1])
        rows = Meeting.objects.filter(by_body, which).select_related("body__organization")
        return meetings(viewer, joined(viewer, rows) if joined else rows)[:2]

    shape = ("meeting", standing(viewer), timezone.localdate(), by_object, number is None, joined)
    # By number first, as the record names meetings; an ad hoc meeting by its id.
    found = sorted(compiled.rows(shape, build, *values), key=lambda m: m.number != number)
    if not found:
        raise NotFound.at("meeting", f"{body_slug} has no meeting {ref!r}")
    return found[0]


# ---------------------------------------------------------------------------------
# Writes
# ---------------------------------------------------------------------------------


def _organization_id(organization: Organization | int) -> int:
    return organization.pk if isinstance(organization, Organization) else organization


def can_edit(viewer: Viewer, organization: Organization | int) -> bool:
    """Whether the viewer keeps the organization's record (administrator or secretariat)."""
    return viewer.is_admin or _organization_id(organization) in viewer.secretariat


def require_edit(viewer: Viewer, organization: Organization | int) -> None:
    if not can_edit(viewer, organization):
        name = organization.slug if isinstance(organization, Organization) else "its"
        raise Forbidden.at(
            "permission", f"only the secretariat of {name} or an administrator may change it"
        )


def can_edit_shared(viewer: Viewer) -> bool:
    """Whether the viewer keeps what belongs to no one organization (people, parties):
    any organization's secretariat, or an administrator."""
    return viewer.is_admin or bool(viewer.secretariat)


def require_edit_shared(viewer: Viewer) -> None:
    if not can_edit_shared(viewer):
        raise Forbidden.at(
            "permission", "only an organization's secretariat or an administrator may change it"
        )


def require_position(viewer: Viewer, decision: Decision, party: Party | str) -> None:
    """Whether the viewer may record `party`'s position on `decision`.

    The administrator, the organization's secretariat, or a delegation or chair team
    of that very party in that organization. Whether the decision is open and the
    party a member on the meeting date is the domain's to check
    (`decisions.services.record_position`); the caller fetches `decision` through
    `decisions()` first, so that an unreadable decision is not found.
    """
    code = party.code if isinstance(party, Party) else party
    organization_id = decision.meeting.body.organization_id
    if can_edit(viewer, organization_id) or (organization_id, code) in viewer.delegations:
        return
    raise Forbidden.at(
        "permission", f"only {code}'s delegation or the secretariat may record {code}'s position"
    )
