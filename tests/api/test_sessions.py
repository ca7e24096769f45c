"""Sessions of a meeting, asked through the command line, the API, the meeting page and
the press release, from a real case of the test corpus: the 43rd ASEAN Summit (Jakarta,
2023), its plenary session with Timor-Leste as observer and its Leaders' retreat of the
Member States only. Then written through the API on the seed's meeting: the whole list
with If-Match, each refusal naming its field with nothing written, the attendance kept
with its participant when the participant list changes, and the release in every
language saying who attended which session."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from accord.core.models import AuditEntry
from accord.meetings.models import AgendaItem, Meeting, Participation, Session
from accord.publishing import lint
from accord.publishing.compose import write
from accord.records.loader import load
from tests.api.conftest import SCS
from tests.api.test_meeting_parts import as_input
from tests.web.conftest import text

CORPUS = sorted((Path(__file__).parent.parent / "records" / "corpus").glob("asean*.yaml"))
MEETING_14 = f"/organizations/sco/bodies/{SCS}/meetings/14"
SUMMIT_43 = "/organizations/asean/bodies/summit/meetings/43"
MEMBERS = ["ID", "BN", "KH", "LA", "MY", "PH", "SG", "TH", "VN"]


@pytest.fixture
def corpus(db) -> None:
    load(CORPUS)


def summit_43() -> Meeting:
    return Meeting.objects.get(body__organization__slug="asean", number=43)


# --- reading: a real case ----------------------------------------------------------


def test_who_attended_which_session_by_every_way_out(corpus, accord, anonymous):
    shown = accord("meeting", "asean", "summit", "43", "--format", "json")
    plenary, retreat = shown["sessions"]
    assert (plenary["id"], plenary["kind"], plenary["date"]) == ("plenary", "plenary", "2023-09-05")
    assert plenary["venue"] == "Jakarta Convention Center"
    codes = [p["party"]["code"] for p in plenary["participants"] if p["party"]]
    assert codes == [*MEMBERS, "TL"]
    assert plenary["participants"][-1] == {"party": None, "person": "Kao Kim Hourn"}
    assert [p["party"]["code"] for p in retreat["participants"]] == MEMBERS
    assert retreat["items"] == ["myanmar", "chairmanship-2026"]
    words = accord("meeting", "asean", "summit", "43")
    assert "  retreat (retreat), 2023-09-05" in words
    assert "    attended by: ID, BN, KH, LA, MY, PH, SG, TH, VN\n" in words
    assert "    items: myanmar, chairmanship-2026" in words

    record = anonymous.get(SUMMIT_43).body
    plenary, retreat = record["sessions"]
    assert (retreat["id"], retreat["kind"], retreat["mode"]) == ("retreat", "retreat", None)
    assert [p["party"]["code"] for p in retreat["participants"]] == MEMBERS
    assert plenary["participants"][-1]["person"]["slug"] == "kao-kim-hourn"
    assert {i["id"]: i["session"] for i in record["agenda"]} == {
        "community-building": "plenary",
        "myanmar": "retreat",
        "chairmanship-2026": "retreat",
    }

    answer = Client(HTTP_HOST="127.0.0.1").get(SUMMIT_43 + "/")
    assert answer.status_code == 200
    words = text(answer)
    assert "Sessions Plenary session Date Sept. 5, 2023 Venue Jakarta Convention Center" in words
    assert "Retreat Date Sept. 5, 2023 Attended by Indonesia, Brunei Darussalam" in words
    assert "Agenda items taken up Situation in Myanmar and the Five-Point Consensus;" in words

    release = write(summit_43(), language="en").text
    assert (
        "The retreat (5 September 2023) was attended by Indonesia, Brunei Darussalam, Cambodia,"
        " Laos, Malaysia, the Philippines, Singapore, Thailand and Vietnam." in release
    )
    assert "Timor-Leste and Kao Kim Hourn, Secretary-General of ASEAN." in release


def test_a_restricted_session_admits_no_observer_in_a_record_file(corpus, tmp_path):
    """The format rule of a members-only meeting, applied to a restricted session: the
    file is refused naming the attendee, and nothing is written."""
    path = tmp_path / "restricted.yaml"
    path.write_text(
        "format: accord-record/1\norganization: {slug: asean}\nmeetings:\n"
        "  - body: summit\n    number: 43\n    add: true\n    sessions:\n"
        "      - {id: restricted, kind: restricted, date: '2023-09-06',"
        " participants: [ID, TL, US]}\n",
        encoding="utf-8",
    )
    before = AuditEntry.objects.count()
    with pytest.raises(Exception) as refused:
        load([*CORPUS, path])
    said = str(refused.value)
    assert (
        "meetings[0].sessions[0].participants[1]: the session 'restricted' is restricted to"
        " members; 'TL' cannot attend it" in said
    )
    assert "meetings[0].sessions[0].participants[2]: US is not a participant" in said
    assert AuditEntry.objects.count() == before
    assert Session.objects.filter(slug="restricted").count() == 0


# --- writing through the API ---------------------------------------------------------


def sessions_input(items: list[str]) -> list[dict]:
    return [
        {
            "id": "restricted",
            "kind": "restricted",
            "date": "2019-05-15",
            "participants": ["KG", "RU", {"person": "vladimir-norov"}],
            "items": items[:1],
        },
        {
            "id": "closing",
            "kind": "closing",
            "title": "Closing of the meeting",
            "titles": {"ru": "Закрытие заседания", "zh": "会议闭幕"},
            "date": "2019-05-15",
            "city": "Bishkek",
            "city_names": {"ru": "Бишкек", "zh": "比什凯克"},
            "participants": ["CN", "IN"],
            "items": items[1:2],
        },
    ]


def snapshot() -> dict:
    return {
        "sessions": list(Session.objects.order_by("pk").values()),
        "attendees": list(Session.attendees.through.objects.order_by("pk").values()),
        "items": list(AgendaItem.objects.order_by("pk").values("pk", "session_id")),
        "participants": list(Participation.objects.order_by("pk").values()),
        "audit": AuditEntry.objects.count(),
    }


def test_sessions_written_whole_with_if_match(secretariat):
    read = secretariat.get(MEETING_14)
    assert read.body["sessions"] == []
    items = [i["id"] for i in read.body["agenda"]]
    assert secretariat.put(MEETING_14 + "/sessions", {"sessions": []}).status == 428
    answer = secretariat.put(
        MEETING_14 + "/sessions",
        {"sessions": sessions_input(items)},
        **{"If-Match": read.etag},
    )
    assert answer.status == 200, answer.body
    restricted, closing = answer.body["sessions"]
    assert [(p["party"] or {}).get("code") for p in restricted["participants"]] == [
        "KG",
        "RU",
        None,
    ]
    assert restricted["participants"][2]["person"]["slug"] == "vladimir-norov"
    assert restricted["items"] == items[:1] and closing["items"] == items[1:2]
    assert closing["titles"] == {"ru": "Закрытие заседания", "zh": "会议闭幕"}
    assert answer.body["agenda"][0]["session"] == "restricted"
    # Written again as read, nothing changes.
    before = snapshot()
    again = secretariat.put(
        MEETING_14 + "/sessions",
        {"sessions": sessions_input(items)},
        **{"If-Match": answer.etag},
    )
    assert again.status == 200
    assert snapshot() == before
    # An outdated version is refused.
    stale = secretariat.put(MEETING_14 + "/sessions", {"sessions": []}, **{"If-Match": read.etag})
    assert stale.status == 412
    # The whole list: an empty one removes them, and frees the items.
    gone = secretariat.put(MEETING_14 + "/sessions", {"sessions": []}, **{"If-Match": again.etag})
    assert gone.status == 200 and gone.body["sessions"] == []
    assert all(i["session"] is None for i in gone.body["agenda"])


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"date": "2019-05-16"}, "sessions[0].date", "outside the meeting's dates"),
        ({"participants": ["KG", "MN"]}, "sessions[0].participants[1]", "not a participant"),
        ({"participants": ["KG", "XX"]}, "sessions[0].participants[1].party", "no party 'XX'"),
        ({"participants": ["KG", "KG"]}, "sessions[0].participants[1]", "named twice"),
        ({"items": ["no-such-item"]}, "sessions[0].items[0]", "no agenda item"),
        ({"id": "closing"}, "sessions[1].id", "already named as sessions[0]"),
    ],
)
def test_each_refusal_names_its_field_and_writes_nothing(secretariat, change, field, reason):
    read = secretariat.get(MEETING_14)
    items = [i["id"] for i in read.body["agenda"]]
    sessions = sessions_input(items)
    sessions[0].update(change)
    before = snapshot()
    answer = secretariat.put(
        MEETING_14 + "/sessions", {"sessions": sessions}, **{"If-Match": read.etag}
    )
    assert answer.status in (400, 422), answer.body
    problems = {p["field"]: p["reason"] for p in answer.body["detail"]}
    assert field in problems, problems
    assert reason in problems[field]
    assert snapshot() == before


def test_an_item_is_taken_up_in_one_session_at_most(secretariat):
    read = secretariat.get(MEETING_14)
    items = [i["id"] for i in read.body["agenda"]]
    sessions = sessions_input(items)
    sessions[1]["items"] = items[:1]
    answer = secretariat.put(
        MEETING_14 + "/sessions", {"sessions": sessions}, **{"If-Match": read.etag}
    )
    problems = {p["field"]: p["reason"] for p in answer.body["detail"]}
    assert "already taken up in the session 'restricted'" in problems["sessions[1].items[0]"]


def test_attendance_stays_with_its_participant(secretariat):
    """The participant list put in another order keeps who attended which session; a
    participant who attended a session cannot leave the list, nor be made absent, until
    the session no longer names it."""
    read = secretariat.get(MEETING_14)
    items = [i["id"] for i in read.body["agenda"]]
    written = secretariat.put(
        MEETING_14 + "/sessions",
        {"sessions": sessions_input(items)},
        **{"If-Match": read.etag},
    )
    rows = [as_input(p) for p in written.body["participants"]]
    turned = secretariat.put(
        MEETING_14 + "/participants",
        {"participants": rows[::-1]},
        **{"If-Match": written.etag},
    )
    assert turned.status == 200, turned.body
    restricted = turned.body["sessions"][0]
    assert [(p["party"] or {}).get("code") for p in restricted["participants"]] == [
        None,
        "RU",
        "KG",
    ]  # in the participants' new order
    without_kg = [r for r in rows if r["party"] != "KG" or r["role"] != "delegation"]
    refused = secretariat.put(
        MEETING_14 + "/participants",
        {"participants": without_kg},
        **{"If-Match": turned.etag},
    )
    assert refused.status in (400, 422)
    problems = {p["field"]: p["reason"] for p in refused.body["detail"]}
    assert "attends the session 'restricted'" in problems["participants"]
    absent = [dict(r) for r in rows]
    russia = next(i for i, r in enumerate(absent) if r["party"] == "RU")
    absent[russia]["attendance"] = "absent"
    refused = secretariat.put(
        MEETING_14 + "/participants", {"participants": absent}, **{"If-Match": turned.etag}
    )
    problems = {p["field"]: p["reason"] for p in refused.body["detail"]}
    assert "attends the session 'restricted'" in problems[f"participants[{russia}].attendance"]
    # A meeting does not move away from its sessions' day.
    moved = secretariat.patch(MEETING_14, {"date": "2019-05-20"}, **{"If-Match": turned.etag})
    assert moved.status in (400, 409, 422)
    problems = {p["field"]: p["reason"] for p in moved.body["detail"]}
    assert "the session 'restricted' is held on 2019-05-15" in problems["date"]
    # In the request's language, with the dates as its pages write them.
    for language, said in (
        ("ru", "проводится 15 мая 2019 г., вне периода с 20 мая 2019 г. по 20 мая 2019 г."),
        ("zh-hans", "于 2019年5月15日 举行，不在2019年5月20日至2019年5月20日期间内"),
    ):
        headers = {"If-Match": turned.etag, "Accept-Language": language}
        moved = secretariat.patch(MEETING_14, {"date": "2019-05-20"}, **headers)
        problems = {p["field"]: p["reason"] for p in moved.body["detail"]}
        assert said in problems["date"], language


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            "The restricted session (15 May 2019) was attended by Kyrgyzstan, Russia and"
            " Vladimir Norov, SCO Secretary-General.",
        ),
        ("ru", "Заседание в узком составе (15 мая 2019\u202fг.) — участники: Кыргызстан, Россия"),
        ("zh", "小范围会议（2019年5月15日）出席方："),
    ],
)
def test_the_release_says_who_attended_which_session(secretariat, language, said):
    read = secretariat.get(MEETING_14)
    items = [i["id"] for i in read.body["agenda"]]
    answer = secretariat.put(
        MEETING_14 + "/sessions",
        {"sessions": sessions_input(items)},
        **{"If-Match": read.etag},
    )
    assert answer.status == 200
    meeting = Meeting.objects.get(body__slug=SCS, number=14)
    written = write(meeting, language=language)
    assert said in written.text, written.text
    closing = {"en": "“Closing of the meeting”", "ru": "«Закрытие заседания»", "zh": "会议闭幕"}
    assert closing[language] in written.text
    sessions = [s for s in lint.sentences(written.text) if said[:8] in s or closing[language] in s]
    assert sessions and not [f for s in sessions for f in lint.lint_sentence(s, language)]
    assert written.missing == ()


@pytest.mark.usefixtures("no_response_cache")
def test_the_page_shows_sessions_in_its_language(secretariat):
    """Kinds and titles in the page's language; a title the record does not translate is
    shown as recorded and listed among what the page shows untranslated."""
    read = secretariat.get(MEETING_14)
    sessions = sessions_input([i["id"] for i in read.body["agenda"]])
    sessions[0]["title"] = "Restricted part"
    answer = secretariat.put(
        MEETING_14 + "/sessions", {"sessions": sessions}, **{"If-Match": read.etag}
    )
    assert answer.status == 200
    client = Client(HTTP_HOST="127.0.0.1")
    russian = text(client.get(MEETING_14 + "/", HTTP_ACCEPT_LANGUAGE="ru"))
    assert "Заседания в рамках встречи Заседание в узком составе: Restricted part" in russian
    assert "Церемония закрытия: Закрытие заседания" in russian
    assert (
        "Участники Кыргызстан (Дамир Сагынбаев), Россия (Николай Патрушев), Владимир Норов"
        in russian
    )
    assert "Restricted part" in russian.split("Ещё не переведено", 1)[1]
    chinese = text(client.get(MEETING_14 + "/", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "分场会议 小范围会议: Restricted part" in chinese
    assert "闭幕式: 会议闭幕" in chinese and "比什凯克" in chinese
