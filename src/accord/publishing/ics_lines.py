"""iCalendar content lines written directly, byte for byte as the icalendar library
writes them (its escaping and folding, the VEVENT's order of properties), without
building a component and a typed value per property: a calendar of a long series
spent most of its time there. The calendar's head and its VTIMEZONE are still written
by the library (`publishing.ics`)."""

from __future__ import annotations

import datetime as dt
import re

from icalendar.parser import _escape_char, _foldline

# The order icalendar writes a VEVENT's properties in: these first, the others by name.
_FIRST = ("SUMMARY", "DTSTART", "DTEND", "DURATION", "DTSTAMP", "UID", "SEQUENCE")


def line(name: str, value: str) -> str:
    """The content line of `name` and `value` (written), folded as the library folds."""
    line = f"{name}:{value}"
    # Lines of fewer than 75 octets are never folded (the common case).
    if line.isascii():
        return line if len(line) < 75 else _fold_ascii(line)
    size = len(line.encode())
    if size < 75:
        return line
    if size == len(line):
        return _fold_ascii(line)
    return _foldline(line)


def _fold_ascii(line: str) -> str:
    """`_foldline` of a line of one-octet characters: pieces of 74, a piece ending in a
    backslash or caret leaving it to the next (an escape is not cut)."""
    pieces = []
    start = 0
    while len(line) - start > 74:
        end = start + 74
        if line[end - 1] in "\\^":
            end -= 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return "\r\n ".join(pieces)


# What a TEXT value escapes (`_escape_char`): a value without any is written as it is.
_ESCAPED = re.compile(r"[\\;,\r\n]")


def text(value: str) -> str:
    """A TEXT value, escaped."""
    return _escape_char(value) if _ESCAPED.search(value) else value


def day(value: dt.date) -> str:
    if type(value) is dt.date:  # (its ISO form: YYYY-MM-DD, the year padded)
        return value.isoformat().replace("-", "")
    return f"{value.year:04}{value.month:02}{value.day:02}"


def stamp(value: dt.datetime) -> str:
    """A UTC date-time (`value` is in UTC)."""
    # (its ISO form: YYYY-MM-DDTHH:MM:SS, then a fraction or an offset or neither)
    iso = value.isoformat()
    return f"{iso[:4]}{iso[5:7]}{iso[8:10]}T{iso[11:13]}{iso[14:16]}{iso[17:19]}Z"


def entry(
    summary: str,
    first: dt.date,
    last: dt.date,
    dtstamp: str,
    uid: str,
    sequence: int,
    others: list[str],
) -> str:
    """A VEVENT as `VEvent` writes it, without its dictionary and sorting by name of
    every property: `summary` and `uid` (TEXT, escaped here), the days (as
    `VEvent.days`), DTSTAMP (written) and SEQUENCE, then `others`, content lines
    (`line`) in the order of their names."""
    if last < dt.date.max:
        span = f"DTEND;VALUE=DATE:{day(last + dt.timedelta(days=1))}"
    else:
        span = f"DURATION:P{(last - first).days + 1}D"
    return "\r\n".join(
        [
            "BEGIN:VEVENT",
            line("SUMMARY", text(summary)),
            f"DTSTART;VALUE=DATE:{day(first)}",
            span,
            f"DTSTAMP:{dtstamp}",
            line("UID", text(uid)),
            f"SEQUENCE:{sequence}",
            *others,
            "END:VEVENT\r\n",
        ]
    )


class VEvent:
    """A VEVENT's properties by name (each given once), written in icalendar's order."""

    __slots__ = ("values",)

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def text(self, name: str, value: str) -> None:
        self.values[name] = text(value)

    def raw(self, name: str, value: str) -> None:
        """A value already written as iCalendar (a URI, an integer, parameters)."""
        self.values[name] = value

    def days(self, first: dt.date, last: dt.date) -> None:
        """All-day DTSTART and (exclusive) DTEND; for an entry on the calendar's last
        day, whose DTEND no date can name, DURATION instead (RFC 5545 3.6.1)."""
        self.values["DTSTART;VALUE=DATE"] = day(first)
        if last < dt.date.max:
            self.values["DTEND;VALUE=DATE"] = day(last + dt.timedelta(days=1))
        else:
            self.values["DURATION"] = f"P{(last - first).days + 1}D"

    def ical(self) -> str:
        def name_of(key: str) -> str:
            return key.split(";", 1)[0]

        names = {name_of(k): k for k in self.values}
        order = [n for n in _FIRST if n in names] + sorted(n for n in names if n not in _FIRST)
        lines = ["BEGIN:VEVENT"]
        lines += [line(names[n], self.values[names[n]]) for n in order]
        lines.append("END:VEVENT")
        return "\r\n".join(lines) + "\r\n"
