"""Concurrent writers: separate client processes (multiprocessing, a fork server) sending
conflicting writes at the same moment to the production server (gunicorn, 3 worker
processes), on the test run's kind of database (a SQLite file of its own, or a
database of its own on the PostgreSQL server under scripts/with-postgres).

- No lost update: writers holding the same ETag change the same meeting, decision
  position or standing at once: exactly one wins, every other gets 412.
- No duplicate meeting number: writers create the same next meeting of a series at
  once: one 201, every other 409 naming `number`; writers creating numbers whose
  dates run backwards at once: the series still increases with the date.
- No overlapping standings or chair terms created at once: one 201, every other a
  clear refusal (422 or 409) naming `start`.

Never a 500, never "database is locked"; afterwards the audit trail verifies and the
record keeps every rule (tests/reliability/record_rules.py).
"""

from __future__ import annotations

import json
import multiprocessing
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.crashrun import (
    ORG,
    SERIES,
    Server,
    free_port,
    in_django,
    prepared_database,
    send,
)

WRITERS = 6


def _send(port: int, token: str, method: str, path: str, body: Any, headers: dict) -> tuple:
    status, _, payload = send(port, token, method, path, body, headers, timeout=60)
    return status, payload.decode("utf-8", "replace")


def _writer(port: int, token: str, start, request: tuple, answers) -> None:
    """One client process: wait for the others, then send its request at once."""
    method, path, body, headers = request
    start.wait(30)
    try:
        answers.put(_send(port, token, method, path, body, headers))
    except Exception as exc:  # reported as an answer the test refuses
        answers.put((0, repr(exc)))


class Writers:
    """Sends requests from separate processes, released together.

    The processes are forked from a fork server (a new interpreter, which imports this
    module once): each starts at once, where a spawned one would start Python and import
    it again, and none inherits the test run's threads or database connections."""

    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload([__name__])

    def at_once(self, requests: list[tuple]) -> list[tuple[int, str]]:
        start = self.context.Barrier(len(requests))
        answers = self.context.Queue()
        processes = [
            self.context.Process(target=_writer, args=(self.port, self.token, start, r, answers))
            for r in requests
        ]
        for process in processes:
            process.start()
        found = [answers.get(timeout=90) for _ in processes]
        for process in processes:
            process.join(30)
        return found

    def send(self, method: str, path: str, body: Any = None, **headers: str) -> tuple:
        return _send(self.port, self.token, method, path, body, headers)

    def etag(self, path: str) -> str:
        status, tag, _ = send(self.port, self.token, "GET", path, None, {})
        assert status == 200, path
        return tag


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    where: Path = tmp_path_factory.mktemp("concurrency")
    with prepared_database(where, 1, workers=3) as (env, token):
        server = Server(env, free_port(), where / "server.log")
        server.start()
        try:
            yield Writers(server.port, token), env
        finally:
            server.stop()
        server.log_text = (where / "server.log").read_text()


@pytest.fixture
def writers(served) -> Writers:
    return served[0]


def statuses(answers: list[tuple[int, str]]) -> Counter:
    return Counter(status for status, _ in answers)


def fields(answer: tuple[int, str]) -> list[str]:
    return [p["field"] for p in json.loads(answer[1])["detail"]]


def test_of_writers_holding_the_same_etag_exactly_one_wins(writers):
    meeting = f"{SERIES}/14"
    for round_ in range(3):
        held = writers.etag(meeting)
        answers = writers.at_once(
            [
                ("PATCH", meeting, {"note": f"round {round_} writer {i}"}, {"If-Match": held})
                for i in range(WRITERS)
            ]
        )
        assert statuses(answers) == {200: 1, 412: WRITERS - 1}, answers
        [winner] = [json.loads(text) for status, text in answers if status == 200]
        _, text = writers.send("GET", meeting)
        assert json.loads(text)["note"] == winner["note"]
        assert all(fields(a) == ["If-Match"] for a in answers if a[0] == 412)


