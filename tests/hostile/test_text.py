"""Hostile text through every way in: the API, the record loader, the web forms and
the sign-in page.

Text that no field may hold (a NUL, which PostgreSQL refuses; other control
characters, which XML exports cannot carry; bidirectional overrides; lone surrogates)
is refused naming the field, and nothing changes. Everything else (markup, SQL,
template syntax, formulas, right-to-left and mixed scripts, zero-width characters) is
kept exactly as sent, and shown as text wherever it goes out: web pages (escaped),
Atom, Akoma Ntoso and iCalendar (parsed back to the same text), CSV (formulas
neutralised), JSON.
"""

from __future__ import annotations

import csv
import html
import io
import json
from urllib.parse import urlencode

import icalendar
import pytest
from lxml import etree

from accord.documents.models import Document
from accord.meetings.models import Meeting
from accord.records.loader import LoadError, load
from accord.registry.models import Person
from tests.hostile.conftest import MEETINGS, case_id, strings
from tests.web.forms import form_fields, post_data

KEPT: list[str] = strings()["kept"]
REFUSED: list[tuple[str, str]] = [tuple(pair) for pair in strings()["refused"]]
URLENCODED = "application/x-www-form-urlencoded"
FORMULA = ("=", "+", "-", "@", "\t", "\r")
ADOPTED = "bishkek-declaration-2019"  # signed in 2019: in the adopted feed


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar: what is not printable (controls, format
    characters, line separators YAML would read as line breaks) as escapes."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in quoted)


def record_file(tmp_path, names: list[str]):
    people = "".join(
        f"  - {{id: hostile-{i}, name: {yaml_string(name)}, party: UZ}}\n"
        for i, name in enumerate(names)
    )
    path = tmp_path / "people.yaml"
    path.write_text(
        f"format: accord-record/1\norganization: {{slug: sco}}\npeople:\n{people}",
        encoding="utf-8",
    )
    return path


# --- refused ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "reason"), REFUSED, ids=[case_id(t) for t, _ in REFUSED])
def test_refused_through_the_api(secretariat, unchanged, text, reason):
    created = secretariat.post("/people", {"id": "hostile-person", "name": text})
    assert created.status == 422, created.body
    assert created.fields == ["name"]
    assert reason in created.body["detail"][0]["reason"]
    # Inside a map of translations, the path goes down to the language.
    meeting = secretariat.get(f"{MEETINGS}/14")
    changed = secretariat.patch(f"{MEETINGS}/14", {"titles": {"ru": text}}, if_match=meeting.etag)
    assert changed.status == 422, changed.body
    assert changed.fields == ["titles.ru"]
    # In a query parameter (a NUL is refused before any look-up, 400).
    query = secretariat.get(f"/organizations/sco/calendar?party={text}")
    assert query.status in {400, 422}
    assert query.fields == ["party"]
    unchanged()


def test_refused_through_the_loader(db, unchanged, tmp_path):
    path = record_file(tmp_path, [text for text, _ in REFUSED])
    with pytest.raises(LoadError) as refusal:
        load([path])
    for i, (_, reason) in enumerate(REFUSED):
        assert f"people[{i}].name: contains {reason}" in str(refusal.value)
    unchanged()


@pytest.mark.parametrize(("text", "reason"), REFUSED, ids=[case_id(t) for t, _ in REFUSED])
def test_refused_through_the_web_form(officer, unchanged, text, reason):
    page = officer.get(f"{MEETINGS}/new/")
    form = post_data(form_fields(page), number="17", date="2022-08-19", title=text)
    # As a browser sends it (the test client's default would be multipart).
    answer = officer.post(f"{MEETINGS}/new/", urlencode(form, doseq=True), content_type=URLENCODED)
    body = answer.content.decode()
    if "\x00" in text:  # never looked up: refused as the request arrives
        assert answer.status_code == 400
        assert "title: contains a NUL character" in body
    else:
        assert answer.status_code == 422
        assert "Nothing was saved" in body
        assert html.escape(f"contains {reason}") in body
    assert not Meeting.objects.filter(number=17, body__slug="security-council-secretaries")
    unchanged()


