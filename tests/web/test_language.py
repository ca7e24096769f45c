"""The language switcher: a GET form that remembers the choice in a cookie, so public
pages carry no per-reader token and answer conditional GETs."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_choosing_a_language_sets_the_cookie_and_returns_to_the_page(client):
    answer = client.get("/language/", {"language": "ru", "next": "/organizations/sco/"})
    assert answer.status_code == 302
    assert answer["Location"] == "/organizations/sco/"
    assert answer.cookies["django_language"].value == "ru"
    page = client.get("/organizations/sco/")
    assert page["Content-Language"] == "ru"
    assert '<html lang="ru">' in page.text


def test_an_unknown_language_is_refused_by_name(client):
    answer = client.get("/language/", {"language": "xx", "next": "/"})
    assert answer.status_code == 400
    assert answer.text == "language: expected one of en, ru, zh-hans, got 'xx'"
    assert "django_language" not in answer.cookies


def test_next_cannot_send_the_reader_to_another_site(client):
    answer = client.get("/language/", {"language": "zh-hans", "next": "https://evil.example/"})
    assert answer["Location"] == "/"


def test_a_public_page_is_the_same_for_every_reader_and_answers_304(client):
    first = client.get("/organizations/sco/")
    second = client.get("/organizations/sco/")
    assert first["ETag"] == second["ETag"]
    again = client.get("/organizations/sco/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