def test_of_positions_recorded_with_the_same_etag_exactly_one_wins(writers):
    status, text = writers.send(
        "POST",
        f"{SERIES}/14/decisions",
        {"id": "open-question", "title": "An open question", "open": True},
    )
    assert status == 201, text
    position = f"{SERIES}/14/decisions/open-question/positions/KZ"
    held = writers.etag(position)
    stances = ["concurs", "objects", "concurs-with-statement"] * 2
    answers = writers.at_once(
        [
            ("PUT", position, {"stance": s, "statement": f"writer {i}"}, {"If-Match": held})
            for i, s in enumerate(stances)
        ]
    )
    assert statuses(answers) == {200: 1, 412: len(stances) - 1}, answers


def test_of_writers_creating_the_same_next_meeting_one_gets_it_the_others_409(writers):
    for number, day in [(40, "2040-03-01"), (41, "2040-06-01")]:
        answers = writers.at_once(
            [
                ("POST", SERIES, {"number": number, "date": day, "title": f"by writer {i}"}, {})
                for i in range(WRITERS)
            ]
        )
        assert statuses(answers) == {201: 1, 409: WRITERS - 1}, answers
        assert all(fields(a) == ["number"] for a in answers if a[0] == 409), answers


def test_meetings_numbered_at_once_still_increase_with_the_date(writers):
    # Each alone fits the series; any two together would not (numbers rise, dates fall).
    answers = writers.at_once(
        [
            ("POST", SERIES, {"number": 60 + i, "date": f"2060-0{9 - i}-01"}, {})
            for i in range(WRITERS)
        ]
    )
    assert statuses(answers) == {201: 1, 422: WRITERS - 1}, answers
    assert all(fields(a) == ["number"] for a in answers if a[0] == 422), answers


def test_standings_that_overlap_are_not_created_at_once(writers):
    answers = writers.at_once(
        [
            (
                "POST",
                f"{ORG}/memberships",
                {"party": "CRASH-0", "status": "partner", "start": f"2070-01-0{i + 1}"},
                {},
            )
            for i in range(WRITERS)
        ]
    )
    counted = statuses(answers)
    assert counted[201] == 1 and counted[201] + counted[422] + counted[409] == WRITERS, answers
    assert all(fields(a) in (["start"], ["from"]) for a in answers if a[0] != 201), answers


def test_chair_terms_that_overlap_are_not_created_at_once(writers):
    answers = writers.at_once(
        [
            (
                "POST",
                f"{ORG}/chair-terms",
                {"party": party, "body": "heads-of-government", "start": f"2071-0{i + 1}-01"},
                {},
            )
            for i, party in enumerate(["KZ", "KG", "TJ", "UZ", "RU", "CN"][:WRITERS])
        ]
    )
    counted = statuses(answers)
    assert counted[201] == 1 and counted[201] + counted[422] + counted[409] == WRITERS, answers
    assert all(fields(a) in (["start"], ["from"]) for a in answers if a[0] != 201), answers


def test_of_writers_creating_the_same_party_or_document_one_gets_it_the_others_409(writers):
    for path, body in [
        ("/api/v1/parties", {"code": "TM"}),
        (f"{ORG}/documents", {"id": "raced-plan", "type": "report", "title": "Raced"}),
    ]:
        answers = writers.at_once(
            [("POST", path, {**body, "source": f"writer {i}"}, {}) for i in range(WRITERS)]
        )
        assert statuses(answers) == {201: 1, 409: WRITERS - 1}, answers


def test_afterwards_the_audit_trail_verifies_and_every_rule_holds(served):
    _, env = served
    found = in_django(env, "check")
    assert found["broken_rules"] == []


@pytest.mark.django_db
def test_a_constraint_met_by_a_raced_write_is_named_as_a_409():
    """The database's own guard, reached when another write took the key between a
    write's check and its insert, answers 409 with the field (PostgreSQL names the
    constraint; SQLite does not, and the reason says what to do)."""
    from django.db import IntegrityError, connection, transaction

    from accord.core.races import constraint_problem
    from accord.meetings.models import Meeting

    fourteenth = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        Meeting.objects.create(
            body=fourteenth.body, slug="another-14", number=14, start=fourteenth.start,
            end=fourteenth.end,
        )  # fmt: skip
    problem = constraint_problem(raised.value)
    if connection.vendor == "postgresql":
        assert problem.field == "number"
        assert "already taken" in problem.reason
    else:
        assert "retry" in problem.reason
