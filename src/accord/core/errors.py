"""Errors of the domain: each names the field it concerns and the reason.

Every way into Accord turns them into its own form: the record loader prefixes the
path inside the file, the CLI prints them and exits non-zero, the API (later) answers
with a 4xx body listing them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (a dotted path) and why."""

    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}" if self.field else self.reason

    def under(self, prefix: str) -> Problem:
        """The same problem, seen from a container at `prefix`."""
        if not prefix:
            return self
        if not self.field:
            return Problem(prefix, self.reason)
        joiner = "" if self.field.startswith("[") else "."
        return Problem(f"{prefix}{joiner}{self.field}", self.reason)


class DomainError(Exception):
    """A rule of the domain refused the change; nothing was written."""

    def __init__(self, problems: Problem | Iterable[Problem]) -> None:
        self.problems: list[Problem] = (
            [problems] if isinstance(problems, Problem) else list(problems)
        )
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, field: str, reason: str) -> DomainError:
        return cls(Problem(field, reason))

    def under(self, prefix: str) -> DomainError:
        return DomainError(p.under(prefix) for p in self.problems)


class NotFound(DomainError):
    """The object does not exist, or the asker may not see it (the two look alike)."""


class TooLarge(DomainError):
    """The input is larger than Accord takes (an uploaded file over the limit)."""


class InUse(DomainError):
    """The object is referred to by others and cannot be removed until they are."""
