"""Recording a meeting on the web: the secretariat creates one and edits its record
(meeting, participants, agenda, actions with referrals, decisions) in one form.

Every refusal is the services' own, shown beside the field or row that caused it, with
nothing written and everything typed kept; a record changed since it was read answers
409; only the organization's secretariat (and the administrator) may open the pages.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.core.models import AuditEntry
from accord.decisions.inputs import DecisionFields
from accord.decisions.models import Action, Decision, Position
from accord.decisions.services import save_decision
from accord.meetings import services as meeting_services
from accord.meetings.models import AgendaItem, Meeting, Participation
from accord.registry.models import Organization, Party, Person, Post, PostHolding
from tests.accounts.people import RoleSpec
from tests.services.build import build_world
from tests.web.conftest import sign_in, text
from tests.web.forms import form_fields, post_data

SCS = "/organizations/sco/bodies/security-council-secretaries"
HEADS = "/organizations/sco/bodies/heads-of-state"
NEW = f"{SCS}/meetings/new/"
EDIT_14 = f"{SCS}/meetings/14/edit/"

# A 17th meeting, with an agenda, a referral to the heads of state, and a decision.
MEETING_17 = {
    "number": "17",
    "title": "17th Meeting of the Security Council Secretaries",
    "date": "2022-08-19",
    "city": "Tashkent",
    "country": "UZ",
    "mode": "in-person",
    "format": "restricted",
    "classification": "public",
    "participants-0-party": "UZ",
    "participants-0-role": "delegation",
    "participants-0-head": "on",
    "participants-0-post": "Secretary of the Security Council",
    "participants-1-party": "RU",
    "participants-1-role": "delegation",
    "agenda-0-id": "drugs",
    "agenda-0-title": "Countering the drug threat",
    "agenda-0-kind": "decision",
    "agenda-0-topics": ["drug-trafficking"],
    "agenda-1-id": "cyber",
    "agenda-1-title": "International information security",
    "agenda-1-kind": "discussion",
    "actions-0-verb": "took-note",
    "actions-0-item": "cyber",
    "actions-1-verb": "submitted",
    "actions-1-item": "drugs",
    "actions-1-to": "heads-of-state",
    "actions-1-purpose": "approval",
    "decisions-0-id": "drug-plan-2023",
    "decisions-0-title": "On the counter-narcotics plan for 2023",
    "decisions-0-open": "on",
    "decisions-0-classification": "public",
}


def new_form(client: Client, **changes) -> dict:
    page = client.get(NEW)
    assert page.status_code == 200
    return post_data(form_fields(page), **{**MEETING_17, **changes})


def field_error(page, name: str) -> str:
    """The error shown beside the field `name` (its list of errors, as text)."""
    html = page.content.decode()
    found = re.search(
        rf'<ul class="errorlist" id="id_{re.escape(name)}-error">(.*?)</ul>', html, re.S
    )
    assert found, f"no error beside {name}"
    return text(found.group(1))


def value_of(page, name: str) -> list[str]:
    return form_fields(page).get(name, [])


def trail() -> int:
    return AuditEntry.objects.count()


@pytest.fixture
def officer(as_role) -> Client:
    return as_role("secretariat")


# --- access ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", [NEW, EDIT_14])
def test_the_anonymous_are_sent_to_sign_in(db, client, url):
    answer = client.get(url)
    assert answer.status_code == 302
    assert answer["Location"].startswith("/accounts/login/?next=")
    assert client.post(url, MEETING_17).status_code == 302


@pytest.fixture
def other_secretariat(db) -> Client:
    build_world()
    return sign_in(
        Client(HTTP_HOST="127.0.0.1"),
        RoleSpec("other-secretariat", secretariat=frozenset({"test-org-svc"})),
    )


@pytest.fixture
def public_user(db) -> Client:
    return sign_in(Client(HTTP_HOST="127.0.0.1"), RoleSpec("no-affiliation"))


@pytest.mark.parametrize(
    "who", ["public_user", "delegation", "delegation-scs", "observer", "other_secretariat"]
)
@pytest.mark.parametrize("url", [NEW, EDIT_14])
def test_only_the_secretariat_may_open_the_pages(request, as_role, who, url):
    reader = request.getfixturevalue(who) if "_" in who else as_role(who)
    before = trail()
    assert reader.get(url).status_code == 404
    assert reader.post(url, MEETING_17).status_code == 404
    assert trail() == before
    # ... and is not offered them.
    assert "Record a meeting" not in text(reader.get(f"{SCS}/"))
    assert "Edit the record" not in text(reader.get(f"{SCS}/meetings/14/"))


def test_the_secretariat_and_the_administrator_are_offered_them(as_role):
    for role in ("secretariat", "admin"):
        reader = as_role(role)
        body = reader.get(f"{SCS}/").content.decode()
        assert f'href="{NEW}"' in body
        assert f'href="{EDIT_14}"' in reader.get(f"{SCS}/meetings/14/").content.decode()
        assert reader.get(EDIT_14).status_code == 200


def test_an_unknown_meeting_is_not_found(officer):
    assert officer.get(f"{SCS}/meetings/99/edit/").status_code == 404


# --- recording a new meeting ----------------------------------------------------------


def test_a_new_meeting_with_an_agenda_a_referral_and_a_decision(officer):
    answer = officer.post(NEW, new_form(officer))
    assert answer.status_code == 303, text(answer)[:2000]
    assert answer["Location"] == f"{SCS}/meetings/17/"
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=17)
    assert (meeting.slug, meeting.city, meeting.country.code) == ("17", "Tashkent", "UZ")
    people = list(Participation.objects.filter(meeting=meeting).order_by("position"))
    assert [(p.party.code, p.head_of_delegation) for p in people] == [("UZ", True), ("RU", False)]
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    assert [i.slug for i in items] == ["drugs", "cyber"]
    assert [t.slug for t in items[0].topics.all()] == ["drug-trafficking"]
    actions = list(Action.objects.filter(meeting=meeting).order_by("position"))
    assert [(a.verb, a.agenda_item.slug) for a in actions] == [
        ("took-note", "cyber"),
        ("submitted", "drugs"),
    ]
    assert actions[1].target_body.slug == "heads-of-state"
    assert actions[1].date == meeting.start
    assert Decision.objects.get(meeting=meeting).is_open
    # Written as the user, in the audit trail.
    actors = set(
        AuditEntry.objects.filter(object_id=str(meeting.pk), model="meetings.Meeting").values_list(
            "actor", flat=True
        )
    )
    assert actors == {"user:user-web-secretariat"}
    # The meeting page says so, and the referral is pending for the heads of state.
    shown = text(officer.get(answer["Location"]))
    assert "The record is saved." in shown
    assert "Tashkent" in shown
    pending = text(officer.get(f"{HEADS}/")).split("Pending on")[1]
    assert "Countering the drug threat" in pending


def test_a_meeting_out_of_order_is_refused_beside_its_number(officer):
    before = trail()
    answer = officer.post(NEW, new_form(officer, date="2010-05-01"))
    assert answer.status_code == 422
    assert "after" in field_error(answer, "number") or "before" in field_error(answer, "number")
    # The date may be the wrong one: it is said beside the date too.
    assert "correct the number, or the date" in field_error(answer, "number")
    assert "this date puts the meeting out of its series' order" in field_error(answer, "date")
    assert "correct the date, or the number" in field_error(answer, "date")
    assert "Nothing was saved" in text(answer)
    assert value_of(answer, "city") == ["Tashkent"]
    assert value_of(answer, "agenda-0-title") == ["Countering the drug threat"]
    assert not Meeting.objects.filter(body__slug="security-council-secretaries", number=17).exists()
    assert trail() == before


def test_a_number_in_use_is_refused_with_409(officer):
    before = trail()
    answer = officer.post(NEW, new_form(officer, number="14", date="2019-05-15"))
    assert answer.status_code == 409
    assert (
        field_error(answer, "number")
        == "security-council-secretaries already has a meeting number 14"
    )
    assert trail() == before


def test_a_number_taken_by_a_change_made_at_the_same_time_answers_409(officer, monkeypatch):
    # The checks passed (as when another officer's meeting 14 was committed between
    # them and the insert): the database's own constraint refuses the insert.
    monkeypatch.setattr(meeting_services, "taken_in_series", lambda *args: None)
    monkeypatch.setattr(meeting_services, "numbering_conflict", lambda *args: None)
    before = trail()
    form = new_form(officer, number="14", slug="another-14", date="2019-05-15")
    answer = officer.post(NEW, form)
    assert answer.status_code == 409
    assert "at the same time" in text(answer)
    assert value_of(answer, "city") == ["Tashkent"]  # as typed
    assert value_of(answer, "agenda-0-title") == ["Countering the drug threat"]
    assert trail() == before
    assert Meeting.objects.filter(body__slug="security-council-secretaries", number=14).count() == 1


def test_a_busy_record_answers_503_and_keeps_the_input(officer, monkeypatch):
    from django.db import OperationalError

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(meeting_services, "save_meeting", locked)
    before = trail()
    answer = officer.post(NEW, new_form(officer))
    assert answer.status_code == 503
    assert "busy with other changes" in text(answer)
    assert value_of(answer, "city") == ["Tashkent"]
    assert trail() == before


def test_a_meeting_without_number_or_id_is_refused(officer):
    answer = officer.post(NEW, new_form(officer, number=""))
    assert answer.status_code == 422
    assert "needs an id" in field_error(answer, "slug")


def test_a_date_that_is_no_date_is_refused_beside_it(officer):
    answer = officer.post(NEW, new_form(officer, date="19 August"))
    assert answer.status_code == 422
    assert "2019-05-15" in field_error(answer, "date")
    assert value_of(answer, "date") == ["19 August"]


def test_each_row_rule_is_refused_beside_its_row(officer):
    before = trail()
    changes = {
        # Mongolia is an observer: not a member delegation.
        "participants-1-party": "MN",
        # The same item id twice.
        "agenda-1-id": "drugs",
        # The secretaries adopt nothing; a referral names no target.
        "actions-0-verb": "adopted",
        "actions-0-item": "drugs",
        "actions-1-to": "",
    }
    answer = officer.post(NEW, new_form(officer, **changes))
    assert answer.status_code == 422
    assert "'MN' is not a member on 2022-08-19" in field_error(answer, "participants-1-party")
    assert "'drugs' is already used by agenda[0]" in field_error(answer, "agenda-1-id")
    assert "no power to take the action 'adopted'" in field_error(answer, "actions-0-verb")
    assert "a referral must name the body it goes to" in field_error(answer, "actions-1-to")
    # Everything typed is kept, nothing is written.
    assert value_of(answer, "participants-1-party") == ["MN"]
    assert value_of(answer, "actions-0-verb") == ["adopted"]
    assert value_of(answer, "decisions-0-title") == ["On the counter-narcotics plan for 2023"]
    assert trail() == before
    assert not Meeting.objects.filter(body__slug="security-council-secretaries", number=17).exists()


def test_a_party_typed_by_name_is_answered_with_its_code(officer):
    """ "Uzbekistan" (or "узбекистан", or "uz") where a code is asked: the refusal says
    which code was meant."""
    for typed in ("Uzbekistan", "узбекистан", "uz"):
        answer = officer.post(NEW, new_form(officer, country=typed))
        assert answer.status_code == 422
        error = field_error(answer, "country")
        assert f"no party &#x27;{typed}&#x27;: did you mean UZ (Uzbekistan)?" in error or (
            f"no party '{typed}': did you mean UZ (Uzbekistan)?" in error
        ), error
    answer = officer.post(NEW, new_form(officer, country="Kyrg"))
    assert "did you mean KG (Kyrgyzstan)?" in field_error(answer, "country")


def test_unknown_references_are_refused_beside_the_field(officer):
    answer = officer.post(NEW, new_form(officer, country="XX"))
    assert answer.status_code == 422
    assert field_error(answer, "country") == "no party 'XX'"
    changes = {"actions-1-item": "nowhere", "decisions-0-document": "no-such-document"}
    answer = officer.post(NEW, new_form(officer, **changes))
    assert answer.status_code == 422
    assert "no agenda item 'nowhere'" in field_error(answer, "actions-1-item")
    assert field_error(answer, "decisions-0-document") == "no document 'no-such-document'"


def test_adding_a_row_keeps_what_was_typed_and_saves_nothing(officer):
    before = trail()
    data = new_form(officer, more="participants")
    answer = officer.post(NEW, data)
    assert answer.status_code == 200
    fields = form_fields(answer)
    assert fields["participants-TOTAL_FORMS"] == ["3"]
    assert "participants-2-party" in fields
    assert fields["participants-0-party"] == ["UZ"] and fields["agenda-1-id"] == ["cyber"]
    assert 'class="errorlist"' not in answer.content.decode()
    assert trail() == before
    # Saving from there writes all of it.
    saved = officer.post(NEW, post_data(fields, **{"participants-2-party": "KZ"}))
    assert saved.status_code == 303, text(saved)[:3000]
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=17)
    assert meeting.participants.count() == 3


# --- editing a meeting's record -------------------------------------------------------


def test_editing_changes_what_was_changed_and_keeps_the_rest(officer):
    page = officer.get(EDIT_14)
    fields = form_fields(page)
    assert fields["city"] == ["Bishkek"]
    assert fields["participants-TOTAL_FORMS"] == ["13"]  # 11 recorded + 2 blank
    notes = dict(
        Participation.objects.filter(
            meeting__number=14, meeting__body__slug="security-council-secretaries"
        ).values_list("position", "note")
    )
    answer = officer.post(EDIT_14, post_data(fields, venue="Ala Archa State Residence"))
    assert answer.status_code == 303, text(answer)[:3000]
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    assert meeting.venue == "Ala Archa State Residence"
    assert meeting.city_names["ru"] == "Бишкек"  # kept: the city did not change
    assert (
        dict(Participation.objects.filter(meeting=meeting).values_list("position", "note")) == notes
    )
    assert meeting.prepares.number == 19
    assert Action.objects.filter(meeting=meeting).count() == 9
    entries = AuditEntry.objects.filter(
        model="meetings.Meeting", object_id=str(meeting.pk), operation="update"
    )
    assert entries.latest("seq").actor == "user:user-web-secretariat"


def test_removing_a_row(officer):
    fields = form_fields(officer.get(EDIT_14))
    removed = fields["agenda-8-id"][0]
    answer = officer.post(EDIT_14, post_data(fields, **{"agenda-8-DELETE": "on"}))
    assert answer.status_code == 303
    assert not AgendaItem.objects.filter(slug=removed, meeting__number=14).exists()
    assert (
        AgendaItem.objects.filter(
            meeting__number=14, meeting__body__slug="security-council-secretaries"
        ).count()
        == 8
    )


def test_removing_a_decision_removes_its_positions_too(officer):
    assert officer.post(NEW, new_form(officer)).status_code == 303
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=17)
    decision = Decision.objects.get(meeting=meeting)
    save_decision(
        meeting,
        decision.slug,
        DecisionFields(title=decision.title, outcome="open"),
        [(Party.objects.get(code="UZ"), "concurs", "")],
    )
    edit = f"{SCS}/meetings/17/edit/"
    page = officer.get(edit)
    assert 'name="decisions-0-DELETE"' in page.content.decode()
    fields = form_fields(page)
    answer = officer.post(edit, post_data(fields, **{"decisions-0-DELETE": "on"}))
    assert answer.status_code == 303, text(answer)[:2000]
    assert not Decision.objects.filter(meeting=meeting).exists()
    assert not Position.objects.filter(decision_id=decision.pk).exists()
    gone = AuditEntry.objects.filter(operation="delete", model="decisions.Decision")
    assert gone.get(object_id=str(decision.pk)).actor == "user:user-web-secretariat"
    # The rest of the record stays as it was.
    assert AgendaItem.objects.filter(meeting=meeting).count() == 2


def test_co_chairs_are_recorded_by_their_codes_and_an_unknown_one_is_refused(officer):
    fields = form_fields(officer.get(EDIT_14))
    assert fields["co_chairs"] == [""]
    refused = officer.post(EDIT_14, post_data(fields, co_chairs="RU XQ"))
    assert refused.status_code == 422
    assert "XQ" in field_error(refused, "co_chairs")
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    assert not meeting.co_chairs.exists()
    answer = officer.post(EDIT_14, post_data(fields, co_chairs="RU, KZ RU"))
    assert answer.status_code == 303, text(answer)[:2000]
    assert sorted(meeting.co_chairs.values_list("code", flat=True)) == ["KZ", "RU"]
    assert form_fields(officer.get(EDIT_14))["co_chairs"] in (["RU KZ"], ["KZ RU"])


def test_a_stale_version_answers_409_and_keeps_the_input(officer):
    fields = form_fields(officer.get(EDIT_14))
    # Meanwhile someone else changes the record.
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    meeting_services.set_participants(
        meeting, [meeting_services.Participant(party=meeting.country)]
    )
    before = trail()
    answer = officer.post(EDIT_14, post_data(fields, venue="Somewhere else"))
    assert answer.status_code == 409
    assert "changed by someone else" in text(answer)
    assert value_of(answer, "venue") == ["Somewhere else"]
    assert trail() == before
    meeting.refresh_from_db()
    assert meeting.venue == ""
    # The participants differ: theirs (one row) can be taken in place of the rows typed.
    html = answer.content.decode()
    conflicts = re.search(r'<table class="conflicts">(.*?)</table>', html, re.S)
    assert conflicts and "Participants" in text_of(conflicts.group(1))
    taken = officer.post(EDIT_14, post_data(form_fields(answer), take="participants"))
    assert taken.status_code == 200
    assert value_of(taken, "participants-0-party") == ["KG"]
    assert value_of(taken, "participants-1-party") in ([], [""])
    saved = officer.post(EDIT_14, post_data(form_fields(taken), save="1"))
    assert saved.status_code == 303, text(saved)[:2000]
    meeting.refresh_from_db()
    assert meeting.venue == "Somewhere else"
    assert list(meeting.participants.values_list("party__code", flat=True)) == ["KG"]


def test_a_stale_save_shows_the_differences_to_keep_or_take(officer):
    """On a 409 the page lists, field by field, what was typed against what is recorded
    now; "take theirs" puts the recorded value into the form (nothing saved), and saving
    again keeps the rest of what was typed, over the record as it is now."""
    fields = form_fields(officer.get(EDIT_14))
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    # Meanwhile another officer records the venue.
    Meeting.objects.filter(pk=meeting.pk).update(venue="Ala-Archa State Residence")
    typed = post_data(fields, venue="Somewhere else", outcome="Our outcome")
    refused = officer.post(EDIT_14, typed)
    assert refused.status_code == 409
    html = refused.content.decode()
    conflicts = re.search(r'<table class="conflicts">(.*?)</table>', html, re.S)
    assert conflicts, text(refused)[:1500]
    rows = text_of(conflicts.group(1))
    assert "Somewhere else" in rows and "Ala-Archa State Residence" in rows
    assert "Our outcome" in rows
    assert value_of(refused, "venue") == ["Somewhere else"]
    before = trail()
    # Take theirs for the venue: the form now holds the recorded venue; nothing saved.
    kept = form_fields(refused)
    taken = officer.post(EDIT_14, post_data(kept, take="venue"))
    assert taken.status_code == 200
    assert value_of(taken, "venue") == ["Ala-Archa State Residence"]
    assert value_of(taken, "outcome") == ["Our outcome"]
    assert trail() == before
    left = re.search(r'<table class="conflicts">(.*?)</table>', taken.content.decode(), re.S)
    assert left and "Ala-Archa" not in text_of(left.group(1))
    # Saving again keeps the outcome typed, with their venue.
    saved = officer.post(EDIT_14, post_data(form_fields(taken), save="1"))
    assert saved.status_code == 303, text(saved)[:2000]
    meeting.refresh_from_db()
    assert meeting.venue == "Ala-Archa State Residence"
    assert meeting.outcome == "Our outcome"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_refusal_on_edit_changes_nothing(officer):
    fields = form_fields(officer.get(EDIT_14))
    before = trail()
    # A second head of delegation for Kyrgyzstan, and a date outside the meeting.
    answer = officer.post(
        EDIT_14,
        post_data(
            fields,
            venue="Changed",
            **{"participants-10-head": "on", "actions-0-date": "2019-06-01"},
        ),
    )
    assert answer.status_code == 422
    assert "KG already has a head of delegation" in field_error(answer, "participants-10-head")
    assert "outside the meeting" in field_error(answer, "actions-0-date")
    assert trail() == before
    assert Meeting.objects.get(body__slug="security-council-secretaries", number=14).venue == ""


def test_the_new_form_proposes_the_next_number(officer):
    highest = max(
        Meeting.objects.filter(body__slug="security-council-secretaries")
        .exclude(number=None)
        .values_list("number", flat=True)
    )
    assert value_of(officer.get(NEW), "number") == [str(highest + 1)]


def test_a_delegation_row_is_proposed_for_each_member_on_the_date(officer):
    """One press fills a delegation row per member on the date typed, in the
    organization's listing order, keeping the rows already typed; nothing is saved."""
    fields = form_fields(officer.get(NEW))
    before = trail()
    typed = post_data(
        fields,
        date="2019-05-15",
        propose="participants",
        **{"participants-0-party": "KG", "participants-0-head": "on"},
    )
    typed.pop("save", None)
    answer = officer.post(NEW, typed)
    assert answer.status_code == 200
    assert trail() == before
    proposed = form_fields(answer)
    total = int(proposed["participants-TOTAL_FORMS"][0])
    parties = [proposed.get(f"participants-{i}-party", [""])[0] for i in range(total)]
    parties = [p for p in parties if p]
    assert parties[0] == "KG" and proposed["participants-0-head"] == ["on"]
    assert sorted(parties) == ["CN", "IN", "KG", "KZ", "PK", "RU", "TJ", "UZ"]
    assert len(parties) == len(set(parties))
    # No date typed: the reason is shown beside the date, and the rows are as typed.
    undated = post_data(fields, date="", propose="participants")
    undated.pop("save", None)
    refused = officer.post(NEW, undated)
    assert refused.status_code == 200
    assert "type the meeting's date first" in field_error(refused, "date")


