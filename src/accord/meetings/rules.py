"""Pure rules about a body's meeting series."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from accord.core.errors import DomainError
from accord.core.wording import day as said_day

PRESENT, ABSENT, REPRESENTED = "present", "absent", "represented"


@dataclass(frozen=True)
class Slot:
    """A numbered meeting reduced to what numbering needs: its number and date span.

    `earliest`/`latest` bound the date as far as it is known (a meeting known only
    to the month spans the month).
    """

    key: str
    number: int
    earliest: dt.date
    latest: dt.date


def numbering_conflict(series: Iterable[Slot], new: Slot) -> str | None:
    """Why `new` cannot join the series, or None.

    Numbers are unique and increase with the date; gaps are allowed, since history
    is not always recorded. With imprecise dates, only a certain inversion counts.
    """
    for other in series:
        if other.key == new.key:
            continue
        values = {
            "number": new.number,
            "other": other.number,
            "earliest": said_day(other.earliest),
            "latest": said_day(other.latest),
        }
        if other.number == new.number:
            return _("number %(number)s is already taken by the meeting of %(earliest)s") % values
        if other.number < new.number and other.earliest > new.latest:
            return (
                _(
                    "number %(number)s comes after %(other)s, but %(other)s was held later"
                    " (%(earliest)s)"
                )
                % values
            )
        if other.number > new.number and other.latest < new.earliest:
            return (
                _(
                    "number %(number)s comes before %(other)s, but %(other)s was held earlier"
                    " (%(latest)s)"
                )
                % values
            )
    return None


def missing_numbers(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """The runs of numbers missing from a series that starts at 1, as (first, last).

    The series runs up to its highest recorded number; gaps are where history is not
    recorded (or not shown to the reader): [1, 10, 11, 13] -> [(2, 9), (12, 12)].
    """
    present = sorted({n for n in numbers if n > 0})
    runs = []
    expected = 1
    for n in present:
        if n > expected:
            runs.append((expected, n - 1))
        expected = n + 1
    return runs


def co_chair_problem(party: str, standing: str | None, host: str | None) -> str | None:
    """Why `party` cannot co-chair a meeting: it holds no standing in the organization
    on the meeting date (`standing`: its status then, None: none) and is not the
    meeting's `host`. None when it can."""
    if standing is not None or (host is not None and party == host):
        return None
    hosted = f" and is not the host ({host})" if host else " and the meeting records no host"
    return f"{party!r} holds no standing in the organization on the meeting date{hosted}"


def members_only_admits(role: str) -> bool:
    """Whether a party taking part with `role` may attend a sitting restricted to
    members: an observer delegation may not. The meeting of a members-only format and a
    restricted session of it are judged alike (`meetings.participation`, and
    `members_only_problem` for a session)."""
    return role != "observer"


def members_only_problem(code: str, role: str, where: str) -> str | None:
    """Why the party `code`, taking part with `role`, cannot attend a sitting restricted
    to members (`where`: 'the session "retreat"'), or None when it can."""
    if not members_only_admits(role):
        return _("%(where)s is restricted to members; %(code)s cannot attend it") % {
            "where": where,
            "code": repr(code),
        }
    return None


# --- sessions ------------------------------------------------------------------------


def session_date_problem(day: dt.date, start: dt.date, last: dt.date) -> str | None:
    """Why a session cannot be held on `day`: outside the meeting's days `start`..`last`."""
    if start <= day <= last:
        return None
    return _("%(day)s is outside the meeting's dates (%(start)s to %(last)s)") % {
        "day": said_day(day),
        "start": said_day(start),
        "last": said_day(last),
    }


def session_attendee_problem(
    who: str, role: str, attendance: str, session: str, restricted: bool
) -> str | None:
    """Why the meeting participant `who` (taking part with `role`, attending the meeting
    as `attendance` says) cannot have attended the session `session`: one absent from
    the meeting attended none of its sessions; a restricted session admits whom a
    meeting restricted to members admits (`members_only_problem`). None when it can."""
    if attendance == ABSENT:
        return _(
            "%(who)s is recorded as absent from the meeting; it attended none of its sessions"
        ) % {"who": who}
    if restricted:
        return members_only_problem(
            who, role, _("the session %(session)s") % {"session": repr(session)}
        )
    return None


def duplicate_problems(keys: Iterable[str], what: str) -> list[tuple[int, str]]:
    """The places of `keys` that repeat an earlier one, with the reason."""
    seen: dict[str, int] = {}
    found = []
    for index, key in enumerate(keys):
        if key in seen:
            found.append((index, f"{key} is already named as {what}[{seen[key]}]"))
        else:
            seen[key] = index
    return found


# --- attendance ----------------------------------------------------------------------


@dataclass(frozen=True)
class Presence:
    """How one participant attended, reduced to what the rules need. Agenda items are
    given by their place in the agenda (`joined_at`, `left_at`) and slug (`*_item`)."""

    attendance: str = PRESENT
    absence_reason: str = ""
    level: str = ""
    level_text: str = ""
    joined_at: int | None = None
    joined_item: str = ""
    joined_time: dt.time | None = None
    left_at: int | None = None
    left_item: str = ""
    left_time: dt.time | None = None
    timing_reason: str = ""

    @property
    def joined_late(self) -> bool:
        return self.joined_at is not None or self.joined_time is not None

    @property
    def left_early(self) -> bool:
        return self.left_at is not None or self.left_time is not None


