"""Rows kept where `prefetch_related` keeps them (`core.prefetched.keep_rows`): each a
queryset evaluated to its rows, as Django's own prefetching leaves it, though the kept
querysets of a model start from one shared state."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.core.prefetched import all_of, keep_rows
from accord.registry.models import Organization, Party


@pytest.fixture
def parties(db) -> list[Party]:
    return [
        Party.objects.create(code=code, name=name, kind="state")
        for code, name in [("AA", "Aland"), ("BB", "Bland"), ("CC", "Cland")]
    ]


def test_kept_rows_read_as_prefetched_rows_without_a_query(parties):
    one, other = Organization(name="One", slug="one"), Organization(name="Two", slug="two")
    keep_rows(one, "members", Party, parties[:2])
    keep_rows(other, "members", Party, parties[2:])
    with CaptureQueriesContext(connection) as queries:
        assert list(all_of(one, "members")) == parties[:2]
        assert list(all_of(other, "members")) == parties[2:]
        kept = all_of(one, "members")
        assert kept.count() == 2 and kept.exists() and kept.first() == parties[0]
        assert len(kept) == 2 and kept[1] == parties[1] and bool(kept)
    assert not queries


def test_a_kept_queryset_asked_for_more_is_a_new_query_of_its_own(parties):
    one, other = Organization(name="One", slug="one"), Organization(name="Two", slug="two")
    keep_rows(one, "members", Party, parties[:2])
    keep_rows(other, "members", Party, [])
    kept = all_of(one, "members")
    # A filter or an ordering asked of a kept queryset reads the database anew (as of
    # a prefetched one), and leaves every kept queryset of the model as it was.
    assert list(kept.filter(code="CC")) == [parties[2]]
    ours = kept.filter(code__in=["AA", "BB", "CC"]).order_by("-code")
    assert list(ours.values_list("code", flat=True)) == ["CC", "BB", "AA"]
    assert list(all_of(one, "members")) == parties[:2]
    assert list(all_of(other, "members")) == []
    assert str(all_of(other, "members").query) == str(Party.objects.all().query)
    assert all_of(one, "members")._hints is not all_of(other, "members")._hints
