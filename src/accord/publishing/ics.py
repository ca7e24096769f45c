"""iCalendar (RFC 5545) feeds: an organization's or one body's meetings and events, as
one viewer may see them (the public, or a signed-in user).

Meetings and events are recorded to the day, so they are all-day entries (DATE
values, which RFC 5545 keeps free of time zones); the calendar names the
organization's time zone (VTIMEZONE, X-WR-TIMEZONE) and every timestamp is in UTC.
UIDs are built from the record's own identifiers, so they never change; SEQUENCE
counts the revisions of the entry in the audit trail, CREATED and LAST-MODIFIED come
from it too.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Callable
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone

from accord.accounts.access import Viewer
from accord.core.dates import EARLIEST, LATEST, PartialDate, Precision
from accord.core.languages import interface_language
from accord.core.models import Classification, name_in
from accord.core.paths import meeting_paths
from accord.meetings.models import Event, Meeting
from accord.publishing import calendar_reads as reads
from accord.publishing import ics_lines as lines
from accord.publishing import rules
from accord.publishing.joint import joint_meeting_name
from accord.publishing.selectors import profile_of
from accord.publishing.wording import Language, capitalize
from accord.registry.models import Organization

PRODID = "-//Accord//Accord calendar//EN"
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def uid(org: Organization, kind: str, *parts: str) -> str:
    return f"{kind}-{'-'.join(parts)}@{org.slug}.accord"


def _span(start: dt.date, end: dt.date | None, precision: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a day-precise or month-precise entry."""
    if precision == Precision.MONTH:
        return start, PartialDate(start, Precision.MONTH).latest
    return start, max(end or start, start)


def calendar(
    viewer: Viewer,
    org: Organization,
    *,
    body: str | None = None,
    language: str | None = None,
    name: str | None = None,
    site: str | None = None,
) -> bytes:
    """The calendar of `org` (or one body) as `viewer` sees it, serialised. With `site`
    (the server's address, e.g. ``https://accord.example.org``), each meeting links
    back to its page (URL)."""
    profile = profile_of(org)
    lang = Language(language or profile.record_language)
    tz = profile.timezone or "UTC"
    head = _head(name or org.name_in(lang.code), tz)
    meetings = [m for m in reads.meetings(viewer, org, body) if m.date_precision != Precision.YEAR]
    meetings.sort(key=lambda m: (m.start, m.pk))
    events = [
        e
        for e in reads.events(viewer, org, body)
        if e.start is not None and e.date_precision != Precision.YEAR
    ]
    zone = b""
    days = [m.start for m in meetings] + [e.start for e in events if e.start is not None]
    if days:
        # The zone's rules over the entries' days (within the days the record keeps: one
        # stored outside them does not stretch the VTIMEZONE past the calendar's end).
        first_day = min(max(min(days), EARLIEST), LATEST)
        last_day = max(min(max(days), LATEST), first_day)
        first = dt.datetime.combine(first_day, dt.time(), zoneinfo.ZoneInfo(tz))
        last = dt.datetime.combine(last_day, dt.time(), zoneinfo.ZoneInfo(tz))
        zone = _zone(tz, first, last)
    # (no query where there is no entry of the kind)
    seen = reads.revisions(viewer, org, body, Meeting) if meetings else {}
    seen_events = reads.revisions(viewer, org, body, Event) if events else {}
    entries = _meeting_entries(org, meetings, seen, lang, site)
    entries += _event_entries(org, sorted(events, key=lambda e: (e.start, e.pk)), seen_events, lang)
    # The head and the time zone as the library writes them, then the entries, then
    # the calendar's end (what `Calendar.to_ical` writes with the entries added).
    end = b"END:VCALENDAR\r\n"
    return head + zone + "".join(entries).encode() + end


