"""The publishing API: a release drafted, edited (If-Match), reviewed and published
through HTTP; the open formats as files; Popolo in and out; what each viewer may see."""

from __future__ import annotations

import csv
import io

from icalendar import Calendar

from tests.api.conftest import Api

MEETING = "/organizations/sco/bodies/security-council-secretaries/meetings/14"


def test_a_release_through_its_life(secretariat, anonymous):
    drafted = secretariat.post(MEETING + "/releases", {"language": "ru"})
    assert drafted.status == 201, drafted.body
    slug = drafted.body["slug"]
    assert drafted.body["state"] == "draft" and drafted.body["version"] == 1
    assert "15 мая 2019\u202fг." in drafted.body["text"]
    # Drafts are the secretariat's: the public gets 404, alike for missing.
    assert anonymous.get(f"/organizations/sco/releases/{slug}").status == 404
    assert anonymous.get("/organizations/sco/releases").body["items"] == []
    path = f"/organizations/sco/releases/{slug}"
    read = secretariat.get(path)
    # The seed's record has every translation a Russian release needs: nothing missing.
    assert read.body["versions"][0]["missing"] == []
    assert secretariat.patch(path, {"headline": "Новый заголовок"}).status == 428
    assert secretariat.patch(path, {"headline": "X"}, **{"If-Match": '"stale"'}).status == 412
    edited = secretariat.patch(path, {"headline": "Новый заголовок"}, **{"If-Match": read.etag})
    assert edited.status == 200 and edited.body["headline"] == "Новый заголовок"
    refused = secretariat.post(path + "/publish", {})
    assert refused.status == 422 and refused.fields == ["state"]
    assert secretariat.post(path + "/review", {}).body["state"] == "reviewed"
    published = secretariat.post(path + "/publish", {})
    assert published.body["state"] == "published"
    public = anonymous.get(path)
    assert public.status == 200 and public.body["headline"] == "Новый заголовок"
    assert [v["state"] for v in public.body["versions"]] == ["published"]
    assert [r["slug"] for r in anonymous.get("/organizations/sco/releases").body["items"]] == [slug]


def test_a_published_versions_files_are_read_as_the_release_is(secretariat, anonymous):
    from docx import Document

    paths = {}
    for audience in ("public", "organization"):
        drafted = secretariat.post(MEETING + "/releases", {"classification": audience})
        path = f"/organizations/sco/releases/{drafted.body['slug']}"
        secretariat.post(path + "/review", {})
        assert secretariat.post(path + "/publish", {}).body["state"] == "published"
        paths[audience] = path
    answer, content = anonymous.download(paths["public"] + "/versions/1/docx")
    assert answer.status == 200, content[:200]
    assert answer.headers["Content-Disposition"].startswith("attachment; filename=")
    headline = anonymous.get(paths["public"]).body["headline"]
    assert Document(io.BytesIO(content)).core_properties.title == headline
    again, _ = anonymous.download(
        paths["public"] + "/versions/1/docx", **{"If-None-Match": answer.etag}
    )
    assert again.status == 304
    assert anonymous.download(paths["public"] + "/versions/2/docx")[0].status == 404
    # a restricted release's file: not found by the public, as the release itself
    assert anonymous.download(paths["organization"] + "/versions/1/pdf")[0].status == 404
    answer, content = secretariat.download(paths["organization"] + "/versions/1/pdf")
    assert answer.status == 200 and content.startswith(b"%PDF-")


def test_a_draft_lacking_a_translation_lists_it_and_is_not_published(secretariat):
    from accord.meetings.models import Meeting

    Meeting.objects.filter(body__slug="security-council-secretaries", number=14).update(
        city_names={"ru": "Бишкек"}
    )
    drafted = secretariat.post(MEETING + "/releases", {"language": "zh"})
    path = f"/organizations/sco/releases/{drafted.body['slug']}"
    missing = secretariat.get(path).body["versions"][0]["missing"]
    assert missing == ["meeting security-council-secretaries 14: city"]
    assert secretariat.post(path + "/review", {}).body["state"] == "reviewed"
    refused = secretariat.post(path + "/publish", {})
    assert refused.status == 422 and refused.fields == ["translations"], refused.body


