"""A row of the record page's tables (`{% record_row form n index %}`), written in
Python: the bytes the row's templates wrote (a cell per column with the row's label
read, the fields shown inside a cell, those folded under it, and the lines under the
row), without a template included per cell and per field. A meeting's record page
holds hundreds of cells: its rows cost 0.4 ms each through templates.

The markup is the templates' that came before (tests/web/test_recording_answers.py
compares every record page with their bytes): change it here and there together.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from accord.web.recording.forms import Column, RowForm

register = template.Library()


def _shown(value: Any) -> str:
    """`{{ value }}` as a template writes it: localized, then escaped."""
    value = localize(value)
    return conditional_escape(value if isinstance(value, str) else str(value))


class _Row:
    """What each cell of one row says of the row: its number, and the words that
    name it, looked up once."""

    def __init__(self, n: Any, index: Any) -> None:
        self.n = _shown(n)
        self.index = _shown(index)
        self.said = gettext(", row %(n)s") % {"n": self.n}
        self.label_row = gettext("%(label)s, row %(n)s")

    def label(self, field: forms.BoundField) -> str:
        return self.label_row % {"label": _shown(field.label), "n": self.n}


def _errors(field: forms.BoundField) -> str:
    if not field.errors:
        return ""
    items = "".join(f"<li>{_shown(error)}</li>" for error in field.errors)
    return f'<ul class="errorlist" id="{escape(field.auto_id)}-error">{items}</ul>'


def _sub_field(field: forms.BoundField, row: _Row, when: str = "", quiet: bool = False) -> str:
    """A field shown inside another field's cell, with its own label (`when`: the value
    of that field it is relevant for; `quiet`: the label is read, not shown)."""
    failed = " field-error" if field.errors else ""
    relevant = f' data-when="{_shown(when)}"' if when else ""
    hidden = ' class="visually-hidden"' if quiet else ""
    helped = ""
    if field.help_text:
        helped = f'<span class="muted" id="{escape(field.auto_id)}_helptext">'
        helped += f"{_shown(field.help_text)}</span>"
    return (
        f'\n<div class="sub-field{failed}"{relevant}>\n'
        f'  <label for="{escape(field.id_for_label)}"{hidden}>{_shown(field.label)}'
        f'<span class="visually-hidden">{row.said}</span></label>\n'
        f"  {field}{helped}\n"
        f"  {_errors(field)}\n"
        "</div>\n"
    )


def _fold(column: Column, row: _Row) -> str:
    """The fields folded under a column's field: a disclosure, open when they hold
    something."""
    opened = " open" if column.fold_open else ""
    inner = "".join(_sub_field(f, row, quiet=column.fold_quiet) for f in column.fold)
    return (
        f'\n<details class="sub-fields" data-when="{_shown(column.fold_when)}"{opened}>\n'
        f'    <summary>{_shown(column.fold_label)}<span class="visually-hidden">{row.said}'
        "</span></summary>\n"
        f"    {inner}\n"
        "  </details>\n"
    )


def _cell(column: Column, row: _Row) -> str:
    field = column.field
    failed = ' class="field-error"' if field.errors else ""
    inner = "".join(_sub_field(f, row, when) for f, when in column.inner)
    folded = _fold(column, row) if column.fold and not column.fold_wide else ""
    return (
        f"<td{failed}>\n"
        f'  <label class="visually-hidden" for="{escape(field.id_for_label)}">'
        f"{row.label(field)}</label>\n"
        f"  {field}\n"
        f"  {_errors(field)}\n"
        f"  {inner}\n"
        f"  {folded}\n"
        "</td>\n"
    )


@register.simple_tag
def record_row(form: RowForm, n: Any, index: Any) -> SafeString:
    """One row of a record table: its cells, then a line under it for each folded part
    too wide for a column and each field shown below the row."""
    row = _Row(n, index)
    columns = form.columns()
    prefix = _shown(form.prefix)
    width = len(columns)
    hidden = "".join(str(f) for f in form.hidden_fields())
    cells = "".join(_cell(column, row) for column in columns)
    wide = "".join(
        f'\n<tr class="fold" id="{prefix}-{_shown(column.field.name)}-fold"'
        f' data-fold-of="{row.index}">\n  <td></td>\n'
        f'  <td colspan="{width}">{_fold(column, row)}</td>\n</tr>'
        for column in columns
        if column.fold and column.fold_wide
    )
    lines = "".join(
        f'\n<tr class="fold line" id="{prefix}-{_shown(field.name)}-line"'
        f' data-fold-of="{row.index}">\n  <td></td>\n'
        f'  <td colspan="{width}">{_sub_field(field, row)}</td>\n</tr>'
        for field in form.lines()
    )
    return mark_safe(
        f'<tr id="{prefix}" data-row="{row.index}">\n'
        f'  <th scope="row">{row.n}</th>\n'
        f"  {hidden}\n"
        f"  {cells}\n"
        "</tr>\n"
        f"{wide}\n"
        f"{lines}\n"
    )
