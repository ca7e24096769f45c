"""Every reading page runs a fixed number of queries, however many rows it shows.

Each page is read at two sizes of the same shape of record (a small organization of
the tests' own, `test-org-svc`, built through the services and grown to each size),
by the public and by a signed-in delegation: the counts must be the same at both
sizes, and are pinned so that a change in a page's queries is looked at.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.bodies import services as bodies
from accord.bodies.inputs import ChairTermFields
from accord.documents.services import attach_file, set_relations, set_versions
from accord.implementation.inputs import MeasureFields
from accord.implementation.services import save_measure, set_progress_reports
from accord.registry.inputs import HoldingFields, PostFields
from accord.registry.services import save_holding, save_post
from accord.search import index
from tests.accounts.people import RoleSpec
from tests.busy import JUNE_14, MAY_15, MEMBERS_ON_MAY_15, busy_meeting, more_members
from tests.documents_files import samples
from tests.services.build import D, build_world, hold
from tests.web.conftest import sign_in

# The views' own queries: the cache of public answers is measured in test_response_cache.
pytestmark = pytest.mark.usefixtures("no_response_cache")

ORG = "/organizations/test-org-svc"
SIZES = [3, 12]

PAGES = {
    "home": "/",
    "organization": f"{ORG}/?on=2019-05-15",
    "body": f"{ORG}/bodies/test-council/",
    "series": f"{ORG}/bodies/test-committee/",
    "meeting": f"{ORG}/bodies/test-committee/meetings/20/",
    "minutes": f"{ORG}/bodies/test-committee/meetings/20/minutes/",
    "document": f"{ORG}/documents/test-doc-0/",
    "calendar": f"{ORG}/calendar/?party=KG",
    "implementation": f"{ORG}/implementation/",
    "search": "/search/?q=plan&organization=test-org-svc",
    "person": "/people/test-person-0/",
}
# Queries per page, as the public. A signed-in reader adds the session and the user
# (2), and on every page that restricts what it shows whether the session owes a
# second factor's code (1) and the user's affiliations (1).
#   home: statuses, standing counts, bodies, meetings and documents counted (each
#     restricted in its one query), presidency terms, organizations
#   organization: organization, its publishing profile (what it calls its
#     chairmanship), statuses, memberships (all, and on the date), chair terms, bodies,
#     posts with their holders, the decisions that decided the chair terms
#   body: organization, body, subordinates, powers, meetings, chair terms (the chair
#     today, next and of each meeting found among them), the rotation rule, what is
#     pending (referrals, answers, and which the reader may see)
#   meeting: organization, body, the meeting with what its record reads of it (one
#     statement, down from two: found, then read again), the record's parts (co-chairs,
#     participants, agenda, topics, events, actions, decisions, positions, what the
#     decisions decide, statements, plan changes, sessions, their attendees), chair
#     terms, members on the date, progress heard, meetings
#     preparing it, its published releases, the organization's publishing profile
#     (what it calls its chairmanship, for a chair by its rule)
#   document: organization, the document (and whether the reader may read it), its
#     shared-with parties, versions, their files, relations both ways, measures, their
#     reports, progress; its actions; its co-authors, signatories and counterparties
#     (the document is no longer read a second time for its parts: 16 before)
#   calendar: organization, bodies, the party; meetings and events upcoming, then past
#   implementation: organization, the parties to pick from, a page of the documents
#     followed, their actions,
#     measures, measure reports, progress; then every measure and its reports; the
#     referrals pending, the acts answering them, the target meetings one may see
#   search: organizations, the ranking (the full-text index, restricted in the same
#     query), then one query per kind found: here documents with their versions, and
#     agenda items
#   person: person with their party (and whether the reader sees them anywhere),
#     posts held, the decisions that appointed them, meetings taken part in
# Each page that words verbs, derives a document's status or what is pending reads the
# organization's verbs once (the implementation page twice: its dashboard and the
# overdue referrals).
EXPECTED = {
    "home": 7,
    "organization": 10,
    # body, series, meeting, minutes: each with the other bodies of joint meetings (1);
    # meeting, minutes (where it declares some), document, implementation: with the
    # organization's verbs
    "body": 12,
    "series": 10,
    # (and its sessions with their attendees: 2); 25 before, the meeting read once; 24
    # before the parts it has none of were flagged with it (joint bodies, the meetings
    # preparing it, releases: not asked for, `visibility.FLAGGED_PARTS`), 21 before the
    # body was read with its organization, whether that declares verbs (it does not:
    # they are not asked for) and then its publishing profile
    "meeting": 18,
    # the meeting page's record laid out for paper (its releases not listed); 24 before,
    # then 23, 20 (as the meeting page)
    "minutes": 18,
    "document": 15,
    "calendar": 8,  # with the other bodies of joint meetings (1)
    "implementation": 14,
    "search": 5,
    "person": 4,
}
# Every page shows something classified (the organization page: the decisions that
# decided chair terms), so each reads the reader's affiliations.
UNRESTRICTED: set[str] = set()


def expected(page: str, who: str) -> int:
    # PostgreSQL: the search first asks the planner how many rows its word matches.
    count = EXPECTED[page] + (page == "search" and connection.vendor == "postgresql")
    if who == "anonymous":
        return count
    return count + 2 + (0 if page in UNRESTRICTED else 2)


def grow(world, n: int) -> None:
    """A committee meeting with n of everything (`tests.busy`) in a series with a gap
    before it, n documents with versions, files, relations, measures and progress; n
    more members, presidency terms, post holders."""
    org = world.org
    more_members(world, n)
    for i, code in enumerate((["CN", "KG", "KZ", "RU", "UZ"] * n)[:n]):
        bodies.save_chair_term(
            org, None, world.party(code), D(2001 + i, 7, 1), D(2002 + i, 6, 30), ChairTermFields()
        )
    busy = busy_meeting(world, n, number=20)
    meeting, summit, documents = busy.meeting, busy.summit, busy.documents
    for i in range(n):  # the committee's series, with a gap before 20
        hold(world.committee, f"test-{i + 1}", D(2000 + i, 3, 1), number=i + 1)
    post = save_post(org, "test-post", PostFields(name="Secretary"))
    for i, p in enumerate(busy.people):
        save_holding(post, p, D(2000 + i, 1, 1), D(2000 + i, 12, 31), HoldingFields())
    first = documents[0]
    set_versions(
        first, [{"number": i + 1, "language": "en", "text": f"Text {i}"} for i in range(n)]
    )
    for i in range(n):  # each version's signed original
        attach_file(
            first,
            number=i + 1,
            language="en",
            kind="signed-original",
            name=f"plan-{i}.pdf",
            content=io.BytesIO(samples.pdf(f"Plan, version {i + 1}")),
        )
    set_relations(first, [("implements", d, {}) for d in documents[1:]])
    for d in documents:
        measures = [
            save_measure(
                d,
                f"measure-{i}",
                MeasureFields(
                    text=f"Measure {i}",
                    responsible_party=world.party(MEMBERS_ON_MAY_15[i % 6]),
                    due=D(2020, 1, 1) + dt.timedelta(days=i),
                ),
            )
            for i in range(n)
        ]
        set_progress_reports(
            d,
            [
                {"date": MAY_15, "status": "in-progress", "meeting": meeting, "measure": m}
                for m in measures
            ]
            + [{"date": JUNE_14, "status": "in-progress", "meeting": summit, "measure": None}],
        )


def counted(client: Client) -> dict[str, int]:
    """Each page's number of queries (every page must answer 200)."""
    counts = {}
    for page, url in PAGES.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        counts[page] = len(queries)
    return counts


