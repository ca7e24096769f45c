"""The access rules one at a time: membership as of a date, details, writes, viewers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.accounts import access, services
from accord.accounts.access import ANONYMOUS, Forbidden, Viewer
from accord.bodies import services as bodies_services
from accord.bodies.inputs import BodyFields
from accord.bodies.models import Body
from accord.core.errors import DomainError, NotFound
from accord.decisions.inputs import DecisionFields
from accord.decisions.models import Action
from accord.decisions.services import record_position, save_decision
from accord.documents import services as documents
from accord.documents.inputs import DocumentFields, DocumentTypeFields
from accord.documents.models import Document
from accord.meetings import services as meetings
from accord.meetings.inputs import MeetingFields
from accord.meetings.models import AgendaItem, Event, Meeting
from accord.meetings.services import Item
from accord.registry import services as registry
from accord.registry.inputs import OrganizationFields, StatusFields
from accord.registry.models import Organization, Party
from tests.accounts.people import RoleSpec, make

D = dt.date
RESTRICTED_SEED = {
    "scsc-14-information-report",
    "observer-states-roadmap",
    "dialogue-partners-roadmap",
}
SCS = "security-council-secretaries"


def viewer(organization: Organization, *codes: str, bodies: tuple[Body, ...] = ()) -> Viewer:
    return Viewer(
        None,
        False,
        frozenset(),
        frozenset((organization.pk, c) for c in codes),
        frozenset(),
        frozenset(b.pk for b in bodies),
    )


def slugs(rows) -> set[str]:
    return set(rows.values_list("slug", flat=True))


# ---------------------------------------------------------------------------------
# Organization-restricted: members today or on the object's date
# ---------------------------------------------------------------------------------


@pytest.fixture
def dated(db):
    """An organization where AM was a member 2010-2015 and BY is one from 2020."""
    org = registry.save_organization(
        "test-org-dates", OrganizationFields(name="Test Organization (dates)")
    )
    member = registry.save_status(org, "member", StatusFields(name="member", takes_decisions=True))
    observer = registry.save_status(org, "observer", StatusFields(name="observer"))
    registry.save_membership(
        org, registry.ensure_state("AM"), member, D(2010, 1, 1), D(2015, 12, 31)
    )
    registry.save_membership(
        org, registry.ensure_state("BY"), observer, D(2016, 1, 1), D(2019, 12, 31)
    )
    registry.save_membership(org, registry.ensure_state("BY"), member, D(2020, 1, 1), None)
    kind = documents.save_document_type(org, "report", DocumentTypeFields(name="report"))
    for slug, date in (("in-2012", D(2012, 3, 1)), ("in-2018", D(2018, 3, 1)), ("undated", None)):
        documents.save_document(
            org,
            slug,
            DocumentFields(type=kind, title=slug, date=date, classification="organization"),
        )
    return org


def test_a_former_member_reads_what_is_dated_while_it_was_a_member(dated):
    assert slugs(
        access.documents(viewer(dated, "AM"), Document.objects.filter(organization=dated))
    ) == {"in-2012"}


def test_a_member_today_reads_all_of_the_organization_restricted(dated):
    assert slugs(
        access.documents(viewer(dated, "BY"), Document.objects.filter(organization=dated))
    ) == {
        "in-2012",
        "in-2018",
        "undated",
    }


def test_a_party_with_no_membership_reads_none(dated):
    assert not access.documents(viewer(dated, "KG"), Document.objects.filter(organization=dated))


def test_a_meeting_and_its_agenda_are_judged_on_the_meeting_date(dated):
    body = bodies_services.save_body(dated, "test-dates-council", BodyFields(name="Council"))
    meeting = meetings.save_meeting(
        body,
        "m-2012",
        MeetingFields(start=D(2012, 5, 1), end=D(2012, 5, 2), classification="organization"),
    )
    meetings.set_agenda(meeting, [Item("opening", "Opening")])
    former, stranger = viewer(dated, "AM"), viewer(dated, "KG")
    assert access.meetings(former).filter(pk=meeting.pk).exists()
    assert access.agenda_items(former).filter(meeting=meeting).exists()
    assert not access.meetings(stranger).filter(pk=meeting.pk).exists()
    assert not access.agenda_items(stranger).filter(meeting=meeting).exists()


def test_body_ids_count_only_for_a_delegation_of_the_bodys_organization(dated, db):
    sco = Organization.objects.get(slug="sco")
    scs = Body.objects.get(organization=sco, slug=SCS)
    roadmaps = Document.objects.filter(organization=sco, classification="body")
    assert access.documents(viewer(sco, "KG", bodies=(scs,)), roadmaps).count() == 2
    assert access.documents(viewer(dated, "BY", bodies=(scs,)), roadmaps).count() == 0


def test_body_restricted_is_at_least_as_strict_as_organization_restricted(dated):
    """A delegation granted a body reads its body-restricted rows only while its state is
    a member (today or on the row's date), like organization-restricted rows."""
    council = bodies_services.save_body(
        dated, "test-dates-body-council", BodyFields(name="Council")
    )
    kind = documents.save_document_type(dated, "roadmap", DocumentTypeFields(name="roadmap"))
    for slug, date in (("body-2012", D(2012, 3, 1)), ("body-2018", D(2018, 3, 1))):
        documents.save_document(
            dated,
            slug,
            DocumentFields(
                type=kind, title=slug, date=date, classification="body", restricted_to_body=council
            ),
        )
    for slug, day in (("council-2012", D(2012, 5, 1)), ("council-2018", D(2018, 5, 1))):
        meetings.save_meeting(
            council, slug, MeetingFields(start=day, end=day, classification="body")
        )
    body_rows = Document.objects.filter(organization=dated, classification="body")
    held = Meeting.objects.filter(body=council)
    former = viewer(dated, "AM", bodies=(council,))  # a member 2010-2015 only
    assert slugs(access.documents(former, body_rows)) == {"body-2012"}
    assert slugs(access.meetings(former, held)) == {"council-2012"}
    member_today = viewer(dated, "BY", bodies=(council,))  # a member from 2020
    assert slugs(access.documents(member_today, body_rows)) == {"body-2012", "body-2018"}
    stranger = viewer(dated, "KG", bodies=(council,))  # never a member
    assert not access.documents(stranger, body_rows).exists()
    assert not access.meetings(stranger, held).exists()


# ---------------------------------------------------------------------------------
# The seed scenario: public where public, restricted parts only for the right users
# ---------------------------------------------------------------------------------

SEED_ROLES = {
    "delegation-kg": RoleSpec("delegation-kg", delegations=frozenset({("sco", "KG")})),
    "delegation-in-scs": RoleSpec(
        "delegation-in-scs", delegations=frozenset({("sco", "IN")}), bodies=frozenset({SCS})
    ),
    "observer-mn": RoleSpec("observer-mn", observers=frozenset({("sco", "MN")})),
    "secretariat": RoleSpec("secretariat", secretariat=frozenset({"sco"})),
}


@pytest.mark.parametrize(
    ("role", "restricted_read"),
    [
        ("anonymous", set()),
        ("delegation-kg", {"scsc-14-information-report"}),
        ("delegation-in-scs", RESTRICTED_SEED),
        ("observer-mn", set()),
        ("secretariat", RESTRICTED_SEED),
    ],
)
def test_the_seed_is_public_except_its_restricted_documents(db, role, restricted_read):
    seen = ANONYMOUS if role == "anonymous" else make(SEED_ROLES[role]).viewer
    sco = Document.objects.filter(organization__slug="sco")
    readable = slugs(access.documents(seen, sco))
    assert readable & RESTRICTED_SEED == restricted_read
    assert readable | RESTRICTED_SEED == slugs(sco)
    assert access.documents(seen, sco).count() == sco.count() - 3 + len(restricted_read)


def test_actions_on_restricted_seed_documents_are_hidden_with_them(db):
    on_roadmaps = Action.objects.filter(document__slug__in=RESTRICTED_SEED)
    assert on_roadmaps.count() >= 2
    assert not access.actions(ANONYMOUS, on_roadmaps).exists()
    at_14 = Action.objects.filter(meeting__body__slug=SCS, meeting__number=14)
    assert access.actions(ANONYMOUS, at_14).count() == at_14.count() - 2
    with_body = make(SEED_ROLES["delegation-in-scs"]).viewer
    assert access.actions(with_body, at_14).count() == at_14.count()


# ---------------------------------------------------------------------------------
# Details: missing and forbidden look alike
# ---------------------------------------------------------------------------------


def refusal(call) -> NotFound:
    with pytest.raises(NotFound) as caught:
        call()
    return caught.value


def test_a_forbidden_document_is_not_found_like_a_missing_one(db):
    forbidden = refusal(lambda: access.document(ANONYMOUS, "sco", "observer-states-roadmap"))
    missing = refusal(lambda: access.document(ANONYMOUS, "sco", "no-such-roadmap"))
    assert str(forbidden).replace("observer-states-roadmap", "X") == str(missing).replace(
        "no-such-roadmap", "X"
    )
    assert [p.field for p in forbidden.problems] == [p.field for p in missing.problems]
    assert type(forbidden) is type(missing) is NotFound


def test_a_readable_document_is_found_by_slug_or_organization(db):
    kg = make(SEED_ROLES["delegation-kg"]).viewer
    found = access.document(kg, "sco", "scsc-14-information-report")
    assert found.type.slug == "information-report"
    sco = Organization.objects.get(slug="sco")
    assert access.document(kg, sco, "scsc-14-information-report") == found


def test_a_forbidden_meeting_is_not_found_like_a_missing_one(db):
    scs = Body.objects.get(organization__slug="sco", slug=SCS)
    meetings.save_meeting(
        scs,
        "closed-session",
        MeetingFields(start=D(2019, 5, 16), end=D(2019, 5, 16), classification="body"),
    )
    forbidden = refusal(lambda: access.meeting(ANONYMOUS, "sco", SCS, "closed-session"))
    missing = refusal(lambda: access.meeting(ANONYMOUS, "sco", SCS, "open-session"))
    assert str(forbidden).replace("closed", "X") == str(missing).replace("open", "X")
    with_body = make(SEED_ROLES["delegation-in-scs"]).viewer
    assert access.meeting(with_body, "sco", scs, "closed-session").slug == "closed-session"


def test_a_meeting_is_found_by_number_in_its_own_body_only(db):
    assert access.meeting(ANONYMOUS, "sco", SCS, "14").number == 14
    assert access.meeting(ANONYMOUS, "sco", SCS, 14).start == D(2019, 5, 15)
    other = registry.save_organization("test-org-meeting", OrganizationFields(name="Other"))
    elsewhere = bodies_services.save_body(other, SCS, BodyFields(name="Namesake"))
    refusal(lambda: access.meeting(ANONYMOUS, "sco", elsewhere, "14"))
    refusal(lambda: access.meeting(ANONYMOUS, "sco", "no-such-body", "14"))
    refusal(lambda: access.meeting(ANONYMOUS, "no-such-org", SCS, "14"))


# ---------------------------------------------------------------------------------
# Writes
# ---------------------------------------------------------------------------------


def test_only_the_secretariat_or_an_administrator_edits_an_organization(db):
    sco = Organization.objects.get(slug="sco")
    secretariat = make(SEED_ROLES["secretariat"]).viewer
    admin = make(RoleSpec("admin", admin=True)).viewer
    delegation = make(SEED_ROLES["delegation-kg"]).viewer
    assert access.can_edit(secretariat, sco) and access.can_edit(admin, sco)
    assert access.can_edit(secretariat, sco.pk)
    assert not access.can_edit(delegation, sco) and not access.can_edit(ANONYMOUS, sco)
    access.require_edit(secretariat, sco)
    with pytest.raises(Forbidden) as caught:
        access.require_edit(delegation, sco)
    assert isinstance(caught.value, DomainError)
    assert caught.value.problems[0].field == "permission"
    assert "secretariat of sco" in caught.value.problems[0].reason


def test_a_delegation_records_only_its_own_partys_position(db):
    fourteenth = Meeting.objects.get(body__slug=SCS, number=14)
    decision = save_decision(
        fourteenth, "test-open", DecisionFields(title="Open", outcome="open"), []
    )
    kg = make(SEED_ROLES["delegation-kg"]).viewer
    chair = make(RoleSpec("chair-ru", chair_teams=frozenset({("sco", "RU")}))).viewer
    observer = make(SEED_ROLES["observer-mn"]).viewer
    secretariat = make(SEED_ROLES["secretariat"]).viewer
    access.require_position(kg, decision, "KG")
    access.require_position(kg, decision, Party.objects.get(code="KG"))
    access.require_position(chair, decision, "RU")
    access.require_position(secretariat, decision, "RU")
    for who, code in ((kg, "RU"), (chair, "KG"), (observer, "MN"), (ANONYMOUS, "KG")):
        with pytest.raises(Forbidden) as caught:
            access.require_position(who, decision, code)
        assert caught.value.problems[0].field == "permission"
    # Then the domain decides: open decision, member on the meeting date.
    assert record_position(decision, Party.objects.get(code="KG"), "concurs").stance == "concurs"


# ---------------------------------------------------------------------------------
# Viewers
# ---------------------------------------------------------------------------------


def test_anonymous_and_inactive_users_are_the_anonymous_viewer(db):
    assert access.viewer_of(None) is ANONYMOUS
    assert access.viewer_of(AnonymousUser()) is ANONYMOUS
    made = make(SEED_ROLES["secretariat"])
    made.user.is_active = False
    assert access.viewer_of(made.user) is ANONYMOUS


def test_a_viewer_holds_the_affiliations_in_force_today_fetched_in_one_query(db):
    sco = Organization.objects.get(slug="sco")
    bodies = list(Body.objects.filter(organization=sco)[:3])
    user = services.add_user("test-many-roles", password="a long passphrase")
    services.grant(user, sco, "delegation", party=Party.objects.get(code="KG"), bodies=bodies)
    services.grant(user, sco, "chair-team", party=Party.objects.get(code="KG"), bodies=bodies[:1])
    today = timezone.localdate()
    services.grant(user, sco, "secretariat", end=today - dt.timedelta(days=1))
    services.grant(
        user,
        sco,
        "observer",
        party=Party.objects.get(code="MN"),
        start=today + dt.timedelta(days=1),
    )
    with CaptureQueriesContext(connection) as queries:
        seen = access.viewer_of(user)
    assert len(queries) == 1
    assert seen == Viewer(
        user.pk,
        False,
        frozenset(),
        frozenset({(sco.pk, "KG")}),
        frozenset(),
        frozenset(b.pk for b in bodies),
    )


def test_events_are_public(db):
    assert access.events(ANONYMOUS).count() == Event.objects.count() > 0


def test_lists_start_from_everything_or_from_the_callers_queryset(db):
    everything = access.meetings(ANONYMOUS)
    narrowed = access.meetings(ANONYMOUS, Meeting.objects.filter(number=14))
    assert everything.count() > narrowed.count() >= 1
    assert set(narrowed) <= set(everything)
    assert access.agenda_items(ANONYMOUS).count() == AgendaItem.objects.count()
    admin = make(RoleSpec("admin", admin=True)).viewer
    assert access.documents(admin).count() == Document.objects.count()
