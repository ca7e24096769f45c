"""Security headers on every kind of answer: pages, the API and its docs, feeds,
calendars, exports, static files and document downloads; HSTS over TLS only."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from accord.documents.models import Document
from accord.documents.services import attach_file, set_versions
from tests.documents_files import samples

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
SCS = "/organizations/sco/bodies/security-council-secretaries"
ANSWERS = [
    "/",
    "/organizations/sco/",
    f"{SCS}/meetings/14/",
    "/accounts/login/",
    "/search/?q=plan",
    "/organizations/sco/nothing-here/",  # the not-found page
    "/api/v1/organizations/sco",
    "/api/v1/organizations/nothing-here",  # an API error
    "/api/v1/docs",
    "/api/v1/openapi.json",
    "/feeds/sco/releases.atom",
    "/calendar/sco.ics",
    "/export/sco/parties.csv",
    "/static/accord/accord.css",
    "/static/ninja/swagger-ui-bundle.js",
]


def directives(header: str) -> dict[str, str]:
    parts = (p.strip().split(None, 1) for p in header.split(";") if p.strip())
    return {p[0]: p[1] if len(p) > 1 else "" for p in parts}


def assert_hardened(answer) -> None:
    policy = directives(answer["Content-Security-Policy"])
    for name, value in CSP.items():
        assert policy[name] == value, (name, policy)
    assert "unsafe-inline" not in answer["Content-Security-Policy"]
    assert "unsafe-eval" not in answer["Content-Security-Policy"]
    assert answer["X-Frame-Options"] == "DENY"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Referrer-Policy"] == "same-origin"
    assert answer["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in answer["Permissions-Policy"]
    assert "geolocation=()" in answer["Permissions-Policy"]


@pytest.mark.parametrize("url", ANSWERS)
def test_every_kind_of_answer_carries_the_security_headers(client, db, url):
    answer = client.get(url)
    assert answer.status_code in (200, 404), (url, answer.status_code)
    assert_hardened(answer)
    assert "Strict-Transport-Security" not in answer  # plain HTTP here: no HSTS


def test_a_cached_public_answer_keeps_its_headers(client, db, settings):
    settings.ACCORD_RESPONSE_CACHE = True
    first, second = client.get("/organizations/sco/"), client.get("/organizations/sco/")
    assert first.status_code == second.status_code == 200
    assert_hardened(second)


def test_a_document_download_carries_the_security_headers(client, db):
    document = Document.objects.get(slug="sco-press-release-2019-05-15")
    set_versions(document, [{"number": 1, "language": "ru", "text": ""}])
    attach_file(document, number=1, language="ru", kind="language-version",
                name="press.pdf", content=io.BytesIO(samples.pdf("Press release")))  # fmt: skip
    answer = client.get(
        f"/organizations/sco/documents/{document.slug}/versions/1/files/ru/language-version/"
    )
    assert answer.status_code == 200
    assert_hardened(answer)


def test_a_write_answer_carries_the_security_headers(client, db):
    answer = client.post("/api/v1/organizations/sco/topics", {}, content_type="application/json")
    assert answer.status_code == 401
    assert_hardened(answer)


def test_hsts_over_tls_only(settings, db):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    client = Client(HTTP_HOST="127.0.0.1")  # a new client reads the settings anew
    over_tls = client.get("/", secure=True)
    assert over_tls["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert "Strict-Transport-Security" not in client.get("/")


# --- caching: who an answer is for --------------------------------------------------------

# Answers that depend on who asks: pages (and the not-found page, which a hidden object
# answers too), search, the calendar, feeds, CSV, plain-text releases and the API.
PER_VIEWER = [
    "/",
    "/organizations/sco/",
    f"{SCS}/meetings/14/",
    "/search/?q=plan",
    "/organizations/sco/nothing-here/",
    "/calendar/sco.ics",
    "/feeds/sco/releases.atom",
    "/export/sco/parties.csv",
    "/releases/sco/",
    "/api/v1/organizations/sco",
]


def _vary(answer) -> set[str]:
    return {v.strip().lower() for v in answer.get("Vary", "").split(",") if v.strip()}


def _cache_control(answer) -> set[str]:
    return {v.strip().lower() for v in answer.get("Cache-Control", "").split(",") if v.strip()}


@pytest.fixture
def reader(db, settings):
    """A signed-in reader's token and session (the secretariat: it reads more than the
    public)."""
    from accord.accounts import services
    from tests.accounts.people import RoleSpec, make

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    made = make(RoleSpec("headers-officer", secretariat=frozenset({"sco"})))
    _, token = services.create_token(made.user, "headers", days=1, scope="read")
    session = Client(HTTP_HOST="127.0.0.1")
    session.force_login(made.user)
    return token, session


@pytest.mark.parametrize("cached", [False, True], ids=["computed", "response-cache"])
@pytest.mark.parametrize("url", PER_VIEWER)
def test_an_answer_for_a_token_or_a_session_is_private(reader, settings, url, cached):
    settings.ACCORD_RESPONSE_CACHE = cached
    token, session = reader
    by_header = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")
    for client in (by_header, session):
        for _ in range(2):  # the second from the response cache, where it keeps any
            answer = client.get(url)
            assert answer.status_code in (200, 404), (url, answer.status_code)
            assert {"authorization", "cookie"} <= _vary(answer), (url, answer.get("Vary"))
            assert "private" in _cache_control(answer), (url, answer.get("Cache-Control"))
            assert "public" not in _cache_control(answer)


@pytest.mark.parametrize("url", ["/calendar/sco.ics", "/feeds/sco/adopted.atom"])
def test_an_answer_for_a_token_in_the_url_is_private(reader, client, url):
    token, _ = reader
    answer = client.get(f"{url}?token={token}")
    assert answer.status_code == 200
    assert "private" in _cache_control(answer), answer.get("Cache-Control")


@pytest.mark.parametrize("url", [u for u in PER_VIEWER if not u.startswith("/api/")])
def test_a_public_answer_says_what_it_depends_on_and_stays_cacheable(client, db, settings, url):
    settings.ACCORD_RESPONSE_CACHE = True
    for _ in range(2):
        answer = client.get(url)
        assert answer.status_code in (200, 404), (url, answer.status_code)
        assert {"authorization", "cookie"} <= _vary(answer), (url, answer.get("Vary"))
        assert not _cache_control(answer) & {"private", "no-store", "no-cache"}, url


def test_a_not_modified_answer_keeps_the_caching_headers(reader):
    token, _ = reader
    by_header = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")
    first = by_header.get("/calendar/sco.ics")
    again = by_header.get("/calendar/sco.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert {"authorization", "cookie"} <= _vary(again)
    assert "private" in _cache_control(again)


def test_static_files_stay_public(client, db):
    answer = client.get("/static/accord/accord.css")
    assert answer.status_code == 200
    assert "private" not in _cache_control(answer)
