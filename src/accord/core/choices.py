"""A field's label for a row's value, as `get_FOO_display()` gives it, with the field's
labels by value kept once per field: Django builds them again for every call, making
each choice hashable, and hashing a translatable label translates it (a meeting page
asked for about 25 labels, each translating every label of its field)."""

from __future__ import annotations

from typing import Any

from django.db.models import Field, Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_labels: dict[Field[Any, Any], dict[Any, Any]] = {}


def display(row: Model, name: str) -> Any:
    """`row.get_<name>_display()`: the label of the field `name`'s value, in the active
    language (the value itself where the field offers no label for it)."""
    field = row._meta.get_field(name)
    if not isinstance(field.choices, list | tuple):  # type: ignore[union-attr]
        return getattr(row, f"get_{name}_display")()  # (choices worked out each time)
    return label(field, getattr(row, field.attname))  # type: ignore[union-attr]


def label(field: Any, value: Any) -> Any:
    """The label `field` (one with a fixed list of choices) gives `value`, in the active
    language (the value itself where the field offers none)."""
    labels = _labels.get(field)
    if labels is None:
        labels = _labels[field] = dict(make_hashable(field.flatchoices))
    return force_str(labels.get(make_hashable(value), value), strings_only=True)
