"""A meeting's and a document's record of changes on the page: who created and
changed it and what, as the reader may see it (writers as roles to the public, by
name to the secretariat)."""

from __future__ import annotations

import pytest

from accord.meetings.models import Meeting
from tests.web.conftest import text
from tests.web.forms import form_fields, post_data

pytestmark = pytest.mark.django_db

SCS = "/organizations/sco/bodies/security-council-secretaries"
MEETING = f"{SCS}/meetings/14/"
DOCUMENT = "/organizations/sco/documents/anti-drug-action-plan-2019-2020/"


def test_the_meeting_links_to_its_record_of_changes(client):
    page = client.get(MEETING).content.decode()
    assert f'href="{MEETING}changes/"' in page
    changes = client.get(f"{MEETING}changes/")
    assert changes.status_code == 200
    words = text(changes)
    assert (
        "Record of changes: 14th Meeting of SCO Member States' Security Council Secretaries"
        in words
    )
    # Loaded from the seed: created by the record loader, shown as a role.
    assert "record loader created" in words
    assert "city : Bishkek" in words  # (the words of the page: tags leave a space)


def test_a_change_shows_before_and_after_and_the_writer_as_a_role(client, as_role):
    secretariat = as_role("secretariat")
    form = secretariat.get(f"{MEETING}edit/")
    fields = form_fields(form)
    answer = secretariat.post(
        f"{MEETING}edit/", post_data(fields, outcome="Held at the Ala-Archa residence")
    )
    assert answer.status_code in (302, 303), text(answer)[:500]
    public = text(client.get(f"{MEETING}changes/"))
    assert "secretariat changed" in public
    assert "outcome :" in public and "Held at the Ala-Archa residence" in public
    assert "user-web-secretariat" not in public
    officer = text(secretariat.get(f"{MEETING}changes/"))
    assert "user:user-web-secretariat" in officer


def test_a_document_links_to_its_record_of_changes(client):
    assert f'href="{DOCUMENT}changes/"' in client.get(DOCUMENT).content.decode()
    assert client.get(f"{DOCUMENT}changes/").status_code == 200


@pytest.mark.usefixtures("no_response_cache")
def test_a_restricted_meeting_has_no_record_of_changes_for_the_public(client):
    Meeting.objects.filter(body__slug="security-council-secretaries", number=14).update(
        classification="organization"
    )
    assert client.get(f"{MEETING}changes/").status_code == 404


def test_references_are_named_not_numbered(client):
    """The body, the person who chaired and the meeting prepared are shown by name in
    the reader's language, never as row ids (`body_id: 7`)."""
    words = text(client.get(f"{MEETING}changes/"))
    assert "body : Meeting of SCO Member States' Security Council Secretaries" in words
    assert "chair_person : Damir Sagynbaev" in words
    assert "prepares : — → CHS 19 (2019-06-13)" in words
    assert "_id :" not in words and "(withheld)" not in words
    russian = text(client.get(f"{MEETING}changes/", HTTP_ACCEPT_LANGUAGE="ru"))
    assert "chair_person : Дамир Сагынбаев" in russian
