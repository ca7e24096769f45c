"""Documents written through the API: created, changed, removed, their versions and
relations set, each through the documents services; refusals name each field and
change nothing; changes and removals need the document's current ETag."""

from __future__ import annotations

import io

import pytest

from accord.core.models import AuditEntry
from accord.documents.models import Document, DocumentFile, DocumentRelation, DocumentVersion
from tests.documents_files import samples

SCO = "/organizations/sco"
DOCUMENTS = f"{SCO}/documents"
PLAN = f"{DOCUMENTS}/anti-drug-action-plan-2019-2020"
STRATEGY = f"{DOCUMENTS}/anti-drug-strategy-2018-2023"

NEW = {
    "id": "sco-anti-drug-roadmap-2020",
    "type": "roadmap",
    "title": "Roadmap on anti-drug cooperation, 2020",
    "titles": {"ru": "Дорожная карта"},
    "date": "2020-03",
    "author_body": "security-council-secretaries",
    "classification": "parties",
    "shared_with": ["KG", "MN"],
}


def snapshot() -> dict:
    """Every row a document write could touch."""
    return {
        "documents": list(Document.objects.order_by("pk").values()),
        "shared": list(Document.shared_with.through.objects.order_by("pk").values()),
        "versions": list(DocumentVersion.objects.order_by("pk").values()),
        "relations": list(DocumentRelation.objects.order_by("pk").values()),
        "files": list(DocumentFile.objects.order_by("pk").values()),
        "audit": AuditEntry.objects.count(),
    }


# --- creating -----------------------------------------------------------------------------


def test_create_a_document(secretariat, as_role):
    answer = secretariat.post(DOCUMENTS, NEW, x_request_id="req-new-roadmap")
    assert answer.status == 201, answer.body
    assert answer.headers["Location"].endswith(f"{DOCUMENTS}/sco-anti-drug-roadmap-2020")
    body = answer.body
    assert (body["slug"], body["type"], body["date"]) == (NEW["id"], "roadmap", "2020-03")
    assert body["shared_with"] == ["KG", "MN"]
    assert body["author_body"] == "security-council-secretaries"
    assert secretariat.get(f"{DOCUMENTS}/{NEW['id']}").etag == answer.etag
    trail = secretariat.get(f"{DOCUMENTS}/{NEW['id']}/audit").body["items"]
    assert [e["operation"] for e in trail] == ["create", "update"]  # the row, its parties
    assert {(e["actor"], e["request_id"]) for e in trail} == {
        ("user:user-api-secretariat", "req-new-roadmap")
    }
    # Shared with Mongolia (an observer): its observer reads it, Russia's delegation not.
    assert as_role("observer").get(f"{DOCUMENTS}/{NEW['id']}").status == 200
    assert as_role("delegation").get(f"{DOCUMENTS}/{NEW['id']}").status == 404


def test_a_taken_id_is_a_conflict(secretariat):
    before = snapshot()
    answer = secretariat.post(DOCUMENTS, {**NEW, "id": "anti-drug-action-plan-2019-2020"})
    assert answer.status == 409
    assert answer.fields == ["id"]
    assert snapshot() == before


def test_invalid_input_lists_every_field(secretariat):
    before = snapshot()
    answer = secretariat.post(
        DOCUMENTS,
        {
            "id": "has spaces",
            "type": "roadmap",
            "title": "",
            "date": "2020-13",
            "classification": "secret",
            "shared_with": ["KG", 3],
            "colour": "red",
        },
    )
    assert answer.status == 422
    assert sorted(answer.fields) == [
        "classification",
        "colour",
        "date",
        "id",
        "shared_with[1]",
        "title",
    ]
    assert all(p["reason"] for p in answer.body["detail"])
    assert snapshot() == before


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"type": "poem"}, "type", "no document type"),
        ({"author_body": "no-such-body"}, "author_body", "no body"),
        ({"author_party": "XX"}, "author_party", "no party"),
        ({"shared_with": ["KG", "XX"]}, "shared_with[1]", "no party"),
        ({"shared_with": []}, "shared_with", "must name them"),
        ({"classification": "body"}, "restricted_to", "must name its body"),
        ({"restricted_to": "secretariat"}, "restricted_to", "only a body-restricted"),
    ],
)
def test_rules_refuse_a_new_document_by_field(secretariat, change, field, reason):
    before = snapshot()
    answer = secretariat.post(DOCUMENTS, {**NEW, **change})
    assert answer.status == 422, answer.body
    assert answer.fields == [field]
    assert reason in answer.body["detail"][0]["reason"]
    assert snapshot() == before


