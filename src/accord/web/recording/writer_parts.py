"""The record page's writer's helpers (`meeting_writer`): refusals put beside their
fields, problems of some rows named by the rows' own places, the rows that read, and
the recorded rows the page listed."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import Prefetch
from django.utils.translation import gettext

from accord.accounts import refs
from accord.core.errors import DomainError, Problem
from accord.decisions.models import Action, Decision
from accord.meetings.models import AgendaItem, Meeting, Participation, Session
from accord.registry.models import Party, Person
from accord.web.recording.common import RecordForm, blank
from accord.web.recording.forms import FORMSETS, RowForm, rows_of

T = TypeVar("T")


def show(form: RecordForm, problem: Problem) -> None:
    """A refusal of the meeting beside its field (the joint meeting's bodies, each
    named by its place, are all one field of the form)."""
    if problem.field.startswith("joint_bodies["):
        form.add_problem("joint_bodies", f"{problem.field}: {problem.reason}")
    else:
        form.add_problem(problem.field, problem.reason)


def out_of_order(form: RecordForm, reason: str) -> None:
    """A number out of the series' date order (`rules.numbering_conflict`): the date may
    be the wrong one as much as the number, so it is said beside both."""
    form.add_problem(
        "number", gettext("%(reason)s: correct the number, or the date") % {"reason": reason}
    )
    form.add_problem(
        "date",
        gettext(
            "this date puts the meeting out of its series' order (%(reason)s):"
            " correct the date, or the number"
        )
        % {"reason": reason},
    )


def gather(problems: list[Problem], call: Callable[..., T], *args: Any) -> T | None:
    """What `call(*args)` gives, or None with its refusal's problems added to `problems`."""
    try:
        return call(*args)
    except DomainError as refusal:
        problems += refusal.problems
        return None


_PLACE = re.compile(r"^\[(\d+)\]")


def renumbered(problems: Sequence[Problem], places: Sequence[int]) -> list[Problem]:
    """Problems of a list made of some rows only (`[k]` the row `places[k]`), named by
    the rows' own places."""
    found = []
    for p in problems:
        match = _PLACE.match(p.field)
        if match and int(match.group(1)) < len(places):
            field = f"[{places[int(match.group(1))]}]{p.field[match.end() :]}"
            p = dataclasses.replace(p, field=field)
        found.append(p)
    return found


def readable_rows(formset: Any) -> list[RowForm]:
    """The rows of a formset that read (no error of their own), hold something, and are
    not marked for removal (a blank extra row has no cleaned data)."""
    return rows_of(
        f
        for f in formset.forms
        if not f.errors and f.cleaned_data and not f.cleaned_data.get("DELETE")
    )


def co_chair(given: str) -> tuple[Party, Person | None]:
    """A co-chair as the page names it: `AF`, or `AF:person-id` with its person."""
    code, _, person = given.partition(":")
    party = refs.party_at(code, "co_chairs")
    return party, refs.person_at(blank(person), "co_chairs")  # type: ignore[return-value]


def originals_of(found: Meeting | None) -> dict[str, list]:
    """The recorded rows, in the order the page listed them."""
    if found is None:
        return {k: [] for k in FORMSETS}
    return {
        "participants": list(Participation.objects.filter(meeting=found).order_by("position")),
        "agenda": list(
            AgendaItem.objects.filter(meeting=found).prefetch_related("events").order_by("position")
        ),
        "actions": list(
            Action.objects.filter(meeting=found)
            .select_related("event", "by_person")
            .order_by("position")
        ),
        "decisions": list(
            Decision.objects.filter(meeting=found)
            .prefetch_related(Prefetch("positions"), "positions__party")
            .order_by("slug")
        ),
        "sessions": list(Session.objects.filter(meeting=found).order_by("position")),
    }
