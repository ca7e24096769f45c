"""iCalendar content lines written directly, byte for byte as the icalendar library
writes them (its escaping and folding, the VEVENT's order of properties), without
building a component and a typed value per property: a calendar of a long series
spent most of its time there. The calendar's head and its VTIMEZONE are still written
by the library (`publishing.ics`)."""

from __future__ import annotations

import datetime as dt
import re

from icalendar.parser import _escape_char, _foldline


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
    """A VEVENT as the library writes it (its properties in its order: SUMMARY,
    DTSTART, DTEND or DURATION, DTSTAMP, UID, SEQUENCE, then the others by name):
    `summary` and `uid` (TEXT, escaped here), the all-day DTSTART and (exclusive)
    DTEND, or for an entry on the calendar's last day, whose DTEND no date can name,
    DURATION instead (RFC 5545 3.6.1), DTSTAMP (written) and SEQUENCE, then `others`,
    content lines (`line`) in the order of their names."""
    if last < dt.date.max:
        span = f"DTEND;VALUE=DATE:{day(last + dt.timedelta(days=1))}"
    else:
        span = f"DURATION:P{(last - first).days + 1}D"
    rest = "".join(f"{other}\r\n" for other in others)
    return (
        f"BEGIN:VEVENT\r\n{line('SUMMARY', text(summary))}\r\n"
        f"DTSTART;VALUE=DATE:{day(first)}\r\n{span}\r\nDTSTAMP:{dtstamp}\r\n"
        f"{line('UID', text(uid))}\r\nSEQUENCE:{sequence}\r\n{rest}END:VEVENT\r\n"
    )