def attendance_problems(p: Presence) -> list[tuple[str, str]]:
    """Why one participant's attendance facts do not go together, as (field, reason)
    pairs (empty when they do): an absence reason only for the absent; a level only for
    one represented at another level, who needs it; no joining or leaving for the
    absent; joining before leaving; a reason for joining late or leaving early only
    with either."""
    problems = []
    if p.absence_reason and p.attendance != ABSENT:
        problems.append(
            (
                "absence_reason",
                _("is given only for an absent participant, not %(attendance)s")
                % {"attendance": repr(p.attendance)},
            )
        )
    if p.attendance == REPRESENTED and not (p.level or p.level_text):
        problems.append(("level", _("a participant represented at another level needs its level")))
    if p.attendance != REPRESENTED:
        only = _("is given only for one represented at another level, not %(attendance)s") % {
            "attendance": repr(p.attendance)
        }
        if p.level:
            problems.append(("level", only))
        if p.level_text:
            problems.append(("level_text", only))
    if p.attendance == ABSENT:
        if p.joined_late:
            problems.append(("joined", _("an absent participant cannot have joined the meeting")))
        if p.left_early:
            problems.append(("left", _("an absent participant cannot have left the meeting")))
    if p.joined_at is not None and p.left_at is not None and p.left_at < p.joined_at:
        problems.append(
            (
                "left.item",
                _("it left at %(left)s, before it joined at %(joined)s")
                % {"left": repr(p.left_item), "joined": repr(p.joined_item)},
            )
        )
    if (
        p.joined_time is not None
        and p.left_time is not None
        and p.joined_at is None
        and p.left_at is None
        and p.left_time < p.joined_time
    ):
        problems.append(
            (
                "left.time",
                _("it left at %(left)s, before it joined at %(joined)s")
                % {"left": f"{p.left_time:%H:%M}", "joined": f"{p.joined_time:%H:%M}"},
            )
        )
    if p.timing_reason and not (p.joined_late or p.left_early):
        problems.append(
            ("reason", _("is given only for a participant who joined late or left early"))
        )
    return problems


def statement_problem(
    speaker: str, presence: Presence, item_at: int | None, item: str, after_meeting: bool
) -> tuple[str, str] | None:
    """Why `speaker` (as the record names it) cannot have made a statement at the
    meeting (at the agenda item at place `item_at`, slug `item`, if any), given how it
    attended: an absent participant said nothing at the meeting; one that left early
    said nothing at a later item, one that joined late nothing at an earlier item.
    Words said after the meeting are not judged. None when it can."""
    if after_meeting:
        return None
    if presence.attendance == ABSENT:
        why = f" ({presence.absence_reason})" if presence.absence_reason else ""
        return (
            "speaker",
            f"{speaker} is recorded as absent from the meeting{why};"
            " it cannot have made a statement at it (say after_meeting if it spoke after it)",
        )
    if item_at is not None and presence.left_at is not None and item_at > presence.left_at:
        return (
            "item",
            f"{speaker} left the meeting at {presence.left_item!r}, before {item!r}",
        )
    if item_at is not None and presence.joined_at is not None and item_at < presence.joined_at:
        return (
            "item",
            f"{speaker} joined the meeting at {presence.joined_item!r}, after {item!r}",
        )
    return None


def meeting_name(slug: str | None, number: int | None) -> str:
    """The id of a new meeting: `slug` as given, else its number; an ad hoc meeting (no
    number) without an id is refused (`DomainError` on `id`)."""
    name = slug or (str(number) if number is not None else None)
    if name is None:
        raise DomainError.at("id", _("a meeting without a number (ad hoc) needs an id"))
    return name


# --- joint meetings ------------------------------------------------------------------


@dataclass(frozen=True)
class JointRef:
    """A body a joint meeting names, reduced to what the rule needs: its id (slug),
    its organization, and the meeting's number in its own series (None: none)."""

    body: str
    organization: str
    number: int | None = None


def joint_body_problems(convening: JointRef, joint: Iterable[JointRef]) -> list[tuple[str, str]]:
    """Why the bodies of a joint meeting do not go together, as (field, reason) pairs
    (`joint_bodies[i]`, empty when they do): each belongs to the convening body's
    organization, is not the convening body itself, and is named once."""
    problems = []
    seen: set[str] = set()
    for i, ref in enumerate(joint):
        field = f"joint_bodies[{i}]"
        if ref.organization != convening.organization:
            problems.append(
                (
                    field,
                    f"{ref.body!r} belongs to {ref.organization!r}, not to the meeting's"
                    f" organization {convening.organization!r}",
                )
            )
        elif ref.body == convening.body:
            problems.append((field, f"{ref.body!r} convenes the meeting; it is not joint with it"))
        elif ref.body in seen:
            problems.append((field, f"{ref.body!r} is named twice"))
        seen.add(ref.body)
    return problems


def joint_phrase(names: list[str], separator: str = ", ", conjunction: str = " and ") -> str:
    """Bodies named in a sentence: "A", "A and B", "A, B and C" (`separator` and
    `conjunction` as the language writes them, with their spaces)."""
    if len(names) < 2:
        return "".join(names)
    return separator.join(names[:-1]) + conjunction + names[-1]
