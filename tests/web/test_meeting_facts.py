"""The meeting page's facts written in Python (`accord_meeting_facts`) are the template's
HTML byte for byte (tests/web/meeting_facts_loop.html, as web/meeting.html wrote them),
and note the same names untranslated in the same order: for every meeting of the seed,
as the public and as the secretariat, in English, Russian and Chinese, and for facts
varied to take every branch (a joint meeting with numbers of its own, a status, a host,
co-chairs with and without a person, each chair rule, no number, no venue, a
classification, meetings prepared by it)."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

import pytest

from accord.accounts.record_parts import keep_rows
from accord.bodies.models import Body
from accord.meetings.models import JointBody
from accord.registry.models import Party, Person
from tests.web.conftest import ROLES, sign_in
from tests.web.rendering import same_in_every_language, seed_meeting_pages

pytestmark = pytest.mark.django_db

LOOPS = (Path(__file__).parent / "meeting_facts_loop.html").read_text()

TAGS = "{% load accord_meeting_facts %}{% meeting_facts %}"

NAMES = (
    "organization",
    "body",
    "meeting",
    "joint_bodies",
    "chair",
    "members",
    "prepares",
    "prepared_by",
)


def _varied(values: dict[str, Any], rule: str, n: int) -> dict[str, Any]:
    """The facts changed to take the branches the seed may not."""
    varied = dict(values)
    m = copy.copy(values["meeting"])
    m._state = copy.copy(m._state)
    m._state.fields_cache = dict(m._state.fields_cache)
    parties = list(Party.objects.order_by("pk")[:2])
    people = list(Person.objects.order_by("pk")[:1])
    bodies = list(Body.objects.order_by("pk")[:2])
    m.status = "postponed"
    m.host = parties[0]
    m.classification = "organization"
    m.venue = 'Hall "A" & <B>' if n % 2 else ""
    m.city, m.city_names = ("", {}) if n % 2 else ("Astana", {"ru": "Астана"})
    m.country = None if n == 1 else parties[1]
    if n == 2:
        m.number, m.kind = None, "regular"
    elif n == 3:
        m.number, m.kind = None, "extraordinary"
    rows = [JointBody(meeting=m, body=b, number=7 if i else None) for i, b in enumerate(bodies)]
    keep_rows(m, "joint_rows", JointBody, rows)
    varied["meeting"] = m
    varied["joint_bodies"] = bodies if n % 2 else []
    varied["chair"] = dataclasses.replace(
        values["chair"],
        rule=rule,
        person=people[0] if n % 2 else None,
        party=None if n == 2 else values["chair"].party,
        co_chair_people=[(parties[0], people[0]), (parties[1], None)],
    )
    varied["members"] = values["members"][:1] if n == 1 else values["members"]
    varied["prepares"] = None if n == 1 else m
    varied["prepared_by"] = [m, values["meeting"]] if n % 2 else []
    return varied


@pytest.mark.parametrize("standing", ["public", "secretariat"])
def test_the_facts_written_in_python_are_the_templates_html(standing, client, no_response_cache):
    if standing == "secretariat":
        sign_in(client, ROLES["secretariat"])
    compared = pages = 0
    for m, context in seed_meeting_pages(client):
        values = {name: context[name] for name in NAMES}
        shown = [values] + [
            _varied(values, rule, n)
            for n, rule in enumerate(["recorded", "host", "own-terms", "presidency"])
        ]
        for facts in shown:
            compared += same_in_every_language(LOOPS, TAGS, facts, m.pk)
        pages += 1
    assert pages > 1 and compared >= 15 * pages
