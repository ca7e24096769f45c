"""The error summary at the top of a refused record page: every error of the page, in
the page's order, each a link to its field (or row), as GOV.UK's error summary does.
The summary takes the focus when the page comes back, so a keyboard or screen reader
user starts from the list of what to correct."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _

from accord.web.recording.conflicts import LIST_LABELS


@dataclass(frozen=True)
class Entry:
    """One error: the anchor of the field (or row) it concerns, where, and why."""

    href: str
    where: str
    reason: str


def _of_form(form: forms.Form, anchor: str, where: str) -> list[Entry]:
    entries = []
    for name, reasons in form.errors.items():
        if name in form.fields:
            field_where = str(form.fields[name].label or name)
            href = f"#{form[name].auto_id}"
            if where:
                field_where = _("%(row)s: %(field)s") % {"row": where, "field": field_where}
        else:
            href, field_where = f"#{anchor}", where
        entries += [Entry(href, field_where, str(reason)) for reason in reasons]
    return entries


def error_summary(
    form: forms.Form,
    sets: Mapping[str, forms.BaseFormSet],
    after: Sequence[tuple[forms.Form, str, str]] = (),
) -> list[Entry]:
    """The errors of the meeting's form (`form`), of each row of `sets`, then of the
    forms `after` (each with the anchor of its place and the name of that place), in
    order."""
    entries = _of_form(form, "record-errors", "")
    for prefix, formset in sets.items():
        label = str(LIST_LABELS.get(prefix, prefix))
        for reason in formset.non_form_errors():
            entries.append(Entry(f"#{prefix}-heading", label, str(reason)))
        for n, row in enumerate(formset.forms, start=1):
            if row.errors:
                where = _("%(list)s, row %(n)s") % {"list": label, "n": n}
                entries += _of_form(row, row.prefix, where)
    for other, anchor, where in after:
        entries += _of_form(other, anchor, where)
    return entries
