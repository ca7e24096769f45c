"""What a batch of writes knows: the rows it created, and answers it kept.

A record file is written in one transaction, as a batch (`batch()`): the rows created
in it are remembered (an identity map), so that what is filed under a row just
created (its agenda, versions, measures...) is not first looked for in the database,
where there can be nothing the batch did not write; and answers the rules ask again
and again (`remembered`) are kept until a row they read is written. The audited
writer (`accord.core.persist`) tells it every row it creates, changes or deletes.
(Not to be confused with `audit.batched()`, which appends a block's audit entries
together.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

A = TypeVar("A")


def concrete(of: models.Model | type[models.Model]) -> type[models.Model]:
    """The model whose table holds the rows of `of` (a row, or a model)."""
    concrete = of._meta.concrete_model
    if concrete is None:  # only an abstract model has none, and it has no rows
        raise TypeError(f"{of._meta.label} is abstract: it has no rows")
    return concrete


def column(of: models.Model | type[models.Model], name: str) -> models.Field:
    """The field `name` of `of` (a row, or a model), one with a column (a reverse
    relation has none)."""
    found = of._meta.get_field(name)
    if not isinstance(found, models.Field):
        raise TypeError(f"{of._meta.label}.{name} is not a field with a column")
    return found


def key_of_row(obj: models.Model, field: str) -> object:
    model_field = column(obj, field)
    return getattr(obj, model_field.attname if model_field.is_relation else field)


def key_of_value(value: object) -> object:
    return value.pk if isinstance(value, models.Model) else value


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


_batch: ContextVar[_Batch | None] = ContextVar("accord_batch", default=None)


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
        state.answers_by_model.setdefault(concrete(model), set()).add(key)
    return answer


def _values(obj: models.Model, names: tuple[str, ...]) -> tuple:
    return tuple(key_of_row(obj, name) for name in names)


def remember(objs: Iterable[models.Model], *, hold: bool = False) -> None:
    state = _batch.get()
    if state is None:
        return
    for obj in objs:
        model = concrete(obj)
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


def forget_rows(objs: Iterable[models.Model]) -> None:
    """Rows deleted: no longer among those the batch holds."""
    state = _batch.get()
    if state is None:
        return
    for obj in objs:
        model = concrete(obj)
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


def updated(obj: models.Model, changed: Sequence[str], was: Mapping[str, Any]) -> None:
    """A row changed (`was`: the old values of the changed columns, by attname): the
    copy the batch holds, if another, takes the new values, under its new key."""
    state = _batch.get()
    if state is None:
        return
    model = concrete(obj)
    state.changed(model)
    copies = [state.held.get(model, {}).get(obj.pk)]
    for (indexed, names), index in state.indexes.items():
        if indexed is not model:
            continue
        attnames = [column(obj, n).attname for n in names]
        old = tuple(was.get(a, key_of_row(obj, n)) for a, n in zip(attnames, names, strict=True))
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


def created_in_batch(
    model: type[models.Model], key: Mapping[str, Any]
) -> tuple[bool, models.Model | None]:
    """(True, the row) when the row of `model` with `key` can only be one the batch
    created (the key names a row the batch created, so all rows under it are the
    batch's, and the batch has held the rows of `model` by this key since then):
    (True, None) when it created none. (False, None) when one must look."""
    state = _batch.get()
    if state is None or any("__" in name for name in key):
        return False, None
    model = concrete(model)
    parent = max(
        (
            state.rows.get((concrete(value), value.pk), -1)
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
    return True, index.rows.get(tuple(key_of_value(key[name]) for name in names))


def only_batch_rows_under(model: type[models.Model], parent: Mapping[str, Any], count: int) -> bool:
    """Whether exactly `count` rows of `model` match `parent`, all written by this batch:
    one of the related rows of `parent` was created in the batch and `count` rows of
    `model` were filed under it since. False outside a batch (then one must look)."""
    state = _batch.get()
    if state is None:
        return False
    model = concrete(model)
    for name, value in parent.items():
        if not isinstance(value, models.Model) or value.pk is None:
            continue
        if (concrete(value), value.pk) not in state.rows:
            continue
        attname = column(model, name).attname
        if state.children[(model, attname, value.pk)] == count:
            return True
    return False


def nothing_under(model: type[models.Model], parent: Mapping[str, Any]) -> bool:
    """Whether no row of `model` can match `parent` (field -> value), because a row it
    names was created in the current batch and nothing of `model` was filed under it
    since. False outside a batch (then one must look)."""
    return only_batch_rows_under(model, parent, 0)
