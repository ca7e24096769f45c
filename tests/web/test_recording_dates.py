"""Date fields of the record page: text fields that take a full date or only what is
known (2022-08, 2022), marked for the date picker (dates.js turns one holding a full
date into the browser's date field); without the script the text field takes them all."""

from __future__ import annotations

import re

from accord.meetings.models import Meeting
from tests.web.test_recording import NEW, new_form, officer

__all__ = ["officer"]


def date_inputs(html: str) -> dict[str, str]:
    return {
        name: kind
        for tag in re.findall(r"<input [^>]*data-date=[^>]*>", html)
        for name, kind in [
            (
                re.search(r'name="([^"]+)"', tag).group(1),
                re.search(r'data-date="(\w+)"', tag).group(1),
            )
        ]
        if 'type="text"' in tag
    }


def test_the_date_fields_are_text_fields_marked_for_the_picker(officer):
    html = officer.get(NEW).content.decode()
    found = date_inputs(html)
    assert found["date"] == "partial"
    assert found["end"] == "partial"
    assert found["actions-0-date"] == "partial"
    assert found["decisions-0-date"] == "full"
    assert "accord/dates.js" in html
    assert 'data-pick-date="Pick a date"' in html


def test_a_partial_date_is_still_taken(officer):
    answer = officer.post(NEW, new_form(officer, date="2022-08"))
    assert answer.status_code == 303
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=17)
    assert meeting.date_precision == "month"
    assert meeting.partial_date.value.isoformat() == "2022-08-01"
