"""Errors of the domain: each names the field it concerns and the reason.

Every way into Accord turns them into its own form: the record loader prefixes the
path inside the file, the CLI prints them and exits non-zero, the API answers with a
body listing them, the web shows each beside its field. Each kind of refusal says here,
once, the HTTP status it answers with (`status`); the API and the web both read it.
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

    status = 422

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


def http_status(refusal: DomainError) -> int:
    """The HTTP status that answers `refusal`."""
    return refusal.status


class NotFound(DomainError):
    """The object does not exist, or the asker may not see it (the two look alike)."""

    status = 404


class Forbidden(DomainError):
    """The viewer may read the object but not make this change (field `permission`)."""

    status = 403


class TooLarge(DomainError):
    """The input is larger than Accord takes (an uploaded file over the limit)."""

    status = 413


class InUse(DomainError):
    """The object is referred to by others and cannot be removed until they are."""

    status = 409


class Conflict(DomainError):
    """The change would take an identifier (a meeting number, an id) already in use."""

    status = 409


class Stale(DomainError):
    """The change names a version of the object that is no longer its current one: it
    was changed since the asker read it (an outdated ETag)."""

    status = 412


class VersionRequired(DomainError):
    """The change names no version of the object it changes (no If-Match)."""

    status = 428
