"""What a decision row of the record page says the decision decides: one line per
record, each its kind, a term in a post (post, person, first day) or a chair term
(party, body left blank for the organization's chair, first day), and for an extension
the end the term had before. A blank line more is offered at each save, so it works
without JavaScript; what the lines name is checked by the use case the API's decision
change calls (`decisions.actions`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accord.decisions.decides import Ref
from accord.decisions.models import EffectKind
from accord.meetings.record_decides import EffectOut

# The parts of a line, in their order, with their column heading.
PARTS: tuple[tuple[str, Any], ...] = (
    ("kind", _("What it does")),
    ("post", _("Post")),
    ("person", _("Person")),
    ("party", _("Chairing party")),
    ("body", _("Body chaired")),
    ("start", _("From")),
    ("previous_end", _("Ended before on")),
)
SIZES = {"post": 14, "person": 14, "party": 5, "body": 10, "start": 10, "previous_end": 10}
LISTS = {"person": "people", "party": "parties"}


def line_of(effect: EffectOut) -> dict[str, str]:
    """A line of the field for a record the decision decides, as the record reads."""
    return {
        "kind": effect.kind,
        "post": effect.post or "",
        "person": effect.person.slug if effect.person else "",
        "party": effect.party.code if effect.party else "",
        "body": effect.body or "",
        "start": effect.start,
        "previous_end": effect.previous_end or "",
    }


class DecidesWidget(forms.Widget):
    """The lines as a small table of inputs, each part's inputs sharing a name
    (`<name>-kind`, `<name>-post` ...), with one blank line after those given."""

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Any, name: str
    ) -> list[dict[str, str]] | None:
        """The lines that hold something; None when the form sent none of the field's
        inputs (what the decision decides then stays as recorded)."""
        if self.value_omitted_from_data(data, files, name):
            return None

        def values(part: str) -> list[str]:
            key = f"{name}-{part}"
            if hasattr(data, "getlist"):
                return list(data.getlist(key))
            found = data.get(key, [])
            return [found] if isinstance(found, str) else list(found)

        columns = {part: values(part) for part, _label in PARTS}
        count = max((len(v) for v in columns.values()), default=0)
        lines = []
        for i in range(count):
            line = {part: (v[i] if i < len(v) else "").strip() for part, v in columns.items()}
            if any(line[part] for part, _label in PARTS if part != "kind"):
                lines.append(line)
        return lines

    def value_omitted_from_data(self, data: Mapping[str, Any], files: Any, name: str) -> bool:
        return f"{name}-kind" not in data

    def render(
        self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None
    ) -> SafeString:
        lines = [*(value or []), {}]
        first_id = (attrs or {}).get("id") or self.attrs.get("id")
        invalid = (attrs or {}).get("aria-invalid") or self.attrs.get("aria-invalid")
        described = (attrs or {}).get("aria-describedby") or self.attrs.get("aria-describedby")
        # The row of the list it is in (`decisions-0-decides`: row 1), for its labels.
        place = re.search(r"-(\d+)-[^-]+$", name)
        row = int(place.group(1)) + 1 if place else None
        head = format_html_join("", '<th scope="col">{}</th>', ((label,) for _p, label in PARTS))
        rows = []
        for n, line in enumerate(lines, start=1):
            cells = []
            for part, label in PARTS:
                given = str(line.get(part, "") or "")
                said = gettext("%(part)s, line %(n)s") % {"part": label, "n": n}
                if row is not None:
                    said = gettext("%(label)s, row %(n)s") % {"label": said, "n": row}
                extra = {"aria-label": said}
                if n == 1 and part == "kind" and first_id:
                    extra["id"] = first_id
                if invalid:
                    extra["aria-invalid"] = "true"
                if described:
                    extra["aria-describedby"] = described
                cells.append(format_html("<td>{}</td>", _input(name, part, given, extra)))
            rows.append(format_html("<tr>{}</tr>", mark_safe("".join(cells))))
        return format_html(
            '<table class="decides"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>',
            head,
            mark_safe("".join(rows)),
        )


def _input(name: str, part: str, given: str, attrs: dict[str, str]) -> SafeString:
    extra = mark_safe("".join(format_html(' {}="{}"', k, v) for k, v in attrs.items()))
    if part == "kind":
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (value, mark_safe(" selected") if value == given else "", label)
                for value, label in [("", "—"), *EffectKind.choices]
            ),
        )
        return format_html('<select name="{}-kind"{}>{}</select>', name, extra, options)
    listed = format_html(' list="{}" autocomplete="off"', LISTS[part]) if part in LISTS else ""
    return format_html(
        '<input type="text" name="{}-{}" value="{}" size="{}"{}{}>',
        name,
        part,
        given,
        SIZES[part],
        listed,
        extra,
    )


def _day(text: str, line: int, what: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise forms.ValidationError(
            gettext("line %(n)s: %(what)s is a day such as 2019-05-15") % {"n": line, "what": what}
        ) from None


class DecidesField(forms.Field):
    """What a decision decides, read into the domain's natural keys (`decides.Ref`),
    each named `decides[i]` as the API names them."""

    widget = DecidesWidget

    def to_python(self, value: Any) -> list[Ref] | None:
        if value is None:
            return None
        refs: list[Ref] = []
        problems: list[forms.ValidationError] = []
        kinds = {k.value for k in EffectKind}
        for i, line in enumerate(value or []):
            n = i + 1
            try:
                if line.get("kind") not in kinds:
                    raise forms.ValidationError(
                        gettext("line %(n)s: choose what the decision does") % {"n": n}
                    )
                if not line.get("start"):
                    raise forms.ValidationError(
                        gettext("line %(n)s: give the term's first day (From)") % {"n": n}
                    )
                previous = line.get("previous_end") or ""
                refs.append(
                    Ref(
                        kind=line["kind"],
                        start=_day(line["start"], n, PARTS[5][1]),
                        post=line.get("post", ""),
                        person=line.get("person", ""),
                        party=line.get("party", "").upper(),
                        body=line.get("body", ""),
                        previous_end=_day(previous, n, PARTS[6][1]) if previous else None,
                        where=f"decides[{i}]",
                    )
                )
            except forms.ValidationError as error:
                problems.append(error)
        if problems:
            raise forms.ValidationError(problems)
        return refs

    def bound_data(self, data: Any, initial: Any) -> Any:
        return initial if data is None else data

    def has_changed(self, initial: Any, data: Any) -> bool:
        return _plain(initial) != _plain(data)


def _plain(lines: Sequence[Mapping[str, str]] | None) -> list[tuple[str, ...]]:
    return [tuple(str(line.get(p, "") or "") for p, _label in PARTS) for line in lines or []]


def decides_problem(field: str) -> str | None:
    """The line a domain problem of `decides[i].part` names (`line i+1, part`), or None
    when it names no line."""
    if not field.startswith("decides["):
        return None
    index, _sep, rest = field[len("decides[") :].partition("]")
    if not index.isdigit():
        return None
    labels = dict(PARTS) | {"from": PARTS[5][1]}
    part = rest.lstrip(".")
    where = gettext("line %(n)s") % {"n": int(index) + 1}
    return f"{where}, {labels[part]}" if part in labels else where
