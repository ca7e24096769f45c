"""The meetings use cases (`meetings.actions`, and `decisions.actions.record_position`),
each through the ways in that offer it: the API and the web's record page, and, for
creating a meeting, the record loader (`accord load`).

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
from accord.decisions.inputs import DecisionFields
from accord.decisions.models import Decision
from accord.decisions.services import save_decision, set_actions
from accord.meetings.inputs import AgendaItemFields
from accord.meetings.models import Meeting
from accord.meetings.record import record_of
from accord.meetings.services import (
    Item,
    Participant,
    set_agenda,
    set_participants,
    set_statements,
)
from accord.registry.models import Party
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
            meeting,
            "drug-plan",
            DecisionFields(title="On the counter-narcotics plan", outcome="open"),
            [],
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


# --- the parts of a meeting's record: participants, agenda, decisions ----------------


@pytest.fixture
def small_record(db) -> Meeting:
    """Meeting 14 with two delegations, two agenda items and one open decision, and
    nothing else that the parts below would have to carry."""
    meeting = Meeting.objects.select_related("body__organization").get(
        body__slug="security-council-secretaries", number=14
    )
    set_actions(meeting.body, meeting, [])
    set_statements(meeting, [])
    Decision.objects.filter(meeting=meeting).delete()
    set_agenda(
        meeting, [Item("drugs", "Countering the drug threat", AgendaItemFields(kind="decision"))]
    )
    set_participants(
        meeting,
        [
            Participant(party=Party.objects.get(code="UZ"), head_of_delegation=True),
            Participant(party=Party.objects.get(code="RU")),
        ],
    )
    save_decision(
        meeting,
        "drug-plan",
        DecisionFields(title="On the counter-narcotics plan", outcome="open"),
        [],
    )
    return meeting


def put_via_api(user: User, part: str, payload: dict, stale: bool = False) -> Callable[[], Any]:
    """PUT the meeting's `part` (participants, agenda) over the ETag just read."""

    def way() -> tuple[int, list[tuple[str, str]]]:
        client = Client()
        read = client.get(f"{API}/14", **_auth(user))
        answer = client.put(
            f"{API}/14/{part}",
            data=json.dumps(payload),
            content_type="application/json",
            HTTP_IF_MATCH='"0000"' if stale else read["ETag"],
            **_auth(user),
        )
        return _answer(answer)

    return way


def send_via_api(user: User, method: str, path: str, payload: dict) -> Callable[[], Any]:
    """POST or PATCH `payload` to `path` under meeting 14 (a PATCH over the ETag read)."""

    def way() -> tuple[int, list[tuple[str, str]]]:
        client = Client()
        headers = {}
        if method == "patch":
            headers["HTTP_IF_MATCH"] = client.get(f"{API}/14/{path}", **_auth(user))["ETag"]
        answer = getattr(client, method)(
            f"{API}/14/{path}",
            data=json.dumps(payload),
            content_type="application/json",
            **headers,
            **_auth(user),
        )
        return _answer(answer)

    return way


PARTICIPANTS = [
    {"party": "UZ", "head": True},
    {"party": "RU", "post": "Deputy Secretary of the Security Council"},
    {"party": "KZ"},
]


def test_setting_participants_is_the_same_use_case_both_ways(users, small_record):
    user = users["secretariat"]
    api = run(put_via_api(user, "participants", {"participants": PARTICIPANTS}), "14")
    web = run(
        change_via_web(
            user,
            {
                "participants-1-post": "Deputy Secretary of the Security Council",
                "participants-2-party": "KZ",
                "participants-2-role": "delegation",
            },
        ),
        "14",
    )
    assert (api.status, web.status) == (200, 303)
    assert api.record is not None
    assert [p["party"]["code"] for p in api.record["participants"]] == ["UZ", "RU", "KZ"]
    assert api.record == web.record
    assert api.audit == web.audit
    assert [(e["operation"], e["model"]) for e in api.audit] == [
        ("update", "meetings.Participation"),
        ("create", "meetings.Participation"),
    ]


