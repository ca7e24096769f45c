"""More of the meeting page's lists written in Python a row at a time, as
`accord_meeting_rows` writes the participants, agenda, actions and statements: the
reports heard and the progress reported (`{% report_items reports %}`, `{% progress_items
progress %}`), a decision's members and their positions (`{% position_rows
row.positions %}`), the documents and the events (`{% document_items documents %}`,
`{% event_items events %}`), and the releases, published and being drafted
(`{% release_items releases %}`, `{% working_release_items working_releases %}`).
The HTML is the loops' byte for byte (tests/web/test_meeting_rows.py renders both),
each name noted untranslated in the order the loops noted it.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from accord.core.prefetched import all_of
from accord.web.templatetags.accord_meeting_rows import _said, _subject
from accord.web.words import esc, of

register = template.Library()


@register.simple_tag(takes_context=True)
def report_items(context: template.Context, reports: list[Any]) -> SafeString:
    """The actions that heard a report: its subject, and who presented it."""
    org = context["organization"].slug
    words = of(context)
    out: list[str] = []
    for action in reports:
        by = f" — {words.tr(action.by_person)}" if action.by_person else ""
        out.append(f"<li>{_subject(words, action, org)}{by}</li>")
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def progress_items(context: template.Context, progress: list[Any]) -> SafeString:
    """The progress reported on documents: the document and its status, who reported
    it, and the report (where the reader may see it)."""
    org = context["organization"].slug
    words = of(context)
    out: list[str] = []
    for p in progress:
        said = _said(
            words.word("Progress on %(document)s: %(status)s"),
            document=mark_safe(words.tr(p.document)),
            status=mark_safe(words.display(p, "status")),
        )
        if p.reported_by:
            said += f" ({words.tr(p.reported_by)})"
        if p.report and p.report_visible:
            href = words.path("web:document", org, p.report.slug)
            said += f' — <a href="{href}">{words.tr(p.report)}</a>'
        out.append(f"<li>{said}</li>")
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def position_rows(context: template.Context, positions: list[Any]) -> SafeString:
    """A decision's members (and others who took a position), each with its position."""
    words = of(context)
    out: list[str] = []
    for party, position in positions:
        if position:
            stance = words.display(position, "stance")
            said = f'<span class="position-{esc(position.stance)}">{stance}</span>'
            statement = esc(position.statement)
        else:
            missing = words.word("not recorded")
            said = f'<span class="muted">{missing}</span>'
            statement = ""
        out.append(
            f'\n      <tr><th scope="row">{words.tr(party)}</th><td>{said}</td>'
            f"<td>{statement}</td></tr>"
        )
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def document_items(context: template.Context, documents: list[Any]) -> SafeString:
    """The documents the meeting dealt with, each with its type."""
    org = context["organization"].slug
    words = of(context)
    out: list[str] = []
    for d in documents:
        href = words.path("web:document", org, d.slug)
        out.append(
            f'<li><a href="{href}">{words.tr(d)}</a>'
            f' <span class="muted">({words.tr(d.type)})</span></li>'
        )
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def event_items(context: template.Context, events: list[Any]) -> SafeString:
    """The related events: each one's name, dates and place."""
    words = of(context)
    out: list[str] = []
    for e in events:
        said = words.tr(e)
        if e.start:
            said += f" — {words.when(e)}"
        if e.place or e.city:
            said += f", {esc(e.place or e.city)}"
        out.append(f"<li>{said}</li>")
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def release_items(context: template.Context, releases: list[Any]) -> SafeString:
    """The meeting's published releases, by kind and language."""
    org = context["organization"].slug
    words = of(context)
    out: list[str] = []
    for r in releases:
        href = words.path("publishing:release", org, r.slug)
        kind = capfirst(words.display(r, "kind"))
        language = esc(r.language)
        out.append(f'<li><a href="{href}" hreflang="{language}">{kind} ({language})</a></li>')
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def working_release_items(context: template.Context, releases: list[Any]) -> SafeString:
    """Every release of the meeting, drafts too, each with its newest version."""
    org = context["organization"].slug
    words = of(context)
    out: list[str] = []
    for r in releases:
        href = words.path("web:release-work", org, r.slug)
        kind = capfirst(words.display(r, "kind"))
        audience = words.display(r, "classification")
        version = next(iter(all_of(r, "versions")), None)
        number, state = (version.number, words.display(version, "state")) if version else ("", "")
        said = _said(
            words.word("version %(number)s, %(state)s"), number=number, state=mark_safe(state)
        )
        out.append(f'<li><a href="{href}">{kind} ({esc(r.language)}, {audience})</a> — {said}</li>')
    return mark_safe("".join(out))
