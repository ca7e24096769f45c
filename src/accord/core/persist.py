"""The one way rows are written: compare, then create or update only what changed.

Services call these helpers so that writing the same record twice changes nothing
(no row is touched, no id changes), and a field-level problem (too long, not a
choice) becomes a DomainError naming the field. Inside a batch of writes (a record
file's), what the batch created is known without asking the database
(`accord.core.identity`, told of every row written here).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.deletion import Collector

from accord.core import audit, identity, inputs
from accord.core.dates import range_problem
from accord.core.errors import DomainError, Problem
from accord.core.rows import insert as insert_rows

M = TypeVar("M", bound=models.Model)
A = TypeVar("A")


class Tally(Counter):
    """How many rows of each kind were created, updated, removed or left unchanged."""

    def add(self, model: type[models.Model], outcome: str) -> None:
        self[(model._meta.verbose_name_plural, outcome)] += 1

    def count_of(self, outcome: str) -> int:
        return sum(n for (_, o), n in self.items() if o == outcome)

    def summary(self) -> str:
        parts = [f"{self.count_of(o)} {o}" for o in ("created", "updated", "removed", "unchanged")]
        return ", ".join(parts)


# Asked before a row is changed or deleted: (row, {field: (held, wanted)} or None for
# a deletion); raises a DomainError to refuse (the record loader's check that a file
# does not silently undo what was recorded since, through the web or the API).
Guard = Callable[[models.Model, Mapping[str, tuple[Any, Any]] | None], None]
_guard: ContextVar[Guard | None] = ContextVar("accord_persist_guard", default=None)


@contextmanager
def guarded(guard: Guard | None) -> Iterator[None]:
    """Ask `guard` before each row is changed or deleted (None: ask nothing)."""
    token = _guard.set(guard)
    try:
        yield
    finally:
        _guard.reset(token)


def _same(instance: models.Model, field: str, value: object) -> bool:
    """Whether `instance.field` already holds `value` (relations compared by key, unloaded)."""
    model_field = identity.column(instance, field)
    if model_field.is_relation:
        current = getattr(instance, model_field.attname)
        return current == (value.pk if isinstance(value, models.Model) else value)
    return getattr(instance, field) == value


def _out_of_range(field: models.Field, value: object) -> str | None:
    """Why a date or an integer cannot be kept in `field`: a date of the record
    (a DateField's, not a timestamp's) outside the days the record keeps
    (`dates.range_problem`); an integer out of range on some database Accord runs on
    (the ranges are PostgreSQL's: SQLite would take any 64-bit number, and a record kept
    there could not move)."""
    if isinstance(value, dt.date) and not isinstance(field, models.DateTimeField):
        return range_problem(value) if isinstance(field, models.DateField) else None
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    low, high = BaseDatabaseOperations.integer_field_ranges.get(
        field.get_internal_type(), (None, None)
    )
    if high is not None and value > high:
        return f"Ensure this value is less than or equal to {high}."
    if low is not None and value < low:
        return f"Ensure this value is greater than or equal to {low}."
    return None


def text_problems(instance: models.Model) -> list[Problem]:
    """The fields of `instance` whose value no database of Accord's may hold: text
    (strings, and the strings inside JSON fields) with a character `inputs.text_problem`
    refuses (a NUL, which PostgreSQL refuses; a control character, which XML exports
    cannot carry; a bidirectional override), a whole number out of PostgreSQL's range,
    a date outside the days the record keeps (`dates.range_problem`)."""
    problems: list[Problem] = []
    for f in instance._meta.concrete_fields:
        if f.is_relation:
            continue
        value = getattr(instance, f.attname)
        if reason := _out_of_range(f, value):
            problems.append(Problem(f.name, reason))
        elif isinstance(value, str):
            if reason := inputs.text_problem(value):
                problems.append(Problem(f.name, reason))
        elif isinstance(f, models.JSONField):
            problems += inputs.json_problems(value, f.name)
    return problems


def validate_fields(instance: models.Model) -> None:
    """Field-level checks (length, choices, required, characters text may not hold), as
    DomainError with field names.

    Relations are left out: services receive related objects already found, and
    checking them again would cost a query each.
    """
    relations = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    problems = text_problems(instance)
    try:
        # A field found wrong already is not judged again (Django's own range check
        # would name SQLite's range beside PostgreSQL's).
        instance.clean_fields(exclude=relations + [p.field for p in problems])
    except ValidationError as exc:
        problems += [
            Problem(field, " ".join(str(m) for m in messages))
            for field, messages in exc.message_dict.items()
        ]
    if problems:
        raise DomainError(problems)


def find(model: type[M], key: Mapping[str, Any]) -> M | None:
    """The row of `model` with `key` (field -> value), or None: not looked for when the
    batch knows there can be none but one it created."""
    known, obj = identity.created_in_batch(model, key)
    if known and (obj is None or isinstance(obj, model)):  # (the batch holds rows of `model`)
        return obj
    # The key names one row: no need for the model's ordering (often a join).
    return model._default_manager.filter(**key).order_by("pk").first()


def upsert(
    model: type[M],
    key: Mapping[str, Any],
    values: Mapping[str, Any],
    tally: Tally | None = None,
    *,
    instance: M | None = None,
    missing: bool = False,
) -> tuple[M, str]:
    """The row with `key`, holding `values`: (row, "created" | "updated" | "unchanged").

    Pass `instance` when the caller already fetched the row (or knows there is none:
    then pass `missing=True`) to save the look-up.
    """
    obj = instance
    if obj is None and not missing:
        obj = find(model, key)
    if obj is None:
        obj = model(**key, **values)
        validate_fields(obj)
        insert_rows([obj])
        identity.remember([obj], hold=True)
        audit.record("create", obj, None, audit.snapshot(obj))
        if tally is not None:
            tally.add(model, "created")
        return obj, "created"
    changed = [f for f, v in values.items() if not _same(obj, f, v)]
    if not changed:
        if tally is not None:
            tally.add(model, "unchanged")
        return obj, "unchanged"
    if (guard := _guard.get()) is not None:
        guard(obj, {f: (getattr(obj, f), values[f]) for f in changed})
    attnames = [identity.column(obj, f).attname for f in changed]
    before = {name: value for name, value in audit.snapshot(obj).items() if name in attnames}
    was = {name: getattr(obj, name) for name in attnames}
    for f in changed:
        setattr(obj, f, values[f])
    validate_fields(obj)
    obj.save(update_fields=attnames)
    identity.updated(obj, changed, was)
    after = {name: value for name, value in audit.snapshot(obj).items() if name in attnames}
    audit.record("update", obj, before, after)
    if tally is not None:
        tally.add(model, "updated")
    return obj, "updated"


def sync(
    model: type[M],
    parent: Mapping[str, Any],
    key: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    tally: Tally | None = None,
) -> list[M]:
    """Make the rows of `model` under `parent` exactly `rows`, matched on the `key` fields.

    One read of the existing rows; new rows are inserted together, changed ones
    updated field by field, and rows no longer wanted deleted. Returns the rows in
    the order given.
    """
    existing = (
        {}
        if identity.nothing_under(model, parent)
        else {
            tuple(identity.key_of_row(obj, f) for f in key): obj
            for obj in model._default_manager.filter(**parent).order_by("pk")
        }
    )
    result: list[M] = []
    new: list[M] = []
    for values in rows:
        match = existing.pop(tuple(identity.key_of_value(values[f]) for f in key), None)
        if match is None:
            match = model(**parent, **values)
            validate_fields(match)
            new.append(match)
        else:
            upsert(model, {}, values, tally, instance=match)
        result.append(match)
    if new:
        insert_rows(new)
        identity.remember(new)
        for obj in new:
            audit.record("create", obj, None, audit.snapshot(obj))
        if tally is not None:
            tally[(model._meta.verbose_name_plural, "created")] += len(new)
    if existing:
        delete(model._default_manager.filter(pk__in=[obj.pk for obj in existing.values()]), tally)
    return result


def set_many(
    instance: models.Model,
    field: str,
    targets: Iterable[models.Model],
    tally: Tally | None = None,
    *,
    created: bool = False,
) -> bool:
    """Make a many-to-many field hold exactly `targets`; whether anything changed.

    On a row just `created` there is nothing to compare with, and the change is
    part of the creation (not counted again as an update).
    """
    manager = getattr(instance, field)
    wanted = {t.pk for t in targets}
    if created:
        if wanted:
            manager.add(*wanted)
            audit.record("update", instance, {field: []}, {field: sorted(wanted)})
        return bool(wanted)
    current = set(manager.values_list("pk", flat=True))
    if wanted == current:
        return False
    if (guard := _guard.get()) is not None:
        model = manager.model
        guard(instance, {field: (_labels(model, current), _labels(model, wanted))})
    manager.set(wanted)
    audit.record("update", instance, {field: sorted(current)}, {field: sorted(wanted)})
    if tally is not None:
        tally.add(type(instance), "updated")
    return True


def _labels(model: type[models.Model], pks: Iterable[Any]) -> list[str]:
    """The rows `pks` of `model` as a reader names them (slug, code, else text), sorted:
    what a refused change of links shows."""
    rows = model._default_manager.filter(pk__in=list(pks))
    return sorted(str(getattr(r, "slug", None) or getattr(r, "code", None) or r) for r in rows)


def set_links(
    instances: Sequence[models.Model],
    field: str,
    targets: Sequence[Iterable[models.Model]],
    tally: Tally | None = None,
    *,
    created: Iterable[Any] = (),
) -> None:
    """`set_many` for many rows of one model at once: each of `instances` holds exactly
    its `targets` in the many-to-many `field`. One read of the current links (none when
    every row was just `created`, by pk), one insert and one delete, however many rows;
    each changed row is audited as `set_many` audits it."""
    if not instances:
        return
    model = type(instances[0])
    relation = model._meta.get_field(field)
    if not isinstance(relation, models.ManyToManyField):
        raise TypeError(f"{model._meta.label}.{field} is not a many-to-many field")
    # Once the apps are loaded, the model linked to and the table between are classes.
    linked_model, through = relation.related_model, relation.remote_field.through
    if not isinstance(linked_model, type) or through is None:
        raise TypeError(f"{model._meta.label}.{field} is not resolved")
    source = relation.m2m_field_name() + "_id"
    target = relation.m2m_reverse_field_name() + "_id"
    created = set(created)
    pairs = zip(instances, targets, strict=True)
    wanted = {obj.pk: {t.pk for t in chosen} for obj, chosen in pairs}
    current: dict[Any, set[Any]] = {obj.pk: set() for obj in instances}
    look = [obj.pk for obj in instances if obj.pk not in created]
    if look:
        links = through._default_manager.filter(**{f"{source}__in": look}).values_list(
            source, target
        )
        for owner, linked in links:
            current[owner].add(linked)
    new: list[models.Model] = []
    gone: models.Q | None = None
    guard = _guard.get()
    for obj in instances:
        want, have = wanted[obj.pk], current[obj.pk]
        if want == have:
            continue
        if guard is not None and obj.pk not in created:
            guard(obj, {field: (_labels(linked_model, have), _labels(linked_model, want))})
        new += [through(**{source: obj.pk, target: pk}) for pk in sorted(want - have)]
        if have - want:
            dropped = models.Q(**{source: obj.pk, f"{target}__in": sorted(have - want)})
            gone = dropped if gone is None else gone | dropped
        audit.record("update", obj, {field: sorted(have)}, {field: sorted(want)})
        if tally is not None and obj.pk not in created:
            tally.add(model, "updated")
    if new:
        insert_rows(new)
    if gone is not None:
        through._default_manager.filter(gone).delete()


def prune(queryset: models.QuerySet, keep: Iterable[int], tally: Tally | None = None) -> int:
    """Delete the rows of `queryset` not in `keep` (the ones a new record no longer has)."""
    return delete(queryset.exclude(pk__in=list(keep)), tally)


def prune_under(
    model: type[models.Model],
    parent: Mapping[str, Any],
    keep: Iterable[int],
    tally: Tally | None = None,
) -> int:
    """Delete the rows of `model` under `parent` not in `keep` (the rows just written
    under it): nothing to look for when the batch created the parent and wrote only
    those rows under it."""
    keep = set(keep)
    if identity.only_batch_rows_under(model, parent, len(keep)):
        return 0
    return prune(model._default_manager.filter(**parent), keep, tally)


def delete(queryset: models.QuerySet, tally: Tally | None = None) -> int:
    """Delete the rows of `queryset` and what cascades from them, each one audited.

    Returns how many rows of the queryset's own model went.
    """
    rows = list(queryset.order_by("pk"))
    if not rows:
        return 0
    if (guard := _guard.get()) is not None:
        for obj in rows:
            guard(obj, None)
    # The entries are appended once the rows are gone (what listens to the trail, the
    # search index, then reads the record without them).
    with transaction.atomic(using=queryset.db), audit.batched():
        collector = Collector(using=queryset.db, origin=queryset)
        collector.collect(rows)
        doomed: list[models.Model] = [obj for objs in collector.data.values() for obj in objs]
        for fast in collector.fast_deletes:
            doomed += list(fast)
        for obj in doomed:
            audit.record("delete", obj, audit.snapshot(obj), None)
        identity.forget_rows(doomed)  # (before the rows lose their keys)
        collector.delete()
    count = len(rows)
    if tally is not None:
        tally[(queryset.model._meta.verbose_name_plural, "removed")] += count
    return count
