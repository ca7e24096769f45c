"""Keeping the search index up to date, and rebuilding it.

Every write is announced by the audit trail, whichever way it came (web, API, CLI,
`accord load`): `written` notes which searchable objects the write touched (a
document's version or file touches the document, a body the meetings that carry its
name); `settled`, once the write's audit entry is appended, rewrites the index rows
of those objects, in the same transaction. So the index changes with the record,
atomically, and the record's state (the newest audit entry, which also keys the
cache of public answers) never names an index that lags behind. Inside a
`audit.batched()` block (`accord load`, a deletion) the entries are appended at
the end of the block, and the index is rewritten then, once per object however many
of its rows were written: a whole record in bulk. A search first rewrites what is
still pending (`flush`), so that a write inside a batch is found at once.

Rewriting an object reads it as it stands, so doing it twice, or for an object that
is gone, is harmless. `rebuild` (`accord search reindex`) rewrites everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.db import connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from accord.bodies.models import Body
from accord.core import rows
from accord.documents.models import Document, DocumentFile, DocumentVersion
from accord.meetings.models import AgendaItem, Event, Meeting
from accord.registry.models import Person
from accord.search.models import SearchEntry
from accord.search.text import cjk_pairs, index_text, language_of

CHUNK = 500
# (kind, object id); "body" stands for the body's meetings, "version" for its document
Key = tuple[str, int]


class _Texts:
    """An object's texts grouped by language: titles and other texts."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[list[str], list[str]]] = {}

    def add(self, text: str | None, *, title: bool = False, language: str = "") -> None:
        if not isinstance(text, str) or not text.strip():
            return
        titles, others = self.rows.setdefault(language_of(text, language), ([], []))
        (titles if title else others).append(text.strip())

    def add_all(self, values: dict | None, *, title: bool = False) -> None:
        for language, text in (values or {}).items():
            self.add(text, title=title, language=language)

    def entries(self, kind: str, pk: int, date: dt.date | None) -> list[SearchEntry]:
        return [
            SearchEntry(
                kind=kind,
                object_id=pk,
                language=language,
                date=date,
                title="\n".join(titles),
                body="\n".join(others),
            )
            for language, (titles, others) in sorted(self.rows.items())
        ]


def _documents(ids: Sequence[int]) -> Iterator[SearchEntry]:
    # Plain values, not model objects: a load indexes hundreds of thousands.
    texts: dict[int, _Texts] = {}
    documents = Document.objects.filter(pk__in=ids).order_by("pk")
    dates = {}
    for pk, title, titles, purpose, date in documents.values_list(
        "pk", "title", "titles", "purpose", "date"
    ):
        texts[pk] = found = _Texts()
        found.add(title, title=True)
        found.add_all(titles, title=True)
        found.add(purpose)
        dates[pk] = date
    files: dict[int, list[tuple[str, str]]] = {}
    for version, text, language in (
        DocumentFile.objects.filter(version__document__in=ids)
        .order_by("version", "kind", "language")
        .values_list("version", "text", "language")
    ):  # the text read from a PDF, DOCX, ODT
        files.setdefault(version, []).append((text, language))
    for pk, document, text, language in (
        DocumentVersion.objects.filter(document__in=ids)
        .order_by("document", "number", "language")
        .values_list("pk", "document", "text", "language")
    ):
        texts[document].add(text, language=language)
        for file_text, file_language in files.get(pk, ()):
            texts[document].add(file_text, language=file_language or language)
    for pk, found in texts.items():
        yield from found.entries("document", pk, dates[pk])


def _meetings(ids: Sequence[int]) -> Iterator[SearchEntry]:
    for m in Meeting.objects.filter(pk__in=ids).select_related("body").order_by():
        texts = _Texts()
        texts.add(m.title, title=True)
        texts.add_all(m.titles, title=True)
        texts.add(m.body.name, title=True)
        texts.add_all(m.body.names, title=True)
        texts.add(m.body.short_name, title=True)
        if m.number:
            texts.add(str(m.number), title=True, language=language_of(""))
        texts.add(m.city)
        texts.add_all(m.city_names)
        texts.add(m.venue)
        texts.add(m.outcome)
        yield from texts.entries("meeting", m.pk, m.start)


def _agenda_items(ids: Sequence[int]) -> Iterator[SearchEntry]:
    rows = AgendaItem.objects.filter(pk__in=ids).select_related("meeting").order_by()
    for item in rows:
        texts = _Texts()
        texts.add(item.title, title=True)
        texts.add_all(item.titles, title=True)
        yield from texts.entries("agenda-item", item.pk, item.meeting.start)


def _events(ids: Sequence[int]) -> Iterator[SearchEntry]:
    for e in Event.objects.filter(pk__in=ids).order_by():
        texts = _Texts()
        texts.add(e.name, title=True)
        texts.add_all(e.names, title=True)
        texts.add(e.place)
        texts.add_all(e.place_names)
        texts.add(e.city)
        texts.add_all(e.city_names)
        yield from texts.entries("event", e.pk, e.start)


def _people(ids: Sequence[int]) -> Iterator[SearchEntry]:
    for p in Person.objects.filter(pk__in=ids).order_by():
        texts = _Texts()
        texts.add(p.name, title=True)
        texts.add_all(p.names, title=True)
        yield from texts.entries("person", p.pk, None)


# Each kind: its model (to list every object) and how its rows are made.
BUILDERS: dict[str, tuple[type[Model], Callable[[Sequence[int]], Iterator[SearchEntry]]]] = {
    "document": (Document, _documents),
    "meeting": (Meeting, _meetings),
    "agenda-item": (AgendaItem, _agenda_items),
    "event": (Event, _events),
    "person": (Person, _people),
}


