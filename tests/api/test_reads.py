"""Every query of the CLI, through the API, answered from the seed scenario for the public.

Identifiers are readable (organization and body slugs, meeting numbers, document slugs,
ISO codes), and every object answer carries an ETag.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import SCS

SCO = "/organizations/sco"
MEETING_14 = f"{SCO}/bodies/{SCS}/meetings/14"
PLAN = "anti-drug-action-plan-2019-2020"
MEMBERS_2019 = ["CN", "IN", "KG", "KZ", "PK", "RU", "TJ", "UZ"]


def test_organizations_list_and_detail(anonymous):
    listed = anonymous.get("/organizations")
    assert listed.status == 200
    assert [o["slug"] for o in listed.body["items"]] == ["sco"]
    assert listed.body["next_cursor"] is None
    detail = anonymous.get(SCO)
    assert detail.status == 200
    assert detail.body["short_name"] == "SCO"
    assert {s["slug"] for s in detail.body["statuses"]} >= {"member", "observer"}
    assert detail.etag.startswith('"')


def test_members_as_of_a_date_is_the_eight_sided_format(anonymous):
    answer = anonymous.get(f"{SCO}/members?on=2019-05-15&status=member")
    assert answer.status == 200
    assert [m["party"]["code"] for m in answer.body["items"]] == MEMBERS_2019
    assert answer.body["counts"] == {"member": 8}
    everyone = anonymous.get(f"{SCO}/members?on=2019-05-15")
    assert everyone.body["counts"]["member"] == 8
    assert everyone.body["counts"]["observer"] == 4


def test_members_before_india_and_pakistan_joined(anonymous):
    answer = anonymous.get(f"{SCO}/members?on=2017-06-01&status=member")
    assert [m["party"]["code"] for m in answer.body["items"]] == [
        "CN",
        "KG",
        "KZ",
        "RU",
        "TJ",
        "UZ",
    ]


def test_an_unknown_status_is_a_field_error(anonymous):
    answer = anonymous.get(f"{SCO}/members?on=2019-05-15&status=ally")
    assert answer.status == 422
    assert answer.fields == ["status"]


def test_a_date_that_does_not_parse_names_the_parameter(anonymous):
    answer = anonymous.get(f"{SCO}/members?on=2019-13-45")
    assert answer.status == 422
    assert answer.fields == ["on"]


def test_a_number_is_not_read_as_a_date(anonymous, secretariat):
    """The fuzz found `?on=-4.7e-07` read as a Unix time (1 January 1970): a date is
    read only as written, YYYY-MM-DD, as the description says (format: date)."""
    for query in ("on=1557878400", "on=-4.7e-07", "on=2019-05-15T00:00:00"):
        answer = anonymous.get(f"{SCO}/bodies/{SCS}/pending?{query}")
        assert (answer.status, answer.fields) == (422, ["on"]), query
    assert anonymous.get(f"{SCO}/bodies/{SCS}/pending?on=2019-05-15").status == 200
    answer = secretariat.post(
        f"{SCO}/memberships", {"party": "TM", "status": "observer", "start": 1557878400}
    )
    assert (answer.status, answer.fields) == (422, ["start"])


def test_chair_on_a_date_with_the_rotations_proposal(anonymous):
    answer = anonymous.get(f"{SCO}/chair?on=2019-05-15&body={SCS}&next=true")
    assert answer.status == 200
    assert answer.body["chair"]["code"] == "KG"
    assert answer.body["rule"] == "presidency"
    assert answer.body["term"]["basis"]
    assert answer.body["proposed_next"]["party"]
    assert anonymous.get(f"{SCO}/chair?on=2019-05-15").body["chair"]["code"] == "KG"


def test_the_next_chair_is_the_one_decided_by_the_date(anonymous):
    before = anonymous.get(f"{SCO}/chair?on=2019-06-13&next=true").body["next"]
    assert before["decided"] is False
    assert before["start"] == "2019-06-15"
    after = anonymous.get(f"{SCO}/chair?on=2019-06-14&next=true").body["next"]
    assert (after["decided"], after["party"]["code"]) == (True, "RU")
    assert after["term"]["decided_on"] == "2019-06-14"
    assert after["term"]["decided_at"]["number"] == 19


def test_posts_name_a_successor_only_once_appointed(anonymous):
    def rats(day: str) -> dict:
        items = anonymous.get(f"{SCO}/posts?on={day}").body["items"]
        return next(p for p in items if p["post"] == "rats-director")

    assert rats("2019-05-15")["next"] is None  # Ruslan Mirzayev: no appointment date recorded
    assert rats("2018-06-10")["next"]["person"]["slug"] == "jumakhon-giyosov"
    assert rats("2019-05-15")["vacant_since"] is None


def test_chair_of_an_unknown_body_is_a_field_error(anonymous):
    answer = anonymous.get(f"{SCO}/chair?body=no-such-body")
    assert answer.status == 422
    assert answer.fields == ["body"]


def test_posts_on_a_date(anonymous):
    answer = anonymous.get(f"{SCO}/posts?on=2019-05-15")
    assert answer.status == 200
    holders = {p["post"]: p["holder"] for p in answer.body["items"]}
    assert holders["kg-president"]["person"]["slug"] == "sooronbay-jeenbekov"


def test_parties_list_filter_and_detail(anonymous):
    listed = anonymous.get("/parties?kind=organization&limit=200")
    assert listed.status == 200
    assert "UN" in [p["code"] for p in listed.body["items"]]
    assert all(p["kind"] == "organization" for p in listed.body["items"])
    found = anonymous.get("/parties?q=kyrgyz")
    assert [p["code"] for p in found.body["items"]] == ["KG"]
    detail = anonymous.get("/parties/IN")
    assert detail.status == 200
    assert [(m["status"], m["start"]) for m in detail.body["memberships"]] == [
        ("observer", "2005-07-05"),
        ("member", "2017-06-09"),
    ]
    assert anonymous.get("/parties/XX").status == 404


def test_bodies_in_hierarchy(anonymous):
    answer = anonymous.get(f"{SCO}/bodies?limit=200")
    assert answer.status == 200
    bodies = {b["slug"]: b for b in answer.body["items"]}
    assert bodies["heads-of-state"]["depth"] == 0
    assert bodies[SCS]["reports_to"] == "heads-of-state"
    assert bodies[SCS]["depth"] == 1
    assert bodies["rats-executive-committee"]["depth"] == 2


def test_body_powers_and_series_with_gaps(anonymous):
    answer = anonymous.get(f"{SCO}/bodies/{SCS}")
    assert answer.status == 200
    assert answer.body["meets_since"] == 2004
    assert "working-plan" in answer.body["powers"]["approved"]
    numbers = [m["number"] for m in answer.body["meetings"]]
    assert numbers == [1, 10, 11, 12, 13, 14, 15, 16]
    assert answer.body["missing_numbers"] == [2, 3, 4, 5, 6, 7, 8, 9]
    assert anonymous.get(f"{SCO}/bodies/no-such-body").status == 404


def test_pending_for_the_summit_the_day_after(anonymous):
    answer = anonymous.get(f"{SCO}/bodies/heads-of-state/pending?on=2019-05-16")
    assert answer.status == 200
    items = {(p["document"], p["item"]): p for p in answer.body["items"]}
    plan = items[(PLAN, "countering-drugs")]
    assert plan["referred_by"] == SCS
    assert plan["at_meeting"]["number"] == 14
    assert plan["to_meeting"]["number"] == 19
    assert plan["purpose"] == "approval"
    assert ("afghanistan-contact-group-roadmap", "afghanistan-roadmap") in items
    after = anonymous.get(f"{SCO}/bodies/heads-of-state/pending?on=2019-06-15")
    assert PLAN not in [p["document"] for p in after.body["items"]]


def test_meetings_of_a_body_by_date(anonymous):
    answer = anonymous.get(f"{SCO}/bodies/{SCS}/meetings?date_from=2016-01-01&date_to=2019-12-31")
    assert answer.status == 200
    assert [m["number"] for m in answer.body["items"]] == [11, 12, 13, 14]
    fourteenth = answer.body["items"][-1]
    assert fourteenth["chair"]["party"]["code"] == "KG"
    assert fourteenth["city"] == "Bishkek"


def test_meeting_record_of_the_fourteenth(anonymous):
    answer = anonymous.get(MEETING_14)
    assert answer.status == 200
    m = answer.body
    assert (m["number"], m["date"], m["city"]) == (14, "2019-05-15", "Bishkek")
    assert m["chair"]["party"]["code"] == "KG"
    assert m["chair"]["rule"] == "presidency"
    assert m["format"] == "restricted"
    assert m["members_on_date"] == 8
    assert m["prepares"]["body"] == "heads-of-state"
    heads = [p["party"]["code"] for p in m["participants"] if p["head"]]
    assert sorted(heads) == MEMBERS_2019
    agenda = [i["id"] for i in m["agenda"]]
    assert agenda[0] == "situation-in-region"
    assert "drug-trafficking" in [t["slug"] for t in m["agenda"][3]["topics"]]
    verbs = [
        (a["verb"], a["document"]["slug"] if a["document"] else a["item"]) for a in m["actions"]
    ]
    assert ("approved", PLAN) in verbs
    referral = next(
        a for a in m["actions"] if a["verb"] == "submitted" and a["to"] == "heads-of-state"
    )
    assert referral["to_meeting"]["number"] == 19
    assert len(m["statements"]) == 9
    assert m["statements"][0]["person"]["slug"] == "vladimir-norov"


def test_a_meeting_by_its_id_when_ad_hoc(anonymous):
    answer = anonymous.get(f"{SCO}/bodies/foreign-ministers/meetings/2019-05-bishkek")
    assert answer.status == 200
    assert answer.body["number"] is None
    assert answer.body["id"] == "2019-05-bishkek"


def test_unknown_identifiers_are_not_found_by_field(anonymous):
    cases = {
        "/organizations/nope": "organization",
        f"{SCO}/bodies/{SCS}/meetings/99": "meeting",
        f"{SCO}/documents/nope": "document",
        "/parties/ZZ": "party",
    }
    for path, field in cases.items():
        answer = anonymous.get(path)
        assert answer.status == 404, path
        assert answer.body == {"detail": [{"field": field, "reason": "not found"}]}


def test_documents_list_filters(anonymous):
    def slugs(query: str) -> list[str]:
        answer = anonymous.get(f"{SCO}/documents?limit=200&{query}")
        assert answer.status == 200, answer.body
        return [d["slug"] for d in answer.body["items"]]

    assert slugs("type=working-plan") == [PLAN]
    assert PLAN in slugs("status=approved")
    assert "anti-drug-strategy-2018-2023" in slugs("status=adopted")
    assert PLAN not in slugs("status=adopted")
    assert slugs("date_from=2019-06-01&date_to=2019-06-30") == [PLAN, "bishkek-declaration-2019"]
    assert slugs(f"body={SCS}") == []  # its information report is restricted
    assert slugs("body=rats-executive-committee") == ["rats-report-ct-programme-2019"]
    assert slugs("q=roadmap") == ["afghanistan-contact-group-roadmap"]
    assert slugs("classification=organization") == []
    assert slugs("party=KG") == []


def test_documents_list_refuses_an_unknown_status(anonymous):
    answer = anonymous.get(f"{SCO}/documents?status=lost")
    assert answer.status == 422
    assert answer.fields == ["status"]


def test_document_detail_with_relations_and_progress(anonymous):
    answer = anonymous.get(f"{SCO}/documents/{PLAN}")
    assert answer.status == 200
    d = answer.body
    assert d["status"] == "approved"
    assert d["status_by"] == {"body": "heads-of-state", "date": "2019-06-14"}
    assert {(r["kind"], r["document"]["slug"]) for r in d["relations"]} == {
        ("implements", "anti-drug-programme-of-action-2018-2023"),
        ("implements", "anti-drug-strategy-2018-2023"),
    }
    programme = anonymous.get(f"{SCO}/documents/counter-terrorism-programme-2019-2021").body
    assert programme["progress"][0]["status"] == "in-progress"
    assert programme["progress"][0]["meeting"]["number"] == 14
    assert programme["progress"][0]["report"]["slug"] == "rats-report-ct-programme-2019"
    assert [r["document"]["slug"] for r in programme["inbound"]] == [
        "rats-report-ct-programme-2019"
    ]
    release = anonymous.get(f"{SCO}/documents/sco-press-release-2019-05-15").body
    assert release["versions"][0]["language"] == "en"


def test_document_history_in_date_order(anonymous):
    answer = anonymous.get(f"{SCO}/documents/{PLAN}/history")
    assert answer.status == 200
    steps = [(a["date"], a["verb"], a["body"]) for a in answer.body["actions"]]
    assert steps[0] == ("2019-05-15", "approved", SCS)
    assert steps[-1] == ("2019-06-14", "approved", "heads-of-state")
    assert answer.body["status"] == "approved"


def test_calendar_of_2019(anonymous):
    answer = anonymous.get(f"{SCO}/calendar?from=2019-01-01&to=2019-12-31&limit=200")
    assert answer.status == 200
    entries = [(e["date"], e["kind"]) for e in answer.body["items"]]
    assert entries == sorted(entries)
    meetings = [e["meeting"] for e in answer.body["items"] if e["kind"] == "meeting"]
    assert {"body": SCS, "number": 14, "id": "14", "date": "2019-05-15"} in meetings
    only = anonymous.get(f"{SCO}/calendar?from=2019-01-01&to=2019-12-31&body={SCS}")
    assert [e["meeting"]["number"] for e in only.body["items"]] == [14]
    with_af = anonymous.get(f"{SCO}/calendar?from=2019-01-01&to=2019-12-31&party=AF")
    assert {e["meeting"]["body"] for e in with_af.body["items"]} == {
        "afghanistan-contact-group",
        "heads-of-state",
    }


def test_calendar_period_must_not_end_before_it_starts(anonymous):
    answer = anonymous.get(f"{SCO}/calendar?from=2019-12-31&to=2019-01-01")
    assert answer.status == 422
    assert answer.fields == ["to"]
    assert anonymous.get(f"{SCO}/calendar").fields == ["from"]


def test_events_with_a_partner(anonymous):
    everything = anonymous.get(f"{SCO}/events")
    assert everything.status == 200
    assert "peace-mission-2018" in [e["id"] for e in everything.body["items"]]
    with_un = anonymous.get(f"{SCO}/events?partner=UN")
    assert [e["id"] for e in with_un.body["items"]] == ["un-sco-special-event-2018"]
    by_russia = anonymous.get(f"{SCO}/events?partner=RU")  # organised by its Defence Ministry
    mission = next(e for e in by_russia.body["items"] if e["id"] == "peace-mission-2018")
    firsts = [p["party"]["code"] for p in mission["participants"] if p["first_participation"]]
    assert firsts == ["IN", "PK"]


def test_audit_trail_of_a_meeting_and_a_document(anonymous):
    meeting = anonymous.get(f"{MEETING_14}/audit")
    assert meeting.status == 200
    first = meeting.body["items"][0]
    assert (first["operation"], first["model"]) == ("create", "meetings.Meeting")
    assert first["after"]["slug"] == "14"
    document = anonymous.get(f"{SCO}/documents/{PLAN}/audit")
    assert document.status == 200
    assert {e["model"] for e in document.body["items"]} == {"documents.Document"}


@pytest.mark.parametrize(
    "path",
    [SCO, f"{SCO}/members?on=2019-05-15", MEETING_14, f"{SCO}/documents/{PLAN}"],
)
def test_etags_are_stable_and_answer_not_modified(anonymous, path):
    first = anonymous.get(path)
    again = anonymous.get(path)
    assert first.etag == again.etag
    assert "Authorization" in first.headers["Vary"]
    assert first.headers["Cache-Control"] == "private, no-cache"
    assert anonymous.get(path, if_none_match=first.etag).status == 304
    assert anonymous.get(path, if_none_match='"other"').status == 200
