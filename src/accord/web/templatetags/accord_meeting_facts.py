"""The meeting page's facts written in Python, as `accord_meeting_rows` writes its rows:
the body or joint bodies, the number, kind, date, status, venue, mode, host, chair,
format, classification, and the meetings it prepares and that prepare it (`{%
meeting_facts %}` on the meeting page, the `<dl class="facts">` it wrote). The HTML is
the template's byte for byte (tests/web/test_meeting_facts.py renders both), each name
noted untranslated in the order the template noted it, each value escaped where the
template escaped it (`web.words`).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop, ngettext

from accord.core.prefetched import all_of
from accord.web.templatetags.accord_meeting_rows import _said
from accord.web.templatetags.accord_pages import chairmanship, meeting_label
from accord.web.words import Words, esc, of

register = template.Library()

# The words written inside f-strings below (`words.word` translates them), marked here
# for `makemessages`: xgettext does not read a call inside an f-string.
_MARKED = (
    gettext_noop("Bodies"),
    gettext_noop("Body"),
    gettext_noop("Chair"),
    gettext_noop("Classification"),
    gettext_noop("Co-chaired by"),
    gettext_noop("Date"),
    gettext_noop("Format"),
    gettext_noop("Host"),
    gettext_noop("Joint meeting of"),
    gettext_noop("Kind of meeting"),
    gettext_noop("Mode"),
    gettext_noop("Number"),
    gettext_noop("Prepared by"),
    gettext_noop("Prepares"),
    gettext_noop("Status"),
    gettext_noop("Venue"),
    gettext_noop("convening"),
)


def _bodies(words: Words, context: template.Context, org: str) -> str:
    """The body, or the joint meeting's bodies (the convening one first)."""
    joint = context["joint_bodies"]
    if not joint:
        body = context["body"]
        href = words.path("web:body", org, body.slug)
        return f'<dt>{words.word("Body")}</dt><dd><a href="{href}">{words.tr(body)}</a></dd>'
    said = []
    for i, b in enumerate(joint):
        one = f'<a href="{words.path("web:body", org, b.slug)}">{words.tr(b)}</a>'
        if i == 0:
            one += f' <span class="muted">({words.word("convening")})</span>'
        said.append(one)
    return (
        f'<dt>{words.word("Bodies")}</dt><dd class="joint-bodies">'
        f"{words.word('Joint meeting of')} {'; '.join(said)}</dd>\n  "
    )


def _number(words: Words, m: Any) -> str:
    if m.number:
        said = esc(localize(m.number))
        for row in all_of(m, "joint_rows"):
            if row.number:
                said += f"; {words.tr(row.body)}: {esc(localize(row.number))}"
        return said
    if m.kind == "regular":
        return words.word("not known")
    return words.word("outside the numbered series")


def _venue(words: Words, m: Any) -> str:
    said = f"{esc(m.venue)}, " if m.venue else ""
    if m.city:
        said += words.tr_field(m, "city")
    if m.country:
        if m.city:
            said += ", "
        said += words.tr(m.country)
    if not m.venue and not m.city and not m.country:
        said += "—"
    return said


def _chair(words: Words, chair: Any, organization: Any) -> str:
    said = f'<span class="chair-person">{words.tr(chair.person)}</span>, ' if chair.person else ""
    said += words.tr(chair.party) if chair.party else words.word("not recorded")
    if chair.rule == "recorded":
        rule = words.word("as recorded")
    elif chair.rule == "host":
        rule = words.word("the host")
    elif chair.rule == "own-terms":
        rule = words.word("the body's chair term on the date")
    else:
        word = chairmanship(organization).lower()
        rule = _said(words.word("the %(word)s on the date"), word=word)
    said += f'\n    <span class="muted">({rule})</span>\n    '
    if chair.co_chair_people:
        people = []
        for p, person in chair.co_chair_people:
            people.append(f"{words.tr(person)} ({words.tr(p)})" if person else words.tr(p))
        said += f"<br>{words.word('Co-chaired by')} {', '.join(people)}"
    return said


def _meeting_link(words: Words, org: str, m: Any) -> str:
    href = words.path("web:meeting", org, m.body.slug, m.ref)
    return f'<a href="{href}">{esc(meeting_label(m))}</a> ({words.when(m)})'


@register.simple_tag(takes_context=True)
def meeting_facts(context: template.Context) -> SafeString:
    """The `<dl class="facts">` of the meeting page."""
    words = of(context)
    organization = context["organization"]
    org = organization.slug
    m = context["meeting"]
    out = [f'<dl class="facts">\n  {_bodies(words, context, org)}']
    out.append(f"\n  <dt>{words.word('Number')}</dt><dd>{_number(words, m)}</dd>")
    kind = words.display(m, "kind")
    out.append(f'\n  <dt>{words.word("Kind of meeting")}</dt><dd class="meeting-kind">{kind}</dd>')
    out.append(f"\n  <dt>{words.word('Date')}</dt><dd>{words.when(m)}</dd>\n  ")
    if m.status:
        out.append(
            f'<dt>{words.word("Status")}</dt><dd class="meeting-status meeting-status-'
            f'{esc(m.status)}">{words.display(m, "status")}</dd>'
        )
    out.append(f"\n  <dt>{words.word('Venue')}</dt><dd>{_venue(words, m)}</dd>")
    out.append(f"\n  <dt>{words.word('Mode')}</dt><dd>{words.display(m, 'mode')}</dd>\n  ")
    if m.host:
        out.append(f"<dt>{words.word('Host')}</dt><dd>{words.tr(m.host)}</dd>")
    chair = _chair(words, context["chair"], organization)
    out.append(f"\n  <dt>{words.word('Chair')}</dt>\n  <dd>{chair}</dd>")
    said = words.display(m, "format")
    members = context["members"]
    if members:
        n = len(members)
        count = ngettext("%(n)s member on the date", "%(n)s members on the date", n)
        said += f' <span class="muted">({_said(count, n=n)})</span>'
    out.append(f"\n  <dt>{words.word('Format')}</dt>\n  <dd>{said}</dd>\n  ")
    if m.classification != "public":
        badge = words.display(m, "classification")
        out.append(
            f'<dt>{words.word("Classification")}</dt><dd><span class="badge">{badge}</span></dd>'
        )
    out.append("\n  ")
    prepares = context["prepares"]
    if prepares:
        link = _meeting_link(words, org, prepares)
        out.append(f"<dt>{words.word('Prepares')}</dt><dd>{link}</dd>")
    out.append("\n  ")
    prepared_by = context["prepared_by"]
    if prepared_by:
        items = "".join(f"<li>{_meeting_link(words, org, p)}</li>" for p in prepared_by)
        out.append(f"<dt>{words.word('Prepared by')}</dt><dd><ul>{items}</ul></dd>")
    out.append("\n</dl>")
    return mark_safe("".join(out))
