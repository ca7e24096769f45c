"""A template's text rendered as a page renders it, with the names it notes untranslated:
for the tests comparing lists written in Python with the template loops they replace."""

from __future__ import annotations

from typing import Any

from django.template import Context, Template
from django.test import RequestFactory

from accord.web import untranslated


def rendered(source: str, values: dict[str, Any]) -> tuple[str, list[str]]:
    """`source` rendered with `values` (and a request), and the names it noted."""
    noted: list[str] = []
    token = untranslated._NOTED.set(noted)
    try:
        request = RequestFactory().get("/")
        html = Template(source).render(Context({**values, "request": request}))
    finally:
        untranslated._NOTED.reset(token)
    return html, noted
