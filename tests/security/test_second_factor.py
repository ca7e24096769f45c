"""The second factor (django-otp's TOTP and static devices): enrolling with a one-time
enrolment code an administrator gives, the code (or a backup code) asked at sign-in,
verified sessions for reading, recording and token creation, an organization's rule
for its secretariat, and the administrator's reset (audited). API tokens are not
concerned."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.accounts import services
from accord.accounts.models import EnrolmentCode, SecondFactorRule
from accord.accounts.views import PENDING
from accord.core.audit import acting
from accord.core.models import AuditEntry
from accord.core.persist import delete
from accord.registry.models import Organization
from tests.publishing.conftest import MARKER, restricted  # noqa: F401 (a fixture)
from tests.security import totp
from tests.security.conftest import PASSWORD

SCS = "/organizations/sco/bodies/security-council-secretaries"
REPORT = "scsc-14-information-report"  # the seed's organization-restricted report


def browser() -> Client:
    return Client(HTTP_HOST="127.0.0.1")


def sign_in(client: Client, user) -> object:
    return client.post("/accounts/login/", {"username": user.get_username(), "password": PASSWORD})


CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")


def issued(user) -> str:
    """An enrolment code for `user`, as an administrator issues it."""
    with acting("cli:test"):
        return services.issue_enrolment_code(user)[1]


def give_enrolment_code(client: Client, code: str) -> object:
    return client.post("/accounts/two-factor/", {"enrolment_code": code})


def secret_of(page: str) -> bytes:
    return totp.key_of(re.search(r'id="secret" type="text" readonly value="([A-Z2-7 ]+)"', page)[1])


def backup_codes_of(page: str) -> list[str]:
    return re.findall(r'<code class="backup-code">([a-z2-7]{8})</code>', page)


def enrolled(client: Client, user, code: str | None = None) -> tuple[bytes, list[str]]:
    """Enrol the signed-in `user` as a person would: give the enrolment code, read the
    secret, give the app's code; (the secret, the backup codes shown)."""
    given = give_enrolment_code(client, code or issued(user))
    assert given.status_code == 303, given.content.decode()
    key = secret_of(client.get(given["Location"]).content.decode())
    done = client.post("/accounts/two-factor/", {"code": totp.code(key)})
    assert done.status_code == 200, done.content.decode()
    assert "This session is verified" not in done.content.decode()
    return key, backup_codes_of(done.content.decode())


def enrol(client: Client, user) -> bytes:
    return enrolled(client, user)[0]


