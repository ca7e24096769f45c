"""The seed's restricted documents, through every API view that could show them.

In the seed, `scsc-14-information-report` is organization-restricted (the SCO's
secretariat and its members' delegations read it) and the two drafted roadmaps for
observers and dialogue partners are body-restricted to the Security Council
Secretaries (the secretariat, and delegations whose affiliation names that body).

For every role and every restricted document, each view must agree with that policy:
the documents list, its counts under filters, the detail (404 exactly as for a
document that does not exist), the history and the audit trail, the 14th meeting's
record, and what is pending for the summit once a roadmap is referred to it.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import ROLES, SCS

SCO = "/organizations/sco"
MEETING_14 = f"{SCO}/bodies/{SCS}/meetings/14"
REPORT = "scsc-14-information-report"
ROADMAPS = ["observer-states-roadmap", "dialogue-partners-roadmap"]
RESTRICTED = [REPORT, *ROADMAPS]

# Who reads what (the policy, stated plainly).
READERS = {
    REPORT: {"admin", "secretariat", "delegation-scs", "delegation", "chair-team"},
    "observer-states-roadmap": {"admin", "secretariat", "delegation-scs"},
    "dialogue-partners-roadmap": {"admin", "secretariat", "delegation-scs"},
}
# Words of each title, to search for.
SEARCH = {
    REPORT: "information%20report",
    "observer-states-roadmap": "observer%20states",
    "dialogue-partners-roadmap": "dialogue%20partners",
}


@pytest.mark.database_independent
def test_the_policy_covers_every_role():
    assert set(ROLES) >= {r for readers in READERS.values() for r in readers}


@pytest.fixture
def roadmap_referred(secretariat):
    """The secretaries refer the observers' roadmap to the Bishkek summit (a restricted
    referral: the action is public, its document is not)."""
    answer = secretariat.post(
        f"{MEETING_14}/actions",
        {
            "verb": "submitted",
            "document": "observer-states-roadmap",
            "item": "observers-and-partners",
            "to": "heads-of-state",
            "to_meeting": "19",
            "purpose": "approval",
        },
    )
    assert answer.status == 201, answer.body
    return answer.body


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("slug", RESTRICTED)
def test_restricted_document_in_every_view(as_role, role, slug, roadmap_referred):
    api = as_role(role)
    sees = role in READERS[slug]
    checked = 0

    listed = api.get(f"{SCO}/documents?limit=200")
    assert (slug in [d["slug"] for d in listed.body["items"]]) is sees
    checked += 1

    document = api.get(f"{SCO}/documents/{slug}")
    title = document.body["title"] if sees else None
    if sees:
        assert document.status == 200
        kind = document.body["type"]
    else:
        missing = api.get(f"{SCO}/documents/no-such-document")
        assert (
            (document.status, document.body)
            == (missing.status, missing.body)
            == (
                404,
                {"detail": [{"field": "document", "reason": "not found"}]},
            )
        )
        kind = "information-report" if slug == REPORT else "roadmap"
    checked += 1

    # Counts under filters: by type, by title, by status, by classification.
    by_type = api.get(f"{SCO}/documents?type={kind}&limit=200").body["items"]
    assert (slug in [d["slug"] for d in by_type]) is sees
    searched = api.get(f"{SCO}/documents?q={SEARCH[slug]}&limit=200").body["items"]
    assert (slug in [d["slug"] for d in searched]) is sees
    classification = "organization" if slug == REPORT else "body"
    classified = api.get(f"{SCO}/documents?classification={classification}").body["items"]
    assert len([d for d in classified if d["slug"] == slug]) == int(sees)
    checked += 3

    for view in ("history", "audit"):
        answer = api.get(f"{SCO}/documents/{slug}/{view}")
        assert answer.status == (200 if sees else 404), (view, answer.body)
        checked += 1

    record = api.get(MEETING_14).body
    in_record = [a for a in record["actions"] if (a["document"] or {}).get("slug") == slug]
    if slug in ROADMAPS:
        assert bool(in_record) is sees
        assert all(a["subject"] == title for a in in_record)
    else:
        assert in_record == []
    assert title is None or sees
    checked += 1

    pending = api.get(f"{SCO}/bodies/heads-of-state/pending?on=2019-05-16").body["items"]
    pending_docs = [p["document"] for p in pending]
    assert (slug in pending_docs) is (sees and slug == "observer-states-roadmap")
    checked += 1

    if slug in ROADMAPS:
        # Considered at the 14th meeting; the observers' roadmap then referred onwards.
        status = "submitted" if slug == "observer-states-roadmap" else "under%20consideration"
        drafts = api.get(f"{SCO}/documents?status={status}&limit=200").body["items"]
        assert (slug in [d["slug"] for d in drafts]) is sees
        checked += 1
    assert checked >= 9


@pytest.mark.parametrize("role", list(ROLES))
def test_document_counts_match_the_policy(as_role, role):
    """The public list plus exactly the restricted documents the role may read."""
    public = {
        d["slug"] for d in as_role("anonymous").get(f"{SCO}/documents?limit=200").body["items"]
    }
    seen = {d["slug"] for d in as_role(role).get(f"{SCO}/documents?limit=200").body["items"]}
    expected = public | {slug for slug, readers in READERS.items() if role in readers}
    assert seen == expected


def test_pages_of_documents_hold_no_hidden_rows(anonymous, as_role):
    """Walking the list page by page gives exactly what one page gives, for each viewer."""
    for api in (anonymous, as_role("delegation"), as_role("delegation-scs")):
        whole = [d["slug"] for d in api.get(f"{SCO}/documents?limit=200").body["items"]]
        walked, cursor = [], None
        while True:
            query = f"{SCO}/documents?limit=2" + (f"&cursor={cursor}" if cursor else "")
            answer = api.get(query).body
            assert len(answer["items"]) <= 2
            walked += [d["slug"] for d in answer["items"]]
            cursor = answer["next_cursor"]
            if cursor is None:
                break
        assert walked == whole


def test_an_unknown_token_is_refused_not_read_as_the_public(anonymous):
    from tests.api.conftest import Api

    answer = Api("acc_deadbeef_not-a-real-secret").get(f"{SCO}/documents")
    assert answer.status == 401
    assert answer.fields == ["Authorization"]


def test_an_expired_token_says_so(db):
    import datetime as dt

    from django.utils import timezone

    from accord.accounts import services
    from accord.accounts.models import ApiToken
    from tests.accounts.people import RoleSpec, make
    from tests.api.conftest import Api

    person = make(RoleSpec("api-expired", secretariat=frozenset({"sco"})))
    token, secret = services.create_token(person.user, "soon gone", days=1)
    ApiToken.objects.filter(pk=token.pk).update(
        created=timezone.now() - dt.timedelta(days=3), expires=timezone.now() - dt.timedelta(days=2)
    )
    answer = Api(secret).get(f"{SCO}/documents/{REPORT}")
    assert answer.status == 401
    # Refused by the token middleware before the API is reached, in the API's shape.
    assert answer.fields == ["Authorization"]
    assert "expired" in answer.body["detail"][0]["reason"]
    assert answer.headers["WWW-Authenticate"] == 'Bearer realm="accord"'


MEETING_READERS = {
    "organization": {"admin", "secretariat", "delegation-scs", "delegation", "chair-team"},
    "body": {"admin", "secretariat", "delegation-scs"},
}


@pytest.mark.parametrize("classification", list(MEETING_READERS))
def test_a_restricted_meeting_in_every_view(as_role, secretariat, classification):
    """A 17th meeting, restricted, with an agenda item that refers to it by nothing but
    the record: its number shows up nowhere for those who may not read it."""
    meetings = f"{SCO}/bodies/{SCS}/meetings"
    created = secretariat.post(
        meetings,
        {"number": 17, "date": "2022-08-19", "city": "Tashkent", "classification": classification},
    )
    assert created.status == 201, created.body
    for role in ROLES:
        api = as_role(role)
        sees = role in MEETING_READERS[classification]
        listed = [m["number"] for m in api.get(f"{meetings}?limit=200").body["items"]]
        assert (17 in listed) is sees, role
        body = api.get(f"{SCO}/bodies/{SCS}").body
        assert (17 in [m["number"] for m in body["meetings"]]) is sees, role
        calendar = api.get(f"{SCO}/calendar?from=2022-08-01&to=2022-08-31").body["items"]
        assert (len([e for e in calendar if e["kind"] == "meeting"]) == 1) is sees, role
        for path in (f"{meetings}/17", f"{meetings}/17/audit"):
            answer = api.get(path)
            if sees:
                assert answer.status == 200, (role, path)
            else:
                assert answer.status == 404, (role, path)
                assert answer.body == {"detail": [{"field": "meeting", "reason": "not found"}]}


def test_a_read_only_token_reads_what_its_user_reads_and_never_writes(db):
    from accord.accounts import services
    from accord.core.models import AuditEntry
    from accord.meetings.models import Meeting
    from tests.accounts.people import RoleSpec, make
    from tests.api.conftest import Api

    person = make(RoleSpec("api-read-only", secretariat=frozenset({"sco"})))
    _, secret = services.create_token(person.user, "calendar", days=1, scope="read")
    reader = Api(secret)
    meeting = reader.get(f"{SCO}/bodies/{SCS}/meetings/14")
    assert meeting.status == 200
    entries, venue = AuditEntry.objects.count(), Meeting.objects.get(number=14, body__slug=SCS).city
    refused = reader.patch(
        f"{SCO}/bodies/{SCS}/meetings/14", {"city": "Osh"}, **{"If-Match": meeting.headers["ETag"]}
    )
    assert refused.status == 403
    # In the documented error shape (the fuzz found it a bare string).
    assert refused.fields == ["Authorization"]
    assert "only reads" in refused.body["detail"][0]["reason"]
    assert AuditEntry.objects.count() == entries
    assert Meeting.objects.get(number=14, body__slug=SCS).city == venue
