"""A chair term found by its start (`bodies.selectors.TermRows`) is the one the rule
finds trying each term in turn: for every day of the seed's terms and around them,
for terms apart, for terms overlapping (tried in turn then) and unordered."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from accord.bodies import rules
from accord.bodies.models import ChairTerm
from accord.bodies.selectors import TermRows, term_on

pytestmark = pytest.mark.django_db


def _days(terms: list[ChairTerm]) -> list[dt.date]:
    first = min(t.start for t in terms) - dt.timedelta(days=40)
    last = max(t.end or t.start for t in terms) + dt.timedelta(days=40)
    return [first + dt.timedelta(days=n) for n in range(0, (last - first).days + 1, 3)]


def _agree(terms: list[ChairTerm]) -> None:
    rows = TermRows(terms)
    for day in _days(terms):
        expected = rules.chair_on(rows.plain, day)
        assert rows.covering(day) == expected, day
        found = term_on(rows, day)
        assert (found.pk if found else None) == (int(expected) if expected else None)


def test_terms_apart_overlapping_or_unordered_are_found_as_the_rule_finds_them():
    terms = list(ChairTerm.objects.filter(body=None).order_by("start"))
    assert len(terms) > 3
    _agree(terms)
    assert TermRows(terms).starts is not None  # (the seed's terms are apart)
    overlapping = [copy.copy(t) for t in terms]
    overlapping[1].end = overlapping[2].start + dt.timedelta(days=20)
    assert TermRows(overlapping).starts is None
    _agree(overlapping)
    _agree(list(reversed(terms)))
    open_ended = [copy.copy(t) for t in terms]
    open_ended[-1].end = None
    _agree(open_ended)
