"""Values of the wrong kind: dates not in the calendar, numbers out of range, unknown
choices, wrong types. Each is refused naming its field (422), through the API and the
web form (the record loader's are in corpus/records/), and changes nothing.

The ranges are both databases' (a number PostgreSQL's integer column cannot hold is
refused on SQLite too, so that a record moves between them).
"""

from __future__ import annotations

import datetime as dt
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
    ("date", "9999-12-31", "9999-12-31 is outside the dates the record keeps"),
    ("date", "1899-12-31", "1899-12-31 is outside the dates the record keeps"),
    ("date", "9999-12", "9999-12 is outside the dates the record keeps"),
    ("end", "2201-01-01", "2201-01-01 is outside the dates the record keeps"),
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
        ("from=9999-12-31", "from"),
        ("from=0001-01-01", "from"),
        ("from=2019-01-01&to=9999-12-31", "to"),
    ],
)
def test_query_parameters(secretariat, query, field):
    answer = secretariat.get(f"/organizations/sco/calendar?{query}")
    assert answer.status == 422, answer.body
    assert answer.fields == [field]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/organizations/sco/members?on=9999-12-31", "on"),
        ("/organizations/sco/documents?date_from=1899-12-31", "date_from"),
        ("/organizations/sco/tables/members.csv?on=2201-01-01", "on"),
    ],
)
def test_a_day_outside_the_range_as_a_query_parameter(secretariat, path, field):
    answer = secretariat.get(path)
    assert answer.status == 422, answer.body
    assert answer.fields == [field]
    assert "outside the dates the record keeps" in answer.body["detail"][0]["reason"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/organizations/sco/events", {"id": "far", "name": "Far", "date": "9999-12"}, "date"),
        (
            "/organizations/sco/memberships",
            {"party": "BR", "status": "observer", "start": "9999-12-31"},
            "start",
        ),
    ],
)
def test_a_day_outside_the_range_in_a_body(secretariat, unchanged, path, body, field):
    answer = secretariat.post(path, body)
    assert answer.status == 422, answer.body
    assert answer.fields == [field]
    assert "outside the dates the record keeps" in answer.body["detail"][0]["reason"]
    unchanged()


@pytest.mark.parametrize(
    "ref", ["99999999999999999999", "-1", "0", "1e3", "%20", "14.0"], ids=lambda r: r
)
def test_a_meeting_reference_out_of_range_is_not_found(secretariat, ref):
    assert secretariat.get(f"{MEETINGS}/{ref}").status == 404


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"date": "2019-02-30"}, "date", "Enter a date such as 2019-05-15"),
        ({"date": "9999-12-31"}, "date", "9999-12-31 is outside the dates the record keeps"),
        ({"end": "2201-01"}, "end", "2201-01 is outside the dates the record keeps"),
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


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("/organizations/sco/?on=9999-12-31", 'id="id_on-error"><li>9999-12-31 is outside'),
        ("/organizations/sco/calendar/?from=0001-01-01", 'id="id_from-error"><li>0001-01-01 is'),
        ("/export/sco/members.csv?on=2201-01-01", "on: 2201-01-01 is outside"),
    ],
)
def test_a_day_outside_the_range_on_the_web(client, db, url, shown):
    answer = client.get(url)
    assert answer.status_code == 400
    assert shown in answer.content.decode()
    assert "the dates the record keeps (1900-01-01 to 2200-12-31)" in answer.content.decode()


def test_a_standing_stored_outside_the_range_can_still_be_named(secretariat):
    """A day in a path names a stored row: one written before the range was kept (here
    directly) is read by it and removed by it; a change that would write the day again
    is refused, naming it."""
    from accord.registry.models import Membership

    row = Membership.objects.filter(organization__slug="sco", party__code="MN").latest("start")
    Membership.objects.filter(pk=row.pk).update(start=dt.date(2300, 1, 1), end=None)
    path = "/organizations/sco/memberships/MN/2300-01-01"
    read = secretariat.get(path)
    assert read.status == 200, read.body
    changed = secretariat.patch(path, {"note": "stored before"}, if_match=read.etag)
    assert changed.status == 422, changed.body
    assert changed.fields == ["start"]
    assert secretariat.delete(path, if_match=read.etag).status == 204
    assert not Membership.objects.filter(pk=row.pk).exists()
