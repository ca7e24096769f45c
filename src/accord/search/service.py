"""The search service: one function, `search`, over everything a viewer may read.

The matching is done by the full-text index (`accord.search.models`, kept up to date
by `accord.search.index`): one query finds the objects holding every word of the
query, ranked (SQLite: bm25, titles weighing ten times the other texts; PostgreSQL:
ts_rank, titles weighted A and the other texts B), among the rows the access layer
lets the viewer read, which is part of the same query. The hits are then read
through the access layer again, one query per kind found (documents with their
versions), and their snippets made from their texts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connections, router
from django.db.models import Max, Model, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.core.dates import PartialDate
from accord.core.errors import DomainError
from accord.core.languages import translated
from accord.documents.models import Document
from accord.meetings.models import AgendaItem, Event, Meeting
from accord.publishing.labels import meeting_label
from accord.registry.models import Organization, Person
from accord.search import index
from accord.search.highlight import combined, excerpt, highlight, words
from accord.search.models import SearchEntry
from accord.search.text import Term, terms_of

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
    `score` its rank (higher first; comparable within one search only).
    """

    kind: str
    object: Any
    title: str
    snippet: SafeString
    url: str
    organization: Organization | None = None
    date: PartialDate | None = None
    score: float = field(default=0.0, compare=False)


def _translations(values: dict | None) -> list[str]:
    return [v for v in (values or {}).values() if isinstance(v, str) and v]


@dataclass(frozen=True)
class _Source:
    """How one kind of object is searched and shown."""

    kind: str
    rows: Callable[[Viewer, Organization | None], QuerySet]
    title: Callable[[Any, str], str]
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


