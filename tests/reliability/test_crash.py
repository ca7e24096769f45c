"""Crash safety: the production server is killed (SIGKILL, the whole process group) at
random moments while clients write through the API; after each kill it is started
again on the same database. No acknowledged write may be lost, none may be half
applied, the audit trail must verify and the record must keep every rule.

A short run (6 kills) on the database of the test run: a SQLite file in WAL mode, or,
under scripts/with-postgres, a database of its own on that PostgreSQL server. The long
run is bench/crash.py; the machinery is tests/reliability/crashrun.py.
"""

from __future__ import annotations

import pytest

from tests.reliability.crashrun import crash_run

KILLS = 6


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    return crash_run(KILLS, clients=4, up_seconds=(0.5, 1.5), tmp=tmp_path_factory.mktemp("crash"))


def test_the_server_survived_every_kill_and_writes_were_acknowledged(outcome):
    print(outcome.summary())
    assert outcome.kills == KILLS
    # Writes got through between the kills, of every kind (else nothing was tested).
    assert all(acknowledged > 0 for acknowledged, _ in outcome.by_kind.values()), outcome.by_kind
    assert outcome.errors == []


def test_no_acknowledged_write_is_lost(outcome):
    assert outcome.lost == []
    assert outcome.found == outcome.acknowledged


def test_no_write_is_half_applied(outcome):
    assert outcome.half_applied == []


def test_the_audit_trail_verifies_and_the_record_keeps_its_rules(outcome):
    assert outcome.audit_verify.startswith("audit trail intact"), outcome.audit_verify
    assert outcome.broken_rules == []


def test_a_sqlite_file_is_written_ahead_synced_and_waits_for_its_lock(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's settings")
    with connection.cursor() as cursor:
        pragmas = {}
        for name in ("journal_mode", "synchronous", "busy_timeout"):
            cursor.execute(f"PRAGMA {name}")
            pragmas[name] = cursor.fetchone()[0]
    # synchronous 2 = FULL: a commit is on disk before the answer goes out.
    assert pragmas == {"journal_mode": "wal", "synchronous": 2, "busy_timeout": 20000}
    assert connection.transaction_mode == "IMMEDIATE"


def test_a_restart_does_not_collect_the_static_files_again(settings, tmp_path):
    from accord.cli.management.commands.serve import collect_static

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    manifest.write_text("{}")  # what collectstatic's manifest storage leaves
    collect_static()
    collected = sorted(p.relative_to(tmp_path) for p in settings.STATIC_ROOT.rglob("*.css"))
    assert collected
    written = {p: p.stat().st_mtime_ns for p in settings.STATIC_ROOT.rglob("*") if p.is_file()}
    collect_static()  # the sources have not changed: nothing is written again
    assert {p: p.stat().st_mtime_ns for p in written} == written
    (settings.STATIC_ROOT / ".collected").write_text("other sources")
    collect_static()  # they have: collected again
    assert (settings.STATIC_ROOT / ".collected").read_text() != "other sources"
