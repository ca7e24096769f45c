"""A template's text rendered as a page renders it, with the names it notes untranslated:
for the tests comparing lists written in Python with the template loops they replace."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import translation

from accord.meetings.models import Meeting
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


LANGUAGES = ("en", "ru", "zh-hans")


def seed_meeting_pages(client: Client) -> Iterator[tuple[Meeting, Any]]:
    """Each of the SCO's meetings (in the order they were recorded) and the context its
    page was rendered with, as `client` reads it."""
    meetings = Meeting.objects.filter(body__organization__slug="sco").select_related("body")
    for m in meetings.order_by("pk"):
        response = client.get(f"/organizations/sco/bodies/{m.body.slug}/meetings/{m.ref}/")
        assert response.status_code == 200, m.pk
        yield m, response.context


def same_in_every_language(before: str, after: str, values: dict[str, Any], where: Any) -> int:
    """`after` rendered with `values` is `before`'s HTML, with the same names noted, in
    each language; the number of renderings compared."""
    for language in LANGUAGES:
        with translation.override(language):
            assert rendered(after, values) == rendered(before, values), (where, language)
    return len(LANGUAGES)
