"""Queueing writers that read before they write.

A rule that compares a new row with the rows already there (a meeting's number with
its series, a standing with the party's other standings, a chair term with the
chairmanship's other terms) reads, then writes. Two writers doing so at once each
read the state before the other's row, and together break the rule although each
alone kept it. SQLite never runs two writers at once (Accord opens its transactions
IMMEDIATE). On PostgreSQL the writer first locks the row the compared rows hang off
(the body, the party, the organization), so that the second writer waits for the
first to commit and then reads its row. The lock is FOR NO KEY UPDATE: it queues
these writers only, not those that merely insert rows referring to the locked one.
"""

from __future__ import annotations

from django.db import models, router, transaction


def hold(row: models.Model) -> None:
    """Queue behind any other writer holding `row`, until this transaction ends."""
    alias = router.db_for_write(type(row))
    connection = transaction.get_connection(alias)
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        return
    list(
        type(row)
        ._base_manager.using(alias)
        .select_for_update(no_key=True, of=("self",))
        .filter(pk=row.pk)
        # No ordering: a model ordered by a nullable reference (a national office has
        # no organization) would join it outside, which FOR NO KEY UPDATE refuses.
        .order_by()
        .values_list("pk")
    )


def hold_name(*parts: str) -> None:
    """Queue behind any other writer holding the same name (a key with no row to lock
    yet, such as the code of a party about to be created), until this transaction ends."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [":".join(parts)])
