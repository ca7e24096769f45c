"""The API fuzzed from its OpenAPI description, as six roles (see `fuzzing`): no server
error, every answer as documented, no leak of a restricted row, and a refused change
changes nothing.

Examples per operation, (reads, changes), are sized so that the six roles take about
a minute on each database; those who may not change anything are refused early, so
fewer of their changes are sent. `ACCORD_FUZZ_SCALE` multiplies them (bench/fuzz.py
runs this test with many more), `ACCORD_FUZZ_RANDOM=1` draws new cases each run
instead of the same ones.
"""

from __future__ import annotations

import os
import time

import pytest

from tests.reliability.fuzzing import ROLES, Fuzzer, plant_markers

SCALE = float(os.environ.get("ACCORD_FUZZ_SCALE", "1"))
RANDOM = os.environ.get("ACCORD_FUZZ_RANDOM") == "1"
EXAMPLES = {
    "anonymous": (2, 1),
    "public": (2, 1),
    "observer": (2, 1),
    "delegation": (3, 2),
    "secretariat": (3, 4),
    "read-token": (2, 1),
}
TALLIES: list = []  # read by bench/fuzz.py


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("role", list(ROLES))
def test_the_api_answers_every_generated_request_as_documented(db, role):
    markers = plant_markers()
    fuzzer = Fuzzer(role, markers)
    if role in {"anonymous", "public", "observer"}:
        assert fuzzer.forbidden  # the leak check has something to find
    reads, writes = (max(1, round(n * SCALE)) for n in EXAMPLES[role])
    started = time.monotonic()
    tally = fuzzer.run(reads, writes, derandomize=not RANDOM)
    tally.seconds = time.monotonic() - started
    TALLIES.append(tally)
    print(
        f"\n{role}: {tally.cases} cases ({tally.writes} changes) in {tally.seconds:.1f} s,"
        f" statuses {sorted(tally.by_status.items())}"
    )
    assert len(tally.operations) == len(fuzzer.operations()) > 70  # every one was sent
    assert tally.marked  # answers do show the markers the role may read
    assert tally.clean, "\n\n".join(f"{k}\n{v}" for k, v in tally.failures.items())
