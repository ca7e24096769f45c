"""Field types and choices shared by every domain package."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar, Self, TypeVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accord.core.dates import PartialDate, Precision

_M = TypeVar("_M", bound=models.Model)

# A day a span is asked about: a date, or a column of the row outside (`OuterRef`).
Day = dt.date | F


def covering(day: Day, start: str = "start", end: str = "end", *, open_start: bool = False) -> Q:
    """Rows whose [start, end] interval (both inclusive, end open when null; start open
    too when `open_start`) covers `day`."""
    began = Q(**{f"{start}__lte": day})
    if open_start:
        began = Q(**{f"{start}__isnull": True}) | began
    return began & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day}))


class SpanQuerySet(models.QuerySet[_M]):
    """Rows held over a span of days, `start` to `end` (a standing, a term, a post held,
    an affiliation): `.on(day)` keeps those in force on that day."""

    # Whether a row without a start has held since always (an affiliation), or every
    # row has a start (the database says so).
    open_start: ClassVar[bool] = False

    def on(self, day: Day, *or_days: Day) -> Self:
        """The rows in force on `day` (or, given more days, on any one of them)."""
        wanted = covering(day, open_start=self.open_start)
        for other in or_days:
            wanted |= covering(other, open_start=self.open_start)
        return self.filter(wanted)


class PrecisionChoices(models.TextChoices):
    DAY = Precision.DAY.value, _("day")
    MONTH = Precision.MONTH.value, _("month")
    YEAR = Precision.YEAR.value, _("year")


class Classification(models.TextChoices):
    PUBLIC = "public", _("public")
    ORGANIZATION = "organization", _("organization-restricted")
    BODY = "body", _("body-restricted")
    PARTIES = "parties", _("named parties")


class Sourced(models.Model):
    """Where a fact comes from: `seed` for the founding text, a citation for enrichment."""

    source = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        abstract = True


class Named(models.Model):
    """A name in the record's main language, and its translations by language code."""

    name = models.CharField(max_length=300)
    names = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    def name_in(self, language: str) -> str:
        return name_in(self.name, self.names, language)


def name_in(name: str, names: Mapping[str, str] | None, language: str) -> str:
    """The name in `language` (or its base language: `zh` for `zh-hans`), else the
    record's own `name`: what `Named.name_in` says of a row, for rows read as values."""
    if not names:
        return name
    return names.get(language) or names.get(language.split("-")[0]) or name


def partial_date(value: object, precision: str) -> PartialDate | None:
    """The PartialDate stored as (date, precision) columns."""
    if value is None:
        return None
    return PartialDate(value, Precision(precision))  # type: ignore[arg-type]


def as_recorded(row: Any) -> str | None:
    """The day of `row` (an action's `date`, a meeting's `start`...) as the record gives
    it, to its precision: "2024-11" for a meeting of November 2024, never 2024-11-01.
    What every list, export and answer shows; None for a row without a date."""
    return row.partial_date.isoformat() if row.partial_date is not None else None


class AuditEntry(models.Model):
    """One write: who, when, which object, before and after; chained by hash."""

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.CharField(max_length=150)
    request_id = models.CharField(max_length=64)
    operation = models.CharField(max_length=10)
    model = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["model", "object_id"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"#{self.seq} {self.actor} {self.operation} {self.model}:{self.object_id}"

    def chained_fields(self) -> dict[str, object]:
        """What the hash covers: everything but the hash itself."""
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "request_id": self.request_id,
            "operation": self.operation,
            "model": self.model,
            "object_id": self.object_id,
            "before": self.before,
            "after": self.after,
            "previous_hash": self.previous_hash,
        }
