"""The deferred fields read while a block runs: a row read with only some of its fields
(`only()`, `core.compiled`) that is then asked for another reads it by a query of its
own (`Model.refresh_from_db`), a row at a time. The clock is the golden tests' (the
record's answers say what they say of that day)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.db.models import Model

from tests.test_record_answers import NOW


@contextmanager
def deferred_reads() -> Iterator[list[tuple[str, Any]]]:
    """A list that gets (the model's name, the fields) of every deferred field read."""
    loaded: list[tuple[str, Any]] = []
    real = Model.refresh_from_db

    def reading(self: Model, *args: Any, **kwargs: Any) -> None:
        loaded.append((type(self).__name__, kwargs.get("fields")))
        real(self, *args, **kwargs)

    with (
        mock.patch("django.utils.timezone.now", return_value=NOW),
        mock.patch.object(Model, "refresh_from_db", reading),
    ):
        yield loaded
