"""The meetings use cases (`meetings.actions`, and `decisions.actions.record_position`),
each through both ways in that offer it: the API and the web's record page.

Each case runs once through each way, from the same record (the first way's writes are
rolled back before the second runs), and shows the same result: the same meeting
record, the same audit entries (operation, model, before and after, and who), or the
same refusal with nothing written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from accord.accounts import services as account_services
from accord.accounts.access import ADMINISTRATOR
from accord.core.models import AuditEntry
from accord.decisions.models import Decision
from accord.decisions.services import save_decision
from accord.meetings.models import Meeting
from accord.meetings.record import record_of
from tests.accounts.people import make
from tests.actions.test_record_position import ROLES, User
from tests.actions.test_record_position import both as position_both
from tests.web.conftest import text
from tests.web.forms import form_fields, post_data

SCS = "/organizations/sco/bodies/security-council-secretaries"
API = f"/api/v1{SCS}/meetings"


@dataclass(frozen=True)
class Outcome:
    status: int
    refusals: list[tuple[str, str]]  # (field, reason); the web shows the reason as text
    record: dict | None  # the meeting's record afterwards, as the secretariat reads it
    audit: list[dict]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def users(db) -> dict[str, User]:
    """A secretariat and a delegation, each signed in by token (API) and session (web)."""
    made = {}
    for role, spec in ROLES.items():
        person = make(spec)
        _, secret = account_services.create_token(person.user, "actions tests", days=1)
        session = Client(HTTP_HOST="127.0.0.1")
        session.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
        made[role] = User(secret, session)
    return made


@pytest.fixture
def decisions(db) -> dict[str, Decision]:
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    return {
        "open": save_decision(
            meeting, "drug-plan", {"title": "On the counter-narcotics plan", "outcome": "open"}, []
        )
    }


def _auth(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {user.token}", "HTTP_HOST": "127.0.0.1"}


def _answer(answer: Any) -> tuple[int, list[tuple[str, str]]]:
    if answer.status_code < 400:
        return answer.status_code, []
    body = json.loads(answer.content)
    return answer.status_code, [(p["field"], p["reason"]) for p in body["detail"]]


def _shown(answer: Any) -> tuple[int, list[tuple[str, str]]]:
    return answer.status_code, [("", text(answer))] if answer.status_code >= 400 else []


class _Undo(Exception):
    pass


def _without_id(snapshot: dict | None) -> dict | None:
    # A row's own key is the database's to choose (a sequence is not rolled back).
    return None if snapshot is None else {k: v for k, v in snapshot.items() if k != "id"}


def run(way: Callable[[], tuple[int, list[tuple[str, str]]]], ref: str) -> Outcome:
    """What `way` answers and writes (the record of meeting `ref` afterwards), undone."""
    before = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    seen: list[Outcome] = []
    try:
        with transaction.atomic():
            status, refusals = way()
            found = Meeting.objects.filter(body__slug="security-council-secretaries", slug=ref)
            record = None
            if found.exists():
                record = record_of(ADMINISTRATOR, found.get()).model_dump()
            audit = [
                {
                    "actor": e.actor,
                    "operation": e.operation,
                    "model": e.model,
                    "before": _without_id(e.before),
                    "after": _without_id(e.after),
                }
                for e in AuditEntry.objects.filter(seq__gt=before).order_by("seq")
            ]
            seen.append(Outcome(status, refusals, record, audit))
            raise _Undo
    except _Undo:
        pass
    return seen[0]


# --- creating a meeting ----------------------------------------------------------------

NEW_MEETING = {
    "title": "17th Meeting of the Security Council Secretaries",
    "date": "2022-08-19",
    "city": "Tashkent",
    "country": "UZ",
    "venue": "Congress Hall",
    "mode": "in-person",
    "format": "restricted",
    "classification": "public",
}


def create_via_api(user: User, **given: Any) -> Callable[[], tuple[int, list[tuple[str, str]]]]:
    def way() -> tuple[int, list[tuple[str, str]]]:
        body = {k: v for k, v in {**NEW_MEETING, **given}.items() if v not in ("", None)}
        if "number" in body:
            body["number"] = int(body["number"])
        answer = Client().post(
            API, data=json.dumps(body), content_type="application/json", **_auth(user)
        )
        return _answer(answer)

    return way


def create_via_web(user: User, **given: Any) -> Callable[[], tuple[int, list[tuple[str, str]]]]:
    def way() -> tuple[int, list[tuple[str, str]]]:
        page = user.session.get(f"{SCS}/meetings/new/")
        assert page.status_code == 200
        fields = {**NEW_MEETING, **{k: ("" if v is None else str(v)) for k, v in given.items()}}
        if "id" in fields:
            fields["slug"] = fields.pop("id")
        return _shown(
            user.session.post(f"{SCS}/meetings/new/", post_data(form_fields(page), **fields))
        )

    return way


def test_creating_a_meeting_is_the_same_use_case_both_ways(users):
    user = users["secretariat"]
    api = run(create_via_api(user, number=17), "17")
    web = run(create_via_web(user, number=17), "17")
    assert (api.status, web.status) == (201, 303)
    assert api.record is not None
    assert api.record == web.record
    assert api.record["kind"] == "regular"
    assert api.audit == web.audit
    assert api.audit[0]["operation"] == "create"
    assert api.audit[0]["model"] == "meetings.Meeting"
    assert api.audit[0]["actor"] == "user:user-actions-secretariat"


def test_an_ad_hoc_meeting_without_an_id_is_refused_both_ways(users):
    user = users["secretariat"]
    api = run(create_via_api(user, number=None), "")
    web = run(create_via_web(user, number=None, id=""), "")
    assert (api.status, web.status) == (422, 422)
    [(field, reason)] = api.refusals
    assert field == "id"
    assert reason in web.refusals[0][1]
    assert api.audit == web.audit == []


def test_a_number_already_taken_is_refused_both_ways(users):
    user = users["secretariat"]
    api = run(create_via_api(user, number=14), "14")
    web = run(create_via_web(user, number=14), "14")
    assert (api.status, web.status) == (409, 409)
    [(field, reason)] = api.refusals
    assert field == "number"
    assert reason in web.refusals[0][1]
    assert api.record == web.record  # meeting 14 as it was
    assert api.audit == web.audit == []


# --- changing a meeting ----------------------------------------------------------------


@pytest.fixture
def translated(db) -> Meeting:
    """Meeting 14 with its title and city translated."""
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    Meeting.objects.filter(pk=meeting.pk).update(
        titles={"ru": "Совещание"}, city_names={"ru": "Бишкек"}
    )
    return meeting


def change_via_api(user: User, changes: dict, stale: bool = False) -> Callable[[], Any]:
    def way() -> tuple[int, list[tuple[str, str]]]:
        path = f"{API}/14"
        client = Client()
        read = client.get(path, **_auth(user))
        etag = '"0000"' if stale else read["ETag"]
        answer = client.patch(
            path,
            data=json.dumps(changes),
            content_type="application/json",
            HTTP_IF_MATCH=etag,
            **_auth(user),
        )
        return _answer(answer)

    return way


def change_via_web(user: User, changes: dict, stale: bool = False) -> Callable[[], Any]:
    def way() -> tuple[int, list[tuple[str, str]]]:
        page = user.session.get(f"{SCS}/meetings/14/edit/")
        assert page.status_code == 200
        fields = dict(changes)
        if stale:
            fields["version"] = '"0000"'
        return _shown(
            user.session.post(f"{SCS}/meetings/14/edit/", post_data(form_fields(page), **fields))
        )

    return way


def test_changing_a_meeting_is_the_same_use_case_both_ways(users, translated):
    user = users["secretariat"]
    changes = {"title": "The 14th meeting, renamed", "venue": "Ala-Archa residence"}
    api = run(change_via_api(user, changes), "14")
    web = run(change_via_web(user, changes), "14")
    assert (api.status, web.status) == (200, 303)
    assert api.record == web.record
    assert api.record is not None
    # A changed title drops the translations of the old one; the city's stay.
    assert (api.record["title"], api.record["titles"]) == ("The 14th meeting, renamed", {})
    assert api.record["city_names"] == {"ru": "Бишкек"}
    assert api.audit == web.audit
    [entry] = [e for e in api.audit if e["model"] == "meetings.Meeting"]
    assert entry["operation"] == "update"
    assert entry["after"]["venue"] == "Ala-Archa residence"


def test_a_change_over_an_outdated_version_is_refused_both_ways(users, translated):
    user = users["secretariat"]
    changes = {"venue": "elsewhere"}
    untouched = run(lambda: (200, []), "14").record
    api = run(change_via_api(user, changes, stale=True), "14")
    web = run(change_via_web(user, changes, stale=True), "14")
    # The API answers a precondition (If-Match) failed; the page is shown again.
    assert (api.status, web.status) == (412, 409)
    assert [f for f, _ in api.refusals] == ["If-Match"]
    assert api.record == web.record == untouched
    assert api.audit == web.audit == []


def test_a_viewer_who_does_not_keep_the_record_is_refused_both_ways(users):
    user = users["delegation-ru"]
    api = run(change_via_api(user, {"venue": "elsewhere"}), "14")
    page = user.session.get(f"{SCS}/meetings/14/edit/")
    # The API says who may (403); the web's recording pages answer not found.
    assert (api.status, page.status_code) == (403, 404)
    assert [f for f, _ in api.refusals] == ["permission"]
    assert api.audit == []


# --- recording a position -------------------------------------------------------------


def test_recording_a_position_is_the_same_use_case_both_ways(users, decisions):
    api, web = position_both(users, "delegation-ru", "drug-plan", "RU", "concurs", "")
    assert (api.status, web.status) == (200, 303)
    assert api.positions == web.positions
    assert api.audit == web.audit
    assert [e["model"] for e in api.audit] == ["decisions.Position"]
