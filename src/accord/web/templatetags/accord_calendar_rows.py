"""The rows of a calendar page's tables (`{% calendar_rows entries %}`), written in
Python: the bytes the template loop wrote (a meeting's row with its status, its
bodies and its place; an event's row), without the template language's loop, include
and filters for every row.

Each text is worked out by the filter the template called, in the template's order
(the names shown untranslated are noted in that order, `web.untranslated`). The
markup is the template's that came before (tests/web/test_page_answers.py compares
the calendar pages with its bytes): change it here and there together.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from accord.core.paths import meeting_paths, page_path
from accord.web.templatetags.accord_extras import tr, tr_field
from accord.web.templatetags.accord_pages import joint_meeting_label, meeting_label, when
from accord.web.words import esc

register = template.Library()

_ROW = "\n    <tr>"


def _meeting(m: Any, slug: str, href: Any) -> str:
    day = esc(when(m))
    link = esc(href(m.body.slug, m.ref))
    joint = list(m.joint_rows.all())
    label = esc(joint_meeting_label(m) if joint else meeting_label(m))
    status = ""
    if m.status in ("cancelled", "postponed"):
        shown = esc(m.get_status_display())
        status = f' <span class="badge meeting-status-{esc(m.status)}">{shown}</span>'
    bodies = f'<a href="{esc(page_path("web:body", slug, m.body.slug))}">{esc(tr(m.body))}</a>'
    for row in joint:
        path = esc(page_path("web:body", slug, row.body.slug))
        bodies += f', <a href="{path}">{esc(tr(row.body))}</a>'
    if m.city:
        place = esc(tr_field(m, "city"))
        if m.country:
            place += f", {esc(tr(m.country))}"
    elif m.mode != "in-person":
        place = esc(m.get_mode_display())
    else:
        place = "—"
    return (
        f'{_ROW}<td>{day}</td><th scope="row"><a href="{link}">{label}</a>{status}</th>'
        f"<td>{bodies}</td><td>{place}</td></tr>"
    )


def _event(e: Any) -> str:
    day, name, kind = esc(when(e)), esc(tr(e)), esc(e.get_kind_display())
    host = f" ({esc(tr(e.host_body))})" if e.host_body else ""
    place = esc(e.place) if e.place else ""
    if e.place and e.city:
        place += ", "
    place += esc(e.city)
    if e.country:
        place += (", " if e.place or e.city else "") + esc(tr(e.country))
    return (
        f'\n    <tr id="event-{esc(e.slug)}"><td>{day}</td><th scope="row">{name}</th>'
        f"<td>{kind}{host}</td><td>{place}</td></tr>"
    )


@register.simple_tag(takes_context=True)
def calendar_rows(context: template.Context, entries: list[Any]) -> SafeString:
    """Each entry's row: a meeting's, or an event's."""
    slug = context["organization"].slug
    href = meeting_paths(slug)
    return mark_safe(
        "".join(_meeting(e.meeting, slug, href) if e.meeting else _event(e.event) for e in entries)
    )