@pytest.mark.parametrize("text", ["admin\x00", "\x00", "user\u202e", "%ff"])
def test_sign_in_with_hostile_names(db, unchanged, client, text):
    answer = client.post("/accounts/login/", {"username": text, "password": "x" * 12})
    assert answer.status_code in {200, 400}
    # Nobody is signed in (a refusal before the sign-in form is read sets no user at all).
    assert "_auth_user_id" not in client.session
    unchanged()


# --- kept, and shown as text --------------------------------------------------------------


def _escaped_on(page: str, text: str) -> bool:
    """Whether `text` is on the page as text: escaped, never as markup (a template may
    trim it, and a browser reads CR LF as LF)."""
    if any(c in text for c in "<>\"'&") and text in page:
        return False
    return html.escape(text.strip()).replace("\r", "") in page.replace("\r", "")


def test_kept_through_the_api_and_shown_escaped(secretariat, anonymous_client):
    """Every string at once, as the titles of a new meeting's agenda items."""
    created = secretariat.post(MEETINGS, {"number": 17, "date": "2022-08-19"})
    assert created.status == 201, created.body
    items = [{"id": f"item-{i}", "title": text} for i, text in enumerate(KEPT)]
    answer = secretariat.put(f"{MEETINGS}/17/agenda", {"items": items}, if_match=created.etag)
    assert answer.status == 200, answer.body
    assert [item["title"] for item in answer.body["agenda"]] == KEPT  # JSON
    page = anonymous_client.get(f"{MEETINGS}/17/").content.decode()
    for text in KEPT:
        assert _escaped_on(page, text), text


@pytest.mark.parametrize("text", KEPT, ids=[case_id(t) for t in KEPT])
def test_kept_and_shown_as_text(db, anonymous_client, text):
    """Each string where each way out shows it: the 14th meeting's city, the title of a
    document in the adopted feed (written directly: how the text got in is the tests
    above; each write through the services would also rebuild the search index)."""
    Meeting.objects.filter(body__slug="security-council-secretaries", number=14).update(city=text)
    Document.objects.filter(slug=ADOPTED).update(title=text)

    # The document's page: escaped, never markup.
    page = anonymous_client.get(f"/organizations/sco/documents/{ADOPTED}/").content.decode()
    assert _escaped_on(page, text) or any(c in text for c in "\r\n\t")

    # Atom: the feed parses, and the entry's title is the text.
    feed = anonymous_client.get("/feeds/sco/adopted.atom")
    assert feed.status_code == 200
    titles = etree.fromstring(feed.content).findall(".//{http://www.w3.org/2005/Atom}title")
    assert any(_same(t.text, text) for t in titles)

    # Akoma Ntoso: the document's title is the text.
    akn = anonymous_client.get(f"/export/sco/documents/{ADOPTED}.akn.xml")
    assert akn.status_code == 200
    assert any(_same(e.text, text) for e in etree.fromstring(akn.content).iter() if e.text)

    # iCalendar: the 14th meeting's place is the city, then the country (the format's
    # own escaping undone), and no line of the text became a property of its own.
    ics = anonymous_client.get("/calendar/sco/security-council-secretaries.ics")
    assert ics.status_code == 200
    events = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    [event] = [e for e in events if "-14@" in str(e.get("UID"))]
    assert _same(str(event.get("LOCATION")), f"{text}, Kyrgyzstan")
    assert b"\r\nSUMMARY:injected\r\n" not in ics.content

    # CSV: the title is one cell, a formula turned to text.
    table = anonymous_client.get("/export/sco/documents.csv").content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(table)))
    [row] = [r for r in rows if r["document"] == ADOPTED]
    want = "'" + text if text.startswith(FORMULA) else text
    assert row["title"] == want


def _same(shown: str | None, text: str) -> bool:
    """Whether an output's text is `text` (XML and iCalendar turn CR LF and CR into LF)."""
    if shown is None:
        return False
    return shown.replace("\r\n", "\n").replace("\r", "\n") == text.replace("\r\n", "\n").replace(
        "\r", "\n"
    )


def test_kept_through_the_loader(db, tmp_path):
    load([record_file(tmp_path, KEPT)])
    stored = dict(Person.objects.filter(slug__startswith="hostile-").values_list("slug", "name"))
    assert stored == {f"hostile-{i}": text for i, text in enumerate(KEPT)}


@pytest.fixture
def anonymous_client(db, no_response_cache):
    from django.test import Client

    return Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
