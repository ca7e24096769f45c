"""The API fuzzed from its OpenAPI description, as six roles (see `fuzzing`): no server
error, every answer as documented, no leak of a restricted row, and a refused change
changes nothing. `ACCORD_FUZZ_EXAMPLES` sets the examples per operation (bench/fuzz.py
runs many more)."""

from __future__ import annotations

import os
import time

import pytest

from tests.reliability.fuzzing import ROLES, Fuzzer, plant_markers

EXAMPLES = int(os.environ.get("ACCORD_FUZZ_EXAMPLES", "6"))
RANDOM = os.environ.get("ACCORD_FUZZ_RANDOM") == "1"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("role", list(ROLES))
def test_the_api_answers_every_generated_request_as_documented(db, role, record_property):
    markers = plant_markers()
    fuzzer = Fuzzer(role, markers)
    if role in {"anonymous", "public", "observer"}:
        assert fuzzer.forbidden  # the leak check has something to find
    started = time.monotonic()
    tally = fuzzer.run(EXAMPLES, derandomize=not RANDOM)
    record_property("tally", tally)
    print(
        f"\n{role}: {tally.cases} cases ({tally.writes} writes) in"
        f" {time.monotonic() - started:.1f} s, statuses {sorted(tally.by_status.items())}"
    )
    assert tally.cases >= EXAMPLES * 60
    assert tally.clean, "\n\n".join(f"{k}\n{v}" for k, v in tally.failures.items())
