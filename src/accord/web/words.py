"""What the lists of one page share, worked out once a page rather than once a row: the
page's language, each name shown (and noted when shown untranslated), each fixed word
and each choice's label, escaped as `{{ }}` escapes them. The meeting page's rows
written in Python (`accord_meeting_rows`, `accord_meeting_lists`) take theirs from
`of(context)`: one `Words` a rendering (the fixed words, choices' labels and dates kept
once a process, by language).

Each method gives what the template's filter gave (`tr`, `tr_field`, `post_of`,
`get_FOO_display`), and notes the same names in the same order: a name is noted the
first time it is shown (the page's list of untranslated names keeps a name once)."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any, cast

from django import template
from django.core.signals import setting_changed
from django.db.models import Model
from django.dispatch import receiver
from django.utils.safestring import SafeData
from django.utils.translation import get_language, gettext

from accord.core.choices import display, label
from accord.core.dates import PartialDate
from accord.core.languages import translated
from accord.core.paths import page_paths
from accord.web.templatetags.accord_pages import purpose_label, verb_name, when
from accord.web.untranslated import _NOTED, in_script_of

# What `html.escape` replaces: a text without any is written as it is.
_ESCAPED = re.compile("[&<>\"']")

# The fixed words, choices' labels and dates by language, translated once a process: the
# same on every page (`Words.word`, `Words.display`, `Words.when`).
_TRANSLATED: dict[str, dict[Any, str]] = {}
MAX_TRANSLATED = 4096


@receiver(setting_changed)
def _settings_changed(**kwargs: object) -> None:
    _TRANSLATED.clear()  # (a test's settings may name other languages, catalogues or formats)


def esc(value: Any) -> str:
    """`conditional_escape` (as `{{ }}` and a tag's output are escaped), as a plain text."""
    if isinstance(value, SafeData):
        return str(value)
    text = str(value)
    return html.escape(text) if _ESCAPED.search(text) else text


def _dated(obj: Any) -> tuple[Any, ...]:
    """What `accord_pages.when` says of `obj` is made of: a date or partial date, or a
    record's precision and its first and last days (or its one day)."""
    if obj is None or isinstance(obj, str):
        return ("when", obj)
    if isinstance(obj, PartialDate | dt.date):
        return ("when", type(obj), obj)
    precision = getattr(obj, "date_precision", "day")
    if hasattr(obj, "start"):
        return ("when", "span", precision, obj.start, getattr(obj, "end", None))
    return ("when", "day", precision, getattr(obj, "date", None))


class Words:
    """A page's texts, each worked out once (see the module)."""

    def __init__(self) -> None:
        active = get_language()
        self.active = active or "en"  # (as `untranslated.note` judges a name's script)
        self.language = self.active.lower()  # (as the filters look a name up)
        self.names: dict[tuple[int, str], tuple[Any, str]] = {}
        self.kept: dict[Any, str] = {}
        self.translated = _TRANSLATED.setdefault(self.active, {})
        if len(self.translated) > MAX_TRANSLATED:  # (a label for every value ever shown)
            self.translated.clear()
        self.page_path = page_paths()

    def path(self, name: str, *args: str) -> str:
        """`{% path name args %}` (`{% url %}` of a page whose arguments are slugs), escaped."""
        return esc(self.page_path(name, *args))

    def when(self, obj: Any) -> str:
        """`{{ obj|when }}`, escaped: kept once a process by language for the dates it is
        made of (`_dated`), the same for every record of the same dates."""
        key = _dated(obj)
        found = self.translated.get(key)
        if found is None:
            found = self.translated[key] = esc(when(obj))
        return found

    def purpose(self, purpose: str) -> str:
        """`{{ purpose|purpose_label }}`, escaped."""
        key = ("purpose", purpose)
        found = self.kept.get(key)
        if found is None:
            found = self.kept[key] = esc(purpose_label(purpose))
        return found

    def verb(self, context: template.Context, verb: str) -> str:
        """`{% verb_name verb %}`, escaped."""
        key = ("verb", verb)
        found = self.kept.get(key)
        if found is None:
            found = self.kept[key] = esc(verb_name(context, verb))
        return found

    def note(self, text: str) -> None:
        """`untranslated.note(text)`."""
        noted = _NOTED.get()
        if noted is None or not text or text in noted:
            return
        if not in_script_of(text, self.active):
            noted.append(text)

    def tr(self, obj: Any) -> str:
        """`{{ obj|tr }}`: the object's name (or title) in the page's language, escaped."""
        if obj is None:
            return ""
        found = self.names.get((id(obj), ""))
        if found is not None and found[0] is obj:
            return found[1]
        for method in ("name_in", "title_in"):
            if hasattr(obj, method):
                shown = getattr(obj, method)(self.language)
                self.note(shown)
                break
        else:
            shown = str(obj)
        said = esc(shown)
        self.names[(id(obj), "")] = (obj, said)
        return said

    def tr_field(self, obj: Any, field: str) -> str:
        """`{{ obj|tr_field:field }}`, escaped."""
        if obj is None:
            return ""
        found = self.names.get((id(obj), field))
        if found is not None and found[0] is obj:
            return found[1]
        names = getattr(obj, f"{field}_names", None) or getattr(obj, f"{field}s", None) or {}
        shown = translated(names, self.language) if isinstance(names, dict) else None
        if not shown:
            shown = getattr(obj, field, "") or ""
            self.note(shown)
        said = esc(shown)
        self.names[(id(obj), field)] = (obj, said)
        return said

    def post_of(self, participation: Any) -> str:
        """`{{ p|post_of }}`, escaped."""
        found = translated(participation.post_names, self.language)
        if found:
            return esc(found)
        shown = participation.post_title or ""
        self.note(shown)
        return esc(shown)

    def word(self, text: str) -> str:
        """`{% translate text %}` (a translation is not escaped)."""
        found = self.translated.get(text)
        if found is None:
            found = self.translated[text] = gettext(text)
        return found

    def display(self, row: Model, name: str) -> str:
        """`{{ row.get_<name>_display }}`, escaped (of a field with a list of choices)."""
        field = row._meta.get_field(name)
        if not isinstance(field.choices, list | tuple):  # type: ignore[union-attr]
            return esc(display(row, name))  # (choices worked out each time)
        value = getattr(row, field.attname)  # type: ignore[union-attr]
        key = (field, value)
        found = self.translated.get(key)
        if found is None:
            found = self.translated[key] = esc(label(field, value))
        return found


def of(context: template.Context) -> Words:
    """The rendering's `Words` (made by the first list that asks)."""
    # The render's outermost context holds what the whole page shares; the stubs type
    # its values as str, and it holds any value.
    memo = cast("dict[str, Words]", context.render_context.dicts[0])
    found = memo.get("accord words")
    if found is None or found.active != (get_language() or "en"):
        found = memo["accord words"] = Words()
    return found
