"""The calendar's entries written directly (`ics_lines.entry`, the one writer of the
meetings' and the events' entries) are byte for byte what the icalendar library writes
for the same properties: escaping, folding (multi-byte text cut at 75 octets), the
order of properties, dates, durations and timestamps."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Event

from accord.publishing import ics_lines

pytestmark = pytest.mark.database_independent

TEXTS = [
    "Shanghai, China",
    "The 14th meeting; of the secretaries \\ of security, councils\nsecond line\r\nthird",
    "上海合作组织成员国安全会议秘书第十四次会议" * 3,
    "Четырнадцатое совещание секретарей советов безопасности государств-членов, Бишкек",
    "x" * 73 + "\\;" + "y" * 200,
    "a" * 60 + "日本" * 20 + "," * 30,
    "",
    "z" * 72 + "\\\\" + "^" * 3 + "q" * 71 + "^^" + "w" * 150,
    "v" * 74,
    "v" * 75,
    "v" * 148 + "\\,",
]
WHEN = dt.datetime(2026, 12, 7, 11, 43, 31, tzinfo=dt.UTC)
TIMES = [
    WHEN,
    WHEN.replace(microsecond=123456),
    dt.datetime(1, 1, 1, tzinfo=dt.UTC),
    dt.datetime(999, 12, 31, 23, 59, 59, tzinfo=dt.UTC),
]
# Every text, with days inside the calendar, on its first day and on its last one (no
# DTEND can name the day after), with and without a status.
ENTRIES = pytest.mark.parametrize(
    ("text", "first", "last", "status"),
    [
        (text, first, last, status)
        for text in TEXTS
        for first, last in (
            (dt.date(2019, 5, 15), dt.date(2019, 5, 16)),
            (dt.date(1, 1, 1), dt.date(1, 1, 1)),
            (dt.date(9999, 12, 1), dt.date.max),
        )
        for status in (False, True)
    ],
)


URL = "https://accord.example.org/organizations/sco/" + "x" * 80


def _library(text: str, first: dt.date, last: dt.date, status: bool, event: bool) -> bytes:
    vevent = Event()
    vevent.add("uid", f"meeting-{text[:10]}@sco.accord")
    vevent.add("summary", text)
    if status:
        vevent.add("status", "TENTATIVE")
    vevent.add("dtstart", first)
    if last < dt.date.max:
        vevent.add("dtend", last + dt.timedelta(days=1))
    else:
        vevent.add("duration", last - first + dt.timedelta(days=1))
    vevent.add("location", text)
    vevent.add("categories", [text])
    if not event:
        vevent.add("url", URL)
    vevent.add("class", "PUBLIC" if event else "CONFIDENTIAL")
    vevent.add("dtstamp", WHEN)
    vevent.add("created", WHEN - dt.timedelta(days=400))
    vevent.add("last-modified", WHEN)
    vevent.add("sequence", 3)
    return vevent.to_ical()


def _entry(text: str, first: dt.date, last: dt.date, status: bool, event: bool) -> bytes:
    """A meeting's entry (`ics._meeting_entries`) of these properties, or an event's
    (`ics._event_entries`: public, without a URL)."""
    others = [
        ics_lines.line("CATEGORIES", ics_lines.text(text)),
        "CLASS:PUBLIC" if event else "CLASS:CONFIDENTIAL",
        f"CREATED:{ics_lines.stamp(WHEN - dt.timedelta(days=400))}",
        f"LAST-MODIFIED:{ics_lines.stamp(WHEN)}",
        ics_lines.line("LOCATION", ics_lines.text(text)),
        *(["STATUS:TENTATIVE"] if status else []),
        *([] if event else [ics_lines.line("URL", URL)]),
    ]
    uid = f"meeting-{text[:10]}@sco.accord"
    return ics_lines.entry(text, first, last, ics_lines.stamp(WHEN), uid, 3, others).encode()


@ENTRIES
@pytest.mark.parametrize("event", [False, True])
def test_an_entry_is_written_as_the_library_writes_it(
    text: str, first: dt.date, last: dt.date, status: bool, event: bool
) -> None:
    written = _entry(text, first, last, status, event)
    assert written == _library(text, first, last, status, event)


@pytest.mark.parametrize("when", TIMES)
def test_a_timestamp_is_written_as_the_library_writes_it(when: dt.datetime) -> None:
    vevent = Event()
    vevent.add("dtstamp", when)
    assert f"DTSTAMP:{ics_lines.stamp(when)}\r\n".encode() in vevent.to_ical()


@pytest.mark.parametrize("text", TEXTS)
def test_a_text_is_escaped_as_the_library_escapes_it(text: str) -> None:
    from icalendar.parser import _escape_char

    assert ics_lines.text(text) == _escape_char(text)
