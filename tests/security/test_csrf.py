"""Cross-site request forgery: every way to post to Accord with ambient credentials (a
session cookie) needs the CSRF token.

- Every URL pattern of the web pages, the accounts pages and the publishing URLs refuses
  a POST without the token (403), whatever the view, signed in or not.
- Every form of the pages is sent as a browser would, without its token: refused, and
  nothing changes (no audit entry, no sign-in or sign-out, no token made or revoked).
- Every write operation of the API, with a session and no token, is refused (403); so is
  one whose token is right but whose Origin is another site. A bearer token needs no
  CSRF token: it is not sent by the browser on its own.
"""

from __future__ import annotations

import functools
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accord.accounts import services
from accord.accounts.access import viewer_of
from accord.accounts.models import ApiToken
from accord.api.api import api as accord_api
from accord.core.models import AuditEntry
from accord.decisions.inputs import DecisionFields
from accord.decisions.services import save_decision
from accord.meetings.models import Meeting
from accord.publishing.services import draft_release
from tests.security.conftest import PASSWORD
from tests.security.forms import post_forms

SCS = "/organizations/sco/bodies/security-council-secretaries"
SAMPLE = {"int": "1", "slug": "x", "str": "x", "path": "x"}


def patterns(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    """Every route of the project, as a template (`organizations/<slug:org>/...`)."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            found += patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            found.append(prefix + str(entry.pattern))
    return found


def concrete(route: str) -> str:
    return "/" + re.sub(r"<(\w+):\w+>", lambda m: SAMPLE[m[1]], route)


WEB_ROUTES = [r for r in patterns() if not r.startswith("api/")]


def signed_in(user) -> Client:
    client = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def state(user) -> tuple:
    tokens = ApiToken.objects.filter(user=user)
    return (
        AuditEntry.objects.count(),
        tokens.count(),
        tokens.filter(revoked_at__isnull=True).count(),
    )


@pytest.mark.database_independent
def test_the_walk_covers_the_pages_with_forms():
    assert {"accounts/login/", "accounts/logout/", "accounts/tokens/"} <= set(WEB_ROUTES)
    assert any(r.endswith("meetings/new/") for r in WEB_ROUTES)
    assert any(r.endswith("/position/") for r in WEB_ROUTES)


def test_every_route_refuses_a_post_without_the_csrf_token(officer):
    client = signed_in(officer)
    before = state(officer)
    taken = []
    for route in WEB_ROUTES:
        answer = client.post(concrete(route), {"anything": "1"})
        if answer.status_code != 403:
            taken.append((route, answer.status_code))
    assert not taken, f"posts taken without the CSRF token: {taken}"
    assert state(officer) == before
    assert "_auth_user_id" in client.session  # still signed in: not even a sign-out


def test_every_form_of_the_pages_is_refused_without_its_token(officer, delegate):
    meeting = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    save_decision(meeting, "csrf-plan", DecisionFields(title="On a plan", outcome="open"), [])
    services.create_token(officer, "to revoke")
    release = draft_release(viewer_of(officer), meeting, language="en")
    pages = [
        "/",
        "/accounts/tokens/",
        "/accounts/two-factor/",
        f"{SCS}/meetings/new/",
        f"{SCS}/meetings/14/edit/",
        f"{SCS}/meetings/14/decisions/csrf-plan/position/?party=KG",
        f"{SCS}/meetings/14/",
        f"/organizations/sco/releases/{release.slug}/work/",
    ]
    client = signed_in(officer)
    sent = set()
    for url in pages:
        page = client.get(url)
        assert page.status_code == 200, url
        for form in post_forms(page.content.decode(), url):
            token = form.fields.pop("csrfmiddlewaretoken", None)
            assert token, f"a form of {url} posting to {form.action} has no CSRF token"
            data = dict(form.fields)
            if form.submit:
                data[form.submit[0]] = [form.submit[1]]
            before = state(officer)
            answer = client.post(form.action, data)
            assert answer.status_code == 403, (url, form.action)
            assert state(officer) == before, (url, form.action)
            assert "_auth_user_id" in client.session
            sent.add(form.action.split("?")[0])
    assert {"/accounts/logout/", "/accounts/tokens/", "/accounts/two-factor/"} <= sent
    assert f"{SCS}/meetings/new/" in sent
    assert f"{SCS}/meetings/14/decisions/csrf-plan/position/" in sent
    assert {
        f"{SCS}/meetings/14/releases/new/",
        f"/organizations/sco/releases/{release.slug}/work/",
    } <= sent


def test_the_login_form_is_refused_without_its_token(officer):
    client = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    [form] = post_forms(client.get("/accounts/login/").content.decode(), "/accounts/login/")
    assert form.fields.pop("csrfmiddlewaretoken")
    data = {**form.fields, "username": officer.get_username(), "password": PASSWORD}
    assert client.post(form.action, data).status_code == 403
    assert "_auth_user_id" not in client.session
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    assert client.post(form.action, data).status_code == 302  # the same, with its token
    assert "_auth_user_id" in client.session


def test_the_refusal_is_a_page_of_accords_own_in_the_readers_language(officer):
    client = signed_in(officer)
    refused = client.post("/accounts/tokens/", {"name": "x"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "Форма не принята" in page and "Ничего не изменено" in page
    assert "<style" not in page and "style=" not in page
    assert "unsafe-inline" not in refused["Content-Security-Policy"]


def test_a_form_with_its_token_is_taken(officer):
    client = signed_in(officer)
    client.get("/accounts/tokens/")
    before = ApiToken.objects.filter(user=officer).count()
    answer = client.post(
        "/accounts/tokens/",
        {"name": "laptop", "scope": "full", "days": "30", "create": "1",
         "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
    )  # fmt: skip
    assert answer.status_code == 200
    assert ApiToken.objects.filter(user=officer).count() == before + 1


@functools.cache
def schema() -> dict:
    return accord_api.get_openapi_schema(path_prefix="/api/v1")


def api_writes() -> list[tuple[str, str]]:
    return [
        (method, path)
        for path, operations in schema()["paths"].items()
        for method in operations
        if method in {"post", "put", "patch", "delete"}
    ]


def test_every_api_write_takes_a_session(officer):
    writes = api_writes()
    assert len(writes) > 20
    for method, path in writes:
        schemes = {name for s in schema()["paths"][path][method]["security"] for name in s}
        assert "SessionAuth" in schemes, (method, path)


def test_every_api_write_with_a_session_needs_the_csrf_token(officer):
    client = signed_in(officer)
    client.get("/accounts/tokens/")  # the CSRF cookie is set, as in a browser
    assert client.cookies["csrftoken"].value
    before = state(officer)
    taken = []
    for method, path in api_writes():
        url = re.sub(r"\{[^}]+\}", "1", path)
        answer = getattr(client, method)(url, "{}", content_type="application/json")
        refused = answer.status_code == 403 and answer.json()["detail"] == [
            {"field": "", "reason": "CSRF check Failed"}
        ]
        if not refused:
            taken.append((method, path, answer.status_code))
    assert not taken, f"API writes not refused for want of the CSRF token: {taken}"
    assert state(officer) == before


def test_an_api_write_with_the_session_and_its_token_from_this_site_is_taken(officer):
    client = signed_in(officer)
    client.get("/accounts/tokens/")  # any page sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    url = "/api/v1/organizations/sco/topics"
    body = '{"id": "csrf-topic", "name": "A topic"}'
    other_site = client.post(
        url, body, content_type="application/json", HTTP_X_CSRFTOKEN=csrf,
        HTTP_ORIGIN="https://elsewhere.example",
    )  # fmt: skip
    assert other_site.status_code == 403
    taken = client.post(
        url, body, content_type="application/json", HTTP_X_CSRFTOKEN=csrf,
        HTTP_ORIGIN="http://127.0.0.1",
    )  # fmt: skip
    assert taken.status_code == 201, taken.content


def test_a_bearer_token_write_needs_no_csrf_token(officer):
    _, secret = services.create_token(officer, "program")
    client = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    answer = client.post(
        "/api/v1/organizations/sco/topics",
        '{"id": "bearer-topic", "name": "A topic"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert answer.status_code == 201, answer.content
