"""The one way rows are written: compare, then create or update only what changed.

Services call these helpers so that writing the same record twice changes nothing
(no row is touched, no id changes), and a field-level problem (too long, not a
choice) becomes a DomainError naming the field.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from accord.core.errors import DomainError, Problem

M = TypeVar("M", bound=models.Model)


class Tally(Counter):
    """How many rows of each kind were created, updated, removed or left unchanged."""

    def add(self, model: type[models.Model], outcome: str) -> None:
        self[(model._meta.verbose_name_plural, outcome)] += 1

    def count_of(self, outcome: str) -> int:
        return sum(n for (_, o), n in self.items() if o == outcome)

    def summary(self) -> str:
        parts = [f"{self.count_of(o)} {o}" for o in ("created", "updated", "removed", "unchanged")]
        return ", ".join(parts)


def _same(instance: models.Model, field: str, value: object) -> bool:
    current = getattr(instance, field)
    if isinstance(value, models.Model) or (value is None and _is_relation(instance, field)):
        attname = instance._meta.get_field(field).attname
        return getattr(instance, attname) == (value.pk if value is not None else None)
    return current == value


def _is_relation(instance: models.Model, field: str) -> bool:
    return instance._meta.get_field(field).is_relation


def validate_fields(instance: models.Model) -> None:
    """Field-level checks (length, choices, required), as DomainError with field names.

    Relations are left out: services receive related objects already found, and
    checking them again would cost a query each.
    """
    relations = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    try:
        instance.clean_fields(exclude=relations)
    except ValidationError as exc:
        raise DomainError(
            Problem(field, " ".join(str(m) for m in messages))
            for field, messages in exc.message_dict.items()
        ) from None


def upsert(
    model: type[M],
    key: Mapping[str, Any],
    values: Mapping[str, Any],
    tally: Tally | None = None,
    *,
    instance: M | None = None,
) -> tuple[M, bool]:
    """The row with `key`, holding `values`; (row, whether anything was written)."""
    obj = instance if instance is not None else model.objects.filter(**key).first()
    if obj is None:
        obj = model(**key, **values)
        validate_fields(obj)
        obj.save(force_insert=True)
        if tally is not None:
            tally.add(model, "created")
        return obj, True
    changed = [f for f, v in values.items() if not _same(obj, f, v)]
    if not changed:
        if tally is not None:
            tally.add(model, "unchanged")
        return obj, False
    for f in changed:
        setattr(obj, f, values[f])
    validate_fields(obj)
    obj.save(update_fields=[obj._meta.get_field(f).attname for f in changed])
    if tally is not None:
        tally.add(model, "updated")
    return obj, True


def set_many(
    instance: models.Model, field: str, targets: Iterable[models.Model], tally: Tally | None = None
) -> bool:
    """Make a many-to-many field hold exactly `targets`; whether anything changed."""
    manager = getattr(instance, field)
    wanted = {t.pk for t in targets}
    current = set(manager.values_list("pk", flat=True))
    if wanted == current:
        return False
    manager.set(wanted)
    if tally is not None:
        tally.add(type(instance), "updated")
    return True


def prune(queryset: models.QuerySet, keep: Iterable[int], tally: Tally | None = None) -> int:
    """Delete the rows of `queryset` not in `keep` (the ones a new record no longer has)."""
    stale = queryset.exclude(pk__in=list(keep))
    count = stale.count()
    if count:
        stale.delete()
        if tally is not None:
            tally[(queryset.model._meta.verbose_name_plural, "removed")] += count
    return count
