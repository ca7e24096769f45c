"""Two writers at once on PostgreSQL: the second waits, and the chain stays whole.

PostgreSQL runs transactions side by side, so without a lock both writers would
read the same last entry and chain to it. The writer holds the chain with a
transaction-level advisory lock; this test makes the second writer arrive while
the first still holds it, and checks that it waited and chained after the first.
(SQLite queues writers at BEGIN IMMEDIATE, so the question does not arise there.)
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from accord.core.audit import acting, verify
from accord.core.models import AuditEntry
from accord.registry import services as registry

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers exist on PostgreSQL only"
    ),
    # Real commits from two connections; the database is emptied afterwards.
    pytest.mark.django_db(transaction=True),
]


def _someone_waits_for_a_lock(deadline: float) -> bool:
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


def test_a_second_writer_waits_for_the_first_and_chains_after_it():
    first_appended = threading.Event()
    results: dict[str, object] = {}

    def first() -> None:
        try:
            with acting("writer:first"), transaction.atomic():
                registry.save_party("TEST-FIRST", "organization", name="First")
                first_appended.set()
                # Commit only once the second writer is blocked behind this one.
                results["second waited"] = _someone_waits_for_a_lock(time.monotonic() + 30)
            results["first"] = "committed"
        except Exception as exc:  # reported by the assertions below
            results["first"] = exc
        finally:
            first_appended.set()
            connections.close_all()

    def second() -> None:
        try:
            first_appended.wait(30)
            with acting("writer:second"), transaction.atomic():
                registry.save_party("TEST-SECOND", "organization", name="Second")
            results["second"] = "committed"
        except Exception as exc:
            results["second"] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert results == {"first": "committed", "second": "committed", "second waited": True}
    latest = list(AuditEntry.objects.order_by("-seq")[:2])
    assert [e.actor for e in latest] == ["writer:second", "writer:first"]
    assert latest[0].previous_hash == latest[1].hash
    assert latest[0].seq == latest[1].seq + 1
    assert verify()[1] is None
