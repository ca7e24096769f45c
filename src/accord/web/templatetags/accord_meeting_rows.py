"""The meeting page's lists written in Python a row at a time, rather than through the
template language's loop, includes, filters and tags for every row: the participants,
the agenda, the actions and the statements (`{% participant_rows participants %}`,
`{% agenda_rows agenda %}`, `{% action_rows actions %}`, `{% statement_rows
statements %}` on the meeting page). The HTML is the loops'
byte for byte (tests/web/test_meeting_rows.py renders both), each name noted
untranslated in the order the loops noted it, each value escaped where the template
escaped it: `{{ }}` and a tag's output are escaped, `{% translate %}` and
`{% blocktranslate %}` text is not (its values are). What rows share (the page's
language, names shown, fixed words, choices' labels, paths) is worked out once a page
(`web.words`); more of the page's lists are in `accord_meeting_lists`.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

from accord.core.prefetched import all_of
from accord.web.templatetags.accord_pages import outside_organization
from accord.web.words import Words, esc, of

register = template.Library()


def _said(translation: str, **values: Any) -> str:
    """`{% blocktranslate with ... %}`: the translation, unescaped, with each value as
    `{{ }}` shows it (as `{% translate %}`, a translation is not escaped)."""
    return translation % {k: esc(str(localize(v))) for k, v in values.items()}


@register.simple_tag(takes_context=True)
def participant_rows(context: template.Context, participants: list[Any]) -> SafeString:
    words = of(context)
    out: list[str] = []
    for p in participants:
        party = words.tr(p.party) if p.party else "—"
        person = (
            f'<a href="{words.path("web:person", p.person.slug)}">{words.tr(p.person)}</a>'
            if p.person
            else ""
        )
        post = words.post_of(p)
        role = words.display(p, "role")
        head = words.word("yes") if p.head_of_delegation else ""
        # (`{{ p.attended|default:_("present") }}`: the translation of the default is
        # not escaped)
        attended = esc(p.attended) if p.attended else words.word("present")
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


def _names(words: Words, rows: list[Any]) -> str:
    return ", ".join(words.tr(row) for row in rows)


@register.simple_tag(takes_context=True)
def agenda_rows(context: template.Context, agenda: list[Any]) -> SafeString:
    words = of(context)
    out: list[str] = []
    for item in agenda:
        title = words.tr_field(item, "title")
        kind = words.display(item, "kind")
        attention = words.word("particular attention")
        badge = f' <span class="badge">{attention}</span>' if item.emphasis else ""
        topics, events = list(all_of(item, "topics")), list(all_of(item, "events"))
        parts = ""
        if topics or events:
            said = words.word("Topics") + ": " + _names(words, topics) if topics else ""
            if topics and events:
                said += ". "
            if events:
                said += words.word("Events") + ": " + _names(words, events)
            parts = f'<br><span class="muted">{said}</span>'
        out.append(
            f'\n    <li id="item-{esc(item.slug)}">{title} <span class="muted">({kind})</span>'
            f"{badge}\n      {parts}\n    </li>"
        )
    return mark_safe("".join(out))


def _subject(words: Words, action: Any, org: str) -> str:
    """web/includes/subject.html."""
    if action.document_id:
        href = words.path("web:document", org, action.document.slug)
        said = f'<a href="{href}">{words.tr(action.document)}</a>'
    elif action.agenda_item_id:
        item = action.agenda_item
        href = words.path("web:meeting", org, item.meeting.body.slug, item.meeting.ref)
        title = words.tr_field(item, "title")
        said = f'<a href="{href}#item-{esc(item.slug)}">{title}</a>'
    elif action.event_id:
        said = words.tr(action.event)
    else:
        said = ""
    return said + "\n"


def _referral(words: Words, action: Any, org: str) -> str:
    """web/includes/referral.html, with `target_visible=action.target_meeting_visible`."""
    body = action.target_body
    said = f'<a href="{words.path("web:body", org, body.slug)}">{words.tr(body)}</a>'
    target = action.target_meeting
    if target and getattr(action, "target_meeting_visible", ""):
        number = (
            _said(words.word("meeting no. %(number)s"), number=target.number) + ", "
            if target.number
            else ""
        )
        href = words.path("web:meeting", org, body.slug, target.ref)
        said += f' (<a href="{href}">{number}{words.when(target)}</a>)'
    if action.purpose:
        purpose = mark_safe(words.purpose(action.purpose))
        said += " — " + _said(words.word("for %(purpose)s"), purpose=purpose)
    return said + "\n"


def _outside(words: Words, action: Any) -> str:
    """web/includes/outside.html."""
    document = "document %(reference)s"
    if action.target_organization:
        said: str = esc(outside_organization(action))
        if action.reference:
            said += f" ({_said(words.word(document), reference=action.reference)})"
        return said
    if action.reference:
        return _said(words.word(document), reference=action.reference)
    return ""


@register.simple_tag(takes_context=True)
def action_rows(context: template.Context, actions: list[Any]) -> SafeString:
    org = context["organization"].slug
    words = of(context)
    out: list[str] = []
    for action in actions:
        verb = words.verb(context, action.verb)
        subject = _subject(words, action, org)
        referral = _referral(words, action, org) if action.target_body else ""
        out.append(
            "\n      <tr>"
            f'\n        <th scope="row">{verb}</th>'
            f"\n        <td>{subject}</td>"
            f"\n        <td>{referral}{_outside(words, action)}</td>"
            "\n      </tr>"
        )
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def statement_rows(context: template.Context, statements: list[Any]) -> SafeString:
    words = of(context)
    out: list[str] = []
    for s in statements:
        text = words.tr_field(s, "text")
        if s.verbatim:
            said = f"<blockquote>{text}</blockquote>"
        else:
            reported = words.word("reported speech")
            said = f'<p class="reported">{text} <span class="muted">({reported})</span></p>'
        if s.person:
            href = words.path("web:person", s.person.slug)
            who = f'<a href="{href}">{words.tr(s.person)}</a>'
            if s.party:
                who += f" ({words.tr(s.party)})"
        else:
            who = words.tr(s.party)
        if s.kind != "statement":
            who += f' <span class="badge">{words.display(s, "kind")}</span>'
        if s.after_meeting:
            after = words.word("after the meeting")
            who += f' <span class="muted">({after})</span>'
        if s.agenda_item:
            who += f' <span class="muted">({words.tr_field(s.agenda_item, "title")})</span>'
        out.append(
            f'\n  <figure class="statement statement-{esc(s.kind)}">'
            f"\n    {said}"
            f"\n    <figcaption>— {who}</figcaption>"
            "\n  </figure>\n  "
        )
    return mark_safe("".join(out))
