"""Cursor pagination: walking every list page by page gives the whole list once, in a
stable order; cursors are opaque and checked; `limit` is bounded."""

from __future__ import annotations

import pytest

from tests.api.conftest import SCS

SCO = "/organizations/sco"
LISTS = [
    "/organizations",
    "/parties?kind=state",
    f"{SCO}/bodies",
    f"{SCO}/bodies/heads-of-state/meetings",
    f"{SCO}/bodies/{SCS}/meetings?date_from=2015-01-01",
    f"{SCO}/documents",
    f"{SCO}/documents?type=roadmap",
    f"{SCO}/calendar?from=2018-01-01&to=2020-12-31",
    f"{SCO}/calendar?from=2004-01-01",
    f"{SCO}/events",
    f"{SCO}/bodies/{SCS}/meetings/14/audit",
    f"{SCO}/documents/anti-drug-action-plan-2019-2020/audit",
]


def walk(api, path: str, limit: int) -> list:
    joiner = "&" if "?" in path else "?"
    items, cursor, pages = [], None, 0
    while True:
        query = f"{path}{joiner}limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        answer = api.get(query)
        assert answer.status == 200, answer.body
        assert len(answer.body["items"]) <= limit
        items += answer.body["items"]
        cursor = answer.body["next_cursor"]
        pages += 1
        if cursor is None:
            return items
        assert pages < 500


@pytest.mark.parametrize("path", LISTS)
def test_pages_make_the_whole_list(anonymous, path):
    whole = anonymous.get(path + ("&" if "?" in path else "?") + "limit=200").body
    assert whole["next_cursor"] is None
    for limit in (1, 3):
        assert walk(anonymous, path, limit) == whole["items"]


def test_a_full_page_points_to_the_next(anonymous):
    first = anonymous.get(f"{SCO}/bodies/heads-of-state/meetings?limit=5").body
    assert len(first["items"]) == 5
    second = anonymous.get(
        f"{SCO}/bodies/heads-of-state/meetings?limit=5&cursor={first['next_cursor']}"
    ).body
    assert second["items"][0]["number"] > first["items"][-1]["number"]


def test_rows_added_between_pages_are_neither_skipped_nor_repeated(anonymous, secretariat):
    path = f"{SCO}/bodies/{SCS}/meetings"
    first = anonymous.get(f"{path}?limit=3").body
    # A meeting is recorded before the cursor (an earlier date): the next page is unmoved.
    created = secretariat.post(path, {"id": "2003-founding", "date": "2003"})
    assert created.status == 201
    rest = walk(anonymous, f"{path}?cursor={first['next_cursor']}", 200)
    numbers = [m["number"] for m in first["items"] + rest]
    assert numbers == [1, 10, 11, 12, 13, 14, 15, 16]


@pytest.mark.parametrize("cursor", ["zzz", "WzFd", "bm90IGpzb24", "WyJhIiwgImIiLCAiYyJd"])
def test_a_cursor_not_given_out_is_refused(anonymous, cursor):
    for path in (f"{SCO}/documents", f"{SCO}/calendar?from=2019-01-01", "/parties"):
        joiner = "&" if "?" in path else "?"
        answer = anonymous.get(f"{path}{joiner}cursor={cursor}")
        assert answer.status == 422, (path, cursor)
        assert answer.fields == ["cursor"]


@pytest.mark.parametrize("limit", [0, 201, "many"])
def test_limit_is_bounded(anonymous, limit):
    answer = anonymous.get(f"{SCO}/documents?limit={limit}")
    assert answer.status == 422
    assert answer.fields == ["limit"]
