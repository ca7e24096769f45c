"""The record of changes of a meeting or a document: who created and changed it, when,
and what, as the reader may see it (`accounts.history`: the secretariat sees the
entries as written; everyone else the writers as roles, with what it may not read
withheld)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accord.accounts import access
from accord.accounts.history import WITHHELD, Entry, history, references_of
from accord.bodies import selectors as bodies
from accord.publishing import labels
from accord.registry import selectors as registry
from accord.web.browse.common import meeting_here, org_crumbs, reading, viewer
from accord.web.templatetags.accord_extras import tr

# Bookkeeping columns every write touches: not what a reader means by "what changed".
_QUIET = frozenset({"id", "version", "search_text"})


@dataclass(frozen=True)
class Change:
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Shown:
    entry: Entry
    changes: list[Change]


class _Names:
    """The rows the entries refer to, named as the pages name them (in the reader's
    language): one query per kind of row referred to. The entries reaching here hold
    only references the reader may read (`accounts.history` withholds the others)."""

    def __init__(self, model: type[Model], entries: list[Entry]) -> None:
        self.references = references_of(model)
        wanted: dict[str, set[Any]] = {}
        for e in entries:
            for side in (e.before, e.after):
                for key, value in (side or {}).items():
                    label = self.references.get(key)
                    if label is None or value in (None, WITHHELD):
                        continue
                    values = value if isinstance(value, list) else [value]
                    wanted.setdefault(label, set()).update(v for v in values if v != WITHHELD)
        self.names: dict[tuple[str, Any], str] = {}
        for label, ids in wanted.items():
            related = apps.get_model(label)
            for row in related._default_manager.filter(pk__in=sorted(ids, key=str)):
                self.names[(label, row.pk)] = tr(row)

    def field(self, key: str) -> str:
        return key.removesuffix("_id") if key in self.references else key

    def value(self, key: str, value: Any) -> str:
        if value is None or value == "" or value == [] or value == {}:
            return "—"
        label = self.references.get(key)
        if label is not None and value != WITHHELD:
            values = value if isinstance(value, list) else [value]
            return ", ".join(self.names.get((label, v), f"#{v}") for v in values)
        if isinstance(value, str):
            return value
        return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _changes(entry: Entry, names: _Names) -> list[Change]:
    before, after = entry.before or {}, entry.after or {}
    fields = [k for k in (*after, *(k for k in before if k not in after)) if k not in _QUIET]
    if entry.operation == "create":
        return [
            Change(names.field(k), None, names.value(k, after.get(k)))
            for k in fields
            if after.get(k) not in (None, "", [], {})
        ]
    if entry.operation == "delete":
        return []
    return [
        Change(names.field(k), names.value(k, before.get(k)), names.value(k, after.get(k)))
        for k in fields
        if before.get(k) != after.get(k)
    ]


def _page(
    request: HttpRequest, obj: Any, org: Any, title: str, back: str, crumbs: list
) -> HttpResponse:
    entries = history(viewer(request), obj, org)
    names = _Names(type(obj), entries)
    context = {
        "organization": org,
        "title": title,
        "back": back,
        "entries": [Shown(e, _changes(e, names)) for e in entries],
        "crumbs": crumbs,
    }
    return render(request, "web/changes.html", context)


@reading
def meeting_changes(request: HttpRequest, org: str, body: str, ref: str) -> HttpResponse:
    who = viewer(request)
    found_org = registry.organization(org)
    found_body = bodies.body(found_org, body)
    m = meeting_here(request, who, found_org, found_body, ref)
    label = labels.meeting_label(m, get_language().lower())
    back = reverse("web:meeting", args=[found_org.slug, found_body.slug, m.ref])
    crumbs = org_crumbs(
        found_org,
        (tr(found_body), reverse("web:body", args=[found_org.slug, found_body.slug])),
        (label, back),
        (_("Record of changes"), None),
    )
    return _page(request, m, found_org, label, back, crumbs)


@reading
def document_changes(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    found_org = registry.organization(org)
    d = access.document(viewer(request), found_org, slug)
    back = reverse("web:document", args=[found_org.slug, d.slug])
    crumbs = org_crumbs(found_org, (tr(d), back), (_("Record of changes"), None))
    return _page(request, d, found_org, tr(d), back, crumbs)
