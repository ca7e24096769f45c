"""Adding a person from the record page: the small form records the person through the
registry's use case (the API's), keeps everything typed in the record (nothing of it
saved), and the person is then offered by the Person fields' list and picker."""

from __future__ import annotations

from accord.core.models import AuditEntry
from accord.meetings.models import Meeting
from accord.registry.models import Person
from tests.web.conftest import text
from tests.web.test_recording import NEW, field_error, new_form, officer, value_of

__all__ = ["officer"]

PERSON = {
    "add_person": "1",
    "new-person-id": "aigul-sarsenova",
    "new-person-name": "Aigul Sarsenova",
    "new-person-party": "KZ",
}


def test_a_person_added_from_the_form_is_recorded_and_offered(officer):
    before = AuditEntry.objects.count()
    answer = officer.post(NEW, new_form(officer, **PERSON))
    assert answer.status_code == 200
    person = Person.objects.get(slug="aigul-sarsenova")
    assert person.name == "Aigul Sarsenova"
    assert person.party.code == "KZ"
    assert AuditEntry.objects.count() > before
    # The record is not saved, what was typed is kept, and the person is offered.
    assert not Meeting.objects.filter(body__slug="security-council-secretaries", number=17).exists()
    assert value_of(answer, "agenda-0-title") == ["Countering the drug threat"]
    assert "Aigul Sarsenova is in the record now" in text(answer)
    assert '<option value="aigul-sarsenova">Aigul Sarsenova</option>' in answer.content.decode()
    assert value_of(answer, "new-person-id") == [""]
    # ... and the picker finds them by name.
    picked = officer.get(
        "/api/v1/pick", {"kind": "person", "q": "Sarsen", "organization": "sco"}
    ).json()
    assert "aigul-sarsenova" in [c["value"] for c in picked["choices"]]
    # Saving the record with the person in a row records the participant.
    data = new_form(officer, **{"participants-1-person": "aigul-sarsenova"})
    assert officer.post(NEW, data).status_code == 303


def test_an_id_in_use_or_an_unknown_party_is_refused_beside_the_field(officer):
    Person.objects.filter(slug="aigul-sarsenova").delete()
    assert officer.post(NEW, new_form(officer, **PERSON)).status_code == 200
    before = AuditEntry.objects.count()
    answer = officer.post(NEW, new_form(officer, **PERSON))
    assert answer.status_code == 422
    assert "already a person 'aigul-sarsenova'" in field_error(answer, "new-person-id")
    answer = officer.post(
        NEW, new_form(officer, **{**PERSON, "new-person-id": "b", "new-person-party": "XX"})
    )
    assert answer.status_code == 422
    assert field_error(answer, "new-person-party") == "no party 'XX'"
    answer = officer.post(NEW, new_form(officer, **{**PERSON, "new-person-name": ""}))
    assert answer.status_code == 422
    assert field_error(answer, "new-person-name") == "This field is required."
    assert AuditEntry.objects.count() == before
    assert value_of(answer, "city") == ["Tashkent"]


def test_only_the_secretariat_may_add_a_person(as_role):
    reader = as_role("delegation")
    assert reader.post(NEW, {**PERSON}).status_code == 404
    assert not Person.objects.filter(slug="aigul-sarsenova").exists()


def test_a_new_persons_errors_are_in_the_pages_summary(officer):
    answer = officer.post(
        NEW, new_form(officer, **{**PERSON, "new-person-id": "c", "new-person-party": "XX"})
    )
    assert answer.status_code == 422
    html = answer.content.decode()
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert 'href="#id_new-person-party"' in summary
    assert "New person: Nationality" in text(summary)
    assert "no party" in text(summary)
