"""Who stands where, written through the API: standings of parties (one status at a
time), chair terms (one chair at a time), people, post holders (one at a time). The
rules are the services'; refusals name the field and change nothing; changes need the
current ETag; every write is audited."""

from __future__ import annotations

import pytest

from accord.bodies.models import ChairTerm
from accord.core.models import AuditEntry
from accord.registry.models import Membership, Party, Person, PostHolding
from accord.registry.services import ensure_state

SCO = "/organizations/sco"
MEMBERSHIPS = f"{SCO}/memberships"
INDIA = f"{MEMBERSHIPS}/IN/2017-06-09"


def snapshot() -> dict:
    return {
        "memberships": list(Membership.objects.order_by("pk").values()),
        "terms": list(ChairTerm.objects.order_by("pk").values()),
        "people": list(Person.objects.order_by("pk").values()),
        "holders": list(PostHolding.objects.order_by("pk").values()),
        "parties": list(Party.objects.order_by("pk").values()),
        "audit": AuditEntry.objects.count(),
    }


@pytest.fixture
def turkmenistan(db) -> str:
    return ensure_state("TM").code


# --- memberships -------------------------------------------------------------------------


def test_record_a_standing(secretariat, anonymous, turkmenistan):
    answer = secretariat.post(
        MEMBERSHIPS,
        {"party": "TM", "status": "dialogue-partner", "start": "2024-01-01", "end": "2025-08-31"},
        x_request_id="req-standing",
    )
    assert answer.status == 201, answer.body
    assert answer.headers["Location"].endswith(f"{MEMBERSHIPS}/TM/2024-01-01")
    assert (answer.body["status"], answer.body["end"]) == ("dialogue-partner", "2025-08-31")
    assert anonymous.get(f"{MEMBERSHIPS}/TM/2024-01-01").etag == answer.etag
    members = anonymous.get(f"{SCO}/members?on=2024-06-01&status=dialogue-partner").body
    assert "TM" in [m["party"]["code"] for m in members["items"]]
    [entry] = AuditEntry.objects.filter(request_id="req-standing")
    assert (entry.operation, entry.model) == ("create", "registry.Membership")


@pytest.mark.parametrize(
    ("payload", "status", "fields", "reason"),
    [
        # One status at a time: the founders are members from 2001.
        (
            {"party": "KG", "status": "observer", "start": "2019-01-01", "end": "2019-12-31"},
            422,
            ["start"],
            "one status",
        ),
        # The SCO had no "partner" status before 2025-09-01.
        ({"party": "TM", "status": "partner", "start": "2024-01-01"}, 422, ["status"], "2025"),
        ({"party": "TM", "status": "friend", "start": "2024-01-01"}, 422, ["status"], "no status"),
        ({"party": "XX", "status": "member", "start": "2024-01-01"}, 422, ["party"], "no party"),
        (
            {"party": "TM", "status": "member", "start": "2024-01-01", "end": "2023-01-01"},
            422,
            ["end"],
            "before it starts",
        ),
        ({"party": "KG", "status": "member", "start": "2001-06-15"}, 409, ["start"], "already"),
        ({"party": "TM", "status": "member", "start": "2024-13-01"}, 422, ["start"], "date"),
    ],
)
def test_a_refused_standing_names_the_field(
    secretariat, turkmenistan, payload, status, fields, reason
):
    before = snapshot()
    answer = secretariat.post(MEMBERSHIPS, payload)
    assert answer.status == status, answer.body
    assert answer.fields == fields
    assert reason in answer.body["detail"][0]["reason"]
    assert snapshot() == before


def test_change_a_standing(secretariat):
    read = secretariat.get(INDIA)
    assert read.body["status"] == "member"
    answer = secretariat.patch(INDIA, {"note": "memorandum signed at Tashkent"}, if_match=read.etag)
    assert answer.status == 200, answer.body
    assert answer.body["note"] == "memorandum signed at Tashkent"
    assert secretariat.get(INDIA).etag == answer.etag
    before = snapshot()
    assert secretariat.patch(INDIA, {"note": "x"}).status == 428
    assert secretariat.patch(INDIA, {"note": "x"}, if_match=read.etag).status == 412
    # The observer standing cannot be stretched over the membership that followed it.
    observer = secretariat.get(f"{MEMBERSHIPS}/IN/2005-07-05")
    overlap = secretariat.patch(
        f"{MEMBERSHIPS}/IN/2005-07-05", {"end": "2017-06-09"}, if_match=observer.etag
    )
    assert (overlap.status, overlap.fields) == (422, ["start"])
    assert "one status at a time" in overlap.body["detail"][0]["reason"]
    unknown = secretariat.patch(INDIA, {"status": "king", "start": "2017-01-01"}, if_match="x")
    assert (unknown.status, unknown.fields) == (422, ["start"])  # the start is the key
    assert snapshot() == before
    assert secretariat.get(f"{MEMBERSHIPS}/IN/2017-06-10").status == 404