@functools.lru_cache(maxsize=256)
def _head(name: str, tz: str) -> bytes:
    """The calendar's properties as the library writes them, without its end (the same
    for every calendar of that name and zone: written once per process)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", tz)
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    if not head.endswith(end):  # (the library's own output: never)
        raise ValueError("unexpected calendar serialisation")
    return head[: -len(end)]


def _stamps() -> Callable[[dt.datetime], str]:
    """`ics_lines.stamp` of a moment in UTC, each moment written once (a calendar's
    entries share many)."""
    written: dict[dt.datetime, str] = {}

    def stamp(moment: dt.datetime) -> str:
        found = written.get(moment)
        if found is None:
            utc = moment if moment.tzinfo is dt.UTC else moment.astimezone(dt.UTC)
            found = written[moment] = lines.stamp(utc)
        return found

    return stamp


# Each meeting's VEVENT as written, by what it is made of (`_meeting_entries`): the
# calendar's first reader after a write writes again only the entries whose meeting,
# body, revisions (or the calendar's language and site) changed. Emptied when full.
_written: dict[tuple[Any, ...], str] = {}
MAX_WRITTEN = 16384


@receiver(setting_changed)
def _settings_changed(**kwargs: object) -> None:
    _written.clear()  # (a test's settings may name other paths or words)


def _meeting_entries(
    org: Organization,
    meetings: list[reads.MeetingRow],
    seen: dict[str, tuple[int, dt.datetime, dt.datetime]],
    lang: Language,
    site: str | None,
) -> list[str]:
    """The meetings' VEVENTs, in the order given (`ics_lines.entry`); what many
    meetings share (a body's names, a place, a status's word, a timestamp) is worked
    out once, and an entry made of what an entry was made of before is that entry
    (`_written`)."""
    code = lang.code
    said = {}
    with translation.override(interface_language(code)):
        said["cancelled"], said["postponed"] = _("cancelled"), _("postponed")
    status = {"cancelled": "STATUS:CANCELLED", "postponed": "STATUS:TENTATIVE"}
    kind: dict[str, str] = {Classification.PUBLIC: "CLASS:PUBLIC"}
    places: dict[tuple[str, str], str] = {}
    # each body's CATEGORIES line and its name in the calendar's language
    bodies: dict[str, tuple[str, str]] = {}
    unknown = (0, EPOCH, EPOCH)
    stamp = _stamps()
    prefix = get_script_prefix()
    path = meeting_paths(org.slug)  # (with that prefix)
    calendar = (org.slug, site, code, prefix, said["cancelled"], said["postponed"])
    entries = []
    for m in meetings:
        revisions = seen.get(str(m.pk), unknown)
        body = bodies.get(m.body_slug)
        if body is None:
            written = lines.text(m.body_short_name or m.body_slug)
            body = bodies[m.body_slug] = (
                lines.line("CATEGORIES", written),
                name_in(m.body_name, m.body_names, code),
            )
        city = m.city_names.get(code) or m.city
        country = "" if m.country_name is None else name_in(m.country_name, m.country_names, code)
        joint = tuple(name_in(name, names, code) for name, names in m.joint) if m.joint else ()
        # (everything the entry is written from: the calendar's, the row's as this
        # language names it, and the revisions)
        made_of = (
            *(calendar, m.pk, m.slug, m.number, m.status, m.start, m.end, m.date_precision),
            *(m.classification, m.body_slug, body, city, country, joint, revisions),
        )
        entry = _written.get(made_of)
        if entry is not None:
            entries.append(entry)
            continue
        updates, created, changed = revisions
        when = stamp(changed)
        # (content lines in the order of their names, as `lines.entry` takes them;
        # those of fixed values and timestamps are never folded)
        others = [
            body[0],
            kind.get(m.classification, "CLASS:CONFIDENTIAL"),
            f"CREATED:{stamp(created)}",
            f"LAST-MODIFIED:{when}",
        ]
        place = places.get((city, country))
        if place is None:
            written = lines.text(lang.place(city, country))
            place = places[(city, country)] = lines.line("LOCATION", written) if written else ""
        if place:
            others.append(place)
        if m.status in status:
            others.append(status[m.status])
        if site:
            others.append(lines.line("URL", site + path(m.body_slug, _ref(m))))
        summary = _summary(m.number, body[1], joint, lang)
        if m.status in said:
            summary += lang.paren(said[m.status])
        entry = lines.entry(
            summary,
            *_span(m.start, m.end, m.date_precision),
            when,
            uid(org, "meeting", m.body_slug, m.slug),
            rules.sequence(updates),
            others,
        )
        if len(_written) >= MAX_WRITTEN:
            _written.clear()
        _written[made_of] = entry
        entries.append(entry)
    return entries


def _event_entries(
    org: Organization,
    events: list[Event],
    seen: dict[str, tuple[int, dt.datetime, dt.datetime]],
    lang: Language,
) -> list[str]:
    """The events' VEVENTs, in the order given, written as the meetings' are
    (`ics_lines.entry`)."""
    code = lang.code
    stamp = _stamps()
    entries = []
    for e in events:
        if e.start is None:  # (undated events are left out)
            continue
        updates, created, changed = seen.get(str(e.pk)) or (0, EPOCH, EPOCH)
        city = e.city_names.get(code) or e.city
        country = e.country.name_in(code) if e.country else ""
        place = ", ".join(
            x for x in (e.place_names.get(code) or e.place, lang.place(city, country)) if x
        )
        # (content lines in the order of their names, as `lines.entry` takes them)
        others = [
            lines.line("CATEGORIES", lines.text(e.kind)),
            "CLASS:PUBLIC",
            f"CREATED:{stamp(created)}",
            f"LAST-MODIFIED:{stamp(changed)}",
        ]
        if place:
            others.append(lines.line("LOCATION", lines.text(place)))
        entries.append(
            lines.entry(
                e.name_in(code),
                *_span(e.start, e.end, e.date_precision),
                stamp(changed),
                uid(org, "event", e.slug),
                rules.sequence(updates),
                others,
            )
        )
    return entries


def _ref(m: reads.MeetingRow) -> str:
    """How URLs name the meeting (`Meeting.ref`)."""
    return str(m.number) if m.number else m.slug


def _summary(number: int | None, body: str, joint: tuple[str, ...], lang: Language) -> str:
    """A meeting's name in the feed's language (a joint meeting's names all its
    bodies), without its status; `body`: its body's name in that language, `joint`:
    its joint bodies'."""
    if joint:
        name = joint_meeting_name([body, *joint], lang.code)
    else:
        name = lang.meeting_name(body, number)
    return capitalize(name)


@functools.lru_cache(maxsize=64)
def _zone(tz: str, first: dt.datetime, last: dt.datetime) -> bytes:
    """The VTIMEZONE of `tz` over the days from `first` to `last`, serialised (the same
    for every calendar of those days: written once per process)."""
    zone = zoneinfo.ZoneInfo(tz)
    return Timezone.from_tzinfo(zone, tz, first_date=first, last_date=last).to_ical()
