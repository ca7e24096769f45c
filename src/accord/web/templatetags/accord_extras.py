"""Template filters of Accord's pages: names and titles in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model
from django.utils.translation import get_language

from accord.core import choices
from accord.core.languages import translated
from accord.core.prefetched import all_of
from accord.web.untranslated import note

register = template.Library()


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    return mapping.get(key)


def _language() -> str:
    return (get_language() or "en").lower()


@register.filter
def tr(obj: Any) -> str:
    """The object's name (or title) in the current language where the record has a
    translation, the original otherwise (noted: the page lists what it showed
    untranslated): `{{ body|tr }}`."""
    if obj is None:
        return ""
    language = _language()
    for method in ("name_in", "title_in"):
        if hasattr(obj, method):
            shown = getattr(obj, method)(language)
            note(shown)
            return shown
    return str(obj)


@register.filter
def tr_field(obj: Any, field: str) -> str:
    """A translated JSON field (`titles`, `city_names`, ...) by language, or the
    plain field it translates: `{{ meeting|tr_field:"city" }}` reads `city_names`."""
    if obj is None:
        return ""
    language = _language()
    names = getattr(obj, f"{field}_names", None) or getattr(obj, f"{field}s", None) or {}
    if isinstance(names, dict):
        found = translated(names, language)
        if found:
            return found
    shown = getattr(obj, field, "") or ""
    note(shown)
    return shown


@register.filter
def post_of(participation: Any) -> str:
    """A participant's post in the reader's language where the record translates it,
    as recorded otherwise (noted: the page lists what it showed untranslated)."""
    found = translated(participation.post_names, _language())
    if found:
        return found
    shown = participation.post_title or ""
    note(shown)
    return shown


@register.filter
def display(row: Model, name: str) -> Any:
    """`{{ meeting|display:"kind" }}`: `meeting.get_kind_display`, the field's labels by
    value kept once (`core.choices.display`)."""
    return choices.display(row, name)


@register.filter
def prefetched(row: Model, name: str) -> Any:
    """`{% for row in meeting|prefetched:"joint_rows" %}`: `meeting.joint_rows.all`, the
    rows read beforehand taken without making the relation's manager (`all_of`)."""
    return all_of(row, name)
