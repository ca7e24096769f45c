"""Bad query parameters answer 400 with the reason beside the field; unknown
organizations, bodies, meetings, documents and people answer 404 with the reason."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import text

pytestmark = pytest.mark.django_db

SCO = "/organizations/sco"


def error_beside(page: str, field: str) -> str:
    """The error shown for `field` (by the id its input points to), or ''."""
    found = re.search(rf'<ul class="errorlist" id="id_{field}-error">(.*?)</ul>', page, re.S)
    if not found:
        return ""
    described = re.search(rf'<[^>]+id="id_{field}"[^>]*>', page).group(0)
    assert f'aria-describedby="id_{field}-error' in described
    assert 'aria-invalid="true"' in described
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


@pytest.mark.parametrize("bad", ["15.05.2019", "2019-02-30", "2019-05", "tomorrow"])
def test_organization_date_that_is_not_a_date(client, bad):
    response = client.get(f"{SCO}/", {"on": bad})
    assert response.status_code == 400
    page = response.content.decode()
    assert error_beside(page, "on") == "Enter a date as YYYY-MM-DD, for example 2019-05-15."
    assert 'role="alert"' in page
    # The rest of the page is there: the timeline and the bodies.
    assert '<ul class="tree">' in page and "<svg" in page


@pytest.mark.parametrize(
    ("query", "field", "reason"),
    [
        ({"from": "2019-13-01"}, "from", "Enter a date as YYYY-MM-DD"),
        ({"to": "soon"}, "to", "Enter a date as YYYY-MM-DD"),
        (
            {"from": "2019-06-01", "to": "2019-05-01"},
            "to",
            "The end of the period comes before its start.",
        ),
        ({"party": "ZZ"}, "party", "No party has the code ZZ."),
        ({"body": "nobody"}, "body", "Select a valid choice."),
    ],
)
def test_calendar_filters_that_cannot_be_read(client, query, field, reason):
    response = client.get(f"{SCO}/calendar/", query)
    assert response.status_code == 400
    page = response.content.decode()
    assert error_beside(page, field).startswith(reason)
    assert "Past meetings and events" not in page


@pytest.mark.parametrize(
    ("query", "field", "reason"),
    [
        ({"q": "x"}, "q", "type at least 2 characters"),
        ({"q": "a" * 201}, "q", "Ensure this value has at most 200 characters"),
        ({"q": "Bishkek", "organization": "nope"}, "organization", "Select a valid choice."),
        ({"q": "Bishkek", "kind": "treaty"}, "kind", "Select a valid choice."),
    ],
)
def test_search_parameters_that_cannot_be_used(client, query, field, reason):
    response = client.get("/search/", query)
    assert response.status_code == 400
    assert error_beside(response.content.decode(), field).startswith(reason)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("/organizations/nope/", "No organization 'nope'."),
        ("/organizations/nope/calendar/", "No organization 'nope'."),
        ("/organizations/nope/implementation/", "No organization 'nope'."),
        (f"{SCO}/bodies/nobody/", "Sco has no body 'nobody'"),
        (f"{SCO}/bodies/security-council-secretaries/meetings/99/", "has no meeting '99'"),
        (f"{SCO}/bodies/security-council-secretaries/meetings/2019-05-bishkek/", "no meeting"),
        (f"{SCO}/bodies/nobody/meetings/14/", "Sco has no body 'nobody'"),
        (
            "/organizations/nope/bodies/security-council-secretaries/meetings/14/",
            "No organization 'nope'.",
        ),
        (f"{SCO}/documents/no-such-document/", "Sco has no document 'no-such-document'."),
        ("/people/nobody/", "No person 'nobody'."),
    ],
)
def test_unknown_things_are_not_found(client, url, reason):
    response = client.get(url)
    assert response.status_code == 404
    words = text(response)
    assert reason in words
    assert "It does not exist, or you may not read it." in words
