"""Rows of a body's meeting series rendered in Python, a string a row, rather than the
template language's loop, includes and filters for every meeting: the same HTML, at a
fraction of the cost for a long series (`{% series_rows numbered %}`,
`{% ad_hoc_rows ad_hoc %}` on the body page).

What many rows share is worked out once per list (`_Words`): the page's language and
script prefix, each party's, person's and body's name shown (and noted when shown
untranslated, `web.untranslated`), each place, status and mode, each fixed word."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from accord.core.dates import PartialDate, Precision
from accord.core.languages import translated
from accord.core.paths import meeting_paths, page_path
from accord.publishing import labels
from accord.web.templatetags.accord_extras import _language, tr
from accord.web.untranslated import note
from accord.web.words import esc

register = template.Library()

_INDENT = "\n      "


class _Words:
    """A list's texts, each worked out once: names shown (by the object named), places,
    statuses, modes, kinds and fixed words, escaped."""

    def __init__(self, organization: Any) -> None:
        self.organization = organization
        self.language = _language()
        self.dates = get_language()  # (the language dates are formatted in)
        self.href = meeting_paths(organization.slug)
        self.noted: set[str] = set()
        self.names: dict[int, str] = {}
        self.kept: dict[tuple[str, Any], str] = {}

    def note(self, text: str) -> None:
        if text not in self.noted:
            self.noted.add(text)
            note(text)

    def tr(self, obj: Any) -> str:
        """`{{ obj|tr }}`, escaped (an object shown again: as it was the first time)."""
        if obj is None:
            return ""
        found = self.names.get(id(obj))
        if found is None:
            if hasattr(obj, "name_in"):
                shown = obj.name_in(self.language)
                self.note(shown)
            else:  # (every object of these rows has a name)
                shown = tr(obj)
            found = self.names[id(obj)] = esc(shown)
        return found

    def word(self, text: str) -> str:
        """`gettext(text)`, escaped."""
        key = ("word", text)
        found = self.kept.get(key)
        if found is None:
            found = self.kept[key] = esc(gettext(text))
        return found

    def status(self, m: Any) -> str:
        if m.status not in ("cancelled", "postponed"):
            return ""
        key = ("status", m.status)
        found = self.kept.get(key)
        if found is None:
            shown = esc(m.get_status_display())
            found = self.kept[key] = (
                f' <span class="badge meeting-status-{esc(m.status)}">{shown}</span>'
            )
        return found

    def place(self, m: Any) -> str:
        if m.city:
            # (the country's name first, then the city's: as the filters noted them)
            country = f", {self.tr(m.country)}" if m.country else ""
            names = m.city_names
            city = translated(names, self.language) if isinstance(names, dict) else None
            if not city:
                city = m.city
                self.note(city)
            return f"{esc(city)}{country}"
        if m.mode != "in-person":
            key = ("mode", m.mode)
            found = self.kept.get(key)
            if found is None:
                found = self.kept[key] = esc(m.get_mode_display())
            return found
        return "—"

    def kind(self, m: Any) -> str:
        key = ("kind", m.kind)
        found = self.kept.get(key)
        if found is None:
            found = self.kept[key] = esc(m.get_kind_display())
        return found

    def when(self, m: Any) -> str:
        """`{{ m|when }}` of a meeting (its days to the precision recorded), escaped."""
        if m.date_precision == "day" and m.start == m.end:  # (one day: `labels.when`)
            return esc(labels.when(m.start, self.dates))
        precision = Precision(m.date_precision)
        start = PartialDate(m.start, precision)
        end = PartialDate(m.end, precision) if m.end is not None else None
        return esc(labels.span(start, end, self.dates))

    def joint_with(self, row: Any) -> str:
        if not row.joint_with:
            return ""
        slug = self.organization.slug
        links = ", ".join(
            f'<a href="{esc(page_path("web:body", slug, b.slug))}">{self.tr(b)}</a>'
            for b in row.joint_with
        )
        joint = self.word("joint meeting with")
        return f' <span class="muted joint-with">({joint} {links})</span>'

    def chair(self, row: Any) -> str:
        party = self.tr(row.chair.party) or "—"
        person = row.meeting.chair_person
        return f"{party} ({self.tr(person)})" if person else party


@register.simple_tag(takes_context=True)
def series_rows(context: template.Context, rows: list[Any]) -> SafeString:
    """The numbered series' rows: each meeting, and each run of missing numbers."""
    words = _Words(context["organization"])
    out: list[str] = []
    for row in rows:
        if row.missing:
            first, last = row.missing
            numbers = str(first) if first == last else f"{first}–{last}"
            missing = words.word("not recorded")
            out.append(
                f'{_INDENT}<tr class="gap"><th scope="row">{esc(numbers)}</th>'
                f'<td colspan="3">{missing}</td></tr>'
            )
            continue
        m = row.meeting
        # (in the order `format_html` took them: the names noted untranslated in it)
        href, status, day = esc(words.href(m.body.slug, m.ref)), words.status(m), words.when(m)
        joint, place, chair = words.joint_with(row), words.place(m), words.chair(row)
        out.append(
            f'{_INDENT}<tr><th scope="row"><a href="{href}">{esc(row.number)}</a>{status}</th>'
            f"<td>{day}{joint}</td><td>{place}</td><td>{chair}</td></tr>"
        )
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def ad_hoc_rows(context: template.Context, rows: list[Any]) -> SafeString:
    """The rows of the meetings outside the numbered series."""
    words = _Words(context["organization"])
    out: list[str] = []
    for row in rows:
        m = row.meeting
        href, day, kind = esc(words.href(m.body.slug, m.ref)), words.when(m), words.kind(m)
        status, joint = words.status(m), words.joint_with(row)
        place, chair = words.place(m), words.chair(row)
        out.append(
            f'{_INDENT}<tr><th scope="row"><a href="{href}">{day}</a> '
            f'<span class="muted meeting-kind">({kind})</span>{status}{joint}</th>'
            f"<td>{place}</td><td>{chair}</td></tr>"
        )
    return mark_safe("".join(out))
