"""Saving over a record someone else changed meanwhile: the differences, field by field,
and the choice for each ("keep mine" or "take theirs").

A save whose version is stale is refused (409) with everything typed kept. The page then
lists each field of the meeting, and each list of rows (participants, agenda, actions,
decisions), where what was typed differs from what is recorded now, and carries the
record's current version: saving again keeps what was typed for every field listed;
"take theirs" on a field puts the recorded value into the form instead (the page comes
back, nothing saved). Nothing typed is lost and nothing recorded is overwritten unseen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Conflict:
    """A field (or a list of rows) where what was typed differs from the record now."""

    name: str
    label: str
    mine: str
    theirs: str


def _shown(value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "✓"
    if isinstance(value, list | tuple):
        if value and all(isinstance(v, dict) for v in value):
            # Lines of parts (what a decision decides): each line's parts given.
            return "; ".join(" ".join(str(p) for p in v.values() if p) for v in value)
        return ", ".join(str(v) for v in value)
    return str(value).strip()


def _row(form: forms.Form, values: Mapping[str, Any]) -> str:
    """A row as one line: its filled fields in the form's order."""
    parts = []
    for name, field in form.fields.items():
        if name == "DELETE" or isinstance(field.widget, forms.HiddenInput):
            continue
        shown = _shown(values.get(name))
        if shown:
            parts.append(f"{field.label or name}: {shown}")
    return " · ".join(parts)


def _typed_rows(formset: forms.BaseFormSet) -> list[str]:
    rows = []
    initial = formset.initial_form_count()
    for index, form in enumerate(formset.forms):
        if index >= initial and not form.has_changed():
            continue  # a blank row (its choices at their defaults)
        values = {name: form[name].value() for name in form.fields}
        if values.get("DELETE"):
            continue
        line = _row(form, values)
        if line:
            rows.append(line)
    return rows


def _recorded_rows(formset: forms.BaseFormSet, rows: list[dict]) -> list[str]:
    form = formset.empty_form
    return [line for line in (_row(form, row) for row in rows) if line]


LIST_LABELS = {
    "participants": gettext_lazy("Participants"),
    "agenda": gettext_lazy("Agenda"),
    "actions": gettext_lazy("Actions"),
    "decisions": gettext_lazy("Decisions"),
    "sessions": gettext_lazy("Sessions"),
}


def differences(
    form: forms.Form,
    sets: Mapping[str, forms.BaseFormSet],
    recorded: Mapping[str, Any],
    recorded_rows: Mapping[str, list[dict]],
) -> list[Conflict]:
    """Where the page's (bound) forms differ from the record now (`recorded`, the
    meeting's fields as the form is filled from it; `recorded_rows`, its rows)."""
    found = []
    for name, field in form.fields.items():
        if name not in recorded:
            continue
        mine, theirs = _shown(form[name].value()), _shown(recorded[name])
        if mine != theirs:
            found.append(Conflict(name, str(field.label or name), mine, theirs))
    for prefix, formset in sets.items():
        mine_rows = _typed_rows(formset)
        theirs_rows = _recorded_rows(formset, recorded_rows.get(prefix, []))
        if mine_rows != theirs_rows:
            found.append(
                Conflict(
                    prefix,
                    str(LIST_LABELS.get(prefix, prefix)),
                    "\n".join(mine_rows),
                    "\n".join(theirs_rows),
                )
            )
    return found


def _posted(value: Any) -> list[str]:
    if value is None or value is False:
        return []
    if value is True:
        return ["on"]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def take_theirs(
    data: QueryDict,
    name: str,
    recorded: Mapping[str, Any],
    recorded_rows: Mapping[str, list[dict]],
    sets: Mapping[str, type[forms.BaseFormSet]],
) -> QueryDict:
    """The posted data with the field (or list of rows) `name` as recorded now."""
    data = data.copy()
    if name in recorded:
        data.setlist(name, _posted(recorded[name]))
    elif name in sets:
        rows = recorded_rows.get(name, [])
        for key in [k for k in data if k.startswith(f"{name}-")]:
            del data[key]
        extra = sets[name].extra
        data[f"{name}-TOTAL_FORMS"] = str(len(rows) + extra)
        data[f"{name}-INITIAL_FORMS"] = str(len(rows))
        for index, row in enumerate(rows):
            for key, value in row.items():
                if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                    # Lines of parts, each part's inputs sharing a name (`decides-kind`).
                    for part in value[0]:
                        lines = [str(v.get(part, "") or "") for v in value]
                        data.setlist(f"{name}-{index}-{key}-{part}", lines)
                    continue
                data.setlist(f"{name}-{index}-{key}", _posted(value))
    return data
