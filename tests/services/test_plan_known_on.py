"""The calendar as known on a day (`CalendarFilter(known_on=...)`, one query for every
way in) answers what the pure rule answers (`plan_rules.plan_on`), for random plan
histories written through the services and random days; and writing a plan moves the
meeting to its latest plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.core.dates import PartialDate
from accord.meetings import plan_services
from accord.meetings.inputs import PlanChangeFields
from accord.meetings.models import Meeting
from accord.meetings.plan_rules import KINDS, plan_on, plan_problems
from accord.meetings.selectors import CalendarFilter, as_known
from accord.registry.models import Party

START = dt.date(2016, 1, 1)


def the_meeting() -> Meeting:
    # An ad hoc meeting of the seed (no number: its dates may move anywhere).
    return Meeting.objects.get(body__organization__slug="sco", slug="2018-04-beijing")


@st.composite
def histories(draw) -> list[dict]:
    n = draw(st.integers(1, 6))
    known = sorted(draw(st.lists(st.integers(0, 800), min_size=n, max_size=n)))
    rows = []
    for i, k in enumerate(known):
        kind = draw(st.sampled_from(KINDS)) if i else "announced"
        values: dict = {"kind": kind, "known_on": PartialDate(START + dt.timedelta(days=k))}
        if kind != "cancelled":
            if i == 0 or draw(st.booleans()):
                first = START + dt.timedelta(days=draw(st.integers(0, 1200)))
                values.update(start=first, end=first + dt.timedelta(days=draw(st.integers(0, 2))))
            if draw(st.booleans()):
                values.update(
                    city=draw(st.sampled_from(["Bishkek", "Astana"])),
                    country=draw(st.sampled_from(["KG", "KZ"])),
                )
            if kind != "moved-online" and draw(st.booleans()):
                values["mode"] = draw(st.sampled_from(["in-person", "video", "hybrid"]))
        rows.append(values)
    return rows


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=histories(), days=st.lists(st.integers(-10, 1400), min_size=1, max_size=4))
def test_the_calendar_known_on_a_day_is_the_rules_answer(history, days):
    parties = {p.code: p for p in Party.objects.filter(code__in=["KG", "KZ"])}
    given_rows = [
        PlanChangeFields(**{**c, "country": parties[c["country"]]} if "country" in c else c)
        for c in history
    ]
    pure = [plan_services.pure(c) for c in given_rows]
    if plan_problems(pure):
        return  # refused histories are the rules' tests' business
    with transaction.atomic():
        m = plan_services.set_plan(the_meeting(), given_rows)
        org = m.body.organization
        for offset in days:
            day = START + dt.timedelta(days=offset)
            wanted = CalendarFilter(org, body=m.body.slug, known_on=day)
            shown = [x for x in as_known(list(wanted.meetings())) if x.pk == m.pk]
            plan = plan_on(pure, day)
            if plan is None:
                assert shown == [], day
                continue
            (found,) = shown
            assert (found.start, found.end, found.status) == (plan.start, plan.end, plan.status)
            if plan.placed:
                assert found.city == plan.city
                assert (found.country.code if found.country else None) == plan.country
            if plan.mode:
                assert found.mode == plan.mode
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_writing_a_plan_moves_the_meeting_to_its_latest_plan():
    m = the_meeting()
    kg = Party.objects.get(code="KG")
    plan_services.set_plan(
        m,
        [
            PlanChangeFields(
                kind="announced",
                known_on=PartialDate.parse("2018-01"),
                start=dt.date(2018, 4, 20),
                city="Bishkek",
                country=kg,
            ),
            PlanChangeFields(
                kind="moved-online",
                known_on=PartialDate.parse("2018-03-01"),
                start=dt.date(2018, 4, 24),
            ),
        ],
    )
    m.refresh_from_db()
    assert (m.start, m.city, m.country, m.mode, m.status) == (
        dt.date(2018, 4, 24),
        "",
        None,
        "video",
        "moved-online",
    )
    plan_services.set_plan(m, [])
    m.refresh_from_db()
    assert m.status == "" and not m.plan_changes.exists()
