"""A post that rotates among the member states by turn, on a real record: the CSTO's
Secretary-General, asked as of dates before and after each change, in the command
line, the API and the organization's page, in English, Russian and Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.core.models import AuditEntry
from accord.records.dumper import as_yaml, dump
from accord.records.loader import LoadError, load
from accord.registry.models import Organization, PostRotation
from tests.conftest import kept_for_module
from tests.web.conftest import text

CORPUS = Path(__file__).parent / "records" / "corpus"
FILES = sorted(CORPUS.glob("csto*.yaml"))
ORG = "/organizations/csto/"


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    yield from kept_for_module(django_db_blocker, lambda: load(FILES))


@pytest.fixture
def corpus(loaded, db):
    """The CSTO's files, loaded once for the module."""


def turns(accord, day: str) -> dict:
    found = accord("posts", "csto", "--on", day, "--format", "json")
    (post,) = [p for p in found["posts"] if p["post"] == "secretary-general"]
    return post


def test_the_rule_is_recorded_as_the_file_says(corpus):
    rule = PostRotation.objects.get(post__slug="secretary-general")
    assert (rule.order, rule.language, rule.term_years) == ("alphabetical", "ru", 3)


def test_before_the_first_appointment_nothing_is_known(corpus, accord):
    post = turns(accord, "2016-06-01")
    assert post["holder"] is None and post["next"] is None
    assert post["rotation"]["turn"] is None and post["rotation"]["next_turn"] is None


def test_armenias_turn_and_belarus_proposed_next(corpus, accord):
    before = turns(accord, "2016-12-01")  # appointed in October, in office from January
    assert before["rotation"]["next_turn"]["party"] == "AM"
    assert before["rotation"]["next_turn"]["decided"]
    post = turns(accord, "2017-06-01")
    turn = post["rotation"]["turn"]
    assert (turn["party"], turn["from"], turn["to"], turn["decided"]) == (
        "AM",
        "2017-01-01",
        "2019-12-31",
        True,
    )
    assert turn["holders"] == ["Yuri Khachaturov"] and not turn["cut_short"]
    upcoming = post["rotation"]["next_turn"]
    assert (upcoming["party"], upcoming["from"], upcoming["decided"]) == ("BY", "2020-01-01", False)


def test_the_recall_cuts_armenias_turn_short_and_the_acting_holder_is_no_turn(corpus, accord):
    post = turns(accord, "2018-12-01")
    assert post["vacant_since"] == "2018-11-03"
    assert post["holder"] == "Valery Semerikov"
    assert post["acting"] is True
    turn = post["rotation"]["turn"]
    assert (turn["party"], turn["cut_short"], turn["held_until"]) == ("AM", True, "2018-11-02")
    # Still what the rotation proposes: the Russian acting holder changes nothing.
    assert post["rotation"]["next_turn"]["party"] == "BY"
    assert not post["rotation"]["next_turn"]["decided"]
    text_out = accord("posts", "csto", "--on", "2018-12-01")
    assert "turn: AM (2017-01-01 to 2019-12-31, decided); cut short: held until 2018-11-02" in (
        text_out
    )
    assert "next turn: BY from 2020-01-01 (proposed by the rotation)" in text_out


def test_the_decision_fixes_belarus_from_the_day_it_was_taken(corpus, accord):
    assert not turns(accord, "2019-11-27")["rotation"]["next_turn"]["decided"]
    decided = turns(accord, "2019-11-28")
    upcoming = decided["rotation"]["next_turn"]
    assert (upcoming["party"], upcoming["decided"], upcoming["holders"]) == (
        "BY",
        True,
        ["Stanislav Zas"],
    )
    assert decided["next"]["holder"] == "Stanislav Zas"
    during = turns(accord, "2021-01-01")["rotation"]
    assert (during["turn"]["party"], during["turn"]["decided"]) == ("BY", True)
    assert (during["next_turn"]["party"], during["next_turn"]["decided"]) == ("KZ", False)


