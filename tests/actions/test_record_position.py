"""Recording a position (`decisions.actions.record_position`), through each way in that
offers it: the API's PUT and the web's position page.

Each case runs once through each way, from the same record (the first way's writes are
rolled back before the second runs), and shows the same result: the same position
recorded and the same audit entries (operation, model, before and after, and who), or
the same refusal with nothing written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client

from accord.accounts import services as account_services
from accord.core.models import AuditEntry
from accord.decisions.inputs import DecisionFields
from accord.decisions.models import Decision, Position
from accord.decisions.services import save_decision
from accord.meetings.models import Meeting
from tests.accounts.people import RoleSpec, make
from tests.web.conftest import text
from tests.web.forms import form_fields, post_data

SCO = "sco"
MEETING_14 = "/organizations/sco/bodies/security-council-secretaries/meetings/14"
ROLES = {
    "secretariat": RoleSpec("actions-secretariat", secretariat=frozenset({SCO})),
    "delegation-ru": RoleSpec("actions-delegation-ru", delegations=frozenset({(SCO, "RU")})),
}


@dataclass(frozen=True)
class User:
    """One user, signed in both ways: by token (API) and by session (web)."""

    token: str
    session: Client


@dataclass(frozen=True)
class Outcome:
    status: int
    refusals: list[tuple[str, str]]  # (field, reason); the web shows each reason
    positions: list[tuple[str, str, str, str]]  # (decision, party, stance, statement)
    audit: list[dict]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def users(db) -> dict[str, User]:
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
        ),
        "closed": save_decision(
            meeting, "closed-one", DecisionFields(title="A closed decision"), []
        ),
    }


def through_api(user: User, decision: str, party: str, stance: str, statement: str) -> Outcome:
    path = f"/api/v1{MEETING_14}/decisions/{decision}/positions/{party}"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {user.token}", "HTTP_HOST": "127.0.0.1"}
    client = Client()
    read = client.get(path, **auth)
    answer = client.put(
        path,
        data=json.dumps({"stance": stance, "statement": statement}),
        content_type="application/json",
        HTTP_IF_MATCH=read.get("ETag", '"none"'),
        **auth,
    )
    body = json.loads(answer.content)
    refusals = (
        [(p["field"], p["reason"]) for p in body["detail"]] if answer.status_code >= 400 else []
    )
    return Outcome(answer.status_code, refusals, [], [])


def through_web(user: User, decision: str, party: str, stance: str, statement: str) -> Outcome:
    page = f"{MEETING_14}/decisions/{decision}/position/?party={party}"
    form = user.session.get(page)
    fields = form_fields(form, "stack") if form.status_code == 200 else {"version": [""]}
    answer = user.session.post(
        page, post_data(fields, party=party, stance=stance, statement=statement)
    )
    shown = text(answer) if answer.status_code >= 400 else ""
    return Outcome(answer.status_code, [("", shown)] if shown else [], [], [])


WAYS: dict[str, Callable[..., Outcome]] = {"api": through_api, "web": through_web}


class _Undo(Exception):
    pass


def run(way: str, user: User, *args: str) -> Outcome:
    """What `way` answers and writes, then undone: the next way starts from the same record."""
    before = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    seen: list[Outcome] = []
    try:
        with transaction.atomic():
            answered = WAYS[way](user, *args)
            positions = sorted(
                Position.objects.values_list("decision__slug", "party__code", "stance", "statement")
            )
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
            seen.append(Outcome(answered.status, answered.refusals, positions, audit))
            raise _Undo
    except _Undo:
        pass
    return seen[0]


def _without_id(snapshot: dict | None) -> dict | None:
    # A row's own key is the database's to choose (a sequence is not rolled back).
    return None if snapshot is None else {k: v for k, v in snapshot.items() if k != "id"}


def both(users: dict[str, User], role: str, *args: str) -> tuple[Outcome, Outcome]:
    return run("api", users[role], *args), run("web", users[role], *args)


def test_a_delegation_records_its_states_position_the_same_way(users, decisions):
    api, web = both(users, "delegation-ru", "drug-plan", "RU", "concurs-with-statement", "On 3.")
    assert (api.status, web.status) == (200, 303)
    assert api.positions == web.positions
    assert ("drug-plan", "RU", "concurs-with-statement", "On 3.") in api.positions
    assert api.audit == web.audit
    [entry] = api.audit
    assert entry["actor"] == "user:user-actions-delegation-ru"
    assert (entry["operation"], entry["model"], entry["before"]) == (
        "create",
        "decisions.Position",
        None,
    )
    assert entry["after"]["stance"] == "concurs-with-statement"


def test_the_secretariat_changes_a_recorded_position_the_same_way(users, decisions):
    save_decision(
        decisions["open"].meeting,
        "drug-plan",
        DecisionFields(title="On the counter-narcotics plan", outcome="open"),
        [(Position.party.field.related_model.objects.get(code="KZ"), "concurs", "")],
    )
    api, web = both(users, "secretariat", "drug-plan", "KZ", "objects", "")
    assert (api.status, web.status) == (200, 303)
    assert api.positions == web.positions
    assert api.audit == web.audit
    [entry] = api.audit
    assert (entry["operation"], entry["model"]) == ("update", "decisions.Position")
    assert (entry["before"]["stance"], entry["after"]["stance"]) == ("concurs", "objects")


@pytest.mark.parametrize(
    ("role", "decision", "party", "field", "statuses"),
    [
        # The decision is closed: positions can no longer change.
        ("secretariat", "closed-one", "KZ", "decision", (422, 422)),
        # An observer holds no position; the web page offers only the members on the
        # meeting date, and answers another party as not found.
        ("secretariat", "drug-plan", "MN", "party", (422, 404)),
        # A delegation speaks for its own state only: the API says it may not (403); the
        # web's recording pages answer what is not the user's to change as not found.
        ("delegation-ru", "drug-plan", "KZ", "permission", (403, 404)),
    ],
)
def test_refusals_are_the_same_and_write_nothing(
    users, decisions, role, decision, party, field, statuses
):
    untouched = sorted(
        Position.objects.values_list("decision__slug", "party__code", "stance", "statement")
    )
    api, web = both(users, role, decision, party, "concurs", "")
    assert (api.status, web.status) == statuses
    assert [f for f, _ in api.refusals] == [field]
    if web.status != 404:
        [(_, reason)] = api.refusals
        [(_, page)] = web.refusals
        assert reason in page
    assert api.positions == web.positions == untouched
    assert api.audit == web.audit == []
