"""What Accord derives from the record (releases, pending referrals, statuses, person
pages) depends only on what its reader may read: each answer for a reader equals the
same answer computed after deleting what that reader may not read."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accord.accounts import access
from accord.accounts import services as accounts
from accord.accounts.access import ANONYMOUS, Viewer
from accord.bodies.models import Body
from accord.core.audit import acting
from accord.core.errors import DomainError, NotFound
from accord.decisions import selectors as decisions
from accord.decisions import services as decision_services
from accord.decisions.inputs import ActionFields
from accord.decisions.models import Action
from accord.documents import services as documents
from accord.documents.inputs import DocumentFields
from accord.documents.models import DocumentType
from accord.implementation import selectors as implementation
from accord.meetings import services as meetings
from accord.meetings.inputs import MeetingFields
from accord.meetings.models import AgendaItem, Meeting, Role, Statement
from accord.meetings.services import Participant
from accord.publishing import feeds, popolo, selectors, services, tables
from accord.publishing.models import PressRelease
from accord.registry import services as registry
from accord.registry.inputs import PersonFields
from accord.registry.models import Organization
from tests.accounts.people import make
from tests.api.conftest import Api
from tests.security.conftest import DELEGATE, OFFICER

pytestmark = pytest.mark.django_db

ADMIN = Viewer(None, True, frozenset(), frozenset(), frozenset(), frozenset())
SCS = "security-council-secretaries"
CHS = "heads-of-state"
CLOSED = f"/organizations/sco/bodies/{SCS}/meetings/closed-session"


@pytest.fixture
def record(db) -> dict:
    """Beside the seed: a closed (organization-restricted) session of the security
    council secretaries attended by a person seen nowhere else; a body-restricted one;
    a public plan referred to the heads of state at the 14th meeting, and adopted by
    them at a closed (organization-restricted) summit."""
    sco = Organization.objects.get(slug="sco")
    scs = Body.objects.get(organization=sco, slug=SCS)
    chs = Body.objects.get(organization=sco, slug=CHS)
    m14 = Meeting.objects.get(body=scs, number=14)
    with acting("test:derived"):
        hidden_person = registry.save_person("aibek-hidden", PersonFields(name="Aibek Hidden"))
        spoke_person = registry.save_person("bolot-spoken", PersonFields(name="Bolot Spoken"))
        closed = meetings.save_meeting(
            scs,
            "closed-session",
            MeetingFields(
                title="Closed session",
                start=dt.date(2019, 5, 16),
                end=dt.date(2019, 5, 16),
                city="Cholpon-Ata",
                classification="organization",
            ),
        )
        meetings.set_participants(closed, [Participant(person=hidden_person, role=Role.HOST)])
        in_body = meetings.save_meeting(
            scs,
            "body-session",
            MeetingFields(
                title="Session of the secretaries only",
                start=dt.date(2019, 5, 17),
                end=dt.date(2019, 5, 17),
                city="Bishkek",
                classification="body",
            ),
        )
        # A statement at the public 14th meeting, under an agenda item only members read.
        restricted_item = AgendaItem.objects.create(
            meeting=m14,
            slug="members-only-item",
            title="Members only",
            position=99,
            classification="organization",
        )
        Statement.objects.create(
            meeting=m14,
            position=99,
            person=spoke_person,
            text="Said behind doors.",
            agenda_item=restricted_item,
        )
        plan = documents.save_document(
            sco,
            "public-referral-plan",
            DocumentFields(
                type=DocumentType.objects.get(organization=sco, slug="working-plan"),
                title="Public referral plan",
                date=dt.date(1990, 1, 1),
                period="2019-2021",
            ),
        )
        decision_services.record_action(
            scs,
            ActionFields(
                meeting=m14,
                date=m14.start,
                verb="submitted",
                document=plan,
                target_body=chs,
                purpose="adoption",
            ),
        )
        summit = meetings.save_meeting(
            chs,
            "closed-summit",
            MeetingFields(
                title="Closed summit",
                start=dt.date(2019, 8, 1),
                end=dt.date(2019, 8, 1),
                city="Cholpon-Ata",
                classification="organization",
            ),
        )
        # A plan adopted there and acted on nowhere else: in force, for its members only.
        quiet = documents.save_document(
            sco,
            "quiet-plan",
            DocumentFields(
                type=DocumentType.objects.get(organization=sco, slug="working-plan"),
                title="Quiet plan",
                date=dt.date(1989, 1, 1),
                period="2019-2021",
            ),
        )
        for document in (plan, quiet):
            decision_services.record_action(
                chs,
                ActionFields(meeting=summit, date=summit.start, verb="adopted", document=document),
            )
    return {
        "org": sco,
        "scs": scs,
        "chs": chs,
        "m14": m14,
        "closed": closed,
        "in_body": in_body,
        "plan": plan,
        "summit": summit,
    }


def _api(role, made=None) -> Api:
    """An API client signed in (by token) as `role`'s user (`made`, when already made)."""
    made = made or make(role)
    _, secret = accounts.create_token(made.user, "derived tests", days=1)
    return Api(secret)


