"""Dates the record keeps: from 1900-01-01 to 2200-12-31 (`accord.core.dates`).

Every service that writes a date refuses one outside that range, naming the field
and the reason, before any rule reads it (a rule on a day after 9999-12-31 would
leave the calendar), and writes nothing. The range's own ends are dates like any
other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from accord.accounts import services as accounts
from accord.bodies import services as bodies
from accord.bodies.inputs import BodyFields, ChairTermFields
from accord.core.models import AuditEntry
from accord.decisions import services as decisions
from accord.decisions.inputs import ActionFields
from accord.documents import services as documents
from accord.documents.inputs import DocumentFields
from accord.implementation import services as implementation
from accord.implementation.inputs import MeasureFields
from accord.meetings import services as meetings
from accord.meetings.inputs import EventFields, StatementFields
from accord.registry import services as registry
from accord.registry.inputs import (
    HoldingFields,
    OrganizationFields,
    PersonFields,
    PostFields,
    StatusFields,
)
from tests.accounts.people import RoleSpec, make
from tests.services.build import FOUNDED, World, hold, refused

D = dt.date
FAR = D(9999, 12, 31)
EARLY = D(1, 1, 1)
REASON = "is outside the dates the record keeps (1900-01-01 to 2200-12-31)"


def _meeting(w: World, day: dt.date, precision: str = "day") -> object:
    return hold(w.council, "far", day, number=1, precision=precision)


def _event(w: World, day: dt.date, precision: str = "day") -> object:
    values = {"name": "Far exercise", "start": day, "end": day, "date_precision": precision}
    return meetings.save_event(w.org, "far", EventFields(**values), [])


def _statement(w: World) -> Callable[[dt.date], object]:
    meeting = hold(w.council, "near", D(2019, 5, 15), number=1)
    person = registry.save_person("far-speaker", PersonFields(name="A speaker"))
    return lambda day: meetings.set_statements(
        meeting, [StatementFields(person=person, text="Words", date=day)]
    )


def _action(w: World, day: dt.date) -> object:
    return decisions.record_action(
        w.council, ActionFields(date=day, verb="took-note", document=w.report)
    )


def _membership(w: World, day: dt.date) -> object:
    return registry.save_membership(w.org, w.party("BR"), w.observer, D(2019, 1, 1), day)


def _holding(w: World) -> Callable[[dt.date], object]:
    post = registry.save_post(w.org, "far-post", PostFields(name="Secretary-General"))
    person = registry.save_person("far-holder", PersonFields(name="A holder"))
    return lambda day: registry.save_holding(post, person, day, None, HoldingFields())


def _chair_term(w: World, day: dt.date) -> object:
    return bodies.save_chair_term(w.org, None, w.party("KZ"), D(2019, 6, 1), day, ChairTermFields())


def _status(w: World, day: dt.date) -> object:
    return registry.save_status(w.org, "far-status", StatusFields(name="far", valid_until=day))


def _organization(w: World, day: dt.date) -> object:
    return registry.save_organization("far-org", OrganizationFields(name="Far", founded_on=day))


def _body(w: World, day: dt.date) -> object:
    return bodies.save_body(w.org, "far-body", BodyFields(name="Far body", founded_on=day))


def _document(w: World, day: dt.date) -> object:
    return documents.save_document(
        w.org, "far-document", DocumentFields(type=w.plan_type, title="Far plan", date=day)
    )


def _version(w: World, day: dt.date) -> object:
    return documents.set_versions(w.plan, [{"number": 1, "date": day}])


def _measure(w: World, day: dt.date) -> object:
    return implementation.set_measures(
        w.plan, [("far", MeasureFields(text="A measure", responsible_body=w.council, due=day))]
    )


def _one_measure(w: World, day: dt.date) -> object:
    return implementation.save_measure(
        w.plan, "far", MeasureFields(text="A measure", responsible_body=w.council, due=day)
    )


def _progress(w: World, day: dt.date) -> object:
    return implementation.set_progress_reports(w.plan, [{"date": day, "status": "on-track"}])


def _affiliation(w: World) -> Callable[[dt.date], object]:
    user = make(RoleSpec("far-officer")).user
    kz = w.party("KZ")
    return lambda day: accounts.grant(user, w.org, "delegation", party=kz, start=FOUNDED, end=day)


WRITES = [
    (_meeting, "date"),
    (_event, "date"),
    (_statement, "[0].date"),
    (_action, "date"),
    (_membership, "to"),
    (_holding, "from"),
    (_chair_term, "to"),
    (_status, "until"),
    (_organization, "founded"),
    (_body, "founded"),
    (_document, "date"),
    (_version, "versions[0].date"),
    (_measure, "[0].due"),
    (_one_measure, "due"),
    (_progress, "[0].date"),
    (_affiliation, "to"),
]


# Those that need rows of their own first: they answer the write, made ready.
PREPARED = {_statement, _holding, _affiliation}


@pytest.mark.parametrize("day", [FAR, D(1899, 12, 31)], ids=str)
@pytest.mark.parametrize(("write", "field"), WRITES, ids=[w.__name__[1:] for w, _ in WRITES])
def test_a_date_outside_the_range_is_refused_naming_the_field(world, write, field, day):
    ready = write(world) if write in PREPARED else (lambda day: write(world, day))
    before = AuditEntry.objects.count()
    error = refused(lambda: ready(day))
    # (A meeting or event on one day gives it as both ends: both are named.)
    assert (field, f"{day} {REASON}") == (error.problems[0].field, error.problems[0].reason)
    assert all(p.reason == f"{day} {REASON}" for p in error.problems), error.problems
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("day", [EARLY, D(1899, 12, 31), D(2201, 1, 1), FAR], ids=str)
def test_a_meeting_is_refused_on_either_side(world, day):
    error = refused(lambda: _meeting(world, day))
    assert [p.field for p in error.problems] == ["date", "date.to"]


def test_a_partial_date_is_refused_as_written(world):
    for write in (_meeting, _event):
        error = refused(lambda write=write: write(world, D(9999, 12, 1), "month"))
        assert [(p.field, p.reason) for p in error.problems] == [
            ("date", f"9999-12 {REASON}"),
            ("date.to", f"9999-12 {REASON}"),
        ]


@pytest.mark.parametrize("day", [D(1900, 1, 1), D(2200, 12, 31)], ids=str)
def test_the_ends_of_the_range_are_dates_like_any_other(world, day):
    assert _event(world, day).start == day
    assert _document(world, day).date == day
    month = _meeting(world, day.replace(day=1), "month")
    assert month.start == day.replace(day=1)
