"""The one way rows are written: compare, then create or update only what changed.

Services call these helpers so that writing the same record twice changes nothing
(no row is touched, no id changes), and a field-level problem (too long, not a
choice) becomes a DomainError naming the field.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.deletion import Collector

from accord.core import audit, inputs
from accord.core.dates import range_problem
from accord.core.errors import DomainError, Problem
from accord.core.rows import insert as insert_rows

M = TypeVar("M", bound=models.Model)
A = TypeVar("A")


def _concrete(of: models.Model | type[models.Model]) -> type[models.Model]:
    """The model whose table holds the rows of `of` (a row, or a model)."""
    concrete = of._meta.concrete_model
    if concrete is None:  # only an abstract model has none, and it has no rows
        raise TypeError(f"{of._meta.label} is abstract: it has no rows")
    return concrete


def _column(of: models.Model | type[models.Model], name: str) -> models.Field:
    """The field `name` of `of` (a row, or a model), one with a column (a reverse
    relation has none)."""
    found = of._meta.get_field(name)
    if not isinstance(found, models.Field):
        raise TypeError(f"{of._meta.label}.{name} is not a field with a column")
    return found


class Tally(Counter):
    """How many rows of each kind were created, updated, removed or left unchanged."""

    def add(self, model: type[models.Model], outcome: str) -> None:
        self[(model._meta.verbose_name_plural, outcome)] += 1

    def count_of(self, outcome: str) -> int:
        return sum(n for (_, o), n in self.items() if o == outcome)

    def summary(self) -> str:
        parts = [f"{self.count_of(o)} {o}" for o in ("created", "updated", "removed", "unchanged")]
        return ", ".join(parts)


@dataclass
class _Index:
    """The rows of a model the batch created since `since`, by the values of a key."""

    since: int
    rows: dict[tuple, models.Model] = field(default_factory=dict)


@dataclass
class _Batch:
    """What a batch created: each row's place in the order of creation (by model and
    primary key); for each row they point to (model, foreign key, id), how many were
    filed under it; the rows written one at a time (`upsert`: meetings, documents...,
    which are looked up by key) held by model, while of rows written in bulk (`sync`:
    agenda items, participants...) only the models are noted; and, for the keys rows
    are looked up by, an index of the rows created since it was built."""

    count: int = 0
    rows: dict[tuple[type[models.Model], Any], int] = field(default_factory=dict)
    children: Counter = field(default_factory=Counter)
    held: dict[type[models.Model], dict[Any, models.Model]] = field(default_factory=dict)
    unheld: set[type[models.Model]] = field(default_factory=set)
    indexes: dict[tuple[type[models.Model], tuple[str, ...]], _Index] = field(default_factory=dict)
    answers: dict[tuple, Any] = field(default_factory=dict)
    answers_by_model: dict[type[models.Model], set[tuple]] = field(default_factory=dict)

    def changed(self, model: type[models.Model]) -> None:
        """Rows of `model` were written: forget the answers read from them."""
        for key in self.answers_by_model.pop(model, ()):
            self.answers.pop(key, None)


_batch: ContextVar[_Batch | None] = ContextVar("accord_persist_batch", default=None)

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


@contextmanager
def batch() -> Iterator[None]:
    """Write many rows in one transaction, such as a record file's: rows created in
    the batch are remembered, so that what is filed under a row just created (its
    agenda, versions, measures...) is not first looked for in the database: there can
    be nothing there that the batch itself did not write. Use it inside the
    transaction, around the writes; outside a batch every look-up is made.
    """
    token = _batch.set(_Batch())
    try:
        yield
    finally:
        _batch.reset(token)


def forget() -> None:
    """Forget what the batch knows (a savepoint inside it was rolled back: rows it
    remembers may be gone, answers it kept may have read them); from now on the
    database is asked."""
    if _batch.get() is not None:
        _batch.set(_Batch())


def in_batch() -> bool:
    """Whether the writes now are part of a `batch()`."""
    return _batch.get() is not None


def remembered(key: tuple, reads: Iterable[type[models.Model]], compute: Callable[[], A]) -> A:
    """`compute()`, asked once per batch for the same `key` while no row of the models
    it `reads` is written through this module (the rules a load checks for every
    meeting ask the same questions: who the members were on a day, what a body may
    do). Outside a batch, computed each time. Callers must not change the answer."""
    state = _batch.get()
    if state is None:
        return compute()
    try:
        return state.answers[key]
    except KeyError:
        pass
    answer = state.answers[key] = compute()
    for model in reads:
        state.answers_by_model.setdefault(_concrete(model), set()).add(key)
    return answer


def _values(obj: models.Model, names: tuple[str, ...]) -> tuple:
    return tuple(_key_of_row(obj, name) for name in names)


def _remember(objs: Iterable[models.Model], *, hold: bool = False) -> None:
    state = _batch.get()
    if state is None:
        return
    for obj in objs:
        model = _concrete(obj)
        state.changed(model)
        state.count += 1
        if obj.pk is not None:
            state.rows[(model, obj.pk)] = state.count
        if hold and obj.pk is not None:
            state.held.setdefault(model, {})[obj.pk] = obj
        else:
            state.unheld.add(model)
        for f in obj._meta.concrete_fields:
            if f.is_relation:
                value = getattr(obj, f.attname)
                if value is not None:
                    state.children[(model, f.attname, value)] += 1
        for (indexed, names), index in state.indexes.items():
            if indexed is model:
                index.rows.setdefault(_values(obj, names), obj)


def _forget(objs: Iterable[models.Model]) -> None:
    """Rows deleted: no longer among those the batch holds."""
    state = _batch.get()
    if state is None:
        return
    for obj in objs:
        model = _concrete(obj)
        state.changed(model)
        if state.rows.pop((model, obj.pk), None) is None:
            continue
        state.held.get(model, {}).pop(obj.pk, None)
        for f in obj._meta.concrete_fields:
            if f.is_relation and (value := getattr(obj, f.attname)) is not None:
                state.children[(model, f.attname, value)] -= 1
        for (indexed, names), index in state.indexes.items():
            held = index.rows.get(key := _values(obj, names)) if indexed is model else None
            if held is not None and held.pk == obj.pk:
                del index.rows[key]


def _updated(obj: models.Model, changed: Sequence[str], was: Mapping[str, Any]) -> None:
    """A row changed (`was`: the old values of the changed columns, by attname): the
    copy the batch holds, if another, takes the new values, under its new key."""
    state = _batch.get()
    if state is None:
        return
    model = _concrete(obj)
    state.changed(model)
    copies = [state.held.get(model, {}).get(obj.pk)]
    for (indexed, names), index in state.indexes.items():
        if indexed is not model:
            continue
        attnames = [_column(obj, n).attname for n in names]
        old = tuple(was.get(a, _key_of_row(obj, n)) for a, n in zip(attnames, names, strict=True))
        held = index.rows.get(old)
        if held is None or held.pk != obj.pk:
            continue
        copies.append(held)
        if any(a in was for a in attnames):
            del index.rows[old]
            index.rows.setdefault(_values(obj, names), held)
    for held in {id(c): c for c in copies if c is not None and c is not obj}.values():
        for f in changed:
            setattr(held, f, getattr(obj, f))


def _created_in_batch(
    model: type[models.Model], key: Mapping[str, Any]
) -> tuple[bool, models.Model | None]:
    """(True, the row) when the row of `model` with `key` can only be one the batch
    created (the key names a row the batch created, so all rows under it are the
    batch's, and the batch has held the rows of `model` by this key since then):
    (True, None) when it created none. (False, None) when one must look."""
    state = _batch.get()
    if state is None or any("__" in name for name in key):
        return False, None
    model = _concrete(model)
    parent = max(
        (
            state.rows.get((_concrete(value), value.pk), -1)
            for value in key.values()
            if isinstance(value, models.Model) and value.pk is not None
        ),
        default=-1,
    )
    if parent < 0:
        return False, None
    names = tuple(sorted(key))
    index = state.indexes.get((model, names))
    if index is None:
        if model in state.unheld:  # complete from now on only
            index = state.indexes[(model, names)] = _Index(since=state.count)
        else:  # every row of the model the batch created is held
            index = state.indexes[(model, names)] = _Index(since=-1)
            for obj in state.held.get(model, {}).values():
                index.rows.setdefault(_values(obj, names), obj)
    if parent < index.since:
        return False, None  # rows under it may predate the index: look
    return True, index.rows.get(tuple(_key_of_value(key[name]) for name in names))


def _only_batch_rows_under(
    model: type[models.Model], parent: Mapping[str, Any], count: int
) -> bool:
    """Whether exactly `count` rows of `model` match `parent`, all written by this batch:
    one of the related rows of `parent` was created in the batch and `count` rows of
    `model` were filed under it since. False outside a batch (then one must look)."""
    state = _batch.get()
    if state is None:
        return False
    model = _concrete(model)
    for name, value in parent.items():
        if not isinstance(value, models.Model) or value.pk is None:
            continue
        if (_concrete(value), value.pk) not in state.rows:
            continue
        attname = _column(model, name).attname
        if state.children[(model, attname, value.pk)] == count:
            return True
    return False


def nothing_under(model: type[models.Model], parent: Mapping[str, Any]) -> bool:
    """Whether no row of `model` can match `parent` (field -> value), because a row it
    names was created in the current batch and nothing of `model` was filed under it
    since. False outside a batch (then one must look)."""
    return _only_batch_rows_under(model, parent, 0)


def _same(instance: models.Model, field: str, value: object) -> bool:
    """Whether `instance.field` already holds `value` (relations compared by key, unloaded)."""
    model_field = _column(instance, field)
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
    known, obj = _created_in_batch(model, key)
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
        _remember([obj], hold=True)
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
    attnames = [_column(obj, f).attname for f in changed]
    before = {name: value for name, value in audit.snapshot(obj).items() if name in attnames}
    was = {name: getattr(obj, name) for name in attnames}
    for f in changed:
        setattr(obj, f, values[f])
    validate_fields(obj)
    obj.save(update_fields=attnames)
    _updated(obj, changed, was)
    after = {name: value for name, value in audit.snapshot(obj).items() if name in attnames}
    audit.record("update", obj, before, after)
    if tally is not None:
        tally.add(model, "updated")
    return obj, "updated"


def _key_of_row(obj: models.Model, field: str) -> object:
    model_field = _column(obj, field)
    return getattr(obj, model_field.attname if model_field.is_relation else field)


def _key_of_value(value: object) -> object:
    return value.pk if isinstance(value, models.Model) else value


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
        if nothing_under(model, parent)
        else {
            tuple(_key_of_row(obj, f) for f in key): obj
            for obj in model._default_manager.filter(**parent).order_by("pk")
        }
    )
    result: list[M] = []
    new: list[M] = []
    for values in rows:
        match = existing.pop(tuple(_key_of_value(values[f]) for f in key), None)
        if match is None:
            match = model(**parent, **values)
            validate_fields(match)
            new.append(match)
        else:
            upsert(model, {}, values, tally, instance=match)
        result.append(match)
    if new:
        insert_rows(new)
        _remember(new)
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
    if _only_batch_rows_under(model, parent, len(keep)):
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
        _forget(doomed)  # (before the rows lose their keys)
        collector.delete()
    count = len(rows)
    if tally is not None:
        tally[(queryset.model._meta.verbose_name_plural, "removed")] += count
    return count
