"""Rows of a body's meeting series rendered in Python, a string a row, rather than the
template language's loop, includes and filters for every meeting: the same HTML, at a
fraction of the cost for a long series (`{% series_rows numbered %}`,
`{% ad_hoc_rows ad_hoc %}` on the body page)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from accord.core.paths import meeting_path, page_path
from accord.web.templatetags.accord_extras import tr, tr_field
from accord.web.templatetags.accord_pages import when

register = template.Library()

_INDENT = "\n      "

# Each `{}` of the rows below takes its value escaped (`esc`), as `format_html` would.


def _status(m: Any) -> str:
    if m.status in ("cancelled", "postponed"):
        shown = esc(m.get_status_display())
        return f' <span class="badge meeting-status-{esc(m.status)}">{shown}</span>'
    return ""


def _joint_with(row: Any, organization: Any) -> str:
    if not row.joint_with:
        return ""
    links = ", ".join(
        f'<a href="{esc(page_path("web:body", organization.slug, b.slug))}">{esc(tr(b))}</a>'
        for b in row.joint_with
    )
    return f' <span class="muted joint-with">({esc(gettext("joint meeting with"))} {links})</span>'


def _place(m: Any) -> str:
    if m.city:
        country = f", {esc(tr(m.country))}" if m.country else ""
        return f"{esc(tr_field(m, 'city'))}{country}"
    if m.mode != "in-person":
        return str(esc(m.get_mode_display()))
    return "—"


def _chair(row: Any) -> str:
    chair = row.chair
    party = esc(tr(chair.party) or "—")
    person = f" ({esc(tr(chair.person))})" if chair.person else ""
    return f"{party}{person}"


def _href(organization: Any, m: Any) -> str:
    return esc(meeting_path(organization.slug, m.body.slug, m.ref))


@register.simple_tag(takes_context=True)
def series_rows(context: template.Context, rows: list[Any]) -> SafeString:
    """The numbered series' rows: each meeting, and each run of missing numbers."""
    organization = context["organization"]
    out: list[str] = []
    for row in rows:
        if row.missing:
            first, last = row.missing
            numbers = str(first) if first == last else f"{first}–{last}"
            out.append(
                f'{_INDENT}<tr class="gap"><th scope="row">{esc(numbers)}</th>'
                f'<td colspan="3">{esc(gettext("not recorded"))}</td></tr>'
            )
            continue
        m = row.meeting
        # (in the order `format_html` took them: the names noted untranslated in it)
        href, status, day = _href(organization, m), _status(m), esc(when(m))
        joint, place, chair = _joint_with(row, organization), _place(m), _chair(row)
        out.append(
            f'{_INDENT}<tr><th scope="row"><a href="{href}">{esc(row.number)}</a>{status}</th>'
            f"<td>{day}{joint}</td><td>{place}</td><td>{chair}</td></tr>"
        )
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def ad_hoc_rows(context: template.Context, rows: list[Any]) -> SafeString:
    """The rows of the meetings outside the numbered series."""
    organization = context["organization"]
    out: list[str] = []
    for row in rows:
        m = row.meeting
        href, day, kind = _href(organization, m), esc(when(m)), esc(m.get_kind_display())
        status, joint = _status(m), _joint_with(row, organization)
        place, chair = _place(m), _chair(row)
        out.append(
            f'{_INDENT}<tr><th scope="row"><a href="{href}">{day}</a> '
            f'<span class="muted meeting-kind">({kind})</span>{status}{joint}</th>'
            f"<td>{place}</td><td>{chair}</td></tr>"
        )
    return mark_safe("".join(out))
