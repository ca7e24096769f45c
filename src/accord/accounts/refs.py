"""Objects named by readable identifiers, in URLs (404 when unknown) or in request bodies
(422 naming the field). Restricted objects are looked up through the access layer, so
an object hidden from the viewer is as unknown as a missing one."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils.translation import get_language, gettext, gettext_noop

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.bodies import selectors as bodies
from accord.bodies.models import Body
from accord.core.errors import DomainError, NotFound, Problem
from accord.core.languages import record_language
from accord.core.wording import named as named_in_refusal
from accord.decisions.models import Decision
from accord.documents.models import Document, DocumentType
from accord.meetings.joint import number_in
from accord.meetings.models import AgendaItem, Event, JointBody, Meeting, Topic
from accord.registry import selectors as registry
from accord.registry.models import Organization, Party, Person, Post

# What a meeting's look-up joins to it in the same statement (`access.meeting`).
Joined = Callable[[Viewer, QuerySet[Meeting]], QuerySet[Meeting]]


def organization(slug: str) -> Organization:
    return registry.organization(slug)


def body(org: Organization, slug: str) -> Body:
    return bodies.body(org, slug)


def party(code: str) -> Party:
    return registry.party(code)


def meeting(viewer: Viewer, org: Organization, of: Body, ref: str) -> Meeting:
    return access.meeting(viewer, org, of, ref)


def meeting_addressed(
    viewer: Viewer, org: Organization, of: Body, ref: str, joins: Joined | None = None
) -> Meeting:
    """The meeting at `of`'s address `ref`: one `of` convenes (by its number or id, as
    `meeting`), else a joint meeting `of` joins, by its number in `of`'s series or its
    id. A joint meeting's canonical address stays its convening body's (`Meeting.body`
    and `Meeting.ref`): a page or record found at another body's address redirects
    there. NotFound as `meeting` when `of` has no such meeting the viewer may read.
    `joins`: read with the meeting `of` convenes, in the same statement (`access.meeting`)."""
    try:
        return access.meeting(viewer, org, of, ref, joins)
    except NotFound:
        if of.organization_id != org.pk:
            raise
        number = int(ref) if ref.isdigit() else None
        joined = JointBody.objects.filter(body=of)
        which = Q(slug=ref)
        if number is not None:
            which |= Q(pk__in=joined.filter(number=number).values("meeting_id"))
        rows = (
            Meeting.objects.filter(which, pk__in=joined.values("meeting_id"))
            .select_related("body__organization")
            .prefetch_related("joint_rows")
            .order_by("start", "pk")
        )
        # By its number in `of`'s series first, as for the meetings `of` convenes.
        found = sorted(access.meetings(viewer, rows)[:2], key=lambda m: number_in(m, of) != number)
        if not found:
            raise
        return found[0]


def document(viewer: Viewer, org: Organization, slug: str) -> Document:
    return access.document(viewer, org, slug)


def decision(viewer: Viewer, at: Meeting, slug: str) -> Decision:
    found = access.decisions(viewer, Decision.objects.filter(meeting=at, slug=slug)).first()
    if found is None:
        raise NotFound.at("decision", f"no decision {slug!r} at this meeting")
    found.meeting = at  # read already
    return found


# --- references inside a request body: unknown is a 422 on that field ----------------


# What a reference names nothing of, in each language ("no party 'XX'").
NOTHING_NAMED = {
    "party": gettext_noop("no party %(ref)s"),
    "organization": gettext_noop("no organization %(ref)s"),
    "person": gettext_noop("no person %(ref)s"),
    "office": gettext_noop("no office %(ref)s"),
    "body": gettext_noop("no body %(ref)s"),
    "document": gettext_noop("no document %(ref)s"),
    "agenda item": gettext_noop("no agenda item %(ref)s"),
    "event": gettext_noop("no event %(ref)s"),
    "document type": gettext_noop("no document type %(ref)s"),
}


def nothing_named(what: str, ref: str) -> str:
    """Why `ref` names no `what`, in the active language."""
    template = NOTHING_NAMED.get(what)
    if template is None:
        return f"no {what} {ref!r}"
    return gettext(template) % {"ref": repr(ref)}


def _unknown(field: str, what: str, ref: str) -> DomainError:
    return DomainError.at(field, nothing_named(what, ref))


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _named(rows: Any, key: str, typed: str) -> list[str]:
    """The keys of the rows whose key, or name in any language, is what was typed (or
    starts with it): at most three, for "did you mean"."""
    wanted = _folded(typed)
    if not wanted:
        return []
    exact, starting = [], []
    for row in rows:
        names = [getattr(row, key), row.name, *(row.names or {}).values()]
        folded = [_folded(str(n)) for n in names if n]
        if wanted in folded:
            exact.append(row)
        elif any(n.startswith(wanted) for n in folded):
            starting.append(row)
    language = record_language(get_language() or "en")
    return [f"{getattr(r, key)} ({r.name_in(language)})" for r in (exact or starting)[:3]]


def _unknown_named(field: str, what: str, ref: str, rows: Any, key: str) -> DomainError:
    """No such key; where what was typed is a name (or a key in other letters), the
    keys it may mean."""
    meant = _named(rows, key, ref)
    if meant:
        reason = gettext("%(nothing)s: did you mean %(meant)s? Give its code") % {
            "nothing": nothing_named(what, ref),
            "meant": gettext(" or ").join(meant),
        }
        return DomainError.at(field, reason)
    return _unknown(field, what, ref)


def party_at(code: str | None, field: str) -> Party | None:
    if code is None:
        return None
    found = Party.objects.filter(code=code).first()
    if found is None:
        parties = Party.objects.only("code", "name", "names")
        raise _unknown_named(field, "party", code, parties, "code")
    return found


def organization_at(slug: str | None, field: str) -> Organization | None:
    if slug is None:
        return None
    found = Organization.objects.filter(slug=slug).first()
    if found is None:
        raise _unknown(field, "organization", slug)
    return found


def person_at(slug: str | None, field: str) -> Person | None:
    if slug is None:
        return None
    found = Person.objects.filter(slug=slug).first()
    if found is None:
        # No "did you mean" for people: a name would tell who is recorded elsewhere.
        raise _unknown(field, "person", slug)
    return found


def post_at(org: Organization, slug: str | None, field: str) -> Post | None:
    if slug is None:
        return None
    found = Post.objects.filter(organization=org, slug=slug).first()
    if found is None:
        raise _unknown(field, "office", slug)
    return found


def body_at(org: Organization, slug: str | None, field: str) -> Body | None:
    if slug is None:
        return None
    found = Body.objects.filter(organization=org, slug=slug).select_related("organization").first()
    if found is None:
        raise _unknown(field, "body", slug)
    return found


def document_at(viewer: Viewer, org: Organization, slug: str | None, field: str) -> Document | None:
    if slug is None:
        return None
    found = (
        access.documents(viewer, Document.objects.filter(organization=org, slug=slug))
        .select_related("type")
        .first()
    )
    if found is None:
        raise _unknown(field, "document", slug)
    return found


def meeting_at(
    viewer: Viewer, org: Organization, of: Body | None, ref: str | None, field: str
) -> Meeting | None:
    if ref is None:
        return None
    if of is None:
        raise DomainError.at(field, "name the body whose meeting this is")
    try:
        return access.meeting(viewer, org, of, ref)
    except NotFound:
        raise DomainError.at(
            field,
            gettext("%(body)s has no meeting %(ref)s")
            % {"body": named_in_refusal(of, of.slug), "ref": repr(ref)},
        ) from None


def item_at(viewer: Viewer, at: Meeting, slug: str | None, field: str) -> AgendaItem | None:
    if slug is None:
        return None
    found = access.agenda_items(viewer, AgendaItem.objects.filter(meeting=at, slug=slug)).first()
    if found is None:
        raise _unknown(field, "agenda item", slug)
    return found


def event_at(viewer: Viewer, org: Organization, slug: str | None, field: str) -> Event | None:
    if slug is None:
        return None
    found = access.events(viewer, Event.objects.filter(organization=org, slug=slug)).first()
    if found is None:
        raise _unknown(field, "event", slug)
    return found


def document_type_at(org: Organization, slug: str | None, field: str) -> DocumentType:
    if slug is None:
        raise DomainError.at(field, "a document has a type")
    found = DocumentType.objects.filter(organization=org, slug=slug).first()
    if found is None:
        raise _unknown(field, "document type", slug)
    return found


# --- lists of references: one query however long the list ----------------------------


def _all_found(
    found: Mapping[str, object], refs: Sequence[str | None], field: str, what: str
) -> None:
    missing = [
        Problem(field.format(i), nothing_named(what, ref))
        for i, ref in enumerate(refs)
        if ref is not None and ref not in found
    ]
    if missing:
        raise DomainError(missing)


def parties_at(codes: list[str | None], field: str) -> list[Party | None]:
    """The parties with `codes` (None stays None); `field` formats each one's path
    (`participants[{}].party`)."""
    wanted = [c for c in codes if c is not None]
    found = {p.code: p for p in Party.objects.filter(code__in=wanted)} if wanted else {}
    _all_found(found, codes, field, "party")
    return [found[c] if c is not None else None for c in codes]


def people_at(slugs: list[str | None], field: str) -> list[Person | None]:
    wanted = [s for s in slugs if s is not None]
    found = {p.slug: p for p in Person.objects.filter(slug__in=wanted)} if wanted else {}
    _all_found(found, slugs, field, "person")
    return [found[s] if s is not None else None for s in slugs]


def documents_at(viewer: Viewer, org: Organization, slugs: list[str], field: str) -> list[Document]:
    """Documents of `org` the viewer may read, by slug (a hidden one is unknown)."""
    rows = access.documents(viewer, Document.objects.filter(organization=org, slug__in=slugs))
    found = {d.slug: d for d in rows} if slugs else {}
    _all_found(found, slugs, field, "document")
    return [found[s] for s in slugs]


def items_at(
    viewer: Viewer, at: Meeting, slugs: list[str | None], field: str
) -> list[AgendaItem | None]:
    wanted = [s for s in slugs if s is not None]
    rows = access.agenda_items(viewer, AgendaItem.objects.filter(meeting=at, slug__in=wanted))
    found = {i.slug: i for i in rows} if wanted else {}
    _all_found(found, slugs, field, "agenda item")
    return [found[s] if s is not None else None for s in slugs]


def topics_by_slug(org: Organization, slugs: list[str]) -> dict[str, Topic]:
    """Those of the topics `slugs` that `org` has (the caller names the missing)."""
    if not slugs:
        return {}
    return {t.slug: t for t in Topic.objects.filter(organization=org, slug__in=slugs)}


def events_by_slug(viewer: Viewer, org: Organization, slugs: list[str]) -> dict[str, Event]:
    if not slugs:
        return {}
    rows = access.events(viewer, Event.objects.filter(organization=org, slug__in=slugs))
    return {e.slug: e for e in rows}


# --- an object named on a command line, in the words every command uses -------------


def named(viewer: Viewer, words: list[str]) -> Model:
    """The object `words` name as the commands name them: `ORG` (an organization), a
    party code or a person's id; `ORG BODY` (a body), `ORG DOCUMENT` or `ORG EVENT`;
    `ORG BODY MEETING` (a meeting by number or id); `ORG BODY MEETING DECISION` (a
    decision or an agenda item of that meeting). NotFound (field `object`) names what
    was not found; an object hidden from the viewer is as unknown as a missing one."""
    if not 1 <= len(words) <= 4:
        raise DomainError.at("object", "name an object in one to four words (ORG BODY MEETING ...)")
    first, rest = words[0], words[1:]
    org = Organization.objects.filter(slug=first).first()
    if not rest:
        if org is not None:
            return org
        found: Model | None = Party.objects.filter(code=first).first()
        if found is None:
            try:
                found = access.person(viewer, first)
            except NotFound:
                found = None
        if found is None:
            raise NotFound.at("object", f"no organization, party or person {first!r}")
        return found
    if org is None:
        raise NotFound.at("object", f"no organization {first!r}")
    if len(rest) == 1:
        ref = rest[0]
        found = Body.objects.filter(organization=org, slug=ref).first()
        if found is None:
            found = access.documents(
                viewer, Document.objects.filter(organization=org, slug=ref)
            ).first()
        if found is None:
            found = access.events(viewer, Event.objects.filter(organization=org, slug=ref)).first()
        if found is None:
            raise NotFound.at("object", f"{org.slug} has no body, document or event {ref!r}")
        return found
    of = Body.objects.filter(organization=org, slug=rest[0]).first()
    if of is None:
        raise NotFound.at("object", f"{org.slug} has no body {rest[0]!r}")
    try:
        at = access.meeting(viewer, org, of, rest[1])
    except NotFound:
        raise NotFound.at("object", f"{of.slug} has no meeting {rest[1]!r}") from None
    if len(rest) == 2:
        return at
    slug = rest[2]
    found = access.decisions(viewer, Decision.objects.filter(meeting=at, slug=slug)).first()
    if found is None:
        found = access.agenda_items(
            viewer, AgendaItem.objects.filter(meeting=at, slug=slug)
        ).first()
    if found is None:
        raise NotFound.at("object", f"this meeting has no decision or agenda item {slug!r}")
    return found
