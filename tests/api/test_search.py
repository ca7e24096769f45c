"""GET /search: the search service for clients, restricted like every read."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_public_finds_public_documents_with_their_snippet_and_page(anonymous):
    answer = anonymous.get("/search?q=roadmap&kind=document&limit=5")
    assert answer.status == 200
    assert answer.body["query"] == "roadmap"
    first = answer.body["hits"][0]
    assert first["kind"] == "document"
    assert first["id"] == "afghanistan-contact-group-roadmap"
    assert first["organization"] == "sco"
    assert "<mark>" in first["snippet"].lower()
    assert first["url"] == "/organizations/sco/documents/afghanistan-contact-group-roadmap/"
    assert "ETag" in answer.headers


def test_restricted_documents_are_found_only_by_those_who_may_read_them(anonymous, as_role):
    query = "/search?q=information%20report&kind=document"
    assert anonymous.get(query).body["hits"] == []
    assert as_role("observer").get(query).body["hits"] == []
    found = as_role("secretariat").get(query).body["hits"]
    assert [h["id"] for h in found] == ["scsc-14-information-report"]


def test_meetings_are_named_by_number_and_titles_come_in_the_language_asked(anonymous):
    answer = anonymous.get("/search?q=Bishkek&kind=meeting&organization=sco&lang=ru")
    assert answer.status == 200
    numbers = [h["id"] for h in answer.body["hits"]]
    assert "14" in numbers
    fourteenth = answer.body["hits"][numbers.index("14")]
    assert fourteenth["date"] == "2019-05-15"
    assert any("а" <= c <= "я" for c in fourteenth["title"].lower())


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/search?q=a", "q"),
        ("/search?q=" + "x" * 201, "q"),
        ("/search?q=plan&limit=0", "limit"),
        ("/search?q=plan&limit=201", "limit"),
        ("/search?q=plan&kind=treaty", "kind"),  # answered as kind[0]
        ("/search?q=plan&lang=fr", "lang"),
    ],
)
def test_bad_input_names_the_field(anonymous, query, field):
    answer = anonymous.get(query)
    assert answer.status == 422
    assert [re.split(r"[.\[]", f)[0] for f in answer.fields] == [field], answer.body


def test_an_unknown_organization_is_not_found(anonymous):
    answer = anonymous.get("/search?q=plan&organization=nope")
    assert answer.status == 404
    assert answer.fields
