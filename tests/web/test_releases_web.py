"""Releases in the browser: the secretariat drafts one from the meeting page, edits it on
its working page (a new version shows its differences; a stale edit answers 409 and
keeps what was typed), reviews and publishes it through the services (a refusal is
shown with its reason, nothing written); readers get a formatted public page linked
from the meeting. Those who do not keep the record see no drafting at all (404)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.core.models import AuditEntry
from accord.meetings.models import Meeting
from accord.publishing.models import PressRelease, ReleaseVersion
from tests.web.conftest import text
from tests.web.forms import form_fields, post_data

SCS = "/organizations/sco/bodies/security-council-secretaries"
MEETING_14 = f"{SCS}/meetings/14/"
DRAFT = f"{MEETING_14}releases/new/"
EN_SLUG = "security-council-secretaries-14-press-release-en"
ZH_SLUG = "security-council-secretaries-14-press-release-zh"
WORK = "/organizations/sco/releases/{}/work/"
PUBLIC = "/releases/sco/{}/"


def _draft(client, language="en", **more):
    data = {"kind": "press-release", "language": language, "classification": "public", **more}
    return client.post(DRAFT, data)


@pytest.fixture
def secretariat(as_role):
    return as_role("secretariat")


def test_the_secretariat_drafts_from_the_meeting_page(secretariat):
    page = secretariat.get(MEETING_14)
    fields = form_fields(page, "draft-release")
    assert set(fields) >= {"kind", "language", "classification", "csrfmiddlewaretoken"}
    assert f'action="{DRAFT}"' in page.content.decode()
    drafted = secretariat.post(DRAFT, post_data(fields, language="en"))
    assert drafted.status_code == 303
    assert drafted["Location"] == WORK.format(EN_SLUG)
    work = secretariat.get(drafted["Location"])
    assert work.status_code == 200
    words = text(work)
    assert "Version 1, draft" in words
    assert "15 May 2019" in words  # the dateline and text, as drafted
    assert "Mark reviewed" in words and "Publish" in words
    # The meeting page lists the draft for those who keep the record.
    assert WORK.format(EN_SLUG) in secretariat.get(MEETING_14).content.decode()


def test_a_refused_draft_is_shown_beside_its_field(secretariat):
    refused = _draft(secretariat, language="de")
    assert refused.status_code == 422
    assert not PressRelease.objects.exists()
    assert 'aria-invalid="true"' in refused.content.decode()


@pytest.mark.parametrize("role", ["delegation", "delegation-scs", "observer"])
def test_others_see_no_drafting(as_role, secretariat, role):
    _draft(secretariat)
    reader = as_role(role)
    page = reader.get(MEETING_14).content.decode()
    assert "draft-release" not in page and "/work/" not in page
    assert reader.get(WORK.format(EN_SLUG)).status_code == 404
    assert reader.post(DRAFT, {"language": "en"}).status_code == 404
    before = ReleaseVersion.objects.values_list("state", flat=True).get()
    assert reader.post(WORK.format(EN_SLUG), {"step": "review"}).status_code == 404
    assert ReleaseVersion.objects.values_list("state", flat=True).get() == before
    assert reader.get(PUBLIC.format(EN_SLUG)).status_code == 404  # a draft


def test_the_public_is_sent_to_sign_in_and_sees_no_drafting(client, secretariat):
    _draft(secretariat)
    assert "draft-release" not in client.get(MEETING_14).content.decode()
    assert client.get(WORK.format(EN_SLUG)).status_code == 302
    assert client.get(PUBLIC.format(EN_SLUG)).status_code == 404


def test_an_edit_writes_and_the_versions_show_their_differences(secretariat):
    _draft(secretariat)
    url = WORK.format(EN_SLUG)
    fields = form_fields(secretariat.get(url), "release-edit")
    edited = secretariat.post(url, post_data(fields, headline="A new headline"))
    assert edited.status_code == 303
    assert ReleaseVersion.objects.get().headline == "A new headline"
    # Reviewed and published, then corrected: a new version.
    assert secretariat.post(url, {"step": "review"}).status_code == 303
    assert secretariat.post(url, {"step": "publish"}).status_code == 303
    fields = form_fields(secretariat.get(url), "release-edit")
    typed = fields["text"][0].replace("15 May 2019", "16 May 2019", 1)
    assert secretariat.post(url, post_data(fields, text=typed)).status_code == 303
    assert list(ReleaseVersion.objects.order_by("number").values_list("number", "state")) == [
        (1, "published"),
        (2, "draft"),
    ]
    page = secretariat.get(url).content.decode()
    version_2 = page.split('id="versions"')[1].split("<article")[1]
    assert re.search(r"<del>.*15.*</del>", version_2) and re.search(r"<ins>.*16.*</ins>", version_2)
    assert "[removed: 15] [added: 16] May 2019" in text(version_2)


def test_publishing_a_draft_is_refused_with_the_reason_and_nothing_written(secretariat):
    _draft(secretariat)
    before = AuditEntry.objects.count()
    refused = secretariat.post(WORK.format(EN_SLUG), {"step": "publish"})
    assert refused.status_code == 422
    alert = text(refused.content.decode().split('role="alert"')[1].split("</div>")[0])
    assert "review it before publishing" in alert
    assert AuditEntry.objects.count() == before
    assert ReleaseVersion.objects.get().state == "draft"


def test_an_unchanged_edit_is_refused_by_the_service(secretariat):
    _draft(secretariat)
    url = WORK.format(EN_SLUG)
    fields = form_fields(secretariat.get(url), "release-edit")
    before = AuditEntry.objects.count()
    # As a browser sends it: the textarea's lines ended by CR LF.
    crlf = fields["text"][0].replace("\n", "\r\n")
    refused = secretariat.post(url, post_data(fields, text=crlf))
    assert refused.status_code == 422
    assert "nothing to change" in text(refused)
    assert AuditEntry.objects.count() == before
    assert ReleaseVersion.objects.get().generated  # still as drafted


def test_a_stale_edit_answers_409_keeps_what_was_typed_and_shows_the_differences(secretariat):
    _draft(secretariat)
    url = WORK.format(EN_SLUG)
    fields = form_fields(secretariat.get(url), "release-edit")
    # Someone else changes the headline meanwhile.
    other = form_fields(secretariat.get(url), "release-edit")
    assert secretariat.post(url, post_data(other, headline="Their headline")).status_code == 303
    stale = secretariat.post(url, post_data(fields, headline="My headline"))
    assert stale.status_code == 409
    assert ReleaseVersion.objects.get().headline == "Their headline"
    kept = form_fields(stale, "release-edit")
    assert kept["headline"] == ["My headline"]
    alert = stale.content.decode().split('role="alert"')[1].split("</div>")[0]
    assert re.search(r"<del>.*My.*</del>", alert) and re.search(r"<ins>.*Their.*</ins>", alert)
    # Seen their change, saving again puts mine over it.
    assert secretariat.post(url, post_data(kept)).status_code == 303
    assert ReleaseVersion.objects.get().headline == "My headline"


def test_publishing_is_refused_while_translations_are_missing_then_allowed_after_an_edit(
    secretariat,
):
    Meeting.objects.filter(body__slug="security-council-secretaries", number=14).update(
        city_names={"ru": "Бишкек"}
    )
    assert _draft(secretariat, language="zh").status_code == 303
    url = WORK.format(ZH_SLUG)
    page = secretariat.get(url)
    words = text(page)
    assert "meeting security-council-secretaries 14: city" in words
    assert "cannot be published" in words
    assert secretariat.post(url, {"step": "review"}).status_code == 303
    before = AuditEntry.objects.count()
    refused = secretariat.post(url, {"step": "publish"})
    assert refused.status_code == 422
    assert "what the record does not have" in text(refused)
    assert AuditEntry.objects.count() == before
    assert ReleaseVersion.objects.get().state == "reviewed"
    # Edited by hand (the city written in Chinese), reviewed again, then published.
    fields = form_fields(secretariat.get(url), "release-edit")
    typed = fields["text"][0].replace("Bishkek", "比什凯克")
    assert secretariat.post(url, post_data(fields, text=typed)).status_code == 303
    assert secretariat.post(url, {"step": "review"}).status_code == 303
    assert secretariat.post(url, {"step": "publish"}).status_code == 303
    assert ReleaseVersion.objects.get().state == "published"


def test_the_published_release_is_linked_from_the_meeting_and_is_a_page(client, secretariat):
    _draft(secretariat, language="ru")
    url = WORK.format(EN_SLUG.replace("-en", "-ru"))
    secretariat.post(url, {"step": "review"})
    secretariat.post(url, {"step": "publish"})
    slug = EN_SLUG.replace("-en", "-ru")
    meeting = client.get(MEETING_14).content.decode()
    assert f'href="{PUBLIC.format(slug)}"' in meeting
    public = client.get(PUBLIC.format(slug))
    assert public.status_code == 200
    assert public["Content-Type"].startswith("text/html")
    body = public.content.decode()
    assert '<article class="release" lang="ru">' in body
    headline = ReleaseVersion.objects.get().headline
    assert re.search(r"<h1>\s*" + re.escape(headline), body)
    assert f'href="{MEETING_14}"' in body
    plain = client.get(PUBLIC.format(slug) + "?format=txt")
    assert plain["Content-Type"].startswith("text/plain")
    assert plain.content.decode().startswith(headline)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(url)
    assert answer.status_code == 200, url
    return len(queries)


def test_the_new_pages_keep_a_constant_query_count(client, secretariat):
    _draft(secretariat, language="ru")
    slug = EN_SLUG.replace("-en", "-ru")
    url = WORK.format(slug)
    secretariat.post(url, {"step": "review"})
    secretariat.post(url, {"step": "publish"})
    first = (_count(secretariat, url), _count(client, PUBLIC.format(slug)))
    first_meeting = _count(secretariat, MEETING_14)
    # More versions and more releases: the same number of queries.
    for n in range(3):
        fields = form_fields(secretariat.get(url), "release-edit")
        secretariat.post(url, post_data(fields, headline=f"Headline {n}"))
        secretariat.post(url, {"step": "review"})
        secretariat.post(url, {"step": "publish"})
    _draft(secretariat, language="en")
    _draft(secretariat, language="en", kind="information-report")
    assert ReleaseVersion.objects.filter(release__slug=slug).count() == 4
    assert (_count(secretariat, url), _count(client, PUBLIC.format(slug))) == first
    assert _count(secretariat, MEETING_14) == first_meeting