def test_a_participant_who_is_not_a_member_is_refused_both_ways(users, small_record):
    user = users["secretariat"]
    given = [*PARTICIPANTS[:2], {"party": "MN"}]
    untouched = run(lambda: (200, []), "14").record
    api = run(put_via_api(user, "participants", {"participants": given}), "14")
    web = run(
        change_via_web(user, {"participants-2-party": "MN", "participants-2-role": "delegation"}),
        "14",
    )
    assert (api.status, web.status) == (422, 422)
    [(field, reason)] = api.refusals
    assert field == "participants[2].party"
    assert "'MN' is not a member on" in reason
    assert reason in web.refusals[0][1]
    assert api.record == web.record == untouched
    assert api.audit == web.audit == []


def test_participants_over_an_outdated_version_are_refused_both_ways(users, small_record):
    user = users["secretariat"]
    untouched = run(lambda: (200, []), "14").record
    api = run(put_via_api(user, "participants", {"participants": PARTICIPANTS}, stale=True), "14")
    web = run(change_via_web(user, {"participants-2-party": "KZ"}, stale=True), "14")
    assert (api.status, web.status) == (412, 409)
    assert api.record == web.record == untouched
    assert api.audit == web.audit == []


AGENDA = [
    {"id": "drugs", "title": "Countering the drug threat, renamed", "kind": "decision"},
    {"id": "cyber", "title": "International information security", "kind": "discussion"},
]


def test_setting_the_agenda_is_the_same_use_case_both_ways(users, small_record):
    user = users["secretariat"]
    api = run(put_via_api(user, "agenda", {"items": AGENDA}), "14")
    web = run(
        change_via_web(
            user,
            {
                "agenda-0-title": AGENDA[0]["title"],
                "agenda-1-id": "cyber",
                "agenda-1-title": AGENDA[1]["title"],
                "agenda-1-kind": "discussion",
            },
        ),
        "14",
    )
    assert (api.status, web.status) == (200, 303)
    assert api.record is not None
    assert [i["id"] for i in api.record["agenda"]] == ["drugs", "cyber"]
    assert api.record == web.record
    assert api.audit == web.audit
    assert [(e["operation"], e["model"]) for e in api.audit] == [
        ("update", "meetings.AgendaItem"),
        ("create", "meetings.AgendaItem"),
    ]


def test_an_agenda_item_id_used_twice_is_refused_both_ways(users, small_record):
    user = users["secretariat"]
    untouched = run(lambda: (200, []), "14").record
    twice = [AGENDA[0], {**AGENDA[1], "id": "drugs"}]
    api = run(put_via_api(user, "agenda", {"items": twice}), "14")
    web = run(
        change_via_web(user, {"agenda-1-id": "drugs", "agenda-1-title": AGENDA[1]["title"]}),
        "14",
    )
    assert (api.status, web.status) == (422, 422)
    [(field, reason)] = api.refusals
    assert field == "items[1].id"
    assert reason in web.refusals[0][1]
    assert api.record == web.record == untouched
    assert api.audit == web.audit == []


NEW_DECISION = {"id": "cyber-plan", "title": "On information security", "open": True}


def test_putting_a_decision_is_the_same_use_case_both_ways(users, small_record):
    user = users["secretariat"]
    api = run(send_via_api(user, "post", "decisions", NEW_DECISION), "14")
    web = run(
        change_via_web(
            user,
            {
                "decisions-1-id": NEW_DECISION["id"],
                "decisions-1-title": NEW_DECISION["title"],
                "decisions-1-open": "on",
                "decisions-1-classification": "public",
            },
        ),
        "14",
    )
    assert (api.status, web.status) == (201, 303)
    assert api.record is not None
    assert sorted(d["id"] for d in api.record["decisions"]) == ["cyber-plan", "drug-plan"]
    assert api.record == web.record
    assert api.audit == web.audit
    assert [(e["operation"], e["model"]) for e in api.audit] == [("create", "decisions.Decision")]


