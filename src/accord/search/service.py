"""The search service: one function, `search`, over everything a viewer may read.

This implementation uses portable ORM queries (case-insensitive `icontains` over the
searched fields and their translations), one query per kind of result, each starting
from the access layer. A full-text index (SQLite FTS5, PostgreSQL tsvector) can
replace the matching (`_Source.match`) and the ranking without changing the interface.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.core.dates import PartialDate
from accord.core.errors import DomainError
from accord.documents.models import Document, DocumentFile, DocumentVersion
from accord.meetings.models import AgendaItem, Event, Meeting, Participation, Statement
from accord.registry.models import Organization, Person, PostHolding
from accord.search.highlight import excerpt, highlight, matches, words
from accord.web.labels import meeting_label

KINDS = ("document", "meeting", "agenda-item", "event", "person")
MIN_QUERY = 2
MAX_QUERY = 200
MAX_LIMIT = 200


@dataclass(frozen=True)
class Hit:
    """One result.

    `kind` is one of KINDS; `object` the model instance (a Document, Meeting,
    AgendaItem, Event or Person); `title` its title in the asked language; `snippet`
    an escaped excerpt of the text that matched, the matched words in <mark>; `url`
    the page that shows it; `organization` and `date` where the object has them;
    `score` how many of the query's words its titles hold (results are ranked by it).
    """

    kind: str
    object: Any
    title: str
    snippet: SafeString
    url: str
    organization: Organization | None = None
    date: PartialDate | None = None
    score: int = field(default=0, compare=False)


def _language_keys() -> list[str]:
    """The keys translations are recorded under: each language Accord speaks, and its
    base language (`zh-hans` and `zh`)."""
    keys: list[str] = []
    for code, _name in settings.LANGUAGES:
        for key in (code, code.split("-")[0]):
            if key not in keys:
                keys.append(key)
    return keys


def _any_field(term: str, fields: Sequence[str], translated: Sequence[str]) -> Q:
    """Rows where `term` occurs in one of `fields` or one of the translations."""
    found = Q()
    for name in fields:
        found |= Q(**{f"{name}__icontains": term})
    for name in translated:
        for key in _language_keys():
            found |= Q(**{f"{name}__{key}__icontains": term})
    return found


def _translations(values: dict | None) -> list[str]:
    return [v for v in (values or {}).values() if isinstance(v, str) and v]


@dataclass(frozen=True)
class _Source:
    """How one kind of object is searched and shown."""

    kind: str
    rows: Callable[[Viewer, Organization | None], QuerySet]
    match: Callable[[str], Q]
    order: Sequence[Any]
    title: Callable[[Any, str], str]
    titles: Callable[[Any], list[str]]  # every title it has (for ranking)
    texts: Callable[[Any], list[str]]  # what a snippet may come from, best first
    url: Callable[[Any], str]
    organization: Callable[[Any], Organization | None]
    date: Callable[[Any], PartialDate | None]


# --- documents ---------------------------------------------------------------------


def _documents(viewer: Viewer, org: Organization | None) -> QuerySet:
    rows = Document.objects.select_related("organization").prefetch_related("versions")
    if org is not None:
        rows = rows.filter(organization=org)
    return access.documents(viewer, rows)


def _document_match(term: str) -> Q:
    in_versions = Exists(
        DocumentVersion.objects.filter(document=OuterRef("pk"), text__icontains=term)
    )
    # The text read from the versions' files (PDF, DOCX, ODT) is searched too.
    in_files = Exists(
        DocumentFile.objects.filter(version__document=OuterRef("pk"), text__icontains=term)
    )
    return _any_field(term, ["title", "purpose"], ["titles"]) | Q(in_versions) | Q(in_files)


DOCUMENTS = _Source(
    kind="document",
    rows=_documents,
    match=_document_match,
    order=[F("date").desc(nulls_last=True), "slug"],
    title=lambda d, language: d.title_in(language),
    titles=lambda d: [d.title, *_translations(d.titles)],
    texts=lambda d: [
        d.title,
        *_translations(d.titles),
        d.purpose,
        *(v.text for v in d.versions.all()),
    ],
    url=lambda d: reverse("web:document", args=[d.organization.slug, d.slug]),
    organization=lambda d: d.organization,
    date=lambda d: d.partial_date,
)


# --- meetings ------------------------------------------------------------------------


def _meetings(viewer: Viewer, org: Organization | None) -> QuerySet:
    rows = Meeting.objects.select_related("body__organization")
    if org is not None:
        rows = rows.filter(body__organization=org)
    return access.meetings(viewer, rows)


def _meeting_match(term: str) -> Q:
    found = _any_field(
        term,
        ["title", "city", "venue", "outcome", "body__name", "body__short_name"],
        ["titles", "city_names", "body__names"],
    )
    if term.isdigit():
        found |= Q(number=int(term))
    return found


def _meeting_texts(m: Meeting) -> list[str]:
    place = ", ".join(x for x in (m.venue, m.city, *_translations(m.city_names)) if x)
    return [
        m.title,
        *_translations(m.titles),
        m.body.name,
        *_translations(m.body.names),
        place,
        m.outcome,
    ]


def meeting_url(meeting: Meeting) -> str:
    return reverse(
        "web:meeting",
        args=[meeting.body.organization.slug, meeting.body.slug, meeting.number or meeting.slug],
    )


MEETINGS = _Source(
    kind="meeting",
    rows=_meetings,
    match=_meeting_match,
    order=["-start", "body__slug", "slug"],
    title=meeting_label,
    titles=lambda m: [m.title, *_translations(m.titles), m.body.name, *_translations(m.body.names)],
    texts=_meeting_texts,
    url=meeting_url,
    organization=lambda m: m.body.organization,
    date=lambda m: m.partial_date,
)


# --- agenda items ------------------------------------------------------------------


def _agenda_items(viewer: Viewer, org: Organization | None) -> QuerySet:
    rows = AgendaItem.objects.select_related("meeting__body__organization")
    if org is not None:
        rows = rows.filter(meeting__body__organization=org)
    return access.agenda_items(viewer, rows)


AGENDA_ITEMS = _Source(
    kind="agenda-item",
    rows=_agenda_items,
    match=lambda term: _any_field(term, ["title"], ["titles"]),
    order=["-meeting__start", "meeting__slug", "position"],
    title=lambda i, language: (
        (i.titles or {}).get(language) or (i.titles or {}).get(language.split("-")[0]) or i.title
    ),
    titles=lambda i: [i.title, *_translations(i.titles)],
    texts=lambda i: [i.title, *_translations(i.titles)],
    url=lambda i: f"{meeting_url(i.meeting)}#item-{i.slug}",
    organization=lambda i: i.meeting.body.organization,
    date=lambda i: i.meeting.partial_date,
)


# --- events ------------------------------------------------------------------------


def _events(viewer: Viewer, org: Organization | None) -> QuerySet:
    rows = Event.objects.select_related("organization")
    if org is not None:
        rows = rows.filter(organization=org)
    return access.events(viewer, rows)


def event_url(event: Event) -> str:
    """The calendar around the event, at the event."""
    url = reverse("web:calendar", args=[event.organization.slug])
    if event.start is not None:
        last = PartialDate.parse(event.end or event.start).latest
        url += "?" + urlencode({"from": event.start.isoformat(), "to": last.isoformat()})
    return f"{url}#event-{event.slug}"


EVENTS = _Source(
    kind="event",
    rows=_events,
    match=lambda term: _any_field(term, ["name", "place", "city"], ["names"]),
    order=[F("start").desc(nulls_last=True), "slug"],
    title=lambda e, language: e.name_in(language),
    titles=lambda e: [e.name, *_translations(e.names)],
    texts=lambda e: [e.name, *_translations(e.names), ", ".join(x for x in (e.place, e.city) if x)],
    url=event_url,
    organization=lambda e: e.organization,
    date=lambda e: e.partial_date,
)


# --- people --------------------------------------------------------------------------


def _people(viewer: Viewer, org: Organization | None) -> QuerySet:
    """People who hold a post, or took part or spoke at a meeting the viewer may read
    (of `org` when given). People carry no classification of their own."""
    meetings = access.meetings(viewer)
    holdings = PostHolding.objects.filter(person=OuterRef("pk"))
    took_part = Participation.objects.filter(person=OuterRef("pk"), meeting__in=meetings)
    spoke = Statement.objects.filter(person=OuterRef("pk"), meeting__in=meetings)
    if org is not None:
        holdings = holdings.filter(post__organization=org)
        took_part = took_part.filter(meeting__body__organization=org)
        spoke = spoke.filter(meeting__body__organization=org)
    return Person.objects.select_related("party").filter(
        Exists(holdings) | Exists(took_part) | Exists(spoke)
    )


PEOPLE = _Source(
    kind="person",
    rows=_people,
    match=lambda term: _any_field(term, ["name"], ["names"]),
    order=["name", "slug"],
    title=lambda p, language: p.name_in(language),
    titles=lambda p: [p.name, *_translations(p.names)],
    texts=lambda p: [p.name, *_translations(p.names)],
    url=lambda p: reverse("web:person", args=[p.slug]),
    organization=lambda p: None,
    date=lambda p: None,
)

SOURCES = {s.kind: s for s in (DOCUMENTS, MEETINGS, AGENDA_ITEMS, EVENTS, PEOPLE)}


# --- the service ---------------------------------------------------------------------


def check_query(query: str) -> list[str]:
    """The words of `query`; DomainError (field `q`) when it is too short or too long."""
    text = " ".join((query or "").split())
    if len(text) < MIN_QUERY:
        raise DomainError.at("q", _("type at least %(n)d characters") % {"n": MIN_QUERY})
    if len(text) > MAX_QUERY:
        raise DomainError.at("q", _("type at most %(n)d characters") % {"n": MAX_QUERY})
    return words(text)


def _snippet(texts: Iterable[str], terms: Sequence[str]) -> SafeString:
    candidates = [t for t in texts if t]
    best = max(candidates, key=lambda t: matches(t, terms), default="")
    return highlight(excerpt(best, terms), terms)


def search(
    viewer: Viewer,
    query: str,
    *,
    organization: Organization | None = None,
    kinds: Iterable[str] | None = None,
    limit: int = 50,
    language: str | None = None,
) -> list[Hit]:
    """What `viewer` may read that matches every word of `query`.

    Each word must occur (case-insensitively) in some searched field of a result: a
    document's title, purpose or text; a meeting's title, body, place or outcome (or
    its number); an agenda item's title; an event's name or place; a person's name;
    names and titles also in each language Accord speaks. `organization` narrows to
    one organization, `kinds` to some of KINDS. At most `limit` hits (1-200): those
    whose titles hold more of the words first, then by kind (in KINDS order), then
    newest first. Titles are given in `language` (default: the active one).

    Raises DomainError naming `q`, `kinds` or `limit` for bad input. One query per
    kind searched (two for documents, with their texts), whatever the number of hits.
    """
    terms = check_query(query)
    wanted = list(KINDS) if kinds is None else list(dict.fromkeys(kinds))
    unknown = [k for k in wanted if k not in SOURCES]
    if unknown or not wanted:
        raise DomainError.at(
            "kinds",
            _("%(kinds)s: not a kind of result (one of: %(known)s)")
            % {"kinds": ", ".join(unknown) or "-", "known": ", ".join(KINDS)},
        )
    if not 1 <= limit <= MAX_LIMIT:
        raise DomainError.at("limit", _("between 1 and %(n)d") % {"n": MAX_LIMIT})
    language = (language or get_language() or settings.LANGUAGE_CODE).lower()
    hits: list[Hit] = []
    for kind in wanted:
        source = SOURCES[kind]
        rows = source.rows(viewer, organization)
        for term in terms:
            rows = rows.filter(source.match(term))
        for row in rows.order_by(*source.order)[:limit]:
            hits.append(_hit(source, row, terms, language))
    hits.sort(key=lambda h: (-h.score, KINDS.index(h.kind)))
    return hits[:limit]


def _hit(source: _Source, row: Model, terms: Sequence[str], language: str) -> Hit:
    in_titles = max((matches(t, terms) for t in source.titles(row) if t), default=0)
    return Hit(
        kind=source.kind,
        object=row,
        title=source.title(row, language),
        snippet=_snippet(source.texts(row), terms),
        url=source.url(row),
        organization=source.organization(row),
        date=source.date(row),
        score=in_titles,
    )