def session_user(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def test_the_enrolment_page_shows_a_qr_code_and_the_secret_within_the_csp(client, officer):
    sign_in(client, officer)
    give_enrolment_code(client, issued(officer))
    answer = client.get("/accounts/two-factor/")
    page = answer.content.decode()
    assert answer.status_code == 200
    svg = re.search(r"<svg .*?</svg>", page, re.S)[0]
    assert 'role="img"' in svg and "<title>QR code of your Accord secret</title>" in svg
    assert "style" not in svg and " style=" not in page
    # No inline script (the page's one script is a file of Accord's own, as the CSP allows).
    assert re.search(r"<script(?![^>]*\bsrc=)", page) is None
    assert "no-store" in answer["Cache-Control"]
    secret = re.search(r'id="secret" type="text" readonly value="([A-Z2-7 ]+)"', page)[1]
    assert len(totp.key_of(secret)) == 20
    again = client.get("/accounts/two-factor/").content.decode()
    assert secret in again  # the same secret until confirmed


def test_a_wrong_code_enrols_nothing_and_the_right_one_enrols(client, officer):
    sign_in(client, officer)
    code = issued(officer)
    give_enrolment_code(client, code)
    client.get("/accounts/two-factor/")
    before = AuditEntry.objects.count()
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    wrong = client.post("/accounts/two-factor/", {"code": "000000"})
    assert wrong.status_code == 422
    assert "not the code of now" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert AuditEntry.objects.count() == before
    _, backup = enrolled(client, officer, code)
    device = TOTPDevice.objects.get(user=officer)
    assert device.confirmed
    entries = AuditEntry.objects.filter(seq__gt=last)
    assert [(e.operation, e.model) for e in entries.order_by("seq")] == [
        ("update", "accounts.EnrolmentCode"),
        ("create", "otp_totp.TOTPDevice"),
        ("create", "otp_static.StaticDevice"),
    ]
    assert {e.actor for e in entries} == {f"user:{officer.get_username()}"}
    trail = str([(e.before, e.after) for e in entries])
    assert device.key not in trail  # the secret never enters the trail
    assert not any(c in trail for c in backup)  # nor do the backup codes
    assert entries.get(model="otp_static.StaticDevice").after["codes"] == 10
    # The session that enrolled has given a code: it may create tokens.
    assert client.get("/accounts/tokens/").status_code == 200


def test_after_enrolling_signing_in_asks_for_the_code(officer):
    first = browser()
    sign_in(first, officer)
    key = enrol(first, officer)
    client = browser()
    answer = sign_in(client, officer)
    assert answer.status_code == 302 and answer["Location"] == "/accounts/login/code/"
    assert session_user(client) is None  # the password alone signs nobody in
    assert client.get("/accounts/tokens/").status_code == 302
    pending_key = client.session.session_key
    wrong = client.post("/accounts/login/code/", {"code": "123456"})
    assert wrong.status_code == 422 and session_user(client) is None
    assert "That is not the code of now" in wrong.content.decode()
    time.sleep(1.1)  # django-otp's throttle: one second after one wrong code
    # The code of the next step: the code of now was used up by the enrolment.
    done = client.post("/accounts/login/code/", {"code": totp.code(key, 1)})
    assert done.status_code == 302 and done["Location"] == "/tasks/"
    assert session_user(client) == str(officer.pk)
    assert client.session.session_key != pending_key
    assert client.get("/accounts/tokens/").status_code == 200
    # The same code again is refused: a code is taken once.
    replay = browser()
    sign_in(replay, officer)
    assert replay.post("/accounts/login/code/", {"code": totp.code(key, 1)}).status_code == 422
    assert session_user(replay) is None


def test_wrong_codes_are_throttled(officer):
    first = browser()
    sign_in(first, officer)
    key = enrol(first, officer)
    client = browser()
    sign_in(client, officer)
    for _ in range(3):
        client.post("/accounts/login/code/", {"code": "000000"})
    refused = client.post("/accounts/login/code/", {"code": totp.code(key, 1)})
    assert refused.status_code == 422
    assert "Too many wrong codes" in refused.content.decode()
    assert session_user(client) is None


def test_the_code_must_follow_the_password_in_time(officer):
    first = browser()
    sign_in(first, officer)
    key = enrol(first, officer)
    client = browser()
    sign_in(client, officer)
    session = client.session
    session[PENDING] = {**session[PENDING], "at": time.time() - 301}
    session.save()
    late = client.post("/accounts/login/code/", {"code": totp.code(key, 1)})
    assert late.status_code == 302 and late["Location"] == "/accounts/login/"
    assert session_user(client) is None


def test_a_session_opened_before_enrolling_must_give_the_code_to_make_tokens(officer):
    older = browser()
    sign_in(older, officer)
    key = enrol(browser_signed_in(officer), officer)
    answer = older.get("/accounts/tokens/")
    assert answer.status_code == 302
    assert answer["Location"] == "/accounts/two-factor/?next=%2Faccounts%2Ftokens%2F"
    created = older.post("/accounts/tokens/", {"name": "x", "scope": "full", "days": "9"})
    assert created.status_code == 302 and not officer.api_tokens.exists()
    given = older.post(
        "/accounts/two-factor/", {"code": totp.code(key, 1), "next": "/accounts/tokens/"}
    )
    assert given.status_code == 302 and given["Location"] == "/accounts/tokens/"
    assert older.get("/accounts/tokens/").status_code == 200


def browser_signed_in(user) -> Client:
    client = browser()
    sign_in(client, user)
    return client


def test_api_tokens_are_not_concerned(officer):
    enrol(browser_signed_in(officer), officer)
    _, secret = services.create_token(officer, "program")
    answer = browser().post(
        "/api/v1/organizations/sco/topics",
        '{"id": "otp-topic", "name": "A topic"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert answer.status_code == 201


@pytest.fixture
def sco_requires_it(accord, db):
    out = accord("user", "require-2fa", "sco").strip()
    assert out == "sco requires a second factor of its secretariat"
    return Organization.objects.get(slug="sco")


def test_an_organization_can_require_it_of_its_secretariat(sco_requires_it, officer, delegate):
    assert SecondFactorRule.objects.filter(organization=sco_requires_it).exists()
    entry = AuditEntry.objects.filter(model="accounts.SecondFactorRule").get()
    assert (entry.actor, entry.operation) == ("cli:user require-2fa", "create")
    client = browser()
    answer = sign_in(client, officer)
    assert answer["Location"] == "/accounts/two-factor/"  # signed in, sent to enrol
    assert client.get(f"{SCS}/meetings/new/").status_code == 302
    api_write = client.post(
        "/api/v1/organizations/sco/topics",
        '{"id": "required-topic", "name": "A topic"}',
        content_type="application/json",
    )
    assert api_write.status_code == 401  # the session signs nobody in to the API
    enrol(client, officer)
    assert client.get(f"{SCS}/meetings/new/").status_code == 200
    verified_write = client.post(
        "/api/v1/organizations/sco/topics",
        '{"id": "required-topic", "name": "A topic"}',
        content_type="application/json",
    )
    assert verified_write.status_code == 201
    # A delegation is not concerned by the secretariat's rule.
    other = browser()
    assert sign_in(other, delegate)["Location"] == "/tasks/"
    assert other.get("/accounts/tokens/").status_code == 200


def test_the_rule_can_be_lifted(sco_requires_it, accord, officer):
    out = accord("user", "require-2fa", "sco", "--off").strip()
    assert out == "sco no longer requires a second factor of its secretariat"
    assert sign_in(browser(), officer)["Location"] == "/tasks/"


def test_an_administrator_resets_a_lost_authenticator_audited(accord, officer):
    enrol(browser_signed_in(officer), officer)
    shown = accord("user", "show", officer.get_username())
    assert "second factor: an authenticator app; 10 backup codes left" in shown
    out = accord("user", "reset-2fa", officer.get_username()).strip()
    assert out == (
        f"{officer.get_username()}: authenticator app and backup codes removed; signing in"
        " takes the password alone; enrolling again needs a new enrolment code (accord user"
        f" enrolment-code {officer.get_username()})"
    )
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    assert not StaticToken.objects.filter(device__user=officer).exists()
    entries = AuditEntry.objects.filter(actor="cli:user reset-2fa").order_by("seq")
    assert [(e.operation, e.model, e.before) for e in entries] == [
        ("delete", "otp_totp.TOTPDevice",
         {"user": officer.get_username(), "name": "authenticator", "kind": "totp"}),
        ("delete", "otp_static.StaticDevice",
         {"user": officer.get_username(), "name": "backup codes", "kind": "backup codes",
          "codes": 10}),
    ]  # fmt: skip
    assert sign_in(browser(), officer)["Location"] == "/tasks/"
    assert "second factor" not in accord("user", "show", officer.get_username())
    again = accord("user", "reset-2fa", officer.get_username()).strip()
    assert again.endswith("has no authenticator app; nothing was changed")


def test_the_secret_never_enters_the_trail_even_when_its_user_goes(officer):
    enrol(browser_signed_in(officer), officer)
    key = TOTPDevice.objects.get(user=officer).key
    with acting("cli:test"):
        delete(get_user_model().objects.filter(pk=officer.pk))
    entries = AuditEntry.objects.filter(model="otp_totp.TOTPDevice", operation="delete")
    assert entries.count() == 1
    assert entries[0].before["key"] == "(hidden)"
    assert not AuditEntry.objects.filter(before__icontains=key).exists()


def what_it_reads(client: Client) -> dict:
    """What a session reads of the restricted record, on every way in: a page, the API,
    a feed, a calendar, an export and the search."""

    def holds_it(url: str) -> bool:
        answer = client.get(url)
        assert answer.status_code == 200, url
        return MARKER in answer.content.decode().lower()

    return {
        "page": client.get(f"/organizations/sco/documents/{REPORT}/").status_code,
        "api": client.get(f"/api/v1/organizations/sco/documents/{REPORT}").status_code,
        "feed": holds_it("/feeds/sco/adopted.atom"),
        "calendar": holds_it("/calendar/sco.ics"),
        "export": holds_it("/export/sco/documents.csv"),
        "search": holds_it("/search/?q=border+operations"),
    }


AS_THE_PUBLIC = {
    "page": 404,
    "api": 404,
    "feed": False,
    "calendar": False,
    "export": False,
    "search": False,
}
AS_THE_SECRETARIAT = {
    "page": 200,
    "api": 200,
    "feed": True,
    "calendar": True,
    "export": True,
    "search": True,
}


@pytest.mark.usefixtures("no_response_cache", "restricted")
def test_a_password_only_session_reads_as_the_public_until_it_gives_a_code(
    sco_requires_it, officer
):
    client = browser()
    assert sign_in(client, officer)["Location"] == "/accounts/two-factor/"
    assert session_user(client) == str(officer.pk)  # signed in, to enrol
    assert what_it_reads(client) == AS_THE_PUBLIC
    enrol(client, officer)
    assert what_it_reads(client) == AS_THE_SECRETARIAT


@pytest.mark.usefixtures("no_response_cache", "restricted")
def test_a_session_opened_before_enrolling_reads_as_the_public_until_it_gives_a_code(officer):
    older = browser()
    sign_in(older, officer)
    assert what_it_reads(older) == AS_THE_SECRETARIAT  # no authenticator, no rule
    key = enrol(browser_signed_in(officer), officer)
    assert what_it_reads(older) == AS_THE_PUBLIC
    older.post("/accounts/two-factor/", {"code": totp.code(key, 1)})
    assert what_it_reads(older) == AS_THE_SECRETARIAT


# ---------------------------------------------------------------------------------
# The enrolment code: issued by an administrator, given out of band, used once
# ---------------------------------------------------------------------------------


def test_an_administrator_issues_an_enrolment_code_kept_hashed_and_audited(accord, officer):
    name = officer.get_username()
    out = accord("user", "enrolment-code", name).strip()
    code = CODE.search(out)[0]
    row = EnrolmentCode.objects.get(user=officer)
    expires = row.expires.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    assert out == (
        f"{name}: enrolment code {code} (one enrolment, until {expires}); give it to"
        " them by another way than their password: in person, or by telephone"
    )
    assert abs(row.expires - timezone.now() - dt.timedelta(hours=72)) < dt.timedelta(minutes=1)
    assert code not in str(vars(row)) and code.replace("-", "") not in str(vars(row))
    entry = AuditEntry.objects.filter(model="accounts.EnrolmentCode").get()
    assert (entry.actor, entry.operation) == ("cli:user enrolment-code", "create")
    assert entry.after["code_hash"] == "(hidden)" and entry.after["used_at"] is None
    # A new code withdraws the one not yet used.
    newer = CODE.search(accord("user", "enrolment-code", name, "--hours", "1"))[0]
    assert EnrolmentCode.objects.filter(user=officer).count() == 1
    client = browser_signed_in(officer)
    assert give_enrolment_code(client, code).status_code == 422
    assert give_enrolment_code(client, newer.lower().replace("-", " ")).status_code == 303


def test_enrolling_without_an_enrolment_code_is_refused(client, officer, delegate):
    sign_in(client, officer)
    answer = client.get("/accounts/two-factor/")
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "enrolment code an administrator gave you" in page
    assert "<svg" not in page and 'id="secret"' not in page  # no secret shown yet
    # The app's code alone, or a wrong enrolment code, enrols nothing.
    assert client.post("/accounts/two-factor/", {"code": "123456"}).status_code == 422
    for wrong in ("", "ABCD-EFGH-JKLM-NPQR", issued(delegate)):
        refused = give_enrolment_code(client, wrong)
        assert refused.status_code == 422, wrong
        assert 'id="secret"' not in refused.content.decode()
    assert "That is not an enrolment code of yours" in refused.content.decode()
    assert 'id="secret"' not in client.get("/accounts/two-factor/").content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()


def test_an_enrolment_code_enrols_once(officer):
    code = issued(officer)
    first = browser_signed_in(officer)
    enrolled(first, officer, code)
    row = EnrolmentCode.objects.get(user=officer)
    assert row.used_at is not None
    entry = AuditEntry.objects.filter(model="accounts.EnrolmentCode", operation="update").get()
    assert entry.actor == f"user:{officer.get_username()}" and entry.after["used_at"]
    # After a reset, the same code is refused: enrolling again needs a new one.
    with acting("cli:test"):
        services.reset_second_factor(officer)
    again = browser_signed_in(officer)
    refused = give_enrolment_code(again, code)
    assert refused.status_code == 422
    assert "That enrolment code was used already" in refused.content.decode()
    enrolled(again, officer)
    assert TOTPDevice.objects.filter(user=officer).count() == 1


def test_an_expired_enrolment_code_is_refused(officer):
    code = issued(officer)
    EnrolmentCode.objects.filter(user=officer).update(expires=timezone.now())
    refused = give_enrolment_code(browser_signed_in(officer), code)
    assert refused.status_code == 422
    assert "That enrolment code has expired" in refused.content.decode()


def test_a_code_accepted_then_expired_or_withdrawn_does_not_enrol(officer):
    client = browser_signed_in(officer)
    give_enrolment_code(client, issued(officer))
    key = secret_of(client.get("/accounts/two-factor/").content.decode())
    EnrolmentCode.objects.filter(user=officer).update(expires=timezone.now())
    late = client.post("/accounts/two-factor/", {"code": totp.code(key)})
    assert late.status_code == 422
    assert "That enrolment code has expired" in late.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()


def test_after_a_reset_enrolling_again_needs_a_new_code(accord, sco_requires_it, officer):
    name = officer.get_username()
    client = browser()
    sign_in(client, officer)
    enrolled(client, officer, CODE.search(accord("user", "enrolment-code", name))[0])
    accord("user", "reset-2fa", name)
    again = browser()
    assert sign_in(again, officer)["Location"] == "/accounts/two-factor/"
    assert what_it_reads(again)["page"] == 404  # the rule holds: the password reads nothing
    page = again.get("/accounts/two-factor/").content.decode()
    assert 'id="secret"' not in page
    enrolled(again, officer, CODE.search(accord("user", "enrolment-code", name))[0])
    assert what_it_reads(again)["page"] == 200


# ---------------------------------------------------------------------------------
# Backup codes: shown once at enrolment, each signs in once
# ---------------------------------------------------------------------------------


def test_enrolling_shows_ten_backup_codes_once(officer):
    client = browser_signed_in(officer)
    give_enrolment_code(client, issued(officer))
    key = secret_of(client.get("/accounts/two-factor/").content.decode())
    done = client.post("/accounts/two-factor/", {"code": totp.code(key)})
    backup = backup_codes_of(done.content.decode())
    assert len(set(backup)) == 10
    assert "no-store" in done["Cache-Control"]
    assert "Your authenticator app is set up" in done.content.decode()
    later = client.get("/accounts/two-factor/").content.decode()
    assert backup_codes_of(later) == [] and "You have 10 backup codes left" in later


def test_a_backup_code_signs_in_once(officer):
    _, backup = enrolled(browser_signed_in(officer), officer)
    client = browser()
    sign_in(client, officer)
    done = client.post("/accounts/login/code/", {"code": backup[0].upper()})
    assert done.status_code == 302 and done["Location"] == "/tasks/"
    assert session_user(client) == str(officer.pk)
    assert client.get("/accounts/tokens/").status_code == 200  # a verified session
    replay = browser()
    sign_in(replay, officer)
    refused = replay.post("/accounts/login/code/", {"code": backup[0]})
    assert refused.status_code == 422 and session_user(replay) is None
    assert "not one of your backup codes" in refused.content.decode()
    time.sleep(1.1)  # django-otp's throttle: one second after one wrong code
    spaced = f"{backup[1][:4]} {backup[1][4:]}"
    assert replay.post("/accounts/login/code/", {"code": spaced}).status_code == 302
    assert StaticToken.objects.filter(device__user=officer).count() == 8


def test_wrong_backup_codes_are_throttled(officer):
    _, backup = enrolled(browser_signed_in(officer), officer)
    client = browser()
    sign_in(client, officer)
    for _ in range(3):
        client.post("/accounts/login/code/", {"code": "aaaaaaaa"})
    refused = client.post("/accounts/login/code/", {"code": backup[0]})
    assert refused.status_code == 422
    assert "Too many wrong codes" in refused.content.decode()
    assert session_user(client) is None