# --- queries --------------------------------------------------------------------------

# Session and user (2), whether the session owes a second factor (1), the user's
# affiliations (1), then the page's own (among them the organization's verbs, which the
# action rows offer).
# Each with the record's state (1), which keys the answers shared by a standing.
# The record as the API reads it, with what its decisions decide (1); its co-chairs,
# joint bodies, decisions, statements, plan changes and sessions only where it has any
# (whether it has is read with the meeting: `visibility.FLAGGED_PARTS`; 30 before). The
# 14th meeting here has a decision and statements, no co-chairs, joint bodies, plan
# changes or sessions.
EDIT_QUERIES = 26
NEW_QUERIES = (
    14  # the organization's verbs (1); with the next number proposed (the series' highest)
)


def test_the_edit_page_runs_a_fixed_number_of_queries(officer, django_assert_num_queries):
    # The seed's 14th meeting (with a decision), and a new one with one row of each
    # kind: the same count.
    fourteenth = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    save_decision(fourteenth, "d", DecisionFields(title="A decision"), [])
    saved = officer.post(NEW, new_form(officer))
    assert saved.status_code == 303
    officer.get(saved["Location"])  # where "The record is saved." is shown, once
    counted = {}
    for number in (14, 17):
        # Each page computed afresh, the reader's standing worked out anew: nothing kept
        # from the page before (answers and standings are kept per state of the record).
        caches["responses"].clear()
        with CaptureQueriesContext(connection) as queries:
            assert officer.get(f"{SCS}/meetings/{number}/edit/").status_code == 200
        counted[number] = len(queries)
    # (the new meeting has no statements recorded: they are not asked for)
    assert counted == {14: EDIT_QUERIES, 17: EDIT_QUERIES - 1}, counted


