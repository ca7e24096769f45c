"""The recording pages' widgets give the markup of Django's own, value for value."""

from __future__ import annotations

import pytest
from django import forms
from django.test.html import parse_html

from accord.web.recording import widgets

# No database: the answers are the same in both halves of `make test` (run in one).
pytestmark = pytest.mark.database_independent

CHOICES = [("", "—"), ("a", "A & B"), ("b", "<b>")]
CASES = [
    (widgets.TextInput, forms.TextInput, {"list": "parties", "size": 8}, 'say "hi" <now>'),
    (widgets.TextInput, forms.TextInput, {"aria-invalid": "true"}, None),
    (widgets.NumberInput, forms.NumberInput, {}, 17),
    (widgets.CheckboxInput, forms.CheckboxInput, {}, True),
    (widgets.CheckboxInput, forms.CheckboxInput, {}, False),
    (widgets.Textarea, forms.Textarea, {"rows": 2}, "two\nlines & <tags>"),
    (widgets.Textarea, forms.Textarea, {}, None),
]


@pytest.mark.parametrize(("ours", "django", "attrs", "value"), CASES)
def test_inputs_render_as_djangos(ours, django, attrs, value):
    shown = {"id": "id_x", **attrs}
    assert parse_html(ours(attrs=attrs).render("x", value, {"id": "id_x"})) == parse_html(
        django(attrs=attrs).render("x", value, shown)
    )


@pytest.mark.parametrize(
    ("ours", "django", "value"),
    [
        (widgets.Select, forms.Select, "a"),
        (widgets.Select, forms.Select, None),
        (widgets.SelectMultiple, forms.SelectMultiple, ["a", "b"]),
    ],
)
def test_selects_render_as_djangos(ours, django, value):
    mine = ours(choices=CHOICES).render("x", value, {"id": "id_x"})
    assert parse_html(mine) == parse_html(
        django(choices=CHOICES).render("x", value, {"id": "id_x"})
    )
    assert "&lt;b&gt;" in mine and "A &amp; B" in mine
