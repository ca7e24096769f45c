"""The organization page's lists written in Python: the parties by status on the day
(`{% standing_rows rows %}`), the standing of each party over the years
(`{% membership_rows memberships %}`) and a row of chair terms
(`{% chair_term_rows rows decided %}`): the bytes the template loops wrote, without
the template language's loop and filters for every row (an organization of decades
lists hundreds).

Each text is worked out by the filter or tag the template called, in the template's
order (the names shown untranslated are noted in that order, `web.untranslated`). The
markup is the template's that came before (tests/web/test_page_answers.py compares
the organization pages with its bytes): change it here and there together.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import date
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from accord.web.templatetags.accord_extras import tr
from accord.web.words import esc

register = template.Library()

_ROW = "\n        <tr>"


def _until(end: Any, open_: str) -> str:
    """`{% if end %}{{ end|date }}{% else %}{% translate "open" %}{% endif %}`"""
    return esc(date(end)) if end else open_


@register.simple_tag
def standing_rows(rows: list[Any]) -> SafeString:
    """`<li>` a party holding the status: its name, code and since when."""
    since = gettext("since %(start)s")
    return mark_safe(
        "".join(
            f'<li>{esc(tr(m.party))} <span class="muted">({esc(m.party.code)}, '
            f"{since % {'start': esc(date(m.start))}})</span></li>"
            for m in rows
        )
    )


@register.simple_tag
def membership_rows(memberships: list[Any]) -> SafeString:
    """A row a period of a party's standing: the party, the status, from and to."""
    open_ = esc(gettext("open"))
    out = []
    for m in memberships:
        party, status = esc(tr(m.party)), esc(tr(m.status))
        out.append(
            f'{_ROW}<th scope="row">{party}</th><td>{status}</td>'
            f"<td>{esc(date(m.start))}</td><td>{_until(m.end, open_)}</td></tr>"
        )
    return mark_safe("".join(out))


@register.simple_tag
def chair_term_rows(rows: list[Any], decided: dict[int, list[Any]]) -> SafeString:
    """A row a chair term: the chair, from, to, its basis and what decided it."""
    open_ = esc(gettext("open"))
    out = []
    for t in rows:
        party = esc(tr(t.party))
        cells = f"<td>{esc(date(t.start))}</td><td>{_until(t.end, open_)}</td>"
        basis = esc(t.get_basis_display())
        effects = decided.get(t.pk)
        if effects:
            basis += " — " + get_template("web/includes/decided_by.html").render(
                {"effects": effects}
            )
        out.append(f'{_ROW}<th scope="row">{party}</th>{cells}<td>{basis}</td></tr>')
    return mark_safe("".join(out))