def _delete_hidden_action(record: dict) -> None:
    """The record as the public may read it, for the parts these answers read."""
    Action.objects.filter(meeting=record["summit"]).delete()


# --- 1. releases ------------------------------------------------------------------------


def test_a_release_is_refused_for_an_audience_that_cannot_read_its_meeting(record):
    before = PressRelease.objects.count()
    with acting("test:derived"), pytest.raises(DomainError) as refused:
        services.draft_release(ADMIN, record["closed"], classification="public")
    assert [p.field for p in refused.value.problems] == ["audience"]
    assert "cannot read" in str(refused.value)
    with acting("test:derived"), pytest.raises(DomainError) as refused:
        services.draft_release(ADMIN, record["in_body"], classification="organization")
    assert [p.field for p in refused.value.problems] == ["audience"]
    assert PressRelease.objects.count() == before
    # For an audience that reads the meeting, it is drafted.
    with acting("test:derived"):
        services.draft_release(ADMIN, record["closed"], classification="organization")
        services.draft_release(ADMIN, record["in_body"], classification="body")


def test_the_api_and_the_command_line_refuse_it_too(record):
    officer = _api(OFFICER)
    before = PressRelease.objects.count()
    refused = officer.post(CLOSED + "/releases", {"classification": "public"})
    assert refused.status == 422 and refused.fields == ["audience"], refused.body
    for extra in ([], ["--save"]):
        with pytest.raises(CommandError, match="audience"):
            call_command(
                "press-release",
                "sco",
                SCS,
                "closed-session",
                "--audience",
                "public",
                *extra,
                stdout=io.StringIO(),
            )
    assert PressRelease.objects.count() == before
    assert officer.post(CLOSED + "/releases", {"classification": "organization"}).status == 201


def _published(meeting: Meeting, audience: str) -> PressRelease:
    with acting("test:derived"):
        release = services.draft_release(ADMIN, meeting, classification=audience)
        services.review_release(ADMIN, release)
        services.publish_release(ADMIN, release)
    return release


def _reclassify(meeting: Meeting, classification: str) -> None:
    with acting("test:derived"):
        meetings.save_meeting(
            meeting.body,
            meeting.slug,
            MeetingFields(start=meeting.start, end=meeting.end, classification=classification),
        )


def test_a_release_whose_meeting_became_unreadable_is_not_served(record):
    org, m14 = record["org"], record["m14"]
    public = _published(m14, "public")
    members = _published(m14, "organization")
    delegate = make(DELEGATE)  # KG's delegation, named on no body
    _reclassify(m14, "organization")
    assert [r.slug for r in selectors.releases(ANONYMOUS, org)] == []
    assert selectors.published(ANONYMOUS, org) == []
    feed = feeds.releases_feed(ANONYMOUS, org, "http://127.0.0.1/r/", "http://127.0.0.1/f")
    assert "14th Meeting" not in feed
    options = tables.Options(on=dt.date(2019, 6, 1))
    assert public.slug not in tables.as_csv(ANONYMOUS, org, "releases", options)
    assert Api().get(f"/organizations/sco/releases/{public.slug}").status == 404
    assert Api().get("/organizations/sco/releases").body["items"] == []
    web = Client(HTTP_HOST="127.0.0.1")
    assert web.get(f"/releases/sco/{public.slug}/").status_code == 404
    # The members still read both; once the meeting is the body's only, neither.
    readable = {r.slug for r in selectors.releases(delegate.viewer, org)}
    assert readable == {public.slug, members.slug}
    _reclassify(m14, "body")
    assert list(selectors.releases(delegate.viewer, org)) == []
    with pytest.raises(NotFound):
        selectors.release(delegate.viewer, org, members.slug)
    # Those who keep the record still see both.
    assert {r.slug for r in selectors.releases(ADMIN, org)} == {public.slug, members.slug}