def test_kazakhstan_then_kyrgyzstan_proposed(corpus, accord):
    assert turns(accord, "2022-11-22")["rotation"]["next_turn"]["decided"] is False
    assert turns(accord, "2022-11-23")["rotation"]["next_turn"]["holders"] == [
        "Imangali Tasmagambetov"
    ]
    post = turns(accord, "2024-06-01")["rotation"]
    assert (post["turn"]["party"], post["turn"]["to"]) == ("KZ", "2025-12-31")
    assert (post["next_turn"]["party"], post["next_turn"]["from"]) == ("KG", "2026-01-01")


def test_the_api_says_the_same(corpus, client: Client):
    answer = client.get("/api/v1/organizations/csto/posts?on=2018-12-01")
    assert answer.status_code == 200
    (post,) = [p for p in answer.json()["items"] if p["post"] == "secretary-general"]
    turn, upcoming = post["rotation"]["turn"], post["rotation"]["next_turn"]
    assert (turn["party"]["code"], turn["cut_short"], turn["held_until"]) == (
        "AM",
        True,
        "2018-11-02",
    )
    assert [h["slug"] for h in turn["holders"]] == ["yuri-khachaturov"]
    assert (upcoming["party"]["code"], upcoming["decided"]) == ("BY", False)
    assert post["rotation"]["order"] == "alphabetical" and post["rotation"]["language"] == "ru"