def test_the_new_page_runs_a_fixed_number_of_queries(officer, django_assert_num_queries):
    with django_assert_num_queries(NEW_QUERIES):
        assert officer.get(NEW).status_code == 200


def test_the_version_is_the_apis_etag_of_the_record(officer):
    version = form_fields(officer.get(EDIT_14))["version"]
    api = officer.get("/api/v1/organizations/sco/bodies/security-council-secretaries/meetings/14")
    assert api.status_code == 200
    assert version == [api["ETag"]]


def test_a_browser_that_accepts_gzip_saves_what_it_read(officer):
    """Pages and API answers are compressed for a browser that accepts gzip. The form's
    version is the record's ETag either way, and saving from it goes through; so does
    a version taken from the API's compressed answer (the same tag, marked weak)."""
    api_14 = "/api/v1/organizations/sco/bodies/security-council-secretaries/meetings/14"
    page = officer.get(EDIT_14, HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"
    page.content = gzip.decompress(page.content)
    fields = form_fields(page)
    read = officer.get(api_14, HTTP_ACCEPT_ENCODING="gzip")
    assert read["Content-Encoding"] == "gzip"
    assert read["ETag"] == "W/" + fields["version"][0]
    saved = officer.post(EDIT_14, post_data(fields, venue="Ala Archa"), HTTP_ACCEPT_ENCODING="gzip")
    assert saved.status_code == 303, text(saved)[:2000]
    fields = form_fields(officer.get(EDIT_14))
    read = officer.get(api_14, HTTP_ACCEPT_ENCODING="gzip")
    saved = officer.post(EDIT_14, post_data(fields, venue="Elsewhere", version=read["ETag"]))
    assert saved.status_code == 303, text(saved)[:2000]
    assert Meeting.objects.get(body__slug="security-council-secretaries", number=14).venue == (
        "Elsewhere"
    )


def test_a_decision_recorded_adopted_by_no_objection_with_a_chair_person(officer):
    changes = {
        "chair_person": "damir-sagynbaev",
        "co_chairs": "KZ:kalmukhanbet-kasymov",
        "decisions-0-open": "",
        "decisions-0-outcome": "adopted",
        "decisions-0-procedure": "no-objection",
        "decisions-0-date": "2022-08-19",
    }
    answer = officer.post(NEW, new_form(officer, **changes))
    assert answer.status_code == 303, text(answer)[:2000]
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=17)
    decision = Decision.objects.get(meeting=meeting)
    assert (decision.outcome, decision.procedure, str(decision.date)) == (
        "adopted",
        "no-objection",
        "2022-08-19",
    )
    assert meeting.chair_person.slug == "damir-sagynbaev"
    assert [(c.party.code, c.person.slug) for c in meeting.co_chair_rows.all()] == [
        ("KZ", "kalmukhanbet-kasymov")
    ]
    page = text(officer.get(f"{SCS}/meetings/17/"))
    assert "adopted (by no objection; Aug. 19, 2022)" in page
    assert "Co-chaired by Kalmukhanbet Kasymov (Kazakhstan)" in page


