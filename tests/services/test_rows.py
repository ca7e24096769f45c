"""core.rows.insert writes what `bulk_create` writes: every column, each row's id."""

from __future__ import annotations

import pytest
from django.db import connection

from accord.core import rows
from accord.documents.models import Document
from tests.services.build import D, build_world

pytestmark = pytest.mark.django_db

COLUMNS = ("organization", "slug", "type", "title", "titles", "date", "author_body", "purpose")


def documents(world, prefix: str, count: int) -> list[Document]:
    return [
        Document(
            organization=world.org,
            slug=f"{prefix}-{i}",
            type=world.plan_type,
            title=f"Plan {i}",
            titles={"ru": f"План {i}", "zh": f"计划 {i}"},
            date=D(2020, 1, 1 + i % 28),
            author_body=world.council if i % 2 else None,
            purpose="" if i % 3 else "to coordinate",
        )
        for i in range(count)
    ]


# One row, a few (an INSERT), and more than COPY_FROM (COPY on PostgreSQL).
@pytest.mark.parametrize("count", [1, 3, rows.COPY_FROM + 50])
def test_insert_writes_every_column_and_gives_each_row_its_id(count):
    world = build_world()
    inserted = documents(world, "fast", count)
    rows.insert(inserted)
    by_orm = documents(world, "orm", count)
    Document.objects.bulk_create(by_orm)

    ids = [d.pk for d in inserted]
    assert ids == sorted(ids) and len(set(ids)) == count
    assert all(not d._state.adding and d._state.db == "default" for d in inserted)
    for fast, orm in zip(inserted, by_orm, strict=True):
        stored = Document.objects.values(*COLUMNS).get(pk=fast.pk)
        expected = Document.objects.values(*COLUMNS).get(pk=orm.pk)
        assert stored == {**expected, "slug": fast.slug}


def test_rows_created_after_an_insert_get_new_ids():
    world = build_world()
    inserted = documents(world, "fast", rows.COPY_FROM)
    rows.insert(inserted)
    later = Document.objects.create(
        organization=world.org, slug="later", type=world.plan_type, title="Later"
    )
    assert later.pk > max(d.pk for d in inserted)


def test_copy_is_only_for_postgresql_and_many_rows(django_assert_num_queries):
    world = build_world()
    # A few rows: one INSERT statement, counted like any other.
    with django_assert_num_queries(1):
        rows.insert(documents(world, "few", 3))
    if connection.vendor == "postgresql":
        # Many: the ids drawn in one statement, the rows sent by COPY (not a statement
        # of Django's: not counted).
        with django_assert_num_queries(1):
            rows.insert(documents(world, "many", rows.COPY_FROM))
        assert Document.objects.filter(slug__startswith="many-").count() == rows.COPY_FROM