# --- changing -----------------------------------------------------------------------------


def test_patch_a_document(secretariat, anonymous):
    read = secretariat.get(PLAN)
    answer = secretariat.patch(
        PLAN,
        {"title": "Action Plan 2019-2020", "classification": "organization", "period": None},
        if_match=read.etag,
    )
    assert answer.status == 200, answer.body
    assert answer.body["title"] == "Action Plan 2019-2020"
    assert answer.body["period"] is None
    assert answer.body["date"] == "2019-06-14"  # left out: kept
    assert [v["number"] for v in answer.body["versions"]] == [
        v["number"] for v in read.body["versions"]
    ]
    assert secretariat.get(PLAN).etag == answer.etag
    assert anonymous.get(PLAN).status == 404  # now for the organization's members only
    last = secretariat.get(f"{PLAN}/audit?limit=200").body["items"][-1]
    assert last["operation"] == "update"
    assert last["after"] == {
        "title": "Action Plan 2019-2020",
        "classification": "organization",
        "period": "",
    }


def test_patch_needs_a_current_if_match_and_changes_nothing_otherwise(secretariat, as_role):
    read = secretariat.get(PLAN)
    before = snapshot()
    missing = secretariat.patch(PLAN, {"title": "x"})
    assert (missing.status, missing.fields) == (428, ["If-Match"])
    assert snapshot() == before
    other = as_role("admin")
    assert other.patch(PLAN, {"note": "theirs"}, if_match=other.get(PLAN).etag).status == 200
    before = snapshot()
    stale = secretariat.patch(PLAN, {"title": "mine"}, if_match=read.etag)
    assert (stale.status, stale.fields) == (412, ["If-Match"])
    assert snapshot() == before


def test_patch_refused_by_a_rule_changes_nothing(secretariat):
    read = secretariat.get(PLAN)
    before = snapshot()
    answer = secretariat.patch(
        PLAN, {"classification": "parties", "type": "poem"}, if_match=read.etag
    )
    assert answer.status == 422
    assert answer.fields == ["type"]
    answer = secretariat.patch(PLAN, {"classification": "parties"}, if_match=read.etag)
    assert (answer.status, answer.fields) == (422, ["shared_with"])
    unknown = secretariat.patch(PLAN, {"slug": "renamed", "type": None}, if_match=read.etag)
    assert unknown.status == 422
    assert unknown.fields == ["slug"]
    no_type = secretariat.patch(PLAN, {"type": None}, if_match=read.etag)
    assert (no_type.status, no_type.fields) == (422, ["type"])
    assert snapshot() == before


# --- versions and relations -------------------------------------------------------------


def test_put_versions_and_translations(secretariat):
    read = secretariat.get(PLAN)
    versions = [
        {"number": 1, "language": "ru", "date": "2019-05-15", "text": "План"},
        {"number": 1, "language": "zh", "text": "计划"},
        {"number": 2, "language": "ru", "date": "2019-06-14"},
    ]
    answer = secretariat.put(f"{PLAN}/versions", {"versions": versions}, if_match=read.etag)
    assert answer.status == 200, answer.body
    got = [(v["number"], v["language"], v["date"], v["text"]) for v in answer.body["versions"]]
    assert got == [
        (1, "ru", "2019-05-15", "План"),
        (1, "zh", None, "计划"),
        (2, "ru", "2019-06-14", ""),
    ]
    # The same list again changes nothing (no audit entry); a shorter one removes.
    count = AuditEntry.objects.count()
    same = secretariat.put(f"{PLAN}/versions", {"versions": versions}, if_match=answer.etag)
    assert same.status == 200 and same.etag == answer.etag
    assert AuditEntry.objects.count() == count
    fewer = secretariat.put(f"{PLAN}/versions", {"versions": versions[:1]}, if_match=same.etag)
    assert [(v["number"], v["language"]) for v in fewer.body["versions"]] == [(1, "ru")]
    removed = AuditEntry.objects.filter(operation="delete", model="documents.DocumentVersion")
    assert removed.count() == 2


def test_versions_refused_by_field(secretariat):
    read = secretariat.get(PLAN)
    before = snapshot()
    answer = secretariat.put(
        f"{PLAN}/versions",
        {"versions": [{"number": 0}, {"number": 1, "language": "Russian"}, {"numbre": 2}]},
        if_match=read.etag,
    )
    assert answer.status == 422
    assert sorted(answer.fields) == [
        "versions[0].number",
        "versions[1].language",
        "versions[2].number",
        "versions[2].numbre",
    ]
    twice = secretariat.put(
        f"{PLAN}/versions",
        {"versions": [{"number": 1, "language": "ru"}, {"number": 1, "language": "ru"}]},
        if_match=read.etag,
    )
    assert (twice.status, twice.fields) == (422, ["versions[1]"])
    assert snapshot() == before