DOCUMENTS = _Source(
    kind="document",
    rows=_documents,
    title=lambda d, language: d.title_in(language),
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


def _meeting_texts(m: Meeting) -> list[str]:
    place = ", ".join(x for x in (m.venue, m.city, *_translations(m.city_names)) if x)
    return [
        m.title,
        *_translations(m.titles),
        m.body.name,
        *_translations(m.body.names),
        m.body.short_name,
        str(m.number or ""),
        place,
        *_translations(m.city_names),
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
    title=meeting_label,
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
    title=lambda i, language: translated(i.titles, language) or i.title,
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
        last = event.end or event.start
        url += "?" + urlencode({"from": event.start.isoformat(), "to": last.isoformat()})
    return f"{url}#event-{event.slug}"


EVENTS = _Source(
    kind="event",
    rows=_events,
    title=lambda e, language: e.name_in(language),
    texts=lambda e: [
        e.name,
        *_translations(e.names),
        ", ".join(x for x in (e.place, e.city) if x),
        *_translations(e.place_names),
        *_translations(e.city_names),
    ],
    url=event_url,
    organization=lambda e: e.organization,
    date=lambda e: e.partial_date,
)


# --- people --------------------------------------------------------------------------


def _people(viewer: Viewer, org: Organization | None) -> QuerySet:
    """People who hold a post, or took part or spoke where the viewer may read (of
    `org` when given): `access.people`. People carry no classification of their own."""
    return access.people(viewer, Person.objects.select_related("party"), organization=org)


PEOPLE = _Source(
    kind="person",
    rows=_people,
    title=lambda p, language: p.name_in(language),
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


def _snippet(texts: Iterable[str], terms: Sequence[Term]) -> SafeString:
    """The text holding most of the words, cut around the first, the words marked."""

    def marked(text: str) -> list[str]:
        return [p for p in (term.pattern(text) for term in terms) if p is not None]

    best = max((t for t in texts if t), key=lambda t: len(marked(t)), default="")
    found = combined(marked(best))
    return highlight(excerpt(best, found), found)


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

    Each word must occur in some searched text of a result: a document's titles,
    purpose, or the text of any of its versions or their files; a meeting's title,
    body, number, place or outcome; an agenda item's title; an event's name or place;
    a person's name; each in every language recorded. English words match their other forms
    ("plans" finds "plan"), Russian words theirs (PostgreSQL: by the Russian
    dictionary; SQLite: by prefix once the ending is cut), Chinese as a substring;
    case never matters; stop words ("the", "и") are left out. `organization`
    narrows to one organization, `kinds` to some of KINDS. At most `limit` hits
    (1-200), the best ranked first (matches in titles weigh most), then newest
    first; on PostgreSQL, a query whose every word is very common is answered from
    the newest entries first (see BROAD). Titles are given in `language` (default:
    the active one).

    Raises DomainError naming `q`, `kinds` or `limit` for bad input. One query for
    the ranking, and one per kind found (two for documents, with their versions),
    whatever the number of hits; nothing the viewer may not read is found, counted
    or quoted.
    """
    words_ = check_query(query)
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
    terms = terms_of(words_)
    if not terms:
        return []
    index.flush()  # what this transaction wrote is found too
    ranked = _ranked(viewer, organization, wanted, terms, limit)
    ids: dict[str, list[int]] = {}
    for kind, pk, _score in ranked:
        ids.setdefault(kind, []).append(pk)
    rows: dict[tuple[str, int], Model] = {}
    for kind in KINDS:
        if kind in ids:
            source = SOURCES[kind]
            for row in source.rows(viewer, organization).filter(pk__in=ids[kind]):
                rows[(kind, row.pk)] = row
    return [
        _hit(SOURCES[kind], rows[(kind, pk)], terms, language, score)
        for kind, pk, score in ranked
        if (kind, pk) in rows
    ]


# --- the ranking query -----------------------------------------------------------------

# SQLite: bm25 of the FTS5 table, a title counting ten times the other texts (bm25 is
# negative, better more so). PostgreSQL: ts_rank with the weights of D, C, B, A: texts
# (B) 0.1, titles (A) 1.
_SQLITE_TERM = (
    "SELECT rowid AS id, {i} AS term, -bm25(search_fts, 10.0, 1.0) AS score"
    " FROM search_fts WHERE search_fts MATCH %s"
)
_PG_WORDS = (
    "(plainto_tsquery('english', %s) || plainto_tsquery('russian', %s)"
    " || plainto_tsquery('simple', %s))"
)
_PG_RANK = "ts_rank('{0, 0, 0.1, 1}'::float4[], vector, %s)::float8"


def _pg_query(term: Term) -> tuple[str, list[Any]]:
    """The tsquery of a term, with its parameters. A Chinese term: the phrase of its
    character pairs (the index holds Chinese text as pairs, `text.cjk_pairs`); a
    single character, as the prefix of a pair."""
    if term.script == "cjk":
        pairs = term.pairs()
        if " " not in pairs and len(pairs) == 1:
            return "to_tsquery('simple', quote_literal(%s) || ':*')", [pairs]
        return "phraseto_tsquery('simple', %s)", [pairs]
    return _PG_WORDS, [term.word] * 3


def _term_sql(
    vendor: str, i: int, term: Term, *, within: str = "", since: dt.date | None = None
) -> tuple[str, list[Any]]:
    """The index rows matching `term`: (id, term number, score). PostgreSQL: among the
    rows of the objects in the CTE `within` if given, dated `since` or later if given."""
    if vendor != "postgresql":
        return _SQLITE_TERM.format(i=i), [term.fts5()]
    query, words = _pg_query(term)
    joined = f" JOIN {within} USING (kind, object_id)" if within else ""
    sql = (
        f"SELECT id, {i} AS term, {_PG_RANK % query} AS score"
        f" FROM search_entry{joined} WHERE vector @@ {query}"
    )
    params = [*words, *words]
    if since is not None:
        sql, params = f"{sql} AND date >= %s", [*params, since]
    return sql, params


def _ranked(
    viewer: Viewer,
    organization: Organization | None,
    kinds: Sequence[str],
    terms: Sequence[Term],
    limit: int,
) -> list[tuple[str, int, float]]:
    """(kind, id, score) of the best `limit` objects holding every term, among those of
    `kinds` the viewer may read.

    In one statement: `m`, the index rows matching each term (by the full-text index
    alone: SQLite's bm25 may only be used there); `c`, the objects holding every term,
    with their scores; then, per kind, those of `c` that the access layer's query for
    the kind admits (asked of each candidate, so the rules are only weighed for
    candidates), best first.

    On PostgreSQL the rows each term matches are estimated first: the other terms are
    looked for only in the objects holding the rarest, and a query whose every term
    is common is answered from the newest entries first.
    """
    connection = connections[router.db_for_read(SearchEntry)]
    if connection.vendor != "postgresql":
        return _ranked_among(connection, viewer, organization, kinds, terms, limit)
    estimates = _estimates(connection, terms)
    rarest = min(range(len(terms)), key=estimates.__getitem__)
    if estimates[rarest] > BROAD:
        newest = SearchEntry.objects.aggregate(newest=Max("date"))["newest"]
        for days in NEWEST_FIRST if newest is not None else ():
            since = newest - dt.timedelta(days=days)
            found = _ranked_among(
                connection, viewer, organization, kinds, terms, limit, rarest, since
            )
            if len(found) >= limit:
                return found
    return _ranked_among(connection, viewer, organization, kinds, terms, limit, rarest)


# A query whose every term is in more entries than BROAD (a common word: "cooperation"
# in a history of a million documents) would rank them all: it is answered from the
# newest entries first, the best ranked of the last month that holds `limit` hits,
# else of the last year, five years, then of all. (PostgreSQL; a query with a rarer
# term ranks all it finds.)
BROAD = 2000
NEWEST_FIRST = (31, 366, 5 * 366)


def _estimates(connection: Any, terms: Sequence[Term]) -> list[float]:
    """How many index rows each term matches, as PostgreSQL's planner estimates it from
    the column's statistics (no row is read: counting a common word's rows would cost
    more than the search)."""

    def estimate(cursor: Any, query: str, words: list[Any]) -> float:
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_entry WHERE vector @@ {query}", words
        )
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return float(plan[0]["Plan"]["Plan Rows"])

    estimates = []
    with connection.cursor() as cursor:
        for term in terms:
            pairs = term.pairs().split() if term.script == "cjk" else []
            if len(pairs) > 1:
                # The planner takes a phrase for as rare as its words all together (a
                # thousandth of the rows it has): its rarest pair bounds it better.
                single = "to_tsquery('simple', quote_literal(%s))"
                estimates.append(min(estimate(cursor, single, [p]) for p in pairs))
            else:
                estimates.append(estimate(cursor, *_pg_query(term)))
    return estimates


def _ranked_among(
    connection: Any,
    viewer: Viewer,
    organization: Organization | None,
    kinds: Sequence[str],
    terms: Sequence[Term],
    limit: int,
    rarest: int | None = None,
    since: dt.date | None = None,
) -> list[tuple[str, int, float]]:
    """`_ranked`, among the entries dated `since` or later (None: all); the terms other
    than the `rarest` (PostgreSQL) looked for in the objects holding it only."""
    params: list[Any] = []
    ctes = []
    if rarest is not None and len(terms) > 1:
        query, words = _pg_query(terms[rarest])
        dated = " AND date >= %s" if since is not None else ""
        ctes.append(
            "r AS MATERIALIZED (SELECT DISTINCT kind, object_id FROM search_entry"
            f" WHERE vector @@ {query}{dated})"
        )
        params += [*words, *([since] if since is not None else [])]
    matched = []
    for i, term in enumerate(terms):
        within = "r" if ctes and i != rarest else ""
        sql, more = _term_sql(connection.vendor, i, term, within=within, since=since)
        matched.append(sql)
        params += more
    params.append(len(terms))
    readable = []
    for kind in kinds:
        # The candidate's own row, if the access layer admits it (EXISTS, correlated
        # to the candidate: a look-up by key, the rules weighed for that row alone).
        rows = SOURCES[kind].rows(viewer, organization).filter(pk=RawSQL("c.object_id", []))
        sql, row_params = rows.order_by().values("pk").query.sql_with_params()
        readable.append(
            f"SELECT kind, object_id, score, day, {KINDS.index(kind)} AS kind_order FROM c"
            f" WHERE kind = %s AND EXISTS ({sql})"
        )
        params += [kind, *row_params]
    params.append(limit)
    sql = (
        f"WITH {''.join(c + ', ' for c in ctes)}m AS MATERIALIZED ({' UNION ALL '.join(matched)}),"
        " c AS MATERIALIZED ("
        "SELECT e.kind, e.object_id, SUM(m.score) AS score, MAX(e.date) AS day"
        " FROM m JOIN search_entry AS e ON e.id = m.id"
        " GROUP BY e.kind, e.object_id HAVING COUNT(DISTINCT m.term) = %s)"
        f" {' UNION ALL '.join(readable)}"
        " ORDER BY score DESC, day DESC NULLS LAST, kind_order, object_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(kind, int(pk), float(score)) for kind, pk, score, *_ in cursor.fetchall()]


def _hit(source: _Source, row: Model, terms: Sequence[Term], language: str, score: float) -> Hit:
    return Hit(
        kind=source.kind,
        object=row,
        title=source.title(row, language),
        snippet=_snippet(source.texts(row), terms),
        url=source.url(row),
        organization=source.organization(row),
        date=source.date(row),
        score=score,
    )
