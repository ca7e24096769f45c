"""The meeting page's lists written in Python a row at a time, rather than through the
template language's loop, includes, filters and tags for every row: the participants,
the agenda, the actions and the statements (`{% participant_rows participants %}`,
`{% agenda_rows agenda %}`, `{% action_rows actions %}`, `{% statement_rows
statements %}` on the meeting page). The HTML is the loops'
byte for byte (tests/web/test_meeting_rows.py renders both), each name noted
untranslated in the order the loops noted it, each value escaped where the template
escaped it: `{{ }}` and a tag's output are escaped, `{% translate %}` and
`{% blocktranslate %}` text is not (its values are).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from accord.core.choices import display
from accord.core.paths import meeting_path, page_path
from accord.core.prefetched import all_of
from accord.web.templatetags.accord_extras import post_of, tr, tr_field
from accord.web.templatetags.accord_pages import (
    outside_organization,
    purpose_label,
    verb_name,
    when,
)

register = template.Library()


def _said(translation: str, **values: Any) -> str:
    """`{% blocktranslate with ... %}`: the translation, unescaped, with each value as
    `{{ }}` shows it (as `{% translate %}`, a translation is not escaped)."""
    return translation % {k: esc(str(localize(v))) for k, v in values.items()}


@register.simple_tag
def participant_rows(participants: list[Any]) -> SafeString:
    out: list[str] = []
    for p in participants:
        party = esc(tr(p.party)) if p.party else "—"
        person = (
            f'<a href="{esc(page_path("web:person", p.person.slug))}">{esc(tr(p.person))}</a>'
            if p.person
            else ""
        )
        post = esc(post_of(p))
        role = esc(display(p, "role"))
        head = gettext("yes") if p.head_of_delegation else ""
        # (`{{ p.attended|default:_("present") }}`: the translation of the default is
        # not escaped)
        attended = esc(p.attended) if p.attended else gettext("present")
        out.append(
            "\n      <tr>"
            f'\n        <th scope="row">{party}</th>'
            f"\n        <td>{person}</td>"
            f"\n        <td>{post}</td>"
            f"\n        <td>{role}</td>"
            f"\n        <td>{head}</td>"
            f'\n        <td class="attendance attendance-{esc(p.attendance)}">{attended}</td>'
            "\n      </tr>"
        )
    return mark_safe("".join(out))


def _names(rows: list[Any]) -> str:
    return ", ".join(esc(tr(row)) for row in rows)


@register.simple_tag
def agenda_rows(agenda: list[Any]) -> SafeString:
    out: list[str] = []
    for item in agenda:
        title = esc(tr_field(item, "title"))
        kind = esc(display(item, "kind"))
        attention = gettext("particular attention")
        badge = f' <span class="badge">{attention}</span>' if item.emphasis else ""
        topics, events = list(all_of(item, "topics")), list(all_of(item, "events"))
        parts = ""
        if topics or events:
            said = f"{gettext('Topics')}: {_names(topics)}" if topics else ""
            if topics and events:
                said += ". "
            if events:
                said += f"{gettext('Events')}: {_names(events)}"
            parts = f'<br><span class="muted">{said}</span>'
        out.append(
            f'\n    <li id="item-{esc(item.slug)}">{title} <span class="muted">({kind})</span>'
            f"{badge}\n      {parts}\n    </li>"
        )
    return mark_safe("".join(out))


def _subject(action: Any, org: str) -> str:
    """web/includes/subject.html."""
    if action.document_id:
        href = page_path("web:document", org, action.document.slug)
        said = f'<a href="{esc(href)}">{esc(tr(action.document))}</a>'
    elif action.agenda_item_id:
        item = action.agenda_item
        href = meeting_path(org, item.meeting.body.slug, item.meeting.ref)
        title = esc(tr_field(item, "title"))
        said = f'<a href="{esc(href)}#item-{esc(item.slug)}">{title}</a>'
    elif action.event_id:
        said = esc(tr(action.event))
    else:
        said = ""
    return said + "\n"


def _referral(action: Any, org: str) -> str:
    """web/includes/referral.html, with `target_visible=action.target_meeting_visible`."""
    body = action.target_body
    said = f'<a href="{esc(page_path("web:body", org, body.slug))}">{esc(tr(body))}</a>'
    target = action.target_meeting
    if target and getattr(action, "target_meeting_visible", ""):
        number = (
            _said(gettext("meeting no. %(number)s"), number=target.number) + ", "
            if target.number
            else ""
        )
        href = meeting_path(org, body.slug, target.ref)
        said += f' (<a href="{esc(href)}">{number}{esc(when(target))}</a>)'
    if action.purpose:
        said += " — " + _said(gettext("for %(purpose)s"), purpose=purpose_label(action.purpose))
    return said + "\n"


def _outside(action: Any) -> str:
    """web/includes/outside.html."""
    if action.target_organization:
        said: str = esc(outside_organization(action))
        if action.reference:
            said += f" ({_said(gettext('document %(reference)s'), reference=action.reference)})"
        return said
    if action.reference:
        return _said(gettext("document %(reference)s"), reference=action.reference)
    return ""


@register.simple_tag(takes_context=True)
def action_rows(context: template.Context, actions: list[Any]) -> SafeString:
    org = context["organization"].slug
    out: list[str] = []
    for action in actions:
        verb = esc(verb_name(context, action.verb))
        subject = _subject(action, org)
        referral = _referral(action, org) if action.target_body else ""
        out.append(
            "\n      <tr>"
            f'\n        <th scope="row">{verb}</th>'
            f"\n        <td>{subject}</td>"
            f"\n        <td>{referral}{_outside(action)}</td>"
            "\n      </tr>"
        )
    return mark_safe("".join(out))


@register.simple_tag
def statement_rows(statements: list[Any]) -> SafeString:
    out: list[str] = []
    for s in statements:
        text = esc(tr_field(s, "text"))
        if s.verbatim:
            said = f"<blockquote>{text}</blockquote>"
        else:
            reported = gettext("reported speech")
            said = f'<p class="reported">{text} <span class="muted">({reported})</span></p>'
        if s.person:
            href = esc(page_path("web:person", s.person.slug))
            who = f'<a href="{href}">{esc(tr(s.person))}</a>'
            if s.party:
                who += f" ({esc(tr(s.party))})"
        else:
            who = esc(tr(s.party))
        if s.kind != "statement":
            who += f' <span class="badge">{esc(display(s, "kind"))}</span>'
        if s.after_meeting:
            who += f' <span class="muted">({gettext("after the meeting")})</span>'
        if s.agenda_item:
            who += f' <span class="muted">({esc(tr_field(s.agenda_item, "title"))})</span>'
        out.append(
            f'\n  <figure class="statement statement-{esc(s.kind)}">'
            f"\n    {said}"
            f"\n    <figcaption>— {who}</figcaption>"
            "\n  </figure>\n  "
        )
    return mark_safe("".join(out))
