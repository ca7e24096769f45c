"""The rules are pure functions: no test here reads a database, so their answers are the
same in both halves of `make test`, and only the SQLite half runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            if {"db", "transactional_db"} & set(getattr(item, "fixturenames", ())):
                raise pytest.UsageError(f"{item.nodeid}: a test of pure rules reads no database")
            item.add_marker(pytest.mark.database_independent)
