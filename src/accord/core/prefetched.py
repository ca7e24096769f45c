"""The rows prefetched for a relation, read without making its related manager.

`meeting.agenda.all()` on rows prefetched (by `prefetch_related`, or as
`accounts.record_parts.keep_rows` puts them) makes the relation's manager first, which
for a many-to-many relation costs more than reading its few rows: a meeting's record
asked for some forty of them. `all_of(meeting, "agenda")` gives the same rows (the
same kept queryset `.all()` gives), or asks the manager where nothing was prefetched.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet


def all_of(row: Model, name: str) -> Any:
    """`getattr(row, name).all()`, where `name` is the relation's name as prefetched
    (its accessor)."""
    kept = row.__dict__.get("_prefetched_objects_cache")
    if kept is not None:
        found = kept.get(name)
        if found is not None:
            return found
    return getattr(row, name).all()


# An empty queryset of each model, whose state a kept one starts from: a queryset made
# anew makes its query (a dozen containers), which a page's forty kept ones only carry.
_EMPTY: dict[type[Model], dict[str, Any]] = {}


def keep_rows(instance: Model, name: str, model: type[Model], found: list[Any]) -> None:
    """Put `found` where `prefetch_related` puts a related manager's rows: a queryset
    evaluated to them. Kept querysets of a model share one empty query, which Django
    never changes in place (a filter or an ordering asked of one is a new queryset with
    a copy of it); each has its own hints and known related rows."""
    state = _EMPTY.get(model)
    if state is None:
        state = _EMPTY[model] = vars(QuerySet(model=model))
    rows: QuerySet[Any] = QuerySet.__new__(QuerySet)
    vars(rows).update(
        state, _hints={}, _known_related_objects={}, _result_cache=found, _prefetch_done=True
    )
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[name] = rows


def keep_children(parent: Model, name: str, model: type[Model], link: str, rows: list) -> None:
    """`rows` as `parent`'s prefetched `name` (a reverse relation), each linked back to
    it through its key `link`, as `prefetch_related` links them."""
    field = model._meta.get_field(link)
    for row in rows:
        field.set_cached_value(row, parent)  # type: ignore[union-attr]
    keep_rows(parent, name, model, rows)


def keep_grouped(parents: list, name: str, model: type[Model], link: str, rows: list) -> None:
    """`rows` shared out among `parents` by their key `link`, each parent's kept as
    `keep_children` keeps them (a row of no parent listed is left out)."""
    by: dict[Any, list[Any]] = {parent.pk: [] for parent in parents}
    attname = model._meta.get_field(link).attname  # type: ignore[union-attr]
    for row in rows:
        found = by.get(getattr(row, attname))
        if found is not None:
            found.append(row)
    for parent in parents:
        keep_children(parent, name, model, link, by[parent.pk])
