"""Widgets that render their HTML in Python: the same markup as Django's own widget
templates, without a template rendering per widget and per option. A meeting's record
holds hundreds of them: the edit page of the seed's 14th meeting renders in a quarter
of the time."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe

from accord.web.words import esc

# (Each value escaped as `format_html` escapes it, `esc`: without `conditional_escape`'s
# look for a lazy text among its arguments, which cost more than the markup.)


def _attrs(attrs: dict[str, Any]) -> str:
    """` name="value"` for each attribute; True: the name alone; False or None: left out."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {esc(name)}")
        elif value is not False and value is not None:
            parts.append(f' {esc(name)}="{esc(str(value))}"')
    return "".join(parts)


class PlainWidget:
    """Renders `get_context()`'s widget in Python, as Django's template would."""

    def render(
        self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        return self.html(widget)

    def html(self, widget: dict) -> SafeString:
        value = widget["value"]
        shown = f' value="{esc(str(value))}"' if value is not None else ""
        attrs = _attrs(widget["attrs"])
        return mark_safe(
            f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"{shown}{attrs}>'
        )


class TextInput(PlainWidget, forms.TextInput):
    pass


class NumberInput(PlainWidget, forms.NumberInput):
    pass


class CheckboxInput(PlainWidget, forms.CheckboxInput):
    pass


class Textarea(PlainWidget, forms.Textarea):
    def html(self, widget: dict) -> SafeString:
        name, attrs = esc(widget["name"]), _attrs(widget["attrs"])
        value = esc(widget["value"] or "")
        return mark_safe(f'<textarea name="{name}"{attrs}>\n{value}</textarea>')


class Select(PlainWidget, forms.Select):
    def html(self, widget: dict) -> SafeString:
        options = "".join(
            f'<option value="{esc(str(o["value"]))}"{_attrs(o["attrs"])}>{esc(o["label"])}</option>'
            for _, group, _ in widget["optgroups"]
            for o in group
        )
        name, attrs = esc(widget["name"]), _attrs(widget["attrs"])
        return mark_safe(f'<select name="{name}"{attrs}>{options}</select>')


class SelectMultiple(Select, forms.SelectMultiple):
    pass


class TimeInput(PlainWidget, forms.TimeInput):
    input_type = "time"
