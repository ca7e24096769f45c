"""Picking a record by name where a form asks for its key: parties, people and
documents (bodies, meetings and agenda items: `search.pick_meetings`) whose key or
name (in any recorded language) contains what was typed, within what the reader may
read (the access layer's querysets), for the pickers of the recording pages
(`GET /api/v1/pick`).

Names are matched in the database (case-insensitively; translations through their
stored JSON, which on SQLite keeps non-Latin letters escaped, so the escaped forms of
what was typed are looked for too); at most `limit` choices, the exact key first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from django.db.models import Q, QuerySet

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.documents.models import Document
from accord.meetings.models import Meeting
from accord.registry.models import Organization, Party, Person

Kind = Literal["party", "person", "document", "body", "meeting", "item"]


@dataclass(frozen=True)
class Choice:
    value: str  # the key the form takes (a party's code, a person's or document's slug)
    label: str  # the name in the reader's language
    detail: str  # what tells two alike apart (the code, the party, the type and date)


def _typed(typed: str) -> list[str]:
    """What was typed, and its forms as stored in JSON text (escaped non-Latin
    letters), in lower and title case."""
    forms = {typed, typed.lower(), typed.capitalize()}
    escaped = {json.dumps(f)[1:-1] for f in forms}
    return sorted(forms | escaped)


def matching(queryset: QuerySet, key: str, name: str, names: str, typed: str) -> QuerySet:
    """The rows of `queryset` whose `key` or `name`, or a translation in `names`,
    contains `typed`."""
    q = Q(**{f"{key}__icontains": typed}) | Q(**{f"{name}__icontains": typed})
    for form in _typed(typed):
        q |= Q(**{f"{names}__icontains": form})
    return queryset.filter(q)


def pick(
    viewer: Viewer,
    kind: Kind,
    typed: str,
    language: str,
    organization: Organization | None = None,
    limit: int = 20,
    *,
    body: str | None = None,
    meeting: Meeting | None = None,
) -> list[Choice]:
    """The records of `kind` the reader may read whose key or name contains `typed`:
    meetings of `body` (an id) when given; agenda items of `meeting` (one the reader
    may read; none without it)."""
    # Imported here: those kinds' module builds on this one's `Choice` and `matching`.
    from accord.search import pick_meetings

    typed = " ".join(typed.split())
    if not typed:
        return []
    if kind == "body":
        return pick_meetings.pick_bodies(typed, language, organization, limit)
    if kind == "meeting":
        return pick_meetings.pick_meetings(viewer, typed, language, organization, body, limit)
    if kind == "item":
        if meeting is None:
            return []
        return pick_meetings.pick_items(viewer, typed, language, meeting, limit)
    if kind == "party":
        parties = matching(Party.objects.all(), "code", "name", "names", typed)
        rows = sorted(parties[: limit * 2], key=lambda p: (p.code.casefold() != typed.casefold(),))
        return [Choice(p.code, p.name_in(language), p.code) for p in rows[:limit]]
    if kind == "person":
        people = matching(
            access.people_to_name(viewer, Person.objects.all(), organization),
            "slug",
            "name",
            "names",
            typed,
        ).select_related("party")
        return [
            Choice(p.slug, p.name_in(language), p.party.name_in(language) if p.party else "")
            for p in people.order_by("name")[:limit]
        ]
    documents = Document.objects.all()
    if organization is not None:
        documents = documents.filter(organization=organization)
    found = matching(access.documents(viewer, documents), "slug", "title", "titles", typed)
    return [
        Choice(
            d.slug,
            d.title_in(language),
            ", ".join(x for x in (d.type.name_in(language), str(d.date or "")) if x),
        )
        for d in found.select_related("type").order_by("-date", "slug")[:limit]
    ]