def _keys_of(instance: Model) -> list[Key]:
    """The searchable objects a write of `instance` changes."""
    if isinstance(instance, Document):
        return [("document", instance.pk)]
    if isinstance(instance, DocumentVersion):
        return [("document", instance.document_id)]
    if isinstance(instance, DocumentFile):
        return [("version", instance.version_id)]
    if isinstance(instance, Meeting):
        return [("meeting", instance.pk)]
    if isinstance(instance, AgendaItem):
        return [("agenda-item", instance.pk)]
    if isinstance(instance, Event):
        return [("event", instance.pk)]
    if isinstance(instance, Person):
        return [("person", instance.pk)]
    if isinstance(instance, Body):
        return [("body", instance.pk)]
    return []


# --- writing -------------------------------------------------------------------------


def _connection() -> BaseDatabaseWrapper:
    return connections[router.db_for_write(SearchEntry)]


def _delete(connection: BaseDatabaseWrapper, kind: str, ids: Sequence[int]) -> None:
    if connection.vendor == "sqlite":
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_entry"
                f" WHERE kind = %s AND object_id IN ({marks}))",
                [kind, *ids],
            )
    SearchEntry.objects.using(connection.alias).filter(kind=kind, object_id__in=ids).delete()


def _insert(connection: BaseDatabaseWrapper, entries: list[SearchEntry]) -> None:
    if not entries:
        return
    if connection.vendor == "postgresql":
        for e in entries:  # Chinese as character pairs, the words of the tsvector
            e.title, e.body = cjk_pairs(e.title), cjk_pairs(e.body)
    rows.insert(entries, using=connection.alias)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [
                    (e.pk, index_text(e.title, e.language), index_text(e.body, e.language))
                    for e in entries
                ],
            )


# Any fixed 64-bit number, the same in every process: "search" in ASCII.
INDEX_LOCK = 0x736561726368


def _hold_the_index(connection: BaseDatabaseWrapper) -> None:
    """Keep other index writers out until this transaction ends.

    Two PostgreSQL transactions rewriting the same object at once would each delete
    the rows they see and insert their own, leaving both; the second waits here, then
    sees (and replaces) the first's rows. SQLite writers already queue.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [INDEX_LOCK])


def rewrite(keys: Iterable[Key]) -> int:
    """Rewrite the index rows of the objects named by `keys`; how many objects."""
    by_kind: dict[str, set[int]] = {}
    for kind, pk in keys:
        by_kind.setdefault(kind, set()).add(pk)
    versions = by_kind.pop("version", set())
    if versions:
        documents = DocumentVersion.objects.filter(pk__in=versions).values_list(
            "document_id", flat=True
        )
        by_kind.setdefault("document", set()).update(documents)
    bodies = by_kind.pop("body", set())
    if bodies:
        meetings = Meeting.objects.filter(body_id__in=bodies).values_list("pk", flat=True)
        by_kind.setdefault("meeting", set()).update(meetings)
    connection = _connection()
    count = 0
    with transaction.atomic(using=connection.alias):
        _hold_the_index(connection)
        for kind, ids in by_kind.items():
            ordered = sorted(ids)
            for start in range(0, len(ordered), CHUNK):
                chunk = ordered[start : start + CHUNK]
                _delete(connection, kind, chunk)
                _insert(connection, list(BUILDERS[kind][1](chunk)))
                count += len(chunk)
    return count


# --- what a write touched ------------------------------------------------------------


def _pending(connection: BaseDatabaseWrapper) -> set[Key]:
    pending = getattr(connection, "accord_search_pending", None)
    if pending is None:
        pending = set()
        # Accord's own note on the connection: the rows to index again once committed.
        connection.accord_search_pending = pending  # type: ignore[attr-defined]
    return pending


def written(sender: type[Model], *, operation: str, instance: Model, **kwargs: Any) -> None:
    """Note the objects a write touched (receiver of `accord.core.audit.written`)."""
    keys = _keys_of(instance)
    if keys:
        _pending(_connection()).update(keys)


def settled(sender: type[Model], **kwargs: Any) -> None:
    """The audit entries of the writes are appended (receiver of
    `accord.core.audit.settled`): rewrite what they touched, in their transaction."""
    flush()


def flush() -> int:
    """Rewrite the index rows of the objects written since the last flush; how many."""
    pending = _pending(_connection())
    if not pending:
        return 0
    keys = list(pending)
    pending.clear()
    try:
        return rewrite(keys)
    except Exception:
        pending.update(keys)  # tried again at the next flush
        raise


def rebuild(progress: Callable[[str], None] | None = None) -> int:
    """Empty the index and write it again from the record; how many objects."""
    say = progress or (lambda _: None)
    connection = _connection()
    _pending(connection).clear()
    count = 0
    with transaction.atomic(using=connection.alias):
        _hold_the_index(connection)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts")
        SearchEntry.objects.using(connection.alias).all().delete()
        for kind, (model, build) in BUILDERS.items():
            ids = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
            done = 0
            say(f"{kind}: 0/{len(ids)}")
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start : start + CHUNK]
                _insert(connection, list(build(chunk)))
                done += len(chunk)
                say(f"{kind}: {done}/{len(ids)}")
            count += len(ids)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE search_entry")
    return count


def build_if_empty(sender: Any = None, *, using: str = "default", **kwargs: Any) -> None:
    """After `accord migrate`: an index that is empty while the record is not (a database
    from before the index) is built."""
    connection = connections[using]
    if "search_entry" not in connection.introspection.table_names():
        return
    if SearchEntry.objects.using(using).exists():
        return
    if any(model._default_manager.using(using).exists() for model, _ in BUILDERS.values()):
        rebuild()