def test_a_version_left_out_goes_with_its_files(
    secretariat, files_storage, django_capture_on_commit_callbacks
):
    read = secretariat.get(PLAN)
    put = secretariat.put(
        f"{PLAN}/versions", {"versions": [{"number": 1, "language": "ru"}]}, if_match=read.etag
    )
    assert put.status == 200
    upload = io.BytesIO(samples.pdf("Action plan"))
    upload.name = "plan.pdf"
    attached = secretariat.upload(
        f"{PLAN}/versions/1/files", {"file": upload, "language": "ru", "kind": "signed-original"}
    )
    assert attached.status == 201, attached.body
    read = secretariat.get(PLAN)
    assert read.body["versions"][0]["files"][0]["sha256"] == attached.body["sha256"]
    with django_capture_on_commit_callbacks(execute=True):
        answer = secretariat.put(f"{PLAN}/versions", {"versions": []}, if_match=read.etag)
    assert answer.status == 200
    assert not DocumentFile.objects.exists()
    assert [p for p in files_storage.rglob("*") if p.is_file()] == []
    gone = AuditEntry.objects.filter(operation="delete", model="documents.DocumentFile")
    assert gone.count() == 1


def test_put_relations(secretariat, anonymous):
    read = secretariat.get(PLAN)
    relations = [
        {"kind": "implements", "target": "anti-drug-strategy-2018-2023"},
        {"kind": "supersedes", "target": "anti-drug-strategy-2011-2016", "source": "S1"},
    ]
    answer = secretariat.put(f"{PLAN}/relations", {"relations": relations}, if_match=read.etag)
    assert answer.status == 200, answer.body
    assert [(r["kind"], r["document"]["slug"]) for r in answer.body["relations"]] == [
        ("implements", "anti-drug-strategy-2018-2023"),
        ("supersedes", "anti-drug-strategy-2011-2016"),
    ]
    inbound = anonymous.get(STRATEGY).body["inbound"]
    assert ("implements", "anti-drug-action-plan-2019-2020") in [
        (r["kind"], r["document"]["slug"]) for r in inbound
    ]
    gone = secretariat.put(f"{PLAN}/relations", {"relations": []}, if_match=answer.etag)
    assert gone.body["relations"] == []


def test_relations_refused_by_field(secretariat):
    read = secretariat.get(PLAN)
    before = snapshot()
    answer = secretariat.put(
        f"{PLAN}/relations",
        {
            "relations": [
                {"kind": "implements", "target": "no-such-document"},
                {"kind": "inspires", "target": "anti-drug-strategy-2018-2023"},
            ]
        },
        if_match=read.etag,
    )
    assert answer.status == 422
    assert sorted(answer.fields) == ["relations[1].kind"]  # the shape first
    unknown = secretariat.put(
        f"{PLAN}/relations",
        {"relations": [{"kind": "implements", "target": "no-such-document"}]},
        if_match=read.etag,
    )
    assert (unknown.status, unknown.fields) == (422, ["relations[0].target"])
    rules = secretariat.put(
        f"{PLAN}/relations",
        {
            "relations": [
                {"kind": "amends", "target": "anti-drug-action-plan-2019-2020"},
                {"kind": "implements", "target": "anti-drug-strategy-2018-2023"},
                {"kind": "implements", "target": "anti-drug-strategy-2018-2023"},
            ]
        },
        if_match=read.etag,
    )
    assert rules.status == 422
    assert rules.fields == ["relations[0].target", "relations[2]"]
    assert "itself" in rules.body["detail"][0]["reason"]
    assert snapshot() == before


# --- removing -----------------------------------------------------------------------------


def test_remove_a_document(secretariat, anonymous):
    created = secretariat.post(DOCUMENTS, {**NEW, "classification": "public", "shared_with": []})
    path = f"{DOCUMENTS}/{NEW['id']}"
    put = secretariat.put(
        f"{path}/versions", {"versions": [{"number": 1, "language": "en"}]}, if_match=created.etag
    )
    put = secretariat.put(
        f"{path}/relations",
        {"relations": [{"kind": "implements", "target": "anti-drug-strategy-2018-2023"}]},
        if_match=put.etag,
    )
    count = AuditEntry.objects.count()
    answer = secretariat.delete(path, if_match=put.etag, x_request_id="req-remove")
    assert answer.status == 204
    assert anonymous.get(path).status == 404
    assert not Document.objects.filter(slug=NEW["id"]).exists()
    entries = AuditEntry.objects.filter(seq__gt=count)
    assert sorted(e.model for e in entries) == [
        "documents.Document",
        "documents.DocumentRelation",
        "documents.DocumentVersion",
    ]
    assert {(e.operation, e.request_id) for e in entries} == {("delete", "req-remove")}


