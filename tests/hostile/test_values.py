"""Values of the wrong kind: dates not in the calendar, numbers out of range, unknown
choices, wrong types. Each is refused naming its field (422), through the API and the
web form (the record loader's are in corpus/records/), and changes nothing.

The ranges are both databases' (a number PostgreSQL's integer column cannot hold is
refused on SQLite too, so that a record moves between them).
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.hostile.conftest import MEETINGS
from tests.web.forms import form_fields, post_data

NEW = {"number": 17, "date": "2022-08-19", "city": "Tashkent", "country": "UZ"}
CASES = [
    ("date", "2019-02-30", "not a date in the calendar"),
    ("date", "2019-13", "not a date in the calendar"),
    ("date", "99999-01-01", "String should match pattern"),
    ("date", 20190515, "Input should be a valid string"),
    ("date", ["2019-05-15"], "Input should be a valid string"),
    ("end", "2022-08-18", "before"),
    ("number", 10**30, "less than or equal to"),
    ("number", 2**31, "less than or equal to 2147483647"),
    ("number", 0, "greater than or equal to 1"),
    ("number", -1, "greater than or equal to 1"),
    ("number", 1.5, "Input should be a valid integer"),
    ("number", "seventeen", "Input should be a valid integer"),
    ("number", {"$gt": 1}, "Input should be a valid integer"),
    ("format", "secret-conclave", "Input should be 'restricted'"),
    ("mode", "telepathy", "Input should be"),
    ("classification", "top-secret", "Input should be"),
    ("titles", "a title", "Input should be a valid dictionary"),
    ("titles.en", 5, "Input should be a valid string"),
    ("co_chairs", "KG", "Input should be a valid list"),
    ("country", "ZZ", "no party 'ZZ'"),
    ("id", "../../etc", "String should match pattern"),
]


def _body(field: str, value: object) -> dict:
    if field == "titles.en":
        return {**NEW, "titles": {"en": value}}
    return {**NEW, field: value}


@pytest.mark.parametrize(
    ("field", "value", "reason"), CASES, ids=[f"{f}={v!r}"[:40] for f, v, _ in CASES]
)
def test_through_the_api(secretariat, unchanged, field, value, reason):
    answer = secretariat.post(MEETINGS, _body(field, value))
    assert answer.status in {404, 422}, answer.body
    assert field in answer.fields
    assert any(reason in p["reason"] for p in answer.body["detail"]), answer.body
    unchanged()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2019-02-30", "from"),
        ("from=1e9", "from"),
        ("from=2019-01-01&to=-1", "to"),
        ("from=2019-01-01&to=2019-01-01T25:00", "to"),
    ],
)
def test_query_parameters(secretariat, query, field):
    answer = secretariat.get(f"/organizations/sco/calendar?{query}")
    assert answer.status == 422, answer.body
    assert answer.fields == [field]


@pytest.mark.parametrize(
    "ref", ["99999999999999999999", "-1", "0", "1e3", "%20", "14.0"], ids=lambda r: r
)
def test_a_meeting_reference_out_of_range_is_not_found(secretariat, ref):
    assert secretariat.get(f"{MEETINGS}/{ref}").status == 404


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"date": "2019-02-30"}, "date", "Enter a date such as 2019-05-15"),
        ({"number": "-1"}, "number", "greater than or equal to 1"),
        ({"number": "99999999999"}, "number", "less than or equal to"),
        ({"number": "1e999"}, "number", "Enter a whole number"),
        ({"mode": "telepathy"}, "mode", "Select a valid choice"),
        ({"title": "x" * 301}, "title", "at most 300 characters"),
        ({"country": "ZZ"}, "country", "ZZ"),
    ],
)
def test_through_the_web_form(officer, unchanged, changes, field, reason):
    page = officer.get(f"{MEETINGS}/new/")
    form = post_data(form_fields(page), **{**{k: str(v) for k, v in NEW.items()}, **changes})
    answer = officer.post(
        f"{MEETINGS}/new/",
        urlencode(form, doseq=True),
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status_code == 422
    body = answer.content.decode()
    error = body.split(f'id="id_{field}-error"', 1)
    assert len(error) == 2, f"no error beside {field}"
    assert reason in error[1].split("</ul>", 1)[0]
    unchanged()