def test_a_decision_id_already_taken_is_refused_both_ways(users, small_record):
    user = users["secretariat"]
    untouched = run(lambda: (200, []), "14").record
    api = run(send_via_api(user, "post", "decisions", {**NEW_DECISION, "id": "drug-plan"}), "14")
    web = run(
        change_via_web(
            user,
            {
                "decisions-1-id": "drug-plan",
                "decisions-1-title": NEW_DECISION["title"],
                "decisions-1-classification": "public",
            },
        ),
        "14",
    )
    # The API answers a conflict; the page shows the refusal beside the row.
    assert (api.status, web.status) == (409, 422)
    [(field, reason)] = api.refusals
    assert field == "id"
    assert reason in web.refusals[0][1]
    assert api.record == web.record == untouched
    assert api.audit == web.audit == []


def test_changing_a_decision_is_the_same_use_case_both_ways(users, small_record):
    user = users["secretariat"]
    title = "On the counter-narcotics plan, amended"
    api = run(send_via_api(user, "patch", "decisions/drug-plan", {"title": title}), "14")
    web = run(change_via_web(user, {"decisions-0-title": title}), "14")
    assert (api.status, web.status) == (200, 303)
    assert api.record is not None
    assert api.record == web.record
    assert api.audit == web.audit
    [entry] = api.audit
    assert (entry["operation"], entry["model"]) == ("update", "decisions.Decision")
    assert entry["after"]["title"] == title


def test_a_viewer_who_does_not_keep_the_record_puts_no_decision(users, small_record):
    user = users["delegation-ru"]
    api = run(send_via_api(user, "post", "decisions", NEW_DECISION), "14")
    assert api.status == 403
    assert api.refusals == [
        ("permission", "only the secretariat of sco or an administrator may change it")
    ]
    assert api.audit == []
    # The record page is not found for it (the change of the meeting shows the same).
    assert user.session.get(f"{SCS}/meetings/14/edit/").status_code == 404


# --- the record loader: the third way in that creates a meeting ----------------------


def create_via_file(tmp_path: Any, **given: Any) -> Callable[[], tuple[int, list[tuple[str, str]]]]:
    """The meeting as a record file gives it, loaded by `accord load`'s loader: 201 when
    loaded, 422 and the problems' reasons when refused."""
    from accord.records.loader import LoadError, load

    def way() -> tuple[int, list[tuple[str, str]]]:
        entry = {"body": "security-council-secretaries", **NEW_MEETING, **given}
        entry = {k: v for k, v in entry.items() if v not in ("", None)}
        path = tmp_path / "meeting.json"
        path.write_text(
            json.dumps(
                {"format": "accord-record/1", "organization": {"slug": "sco"}, "meetings": [entry]}
            ),
            encoding="utf-8",
        )
        try:
            load([path])
        except LoadError as refused:
            return 422, [("", p.reason) for p in refused.problems]
        return 201, []

    return way


def test_a_record_file_creates_the_same_meeting_as_the_api(users, tmp_path):
    api = run(create_via_api(users["secretariat"], number=17), "17")
    loaded = run(create_via_file(tmp_path, number=17), "17")
    assert (api.status, loaded.status) == (201, 201)
    assert api.record is not None
    assert loaded.record == api.record
    # The same row written, with the same values, by the loader in the name of the load.
    [api_entry] = [e for e in api.audit if e["model"] == "meetings.Meeting"]
    [loaded_entry] = [e for e in loaded.audit if e["model"] == "meetings.Meeting"]
    assert (loaded_entry["operation"], loaded_entry["after"]) == ("create", api_entry["after"])
    assert loaded_entry["actor"] != api_entry["actor"]


def test_a_record_file_refuses_an_ad_hoc_meeting_without_an_id_as_the_api_does(users, tmp_path):
    api = run(create_via_api(users["secretariat"], number=None), "")
    loaded = run(create_via_file(tmp_path, number=None), "")
    assert (api.status, loaded.status) == (422, 422)
    [(field, reason)] = api.refusals
    assert field == "id"
    assert any(reason in said for _, said in loaded.refusals), loaded.refusals
    assert loaded.audit == []
