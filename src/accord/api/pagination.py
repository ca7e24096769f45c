"""Cursor pagination: stable order by a unique key, the cursor is the last key seen.

A cursor is opaque to clients (URL-safe base64 of the JSON list of the ordering key's
values). Keyset paging, unlike offsets, neither skips nor repeats rows when rows are
added between two pages, and costs the same query on page 1 and page 1000.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from ninja import Query

from accord.core.errors import DomainError

M = TypeVar("M", bound=Model)

MAX_LIMIT = 200
DEFAULT_LIMIT = 50

Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"items per page (1-{MAX_LIMIT})")
CursorParam = Query(None, description="`next_cursor` of the previous page; omit for the first")


@dataclass(frozen=True)
class Key:
    """One column of an ordering key: the queryset attribute and how to read it back."""

    name: str
    parse: Callable[[Any], Any] = str


def _date(raw: Any) -> dt.date:
    return dt.date.fromisoformat(raw)


def _int(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueError(raw)
    return raw


def _str(raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError(raw)
    return raw


def int_key(name: str) -> Key:
    return Key(name, _int)


def str_key(name: str) -> Key:
    return Key(name, _str)


def date_key(name: str) -> Key:
    return Key(name, _date)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def encode(values: Sequence[Any]) -> str:
    raw = json.dumps([_plain(v) for v in values], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode(cursor: str, keys: Sequence[Key]) -> list[Any]:
    """The key values a cursor holds; a DomainError on `cursor` if it is not one of ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not isinstance(values, list) or len(values) != len(keys):
            raise ValueError(values)
        return [key.parse(v) for key, v in zip(keys, values, strict=True)]
    except (ValueError, TypeError, UnicodeError, binascii.Error):
        raise DomainError.at("cursor", "is not a cursor this list gave out") from None


def after(keys: Sequence[Key], values: Sequence[Any]) -> Q:
    """Rows after `values` in ascending (keys...) order."""
    condition = Q()
    for index in range(len(keys) - 1, -1, -1):
        step = Q(**{f"{keys[index].name}__gt": values[index]})
        equal = Q(**{keys[i].name: values[i] for i in range(index)})
        condition = (equal & step) if not condition else (equal & step) | condition
    return condition


def page(
    queryset: QuerySet[M], keys: Sequence[Key], cursor: str | None, limit: int
) -> tuple[list[M], str | None]:
    """One page of `queryset` in (keys...) order and the cursor of the next (None: last).

    The last key must be unique, so that the order is total and stable.
    """
    rows = queryset.order_by(*(k.name for k in keys))
    if cursor:
        rows = rows.filter(after(keys, decode(cursor, keys)))
    found = list(rows[: limit + 1])
    if len(found) <= limit:
        return found, None
    found = found[:limit]
    last = found[-1]
    return found, encode([getattr(last, k.name) for k in keys])