def test_the_page_says_whose_turn_it_is_in_each_language(corpus, client: Client):
    words = text(client.get(f"{ORG}?on=2018-12-01"))
    assert "Posts that rotate by turn" in words
    assert "turn of Armenia (Jan. 1, 2017 – Dec. 31, 2019; decided)" in words
    assert "cut short: held until Nov. 2, 2018" in words
    assert "next turn: Belarus, from Jan. 1, 2020 (proposed by the rotation)" in words
    decided = text(client.get(f"{ORG}?on=2019-12-01"))
    assert "(decided: Stanislav Zas)" in decided
    russian = text(client.get(f"{ORG}?on=2018-12-01", HTTP_ACCEPT_LANGUAGE="ru"))
    assert "очередь: Армения" in russian and "прервана" in russian
    assert "предложено по ротации" in russian
    chinese = text(client.get(f"{ORG}?on=2018-12-01", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "轮值：亚美尼亚" in chinese and "提前结束" in chinese


@pytest.mark.usefixtures("no_response_cache")
def test_the_page_and_the_api_read_the_turns_in_two_queries(corpus, client: Client):
    """The members on the date and their names, once for every rotating post; the
    organization page otherwise reads 9 (tests/web/test_query_counts.py), the API the
    organization, its posts and their holders."""
    for day in ("2018-12-01", "2024-06-01"):
        with CaptureQueriesContext(connection) as page:
            client.get(f"{ORG}?on={day}")
        assert len(page) == 9 + 2, [q["sql"] for q in page.captured_queries]
        with CaptureQueriesContext(connection) as api:
            client.get(f"/api/v1/organizations/csto/posts?on={day}")
        assert len(api) == 3 + 2, "\n".join(q["sql"][:150] for q in api.captured_queries)


def test_the_dump_writes_the_rule_and_a_reload_writes_nothing(corpus, tmp_path):
    org = Organization.objects.get(slug="csto")
    dumped = dump(org)
    (post,) = [p for p in dumped["posts"] if p["id"] == "secretary-general"]
    assert post["rotation"] == {"order": "alphabetical", "language": "ru", "term_years": 3}
    audited = AuditEntry.objects.count()
    again = load(FILES)
    assert again.tally.count_of("created") == 0 and again.tally.count_of("updated") == 0
    assert again.tally.count_of("removed") == 0
    path = tmp_path / "csto.yaml"
    path.write_text(as_yaml(dumped), encoding="utf-8")
    reloaded = load([path])
    assert reloaded.tally.count_of("created") == 0 and reloaded.tally.count_of("updated") == 0
    assert reloaded.tally.count_of("removed") == 0
    assert AuditEntry.objects.count() == audited


@pytest.mark.parametrize(
    ("rotation", "field", "reason"),
    [
        ({"order": "alphabetical"}, "rotation.language", "names its language"),
        ({"order": "sequence"}, "rotation.sequence", "names its parties"),
        ({"order": "sequence", "sequence": ["XX"]}, "rotation.sequence[0]", "unknown party"),
    ],
)
def test_a_bad_rule_is_refused_naming_the_field(corpus, tmp_path, rotation, field, reason):
    data = yaml.safe_load((CORPUS / "csto-secretaries-general.yaml").read_text(encoding="utf-8"))
    data["posts"][0]["rotation"] = rotation
    path = tmp_path / "csto-secretaries-general.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    others = [f for f in FILES if f.name != "csto-secretaries-general.yaml"]
    with pytest.raises(LoadError) as refused:
        load([*others, path])
    said = str(refused.value)
    assert field in said and reason in said, said
    assert PostRotation.objects.get(post__slug="secretary-general").order == "alphabetical"


def test_a_national_office_does_not_rotate(corpus, tmp_path):
    path = tmp_path / "csto-office.yaml"
    path.write_text(
        "format: accord-record/1\n"
        "organization: {slug: csto}\n"
        "posts:\n"
        "  - id: am-president\n"
        "    name: President of Armenia\n"
        "    party: AM\n"
        "    rotation: {order: sequence, sequence: [AM, BY]}\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as refused:
        load([*FILES, path])
    said = str(refused.value)
    assert "rotation" in said and "does not rotate" in said, said


def test_a_holder_serving_past_his_turn_leaves_the_next_one_overdue(corpus, accord, client):
    # Kazakhstan's turn ends on 2025-12-31; its Secretary-General (open-ended) still
    # serves in 2026: Kyrgyzstan's turn is due, pending, not running from a past day.
    before = turns(accord, "2025-06-01")["rotation"]["next_turn"]
    assert (before["party"], before["overdue"]) == ("KG", False)
    post = turns(accord, "2026-06-01")["rotation"]
    assert post["turn"]["party"] == "KZ"
    assert (post["next_turn"]["party"], post["next_turn"]["from"]) == ("KG", "2026-01-01")
    assert post["next_turn"]["overdue"] is True
    said = accord("posts", "csto", "--on", "2026-06-01")
    assert "next turn: KG, overdue: due from 2026-01-01, pending a decision" in said
    api = client.get("/api/v1/organizations/csto/posts?on=2026-06-01").json()["items"]
    (found,) = [p for p in api if p["post"] == "secretary-general"]
    assert found["rotation"]["next_turn"]["overdue"] is True
    words = text(client.get(f"{ORG}?on=2026-06-01"))
    assert "next turn: Kyrgyzstan, overdue since Jan. 1, 2026 pending a decision" in words
    russian = text(client.get(f"{ORG}?on=2026-06-01", HTTP_ACCEPT_LANGUAGE="ru"))
    assert "ожидает решения" in russian


def test_the_exports_give_the_turns(corpus, accord):
    table = accord("export", "csv", "csto", "posts", "--on", "2026-06-01")
    header, *rows = [line.split(",") for line in table.strip().splitlines()]
    assert header[-7:] == [
        "turn_party",
        "turn_from",
        "turn_to",
        "turn_basis",
        "next_turn_party",
        "next_turn_from",
        "next_turn_basis",
    ]
    (row,) = [r for r in rows if r[0] == "secretary-general"]
    assert row[-7:] == ["KZ", "2023-01-01", "2025-12-31", "decided", "KG", "2026-01-01", "overdue"]
    earlier = accord("export", "csv", "csto", "posts", "--on", "2019-12-01")
    (row,) = [r.split(",") for r in earlier.splitlines() if r.startswith("secretary-general")]
    assert row[-3:] == ["BY", "2020-01-01", "decided"]
    popolo = yaml.safe_load(accord("export", "popolo", "csto", "--on", "2018-12-01"))
    (post,) = [p for p in popolo["posts"] if p["id"].endswith("/secretary-general")]
    rotation = post["rotation"]
    assert (rotation["order"], rotation["term_years"], rotation["on"]) == (
        "alphabetical",
        3,
        "2018-12-01",
    )
    assert rotation["turn"]["basis"] == "decided"
    assert rotation["turn"]["held_until"] == "2018-11-02"
    assert rotation["turn"]["person_ids"] == ["yuri-khachaturov"]
    assert rotation["next_turn"]["basis"] == "proposed"
    assert rotation["next_turn"]["party_id"].endswith("BY")
