"""The installed `accord` command, run as a user runs it, on its own SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.databases import prepared_sqlite

ACCORD = Path(sys.executable).with_name("accord")
BRICS = Path(__file__).parent / "records" / "brics-national-security.yaml"

# Each command runs on a SQLite file of its own whatever database the run has: the
# answers are the same in both halves of `make test`, so only the SQLite half runs them.
pytestmark = pytest.mark.database_independent


def run(tmp_path: Path, *args: str, prepared: bool = True) -> subprocess.CompletedProcess:
    """`accord ARGS` on the SQLite file of `tmp_path`: a migrated copy if `prepared`
    (`tests.databases`), else a file that was never migrated."""
    path = tmp_path / "accord.sqlite3"
    url = prepared_sqlite(path) if prepared else f"sqlite:///{path}"
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [str(ACCORD), *args], env=env, capture_output=True, text=True, check=False
    )


def test_a_query_on_an_unprepared_database_says_what_to_do(tmp_path):
    for command in (["members", "brics", "--on", "2020-01-01"], ["audit", "verify"]):
        done = run(tmp_path, *command, prepared=False)
        assert done.returncode != 0
        assert "accord migrate" in done.stderr
        assert "Traceback" not in done.stderr


def test_load_then_query_a_second_organization(tmp_path):
    loaded = run(tmp_path, "load", str(BRICS))
    assert loaded.returncode == 0, loaded.stderr
    assert "created" in loaded.stdout

    members = run(tmp_path, "members", "brics", "--on", "2024-06-01", "--format", "json")
    assert members.returncode == 0, members.stderr
    assert json.loads(members.stdout)["counts"] == {"member": 9}

    chair = json.loads(
        run(tmp_path, "chair", "brics", "--on", "2024-06-01", "--next", "--format", "json").stdout
    )
    assert chair["chair"]["code"] == "RU"  # the 2024/2025 swap, fixed by decision
    assert chair["term"]["basis"] == "decision"
    assert chair["proposed_next"]["party"] == "IN"  # what the B-R-I-C-S sequence proposes
    assert chair["next"]["decided"] is True  # but Brazil's 2025 term is recorded
    assert (chair["next"]["party"]["code"], chair["next"]["term"]["from"]) == ("BR", "2025-01-01")
    after = json.loads(
        run(tmp_path, "chair", "brics", "--on", "2026-03-01", "--next", "--format", "json").stdout
    )
    assert after["chair"] is None  # no term recorded for 2026
    # After the last recorded term (Brazil's 2025) the sequence continues: Russia, 2026.
    assert (after["next"]["decided"], after["next"]["party"]["code"]) == (False, "RU")
    assert after["next"]["from"] == "2026-01-01"

    pending = json.loads(
        run(tmp_path, "pending", "brics", "summit", "--on", "2020-09-18", "--format", "json").stdout
    )
    assert [p["document"] for p in pending["pending"]] == ["counter-terrorism-strategy-2020"]
    settled = json.loads(
        run(tmp_path, "pending", "brics", "summit", "--on", "2020-11-17", "--format", "json").stdout
    )
    assert settled["pending"] == []

    meeting = run(tmp_path, "meeting", "brics", "national-security", "10")
    assert "Russian Federation (RU)" in meeting.stdout
    assert "video" in meeting.stdout


def test_unknown_identifiers_exit_non_zero_with_the_name(tmp_path):
    run(tmp_path, "load", str(BRICS))
    done = run(tmp_path, "meeting", "brics", "nsa", "10")
    assert done.returncode != 0
    assert "brics has no body 'nsa'" in done.stderr
    assert "national-security" in done.stderr  # the error lists what exists


def test_a_bad_record_exits_non_zero_and_names_each_problem(tmp_path):
    done = run(tmp_path, "load", str(Path(__file__).parent / "records" / "broken.yaml"))
    assert done.returncode == 1
    assert done.stderr.count("broken.yaml: ") == 10
    assert "10 problems found; nothing was loaded" in done.stderr


def test_the_audit_log_takes_readable_identifiers(tmp_path):
    run(tmp_path, "load", str(BRICS))

    def log(*words: str) -> subprocess.CompletedProcess:
        return run(tmp_path, "audit", "log", "--format", "json", "--object", *words)

    meeting = log("brics", "national-security", "10")
    assert meeting.returncode == 0, meeting.stderr
    entries = json.loads(meeting.stdout)
    assert entries and {e["model"] for e in entries} == {"meetings.Meeting"}
    assert len({e["object_id"] for e in entries}) == 1
    # The same entries as by the trail's own name for the row.
    by_id = log(f"meetings.Meeting:{entries[0]['object_id']}")
    assert json.loads(by_id.stdout) == entries
    # One quoted argument names it as well as separate words.
    assert json.loads(log("brics national-security 10").stdout) == entries

    document = json.loads(log("brics", "counter-terrorism-strategy-2020").stdout)
    assert document and {e["model"] for e in document} == {"documents.Document"}
    body = json.loads(log("brics", "summit").stdout)
    assert body and {e["model"] for e in body} == {"bodies.Body"}
    organization = json.loads(log("brics").stdout)
    assert organization and {e["model"] for e in organization} == {"registry.Organization"}
    party = json.loads(log("RU").stdout)
    assert party and {e["model"] for e in party} == {"registry.Party"}

    for words, said in (
        (["brics", "national-security", "99"], "national-security has no meeting '99'"),
        (["brics", "no-such-document"], "brics has no body, document or event 'no-such-document'"),
        (["nobody"], "no organization, party or person 'nobody'"),
        (["unknown-org", "summit"], "no organization 'unknown-org'"),
    ):
        done = log(*words)
        assert done.returncode != 0
        assert said in done.stderr
        assert "Traceback" not in done.stderr
        assert done.stdout == ""