def test_only_the_secretariat_drafts_and_bad_input_names_fields(as_role, secretariat):
    assert as_role("delegation").post(MEETING + "/releases", {}).status == 403
    assert Api().post(MEETING + "/releases", {}).status == 401
    bad = secretariat.post(MEETING + "/releases", {"language": "de", "classification": "parties"})
    assert bad.status == 422 and bad.fields == ["language", "classification"]


def _raw(api: Api, path: str) -> tuple[int, str]:
    from tests.api.conftest import PREFIX, record_hit

    record_hit("get", PREFIX + path)
    extra = {"HTTP_AUTHORIZATION": f"Bearer {api.token}"} if api.token else {}
    answer = api.client.get(PREFIX + path, **extra)
    return answer.status_code, answer.content.decode()


def test_the_calendar_table_and_akoma_ntoso_files(anonymous, secretariat):
    status, text = _raw(
        anonymous, "/organizations/sco/calendar.ics?body=security-council-secretaries"
    )
    assert status == 200
    uids = [str(e["UID"]) for e in Calendar.from_ical(text).walk("VEVENT")]
    assert "meeting-security-council-secretaries-14@sco.accord" in uids
    # The user's calendar by their token: the secretariat sees the restricted report's
    # meeting no differently here, but the organization-restricted document is theirs.
    status, text = _raw(anonymous, "/organizations/sco/tables/documents.csv")
    public_docs = {r[0] for r in csv.reader(io.StringIO(text))}
    status, text = _raw(secretariat, "/organizations/sco/tables/documents.csv")
    own_docs = {r[0] for r in csv.reader(io.StringIO(text))}
    assert "scsc-14-information-report" in own_docs - public_docs
    assert _raw(anonymous, "/organizations/sco/tables/nothing.csv")[0] == 422
    status, text = _raw(anonymous, "/organizations/sco/documents/bishkek-declaration-2019/akn")
    assert status == 200 and "<doc " in text
    assert _raw(anonymous, "/organizations/sco/documents/scsc-14-information-report/akn")[0] == 404
    status, text = _raw(anonymous, MEETING + "/akn")
    assert status == 200 and "<debateReport" in text


def test_a_control_character_in_a_title_does_not_break_the_akoma_ntoso_file(secretariat):
    """The fuzz recorded a decision titled with an escape character; the meeting's
    Akoma Ntoso file then failed (500): XML cannot hold it, so the file leaves it out.
    (Such text is now refused when written; a row recorded before may still hold it.)"""
    from accord.decisions.models import Decision

    made = secretariat.post(MEETING + "/decisions", {"id": "ctl", "title": "Escape plan"})
    assert made.status == 201, made.body
    Decision.objects.filter(slug="ctl").update(title="Esc\x1bape plan")  # an older row
    status, text = _raw(secretariat, MEETING + "/akn")
    assert status == 200 and "Escape plan" in text


def test_popolo_out_and_back_in(anonymous, as_role, secretariat):
    exported = anonymous.get("/organizations/sco/popolo")
    assert exported.status == 200
    data = exported.body
    assert Api().post("/popolo", data).status == 401
    assert as_role("delegation").post("/popolo", data).status == 403
    again = secretariat.post("/popolo", data)
    assert again.status == 200, again.body
    assert again.body["created"] == 0 and again.body["updated"] == 0
    new = {
        "organizations": [
            {
                "id": "new-forum",
                "name": "New Forum",
                "classification": "organization",
                "statuses": [{"id": "member", "name": "member", "takes_decisions": True}],
            },
            {
                "id": "party/AM",
                "name": "Armenia",
                "classification": "state",
                "identifiers": [{"scheme": "ISO 3166-1 alpha-2", "identifier": "AM"}],
            },
        ],
        "memberships": [
            {
                "member": {"@type": "Organization", "id": "party/AM"},
                "organization_id": "new-forum",
                "role": "member",
                "start_date": "2020-01-01",
            },
            {"member": {"id": "party/AM"}, "role": "observer", "start_date": "2021-01-01"},
        ],
    }
    assert secretariat.post("/popolo", new).status == 403
    admin = as_role("admin")
    refused = admin.post("/popolo", new)
    assert refused.status == 422 and refused.fields == ["memberships[1].role"]
    assert admin.get("/organizations/new-forum").status == 404  # nothing was written
    new["memberships"].pop()
    done = admin.post("/popolo", new)
    assert done.status == 200 and done.body["organization"] == "new-forum"
    members = anonymous.get("/organizations/new-forum/members?on=2020-06-01").body
    assert "AM" in str(members)
