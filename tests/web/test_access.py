"""The seed's restricted material, on every page that could show it.

In the seed, `scsc-14-information-report` is organization-restricted (the SCO's
secretariat and its members' delegations read it) and the two drafted roadmaps for
observers and dialogue partners are body-restricted to the Security Council
Secretaries (the secretariat, and delegations whose affiliation names that body).
The 14th meeting considered the roadmaps: those actions are as restricted as they.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.conftest import ROLES, text

SCO = "/organizations/sco"
MEETING_14 = f"{SCO}/bodies/security-council-secretaries/meetings/14/"
REPORT = "scsc-14-information-report"
ROADMAP = "observer-states-roadmap"
REPORT_TITLE = "Information report on the 14th Meeting of the Security Council Secretaries"
ROADMAP_TITLE = "Roadmap to involve the SCO observer states more effectively"

READERS = {
    REPORT: {"admin", "secretariat", "delegation-scs", "delegation"},
    ROADMAP: {"admin", "secretariat", "delegation-scs"},
}
TITLES = {REPORT: REPORT_TITLE, ROADMAP: ROADMAP_TITLE}
WHO = ["anonymous", *ROLES]


@pytest.fixture
def reader(request, db, as_role) -> Client:
    if request.param == "anonymous":
        return Client(HTTP_HOST="127.0.0.1")
    return as_role(request.param)


def readers(slug: str) -> list:
    return [pytest.param(who, who in READERS[slug], id=who) for who in WHO]


@pytest.mark.parametrize(("reader", "may_read"), readers(REPORT), indirect=["reader"])
def test_the_organization_restricted_report(reader, may_read):
    page = reader.get(f"{SCO}/documents/{REPORT}/")
    assert page.status_code == (200 if may_read else 404)
    if may_read:
        assert "organization-restricted" in text(page)
    found = text(reader.get("/search/", {"q": "information report", "kind": "document"}))
    assert (REPORT_TITLE in found) == may_read


@pytest.mark.parametrize(("reader", "may_read"), readers(ROADMAP), indirect=["reader"])
def test_the_body_restricted_roadmaps(reader, may_read):
    page = reader.get(f"{SCO}/documents/{ROADMAP}/")
    assert page.status_code == (200 if may_read else 404)
    # The 14th meeting considered the roadmaps: the actions, the documents listed.
    meeting = text(reader.get(MEETING_14))
    actions = meeting.split("What the body did at the meeting")[1].split("Decisions")[0]
    assert (f"considered {ROADMAP_TITLE}" in actions) == may_read
    documents = meeting.split("Documents")[-1]
    assert (ROADMAP_TITLE in documents) == may_read
    # Its document page's lifecycle, search, the calendar and the dashboard.
    found = text(reader.get("/search/", {"q": "observer states roadmap"}))
    assert (ROADMAP_TITLE in found) == may_read
    assert ROADMAP_TITLE not in text(reader.get(f"{SCO}/implementation/"))


DOCUMENTS_COUNTED = {
    "anonymous": 15,
    "observer": 15,
    "delegation": 16,
    "delegation-scs": 18,
    "secretariat": 18,
    "admin": 18,
}


@pytest.mark.parametrize(
    ("reader", "count"),
    [pytest.param(who, n, id=who) for who, n in DOCUMENTS_COUNTED.items()],
    indirect=["reader"],
)
def test_the_home_page_counts_only_what_the_reader_may_read(reader, count):
    assert f"Documents {count} " in text(reader.get("/"))


@pytest.mark.parametrize("who", ["anonymous", "observer", "delegation"])
def test_forbidden_looks_exactly_like_missing(db, as_role, who):
    client = Client(HTTP_HOST="127.0.0.1") if who == "anonymous" else as_role(who)
    hidden = client.get(f"{SCO}/documents/{ROADMAP}/")
    missing = client.get(f"{SCO}/documents/no-such-roadmap/")
    assert hidden.status_code == missing.status_code == 404
    assert text(hidden).replace(ROADMAP, "X") == text(missing).replace("no-such-roadmap", "X")
