"""What the database refuses when two writers meet, in the domain's terms.

The services check a change before writing it, and take locks so that two writers of
the same series or party queue (`core.locks`). What can still happen: a database
constraint met by a write whose key another write took between the check and the
insert (PostgreSQL runs writers side by side), a writer that waited its whole busy
timeout (SQLite: "database is locked"), two writers waiting for each other
(PostgreSQL: a deadlock, one rolled back). Nothing was written in any of these. The
API and the web pages both turn them into refusals with `refusals()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, OperationalError

from accord.core.errors import DomainError, Problem

# The database's own guards: the field and the reason, by constraint.
RACED = "; a change made at the same time took it first"
CONSTRAINTS: dict[str, Problem] = {
    "meeting_number_unique": Problem("number", "the number is already taken in the series" + RACED),
    "meeting_slug_unique": Problem("id", "the id is already taken in the series" + RACED),
    "decision_slug_unique": Problem(
        "id", "the meeting already has a decision with this id" + RACED
    ),
    "document_slug_unique": Problem("id", "the organization already has this document" + RACED),
    "membership_no_overlap": Problem(
        "start", "overlaps another standing of the party (one status at a time)" + RACED
    ),
    "chair_term_no_overlap": Problem("start", "overlaps another term of the chairmanship" + RACED),
    "holding_no_overlap": Problem("start", "overlaps another holder's term of the post" + RACED),
}

# PostgreSQL's deadlock_detected and serialization_failure.
RETRYABLE = frozenset({"40P01", "40001"})


class Raced(DomainError):
    """A database constraint refused the write: another write took the key first."""

    status = 409


class Busy(DomainError):
    """The record was busy with other changes; the same change may be sent again."""

    status = 503


def constraint_problem(exc: IntegrityError) -> Problem:
    """What a database constraint refused, in the domain's terms."""
    cause = exc.__cause__
    diag = getattr(cause, "diag", None)  # psycopg names the constraint
    name = getattr(diag, "constraint_name", None) or ""
    if name in CONSTRAINTS:
        return CONSTRAINTS[name]
    return Problem("", "conflicts with a change made at the same time; read again and retry")


def busy(exc: OperationalError) -> bool:
    """Whether `exc` says the record was busy (then nothing was written, and the same
    change may be sent again), rather than that the database failed."""
    return "database is locked" in str(exc) or getattr(exc.__cause__, "sqlstate", None) in RETRYABLE


@contextmanager
def refusals() -> Iterator[None]:
    """Turn the database's refusals met inside into `Raced` or `Busy`. Use it around a
    whole transaction (or savepoint): what failed inside has been rolled back."""
    try:
        yield
    except IntegrityError as exc:
        raise Raced(constraint_problem(exc)) from exc
    except OperationalError as exc:
        if not busy(exc):
            raise
        raise Busy(Problem("", "the record is busy with other changes; retry shortly")) from exc