def test_remove_a_standing(secretariat, turkmenistan):
    created = secretariat.post(
        MEMBERSHIPS,
        {"party": "TM", "status": "observer", "start": "2010-01-01", "end": "2010-12-31"},
    )
    path = f"{MEMBERSHIPS}/TM/2010-01-01"
    before = snapshot()
    assert secretariat.delete(path).status == 428
    assert secretariat.delete(path, if_match='"old"').status == 412
    assert snapshot() == before
    gone = secretariat.delete(path, if_match=created.etag, x_request_id="req-unstanding")
    assert gone.status == 204
    assert secretariat.get(path).status == 404
    assert [e.operation for e in AuditEntry.objects.filter(request_id="req-unstanding")] == [
        "delete"
    ]


def test_a_standing_the_record_relies_on_is_not_removed(secretariat):
    """Kyrgyzstan took part in the 14th meeting as a member and chaired: its membership
    cannot go."""
    read = secretariat.get(f"{MEMBERSHIPS}/KG/2001-06-15")
    before = snapshot()
    answer = secretariat.delete(f"{MEMBERSHIPS}/KG/2001-06-15", if_match=read.etag)
    assert answer.status == 409, answer.body
    assert answer.fields == ["membership"]
    reason = answer.body["detail"][0]["reason"]
    assert "member delegation" in reason and "chair terms" in reason
    assert snapshot() == before


# --- chair terms ---------------------------------------------------------------------------


def test_record_a_chair_term_of_a_body(secretariat):
    answer = secretariat.post(
        f"{SCO}/chair-terms",
        {
            "party": "TJ",
            "body": "heads-of-government",
            "start": "2024-10-17",
            "end": "2025-11-18",
            "note": "host of the 24th CHG",
        },
        x_request_id="req-term",
    )
    assert answer.status == 201, answer.body
    assert (answer.body["body"], answer.body["party"]["code"]) == ("heads-of-government", "TJ")
    chair = secretariat.get(f"{SCO}/chair?on=2025-01-01&body=heads-of-government").body
    assert chair["chair"]["code"] == "TJ"
    [entry] = AuditEntry.objects.filter(request_id="req-term")
    assert entry.model == "bodies.ChairTerm"


@pytest.mark.parametrize(
    ("payload", "status", "fields"),
    [
        # The Kyrgyz presidency from 2025-09-02 is open: no second chair at once.
        ({"party": "RU", "start": "2026-01-01"}, 422, ["start"]),
        ({"party": "MN", "body": "heads-of-government", "start": "2025-01-01"}, 422, ["party"]),
        ({"party": "KG", "start": "2025-09-02"}, 409, ["start"]),
        ({"party": "KG", "body": "no-body", "start": "2030-01-01"}, 422, ["body"]),
        (
            {
                "party": "KZ",
                "body": "heads-of-government",
                "start": "2025-01-01",
                "decided_at": {"body": "heads-of-state", "meeting": "99"},
            },
            422,
            ["decided_at.meeting"],
        ),
        ({"party": "KZ", "start": "2030-01-01", "basis": "coin"}, 422, ["basis"]),
    ],
)
def test_a_refused_chair_term_names_the_field(secretariat, payload, status, fields):
    before = snapshot()
    answer = secretariat.post(f"{SCO}/chair-terms", payload)
    assert answer.status == status, answer.body
    assert answer.fields == fields
    assert snapshot() == before


# --- people and post holders -------------------------------------------------------------


def test_people(secretariat, anonymous):
    created = secretariat.post(
        "/people",
        {"id": "ruslan-ivanov", "name": "Ruslan Ivanov", "party": "KG"},
        x_request_id="req-person",
    )
    assert created.status == 201, created.body
    assert created.headers["Location"].endswith("/people/ruslan-ivanov")
    # Recorded nowhere yet: the secretariat reads the person, the public does not.
    assert anonymous.get("/people/ruslan-ivanov").status == 404
    read = secretariat.get("/people/ruslan-ivanov")
    assert read.etag == created.etag
    changed = secretariat.patch(
        "/people/ruslan-ivanov", {"names": {"ru": "Руслан Иванов"}}, if_match=read.etag
    )
    assert changed.status == 200, changed.body
    assert changed.body["names"] == {"ru": "Руслан Иванов"}
    before = snapshot()
    assert secretariat.patch("/people/ruslan-ivanov", {"name": "x"}).status == 428
    assert (
        secretariat.patch("/people/ruslan-ivanov", {"name": "x"}, if_match=read.etag).status == 412
    )
    bad = secretariat.patch("/people/ruslan-ivanov", {"party": "XX"}, if_match=changed.etag)
    assert (bad.status, bad.fields) == (422, ["party"])
    again = secretariat.post("/people", {"id": "ruslan-ivanov", "name": "Another"})
    assert (again.status, again.fields) == (409, ["id"])
    assert anonymous.get("/people/nobody").status == 404
    assert snapshot() == before
    assert AuditEntry.objects.filter(request_id="req-person", model="registry.Person").exists()


