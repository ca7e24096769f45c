"""What a page offers to take away: calendar subscriptions (webcal and https), Atom
feeds, CSV tables, Popolo and Akoma Ntoso, each link carrying the page's own filters
(the body, the date it is read as of, the language)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accord.bodies.models import Body
from accord.core.languages import record_language
from accord.core.paths import page_path
from accord.meetings.models import Meeting
from accord.publishing import tables
from accord.registry.models import Organization


@dataclass(frozen=True)
class Output:
    """One link: what it is, where, and the format (shown beside it)."""

    label: str
    url: str
    format: str


def _query(**values: object) -> str:
    kept = {k: str(v) for k, v in values.items() if v not in (None, "")}
    return f"?{urlencode(kept)}" if kept else ""


def _calendar_language() -> str | None:
    """The record language the calendar speaks (its `lang`), for the page's."""
    language = get_language()
    return record_language(language) if language else None


def calendar(request: HttpRequest, org: Organization, body: Body | None = None) -> list[Output]:
    """Subscribe to the calendar (a webcal link opens the reader's calendar program and
    keeps it up to date), or download it once."""
    if body is None:
        path = page_path("publishing:calendar", org.slug)
    else:
        path = page_path("publishing:body-calendar", org.slug, body.slug)
    https = request.build_absolute_uri(path + _query(lang=_calendar_language()))
    webcal = "webcal://" + https.split("://", 1)[1]
    return [
        Output(_("Subscribe to the calendar"), webcal, "iCalendar"),
        Output(_("Download the calendar"), https, "iCalendar"),
    ]


def organization(request: HttpRequest, org: Organization, day: dt.date) -> list[Output]:
    """The organization's feeds and exports; tables as of `day` where they depend on it."""
    slug = org.slug
    links = [
        *calendar(request, org),
        Output(
            _("Press releases (feed)"), reverse("publishing:releases-feed", args=[slug]), "Atom"
        ),
        Output(
            _("Documents adopted (feed)"), reverse("publishing:adopted-feed", args=[slug]), "Atom"
        ),
        Output(_("Parties, bodies and posts"), reverse("publishing:popolo", args=[slug]), "Popolo"),
    ]
    for table in tables.TABLES.values():
        if table.needs_body:
            continue
        url = reverse("publishing:table", args=[slug, table.name]) + _query(on=day.isoformat())
        links.append(Output(str(table.title), url, "CSV"))
    return links


def body(request: HttpRequest, org: Organization, found: Body, day: dt.date) -> list[Output]:
    """A body's calendar, its meetings and decisions, and what is pending for it on `day`."""
    links = calendar(request, org, found)
    for name, extra in (("meetings", {}), ("decisions", {}), ("pending", {"on": day})):
        table = tables.TABLES[name]
        query = _query(body=found.slug, **{k: v.isoformat() for k, v in extra.items()})
        url = page_path("publishing:table", org.slug, name) + query
        links.append(Output(str(table.title), url, "CSV"))
    return links


def meeting(org: Organization, found: Meeting) -> list[Output]:
    """The meeting's decisions in Akoma Ntoso."""
    url = page_path("publishing:akn-meeting", org.slug, found.body.slug, found.ref)
    return [Output(_("Decisions"), url + _query(lang=_calendar_language()), "Akoma Ntoso")]


def document(org: Organization, slug: str) -> list[Output]:
    """The document in Akoma Ntoso."""
    url = reverse("publishing:akn-document", args=[org.slug, slug])
    return [Output(_("This document"), url + _query(lang=_calendar_language()), "Akoma Ntoso")]
