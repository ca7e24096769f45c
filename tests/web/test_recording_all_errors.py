"""Every error in one save: the record page judges each part (the meeting, its
participants, agenda, actions, decisions) through the same services whatever the others
gave, lists every error at the top with a link to its field, and writes nothing."""

from __future__ import annotations

import re

from accord.core.models import AuditEntry
from accord.meetings.models import Meeting
from tests.web.conftest import text
from tests.web.test_recording import EDIT_14, NEW, field_error, new_form, officer, value_of

__all__ = ["officer"]

THREE_MISTAKES = {
    "participants-1-party": "XX",  # no such party
    "agenda-1-title": "",  # an agenda row without its title
    "date": "2010-05-01",  # before the 14th meeting: out of the series' order
}


def summary_links(page) -> list[tuple[str, str]]:
    html = page.content.decode()
    found = re.search(r'<div class="error-summary"(.*?)</div>', html, re.S)
    assert found, "no error summary"
    return [
        (href, text(label))
        for href, label in re.findall(r'<a href="([^"]+)">(.*?)</a>', found.group(1), re.S)
    ]


def test_three_independent_mistakes_are_all_reported_after_one_save(officer):
    before = AuditEntry.objects.count()
    answer = officer.post(NEW, new_form(officer, **THREE_MISTAKES))
    assert answer.status_code == 422
    assert "no party 'XX'" in field_error(answer, "participants-1-party")
    assert field_error(answer, "agenda-1-title") == "This field is required."
    number = field_error(answer, "number")
    assert "before" in number or "after" in number
    # The summary lists the three, each linking to its field, and takes the focus.
    links = dict(summary_links(answer))
    # The number out of date order is said beside the date too (the date may be wrong).
    assert set(links) == {
        "#id_number",
        "#id_date",
        "#id_participants-1-party",
        "#id_agenda-1-title",
    }
    assert "Participants, row 2: Party" in links["#id_participants-1-party"]
    assert "Agenda, row 2: Title" in links["#id_agenda-1-title"]
    html = answer.content.decode()
    assert re.search(r'<div class="error-summary" id="error-summary"[^>]*tabindex="-1"', html)
    assert "4 things to correct" in text(answer)
    # Nothing written (not the meeting, nor the stand-in its rows were judged against).
    assert AuditEntry.objects.count() == before
    assert not Meeting.objects.filter(body__slug="security-council-secretaries", number=17).exists()
    assert not Meeting.objects.filter(slug="record-being-checked").exists()
    assert value_of(answer, "agenda-0-title") == ["Countering the drug threat"]


def test_a_service_refusal_of_a_row_is_shown_beside_a_row_that_does_not_read(officer):
    """A row rule of the services (Mongolia is no member) is judged although another
    row of the same list does not read (a role that is no role)."""
    changes = {"participants-1-party": "MN", "participants-0-role": "nobody"}
    answer = officer.post(NEW, new_form(officer, **changes))
    assert answer.status_code == 422
    assert "not a member" in field_error(answer, "participants-1-party")
    assert "valid choice" in field_error(answer, "participants-0-role")


def test_each_unknown_reference_of_the_meeting_is_reported(officer):
    answer = officer.post(NEW, new_form(officer, country="XX", host="YY", chair_person="nobody"))
    assert answer.status_code == 422
    assert field_error(answer, "country") == "no party 'XX'"
    assert field_error(answer, "host") == "no party 'YY'"
    assert field_error(answer, "chair_person") == "no person 'nobody'"


def test_an_edit_with_mistakes_in_every_part_changes_nothing(officer):
    page = officer.get(EDIT_14)
    from tests.web.forms import form_fields, post_data

    fields = form_fields(page)
    before = AuditEntry.objects.count()
    data = post_data(
        fields,
        **{
            "date": "no date",
            "participants-0-party": "XX",
            "agenda-0-title": "",
        },
    )
    answer = officer.post(EDIT_14, data)
    assert answer.status_code == 422
    assert "2019-05-15" in field_error(answer, "date")
    assert "no party 'XX'" in field_error(answer, "participants-0-party")
    assert field_error(answer, "agenda-0-title") == "This field is required."
    assert len(summary_links(answer)) == 3
    assert AuditEntry.objects.count() == before


def test_a_span_whose_ends_differ_in_precision_is_refused_with_the_rest(officer):
    answer = officer.post(NEW, new_form(officer, end="2022-09", country="XX"))
    assert answer.status_code == 422
    assert "same precision" in field_error(answer, "end")
    assert field_error(answer, "country") == "no party 'XX'"