def test_a_document_something_refers_to_is_not_removed(secretariat):
    read = secretariat.get(PLAN)  # actions and another document's relation refer to it
    before = snapshot()
    answer = secretariat.delete(PLAN, if_match=read.etag)
    assert answer.status == 409
    assert answer.fields == ["document"]
    assert "remove those first" in answer.body["detail"][0]["reason"]
    assert "action" in answer.body["detail"][0]["reason"]
    assert snapshot() == before


def test_remove_needs_a_current_if_match(secretariat):
    created = secretariat.post(DOCUMENTS, {**NEW, "classification": "public", "shared_with": []})
    path = f"{DOCUMENTS}/{NEW['id']}"
    before = snapshot()
    assert secretariat.delete(path).status == 428
    assert secretariat.delete(path, if_match='"stale"').status == 412
    assert snapshot() == before
    assert secretariat.delete(path, if_match=created.etag).status == 204


# --- who may write --------------------------------------------------------------------


@pytest.mark.parametrize("role", ["delegation", "observer", "chair-team", "public-user"])
def test_only_the_secretariat_writes_documents(as_role, role):
    api = as_role(role)
    before = snapshot()
    assert (api.post(DOCUMENTS, NEW).status, api.post(DOCUMENTS, NEW).fields) == (
        403,
        ["permission"],
    )
    read = api.get(STRATEGY)  # public: readable, not changeable
    assert read.status == 200
    assert api.patch(STRATEGY, {"title": "x"}, if_match=read.etag).status == 403
    assert api.delete(STRATEGY, if_match=read.etag).status == 403
    assert api.put(f"{STRATEGY}/versions", {"versions": []}, if_match=read.etag).status == 403
    assert api.put(f"{STRATEGY}/relations", {"relations": []}, if_match=read.etag).status == 403
    assert snapshot() == before


# --- authors, signatories, counterparties -----------------------------------------------


def test_put_authors_signatories_and_counterparties(secretariat):
    read = secretariat.get(PLAN)
    parties = {
        "authors": ["KZ", "KG"],
        "signatories": [
            {
                "party": "KZ",
                "agency": "Ministry of Internal Affairs",
                "signer": "A. Signer",
                "date": "2019-05",
            },
            {"organization": "sco", "person": "zhang-deguang"},
        ],
        "counterparties": [{"name": "United Nations Office on Drugs and Crime"}],
    }
    answer = secretariat.put(f"{PLAN}/parties", parties, if_match=read.etag)
    assert answer.status == 200, answer.body
    body = answer.body
    assert (body["author_party"], body["authors"]) == ("KZ", ["KZ", "KG"])
    assert [(s["party"], s["date"]) for s in body["signatories"]] == [
        ("KZ", "2019-05"),
        (None, None),
    ]
    assert body["signatories"][1]["person"] == "zhang-deguang"
    assert body["counterparties"] == ["United Nations Office on Drugs and Crime"]
    # Sent again: nothing changes, and the ETag stays.
    again = secretariat.put(f"{PLAN}/parties", parties, if_match=answer.etag)
    assert again.etag == answer.etag
    emptied = secretariat.put(f"{PLAN}/parties", {}, if_match=again.etag)
    assert (emptied.body["authors"], emptied.body["signatories"]) == ([], [])
    assert emptied.body["author_party"] is None


def test_parties_refused_by_field(secretariat):
    read = secretariat.get(PLAN)
    before = snapshot()
    answer = secretariat.put(
        f"{PLAN}/parties",
        {
            "authors": ["KZ", "XX"],
            "signatories": [{"signer": "Nobody"}, {"organization": "nowhere"}],
            "counterparties": [{"name": "Both", "organization": "sco"}],
        },
        if_match=read.etag,
    )
    assert answer.status == 422
    assert answer.fields == ["authors[1]"]
    second = secretariat.put(
        f"{PLAN}/parties",
        {
            "signatories": [{"signer": "Nobody"}],
            "counterparties": [{"name": "A", "organization": "sco"}],
        },
        if_match=read.etag,
    )
    assert (second.status, sorted(second.fields)) == (422, ["counterparties[0]", "signatories[0]"])
    assert snapshot() == before
