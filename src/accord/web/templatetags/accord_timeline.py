"""A timeline drawn in SVG (`{% timeline_svg timeline id title desc %}`, the
organization page's membership and chair terms), written in Python: the bytes the
template `web/includes/timeline.html` wrote, without the template language's loop and
filters for every bar (an organization of decades draws hundreds).

Numbers are written as the template wrote them with localization off (`str`); texts
escaped as `{{ }}` escapes them. The markup is the template's that came before
(tests/web/test_page_answers.py compares the organization pages with its bytes).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.text import Truncator

from accord.web.browse.timeline import Timeline
from accord.web.words import esc

register = template.Library()


def _label(text: Any) -> str:
    """`{{ text|truncatechars:26 }}`."""
    cut = Truncator(text).chars(26)
    return esc(mark_safe(cut) if isinstance(text, SafeData) else cut)


@register.simple_tag
def timeline_svg(timeline: Timeline, id: str, title: Any, desc: Any) -> SafeString:
    t = timeline
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {t.width} {t.height}" '
        f'role="img" aria-labelledby="{esc(id)}-title {esc(id)}-desc" focusable="false">\n'
        f'  <title id="{esc(id)}-title">{esc(title)}</title>\n'
        f'  <desc id="{esc(id)}-desc">{esc(desc)}</desc>\n'
        '  <g class="axis" font-size="11" fill="#4a4a4a">'
    ]
    for tick in t.ticks:
        out.append(
            f'\n    <line x1="{tick.x}" x2="{tick.x}" y1="18" y2="{t.plot_bottom}" '
            'stroke="#d0d0d0" stroke-width="1"/>\n'
            f'    <text x="{tick.x}" y="13" text-anchor="middle">{tick.year}</text>'
        )
    out.append("\n  </g>\n  ")
    label_x = t.label_width - 8
    for row in t.rows:
        text_y = row.text_y
        out.append(
            f'<g class="row">\n    <text x="{label_x}" y="{text_y}" text-anchor="end" '
            f'font-size="12" fill="#1a1a1a">{_label(row.label)}</text>'
        )
        for bar in row.bars:
            out.append(
                f'\n    <rect x="{bar.x}" y="{row.y}" width="{bar.width}" '
                f'height="{t.bar_height}" fill="{esc(bar.fill)}"><title>{esc(bar.label)}'
                "</title></rect>"
            )
            if bar.text:
                out.append(
                    f'\n    <text x="{bar.text_x}" y="{text_y}" text-anchor="middle" '
                    f'font-size="10" fill="#fff" aria-hidden="true">{esc(bar.text)}</text>'
                )
        out.append("\n  </g>")
    out.append("\n</svg>\n")
    return mark_safe("".join(out))