def test_a_release_is_not_published_once_its_meeting_became_unreadable(record):
    with acting("test:derived"):
        release = services.draft_release(ADMIN, record["m14"], classification="public")
        services.review_release(ADMIN, release)
    _reclassify(record["m14"], "organization")
    with acting("test:derived"), pytest.raises(DomainError) as refused:
        services.publish_release(ADMIN, release)
    assert [p.field for p in refused.value.problems] == ["audience"]
    assert selectors.published(ADMIN, record["org"]) == []


# --- 2. pending referrals, statuses and histories ---------------------------------------


def _pending(viewer: Viewer, record: dict, on: dt.date) -> list[int]:
    return [a.pk for a in decisions.pending_for(viewer, record["org"], record["chs"], on)]


def test_pending_is_settled_only_by_what_the_reader_may_read(record):
    on = dt.date(2019, 9, 1)
    public = _pending(ANONYMOUS, record, on)
    members = _pending(make(DELEGATE).viewer, record, on)
    api = Api().get(f"/organizations/sco/bodies/{CHS}/pending?on={on}").body["items"]
    csv = tables.as_csv(ANONYMOUS, record["org"], "pending", tables.Options(on=on, body=CHS))
    cli = json.loads(_run("pending", "sco", CHS, "--on", str(on), "--format", "json"))
    as_admin = json.loads(
        _run("pending", "sco", CHS, "--on", str(on), "--format", "json", "--user", "root")
    )
    _delete_hidden_action(record)
    assert public == _pending(ANONYMOUS, record, on)
    assert "public-referral-plan" in [x["document"] for x in api]
    assert "public-referral-plan" in csv
    assert "public-referral-plan" in [x["document"] for x in cli["pending"]]
    # Those who read the closed summit see the plan settled there.
    assert "public-referral-plan" not in [x["document"] for x in as_admin["pending"]]
    assert len(members) == len(public) - 1


def _run(*args: str) -> str:
    from django.contrib.auth import get_user_model

    if "--user" in args and not get_user_model().objects.filter(username="root").exists():
        accounts.add_user("root", password="a long passphrase", admin=True)
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_a_history_and_its_status_are_of_what_the_reader_may_read(record):
    plan = record["plan"]
    public = decisions.history(ANONYMOUS, plan)
    assert public.status == "submitted"
    assert decisions.history(ADMIN, plan).status == "adopted"
    cli = json.loads(_run("history", "sco", plan.slug, "--format", "json"))
    assert cli["status"] == "submitted" and len(cli["actions"]) == 1
    with pytest.raises(CommandError):
        _run("history", "sco", "closed-summit", "--format", "json")
    _delete_hidden_action(record)
    again = decisions.history(ANONYMOUS, plan)
    assert (again.status, again.actions) == (public.status, public.actions)


def test_the_implementation_dashboard_pages_only_by_what_the_reader_may_read(record):
    def pages() -> list[tuple[list[str], bool]]:
        found, page = [], 1
        while True:
            board = implementation.dashboard(
                ANONYMOUS, record["org"], dt.date(2019, 9, 1), page=page, size=1
            )
            found.append(([f.document.slug for f in board.documents], board.more))
            if not board.more:
                return found
            page += 1

    before = pages()
    _delete_hidden_action(record)
    assert pages() == before


# --- 9. people --------------------------------------------------------------------------


def test_a_person_seen_only_where_the_reader_may_not_read_is_not_found(record):
    web = Client(HTTP_HOST="127.0.0.1")
    for slug in ("aibek-hidden", "bolot-spoken"):
        assert Api().get(f"/people/{slug}").status == 404, slug
        assert web.get(f"/people/{slug}/").status_code == 404, slug
        with pytest.raises(NotFound):
            access.person(ANONYMOUS, slug)
    # A member's delegation reads the closed session, so the person in it.
    delegate = make(DELEGATE)
    assert access.person(delegate.viewer, "aibek-hidden").slug == "aibek-hidden"
    assert _api(DELEGATE, delegate).get("/people/bolot-spoken").status == 200
    assert "aibek-hidden" not in json.dumps(popolo.export(record["org"]))
    # A person the public sees at a public meeting, or in a post.
    assert Api().get("/people/vladimir-norov").status == 200
    assert web.get("/people/vladimir-norov/").status_code == 200


def test_nor_found_by_search(record):
    from accord.search import service as search

    assert search.search(ANONYMOUS, "Aibek Hidden", kinds=["person"]) == []
    assert search.search(ANONYMOUS, "Bolot Spoken", kinds=["person"]) == []
    assert [h.object.slug for h in search.search(ADMIN, "Bolot Spoken", kinds=["person"])] == [
        "bolot-spoken"
    ]
