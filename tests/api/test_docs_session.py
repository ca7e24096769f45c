"""The interactive API docs (/api/v1/docs) as a signed-in user tries them in a browser:
the page gives the session's CSRF token and sends it with every request, so a write is
taken (without it, still refused: 403); and the ETag the browser receives, which
compression marks weak (`W/"..."`), is taken back in If-Match to edit a release."""

from __future__ import annotations

import gzip
import json
import re

from django.test import Client

from tests.accounts.people import RoleSpec
from tests.api.conftest import PREFIX, record_hit
from tests.web.conftest import sign_in

RELEASES = "/organizations/sco/bodies/security-council-secretaries/meetings/14/releases"
RELEASE = "/organizations/sco/releases/security-council-secretaries-14-press-release-en"
BROWSER = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def _body(answer) -> dict:
    raw = answer.content
    if answer.get("Content-Encoding") == "gzip":
        raw = gzip.decompress(raw)
    return json.loads(raw)


def test_the_docs_send_the_sessions_csrf_token_and_a_weak_etag_is_taken(db):
    browser = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    sign_in(browser, RoleSpec("api-docs-secretariat", secretariat=frozenset({"sco"})))
    docs = browser.get(PREFIX + "/docs").content.decode()
    assert 'data-api-csrf="true"' in docs
    token = re.search(r'data-csrf-token="([^"]+)"', docs).group(1)
    # Without the token a session's write is still refused, and nothing is drafted.
    record_hit("post", PREFIX + RELEASES)
    refused = browser.post(PREFIX + RELEASES, "{}", content_type="application/json")
    assert refused.status_code == 403
    drafted = browser.post(
        PREFIX + RELEASES,
        '{"language": "en"}',
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
        **BROWSER,
    )
    assert drafted.status_code == 201, drafted.content
    tag = drafted["ETag"]
    assert tag.startswith('W/"')  # compressed on the way: the tag is marked weak
    record_hit("patch", PREFIX + RELEASE)
    edited = browser.patch(
        PREFIX + RELEASE,
        '{"headline": "Edited in the docs"}',
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
        HTTP_IF_MATCH=tag,
        **BROWSER,
    )
    assert edited.status_code == 200, edited.content
    assert _body(edited)["headline"] == "Edited in the docs"
    # Read again (compressed), edited again with the weak tag of the read.
    read = browser.get(PREFIX + RELEASE, **BROWSER)
    again = browser.patch(
        PREFIX + RELEASE,
        '{"text": "A text of our own.", "dateline": "Bishkek, 16 May 2019"}',
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
        HTTP_IF_MATCH=read["ETag"],
        **BROWSER,
    )
    assert again.status_code == 200, again.content
    assert _body(again)["dateline"] == "Bishkek, 16 May 2019"
    # A tag of an earlier state is still refused, weak or not.
    stale = browser.patch(
        PREFIX + RELEASE,
        '{"text": "Over a change I did not see."}',
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
        HTTP_IF_MATCH=read["ETag"],
        **BROWSER,
    )
    assert stale.status_code == 412
