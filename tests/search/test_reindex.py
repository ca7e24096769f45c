"""The index after `accord load` (written in bulk at the end of the load), and
`accord search reindex`, which rebuilds it from the record."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.accounts.access import ANONYMOUS
from accord.documents.models import Document
from accord.records.loader import load
from accord.search import index, search
from accord.search.models import SearchEntry

pytestmark = pytest.mark.django_db

BRICS = Path(__file__).resolve().parent.parent / "records" / "brics-national-security.yaml"


def entries() -> list[tuple]:
    return sorted(SearchEntry.objects.values_list("kind", "object_id", "language", "title", "body"))


def test_a_loaded_record_is_indexed_at_the_end_of_the_load():
    load([BRICS])
    strategy = Document.objects.get(slug="counter-terrorism-strategy-2020")
    rows = SearchEntry.objects.filter(kind="document", object_id=strategy.pk)
    # No search has run: the load wrote the index before it committed.
    assert [r.title for r in rows] == ["BRICS Counter-Terrorism Strategy"]
    hits = search(ANONYMOUS, "counter-terrorism strategies", kinds=["document"])
    assert "counter-terrorism-strategy-2020" in [h.object.slug for h in hits]


def test_the_index_of_a_load_is_written_in_a_few_statements():
    with CaptureQueriesContext(connection) as queries:
        load([BRICS])
    reads_and_writes = [q["sql"] for q in queries.captured_queries if "search_" in q["sql"]]
    # Each kind once (deleting its old rows, reading the objects, inserting the rows):
    # not once per row loaded.
    assert 0 < len(reads_and_writes) <= 20


def test_reindex_rebuilds_the_index_from_the_record(accord):
    indexed = entries()
    assert len(indexed) > 200
    # Changed behind Accord's back (no service, no audit): the index does not know.
    Document.objects.filter(slug="anti-drug-strategy-2018-2023").update(title="Strategy of Zhetysu")
    assert search(ANONYMOUS, "Zhetysu") == []
    out = accord("search", "reindex")
    lines = out.splitlines()
    assert "reindex: document: 0/18" in lines
    assert "reindex: document: 18/18" in lines
    assert "reindex: person: 21/21" in lines
    assert lines[-1].startswith("search index rebuilt: 101 objects in ")
    assert [h.object.slug for h in search(ANONYMOUS, "Zhetysu")] == ["anti-drug-strategy-2018-2023"]
    assert len(entries()) == len(indexed)


def test_reindex_clears_what_no_longer_exists(accord):
    SearchEntry.objects.create(kind="document", object_id=10**9, language="en", title="x", body="")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_fts (rowid, title, body) VALUES (%s, 'Ghost', '')",
                [SearchEntry.objects.get(object_id=10**9).pk],
            )
    accord("search", "reindex", "-v0")
    assert not SearchEntry.objects.filter(object_id=10**9).exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts")
            assert cursor.fetchone()[0] == SearchEntry.objects.count()


def test_migrating_a_database_without_an_index_builds_it():
    indexed = entries()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")
    SearchEntry.objects.all().delete()
    assert search(ANONYMOUS, "Bishkek") == []
    index.build_if_empty(using=connection.alias)  # what `accord migrate` calls at its end
    assert entries() == indexed
    assert search(ANONYMOUS, "Bishkek")
    # An index already there is left as it is.
    SearchEntry.objects.filter(kind="person").delete()
    index.build_if_empty(using=connection.alias)
    assert not SearchEntry.objects.filter(kind="person").exists()
