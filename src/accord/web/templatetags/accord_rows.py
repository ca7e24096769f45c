"""Rows of a body's meeting series rendered in Python, one `format_html` a row, rather
than the template language's loop, includes and filters for every meeting: the same
HTML, at a fraction of the cost for a long series (`{% series_rows numbered %}`,
`{% ad_hoc_rows ad_hoc %}` on the body page)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from accord.core.paths import meeting_path
from accord.web.templatetags.accord_extras import tr, tr_field
from accord.web.templatetags.accord_pages import when

register = template.Library()

_INDENT = "\n      "


def _status(m: Any) -> SafeString:
    if m.status in ("cancelled", "postponed"):
        return format_html(
            ' <span class="badge meeting-status-{}">{}</span>', m.status, m.get_status_display()
        )
    return mark_safe("")


def _joint_with(row: Any, organization: Any) -> SafeString:
    if not row.joint_with:
        return mark_safe("")
    links = format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((reverse("web:body", args=[organization.slug, b.slug]), tr(b)) for b in row.joint_with),
    )
    return format_html(
        ' <span class="muted joint-with">({} {})</span>', gettext("joint meeting with"), links
    )


def _place(m: Any) -> SafeString:
    if m.city:
        country = format_html(", {}", tr(m.country)) if m.country else ""
        return format_html("{}{}", tr_field(m, "city"), country)
    if m.mode != "in-person":
        return format_html("{}", m.get_mode_display())
    return mark_safe("—")


def _chair(row: Any) -> SafeString:
    chair = row.chair
    party = tr(chair.party) or "—"
    person = format_html(" ({})", tr(chair.person)) if chair.person else ""
    return format_html("{}{}", party, person)


def _href(organization: Any, m: Any) -> str:
    return meeting_path(organization.slug, m.body.slug, m.ref)


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
                format_html(
                    _INDENT + '<tr class="gap"><th scope="row">{}</th><td colspan="3">{}</td></tr>',
                    numbers,
                    gettext("not recorded"),
                )
            )
            continue
        m = row.meeting
        out.append(
            format_html(
                _INDENT + '<tr><th scope="row"><a href="{}">{}</a>{}</th><td>{}{}</td>'
                "<td>{}</td><td>{}</td></tr>",
                _href(organization, m),
                row.number,
                _status(m),
                when(m),
                _joint_with(row, organization),
                _place(m),
                _chair(row),
            )
        )
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def ad_hoc_rows(context: template.Context, rows: list[Any]) -> SafeString:
    """The rows of the meetings outside the numbered series."""
    organization = context["organization"]
    out: list[str] = []
    for row in rows:
        m = row.meeting
        out.append(
            format_html(
                _INDENT + '<tr><th scope="row"><a href="{}">{}</a> '
                '<span class="muted meeting-kind">({})</span>{}{}</th><td>{}</td><td>{}</td></tr>',
                _href(organization, m),
                when(m),
                m.get_kind_display(),
                _status(m),
                _joint_with(row, organization),
                _place(m),
                _chair(row),
            )
        )
    return mark_safe("".join(out))