def test_counts_of_votes_under_consensus_are_refused_beside_the_field(officer):
    before = trail()
    changes = {"decisions-0-open": "", "decisions-0-outcome": "adopted"}
    changes["decisions-0-votes_in_favour"] = "5"
    answer = officer.post(NEW, new_form(officer, **changes))
    assert answer.status_code == 422, answer.status_code
    assert "counts of votes belong to a vote, not to consensus" in text(answer)
    assert trail() == before
    assert not Meeting.objects.filter(body__slug="security-council-secretaries", number=17)


def test_saving_the_form_keeps_the_translations_of_an_unchanged_post(officer):
    def posts() -> dict[str, dict]:
        return {
            p.person.slug: p.post_names
            for p in Participation.objects.filter(
                meeting__number=14, meeting__body__slug="security-council-secretaries"
            ).exclude(person=None)
        }

    before = posts()
    assert any(before.values()), "the seed translates the heads' posts"
    fields = form_fields(officer.get(EDIT_14))
    assert officer.post(EDIT_14, post_data(fields)).status_code == 303
    assert posts() == before
    # A post changed: its old translations no longer fit it and are dropped.
    row = next(k for k, v in fields.items() if k.endswith("-post") and v and v[0])
    changed = officer.post(EDIT_14, post_data(form_fields(officer.get(EDIT_14)), **{row: "Envoy"}))
    assert changed.status_code == 303
    assert sum(1 for names in posts().values() if names) == sum(1 for v in before.values() if v) - 1