@pytest.mark.parametrize("size", SIZES)
def test_each_page_runs_a_fixed_number_of_queries(size, db):
    grow(build_world(), size)
    index.flush()  # as the commit of the writes would: the pages only read
    anonymous = Client(HTTP_HOST="127.0.0.1")
    delegation = sign_in(
        Client(HTTP_HOST="127.0.0.1"),
        RoleSpec(
            "web-counted",
            delegations=frozenset({("test-org-svc", "KG")}),
            bodies=frozenset({"test-committee"}),
        ),
    )
    assert counted(anonymous) == {page: expected(page, "anonymous") for page in PAGES}
    assert counted(delegation) == {page: expected(page, "delegation") for page in PAGES}


def test_the_grown_record_shows_every_row(db):
    """The pages counted above do show the rows they were grown with."""
    grow(build_world(), 5)
    client = Client(HTTP_HOST="127.0.0.1")
    meeting = client.get(PAGES["meeting"]).content.decode()
    assert meeting.count('id="item-item-') == 5
    assert meeting.count('id="decision-decision-') == 5
    assert meeting.count("<blockquote>") == 5
    assert meeting.count('id="session-session-') == 5
    series = client.get(PAGES["series"]).content.decode()
    assert '<tr class="gap">' in series  # 6-19 are not recorded
    document = client.get(PAGES["document"]).content.decode()
    assert document.count("<details>") == 5  # versions
    assert document.count('<ul class="files"') == 5  # each with its file
    assert document.count("/files/en/signed-original/") == 5
    assert document.count("Measure ") >= 5
    calendar = client.get(PAGES["calendar"]).content.decode()
    assert calendar.count('id="event-test-event-') == 5
    organization = client.get(PAGES["organization"]).content.decode()
    assert organization.count("<rect ") >= 6 + 5 + 5  # members, more members, terms