def test_post_holders(secretariat, anonymous):
    answer = secretariat.post(
        f"{SCO}/posts/rats-director/holders",
        {"person": "yevgeny-sysoyev", "start": "2025-01-01", "appointed_on": "2024-07-04"},
    )
    assert answer.status == 201, answer.body
    posts = anonymous.get(f"{SCO}/posts?on=2025-06-01").body["items"]
    [rats] = [p for p in posts if p["post"] == "rats-director"]
    assert rats["holder"]["person"]["slug"] == "yevgeny-sysoyev"
    before = snapshot()
    overlap = secretariat.post(
        f"{SCO}/posts/secretary-general/holders", {"person": "zhang-ming", "start": "2026-01-01"}
    )
    assert (overlap.status, overlap.fields) == (422, ["start"])
    assert "one holder at a time" in overlap.body["detail"][0]["reason"]
    late = secretariat.post(
        f"{SCO}/posts/rats-director/holders",
        {"person": "zhang-ming", "start": "2030-01-01", "appointed_on": "2030-02-01"},
    )
    assert (late.status, late.fields) == (422, ["appointed_on"])
    taken = secretariat.post(
        f"{SCO}/posts/rats-director/holders", {"person": "zhang-ming", "start": "2025-01-01"}
    )
    assert (taken.status, taken.fields) == (409, ["start"])
    missing = secretariat.post(
        f"{SCO}/posts/no-post/holders", {"person": "zhang-ming", "start": "2025-01-01"}
    )
    assert missing.status == 404
    assert snapshot() == before


# --- parties -------------------------------------------------------------------------------


def test_parties(secretariat, anonymous):
    state = secretariat.post("/parties", {"code": "TM"}, x_request_id="req-party")
    assert state.status == 201, state.body
    assert state.body["name"] == "Turkmenistan"  # from ISO data
    assert anonymous.get("/parties/TM").etag == state.etag
    agency = secretariat.post(
        "/parties",
        {
            "code": "KG-SCS",
            "kind": "agency",
            "name": "Security Council of Kyrgyzstan",
            "parent": "KG",
        },
    )
    assert agency.status == 201, agency.body
    assert agency.body["parent"] == "KG"
    read = anonymous.get("/parties/KG-SCS")
    changed = secretariat.patch(
        "/parties/KG-SCS", {"names": {"ru": "Совет безопасности Кыргызстана"}}, if_match=read.etag
    )
    assert changed.status == 200, changed.body
    assert changed.body["names"]["ru"] == "Совет безопасности Кыргызстана"
    assert AuditEntry.objects.filter(request_id="req-party", model="registry.Party").exists()
    before = snapshot()
    refusals = [
        (secretariat.post("/parties", {"code": "XQ"}), 422, ["code"]),  # not an ISO code
        (secretariat.post("/parties", {"code": "TM"}), 409, ["code"]),
        (
            secretariat.post("/parties", {"code": "UNX", "kind": "agency", "name": "X"}),
            422,
            ["parent"],
        ),
        (secretariat.post("/parties", {"code": "tm", "kind": "club"}), 422, ["code", "kind"]),
        (secretariat.patch("/parties/KG-SCS", {"name": "x"}), 428, ["If-Match"]),
        (
            secretariat.patch("/parties/KG-SCS", {"name": "x"}, if_match=read.etag),
            412,
            ["If-Match"],
        ),
        (
            secretariat.patch("/parties/KG-SCS", {"parent": "KG-SCS"}, if_match=changed.etag),
            422,
            ["parent"],
        ),
    ]
    for answer, status, fields in refusals:
        assert (answer.status, sorted(answer.fields)) == (status, fields), answer.body
    assert snapshot() == before


@pytest.mark.parametrize(
    "role", ["delegation", "delegation-scs", "observer", "chair-team", "public-user"]
)
def test_only_the_secretariat_keeps_standings(as_role, role, turkmenistan):
    api = as_role(role)
    before = snapshot()
    read = api.get(INDIA)
    assert read.status == 200
    refused = [
        api.post(MEMBERSHIPS, {"party": "TM", "status": "member", "start": "2024-01-01"}),
        api.patch(INDIA, {"note": "x"}, if_match=read.etag),
        api.post(f"{SCO}/chair-terms", {"party": "KG", "start": "2030-01-01"}),
        api.post("/people", {"id": "someone", "name": "Someone"}),
        api.patch("/people/zhang-ming", {"name": "x"}, if_match=api.get("/people/zhang-ming").etag),
        api.post(
            f"{SCO}/posts/rats-director/holders", {"person": "zhang-ming", "start": "2025-01-01"}
        ),
    ]
    refused += [
        api.post("/parties", {"code": "TM"}),
        api.patch("/parties/KG", {"source": "x"}, if_match=api.get("/parties/KG").etag),
    ]
    refused.append(api.delete(INDIA, if_match=read.etag))
    assert [r.status for r in refused] == [403] * 9
    assert all(r.fields == ["permission"] for r in refused)
    assert snapshot() == before


def test_the_anonymous_write_nothing(anonymous):
    before = snapshot()
    answer = anonymous.post("/people", {"id": "someone", "name": "Someone"})
    assert answer.status == 401
    assert snapshot() == before
