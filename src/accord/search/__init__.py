"""Search across the record, restricted to what the viewer may read.

The interface, for every caller (the web page, later the API and the CLI)::

    from accord.search import search, Hit, KINDS

    hits = search(viewer, "anti-drug plan", organization=sco, kinds=["document"], limit=20)
    for hit in hits:
        hit.kind       # "document", "meeting", "agenda-item", "event" or "person"
        hit.object     # the Document, Meeting, AgendaItem, Event or Person
        hit.title      # its title in the active (or given) language
        hit.snippet    # escaped text around the match, matched words in <mark> (safe HTML)
        hit.url        # the page that shows it
        hit.organization, hit.date   # where known

Every word of the query must match (in any of the object's texts); English and
Russian words match their other forms, Chinese words as substrings; case never
matters; all recorded translations and document versions are searched. Results are
ranked by a full-text index (SQLite FTS5 or PostgreSQL tsvector and pg_trgm: see
`accord.search.text` and `accord.search.index`). Each kind of result comes from the
access layer (`accord.accounts.access`), so nothing the viewer may not read is found,
counted or quoted. Bad input (a query shorter than 2 or longer than 200 characters,
an unknown kind, a limit outside 1-200) raises `DomainError` naming the field (`q`,
`kinds`, `limit`).
"""

from __future__ import annotations

from typing import Any

__all__ = ["KINDS", "Hit", "search"]


def __getattr__(name: str) -> Any:
    # `accord.search` is also a Django application (its index table): the service,
    # which needs the models, is imported on first use, once the applications are loaded.
    if name in __all__:
        from accord.search import service

        return getattr(service, name)
    raise AttributeError(name)