def test_saving_the_form_keeps_a_referral_to_an_office(officer):
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    referral = Action.objects.filter(meeting=meeting, verb="submitted").first()
    assert referral is not None
    Action.objects.filter(pk=referral.pk).update(
        target_body=None,
        target_meeting=None,
        target_post=Post.objects.get(organization__slug="sco", slug="secretary-general"),
    )
    fields = form_fields(officer.get(EDIT_14))
    answer = officer.post(EDIT_14, post_data(fields))
    assert answer.status_code == 303, text(answer)[:3000]
    kept = Action.objects.get(meeting=meeting, position=referral.position)
    assert (kept.verb, kept.target_body_id, kept.target_post.slug) == (
        "submitted",
        None,
        "secretary-general",
    )


def test_the_page_suggests_the_people_the_officer_may_name_in_this_organization(officer):
    """The page's own list of people (the picker asks the API for others): those of
    this organization's record, and anyone recorded nowhere yet; not the people of
    every other organization."""
    build_world()
    other = Organization.objects.get(slug="test-org-svc")
    elsewhere = Person.objects.create(slug="held-elsewhere", name="Held Elsewhere")
    post = Post.objects.create(organization=other, slug="head", name="Head")
    PostHolding.objects.create(post=post, person=elsewhere, start=dt.date(2020, 1, 1))
    Person.objects.create(slug="just-added", name="Just Added")
    page = officer.get(EDIT_14).content.decode()
    datalist = re.search(r'<datalist id="people">(.*?)</datalist>', page, re.S)
    assert datalist is not None
    listed = set(re.findall(r'<option value="([^"]+)"', datalist.group(1)))
    assert {"damir-sagynbaev", "just-added"} <= listed
    assert "held-elsewhere" not in listed
