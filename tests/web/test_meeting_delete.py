"""Deleting a meeting from the web: a confirmation page that says what goes with it, then
the API's use case (`meetings.actions.remove_meeting`); the secretariat of its
organization only; a meeting others refer to, or a record changed since the page was
read, is not deleted."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import pgettext

from accord.core.models import AuditEntry
from accord.meetings.models import Meeting, Participation
from accord.meetings.removal import counted
from tests.web.conftest import text
from tests.web.forms import form_fields
from tests.web.test_recording import (
    NEW,
    SCS,
    new_form,
    officer,
    other_secretariat,
    public_user,
)

__all__ = ["officer", "other_secretariat", "public_user"]

DELETE_17 = f"{SCS}/meetings/17/delete/"
DELETE_14 = f"{SCS}/meetings/14/delete/"


@pytest.fixture
def seventeenth(officer) -> Meeting:
    assert officer.post(NEW, new_form(officer)).status_code == 303
    return Meeting.objects.get(body__slug="security-council-secretaries", number=17)


def test_the_confirmation_says_what_goes_and_deleting_removes_the_meeting(officer, seventeenth):
    page = officer.get(DELETE_17)
    assert page.status_code == 200
    shown = text(page)
    assert "2 participants" in shown
    assert "2 agenda items" in shown
    assert "1 decision" in shown
    assert Meeting.objects.filter(pk=seventeenth.pk).exists()  # a GET deletes nothing
    before = AuditEntry.objects.count()
    answer = officer.post(DELETE_17, {"version": form_fields(page, "delete-meeting")["version"][0]})
    assert answer.status_code == 303
    assert answer["Location"] == f"{SCS}/"
    assert not Meeting.objects.filter(pk=seventeenth.pk).exists()
    assert not Participation.objects.filter(meeting_id=seventeenth.pk).exists()
    assert AuditEntry.objects.count() > before
    assert "was deleted" in text(officer.get(answer["Location"]))


def test_the_meeting_and_its_edit_page_offer_it(officer, seventeenth):
    assert "/meetings/17/delete/" in officer.get(f"{SCS}/meetings/17/").content.decode()
    assert "/meetings/17/delete/" in officer.get(f"{SCS}/meetings/17/edit/").content.decode()


def test_a_record_changed_since_the_page_was_read_is_not_deleted(officer, seventeenth):
    version = form_fields(officer.get(DELETE_17), "delete-meeting")["version"][0]
    Meeting.objects.filter(pk=seventeenth.pk).update(city="Samarkand")
    answer = officer.post(DELETE_17, {"version": version})
    assert answer.status_code == 409
    assert "changed by someone else" in text(answer)
    assert Meeting.objects.filter(pk=seventeenth.pk).exists()


def test_a_meeting_others_refer_to_is_not_deleted(officer):
    # The seed's meetings are referred to (referrals, releases...): the reason is shown.
    page = officer.get(DELETE_14)
    before = AuditEntry.objects.count()
    answer = officer.post(DELETE_14, {"version": form_fields(page, "delete-meeting")["version"][0]})
    assert answer.status_code == 409
    assert "remove those first" in text(answer)
    assert Meeting.objects.filter(body__slug="security-council-secretaries", number=14).exists()
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("who", ["public_user", "delegation", "observer", "other_secretariat"])
def test_only_the_secretariat_may_delete(request, as_role, officer, seventeenth, who):
    reader = request.getfixturevalue(who) if "_" in who else as_role(who)
    assert reader.get(DELETE_17).status_code == 404
    assert reader.post(DELETE_17, {"version": "*"}).status_code == 404
    assert Meeting.objects.filter(pk=seventeenth.pk).exists()
    assert "/meetings/17/delete/" not in reader.get(f"{SCS}/meetings/17/").content.decode()


def test_the_anonymous_are_sent_to_sign_in(db, client):
    assert client.post(DELETE_14, {}).status_code == 302


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("ru", "на заседание ссылаются: 1 отчёт о ходе выполнения; сначала удалите их"),
        ("zh-hans", "有内容引用本次会议：1份进展报告；请先删除这些内容"),
    ],
)
def test_what_refers_to_a_meeting_is_said_in_the_pages_language(officer, language, said):
    officer.cookies["django_language"] = language
    page = officer.get(DELETE_14)
    answer = officer.post(DELETE_14, {"version": form_fields(page, "delete-meeting")["version"][0]})
    assert answer.status_code == 409
    assert said in text(answer)


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            "1 referral, 3 meetings that prepare it, 5 progress reports, 21 chair terms decided"
            " at it, 12 press releases",
        ),
        (
            # Russian counts in three forms: 1, 21 (one); 3 (a few); 5, 12 (many).
            "ru",
            "1 передача вопроса, 3 заседания, которые его готовят, 5 отчётов о ходе выполнения,"
            " 21 срок председательства, установленный на нём, 12 пресс-релизов",
        ),
        (
            "zh-hans",
            "1项提交给该会议的事项、3次为其做准备的会议、5份进展报告、21个在该会议上确定的主席任期、12份新闻稿",
        ),
    ],
)
def test_what_refers_to_a_meeting_is_counted_in_each_language(language, said):
    counts = {
        "referrals": 1,
        "preparing": 3,
        "progress_reports": 5,
        "chair_terms": 21,
        "press_releases": 12,
    }
    with translation.override(language):
        separator = pgettext("between the items of a list", ", ")
        assert separator.join(counted(counts)) == said
        # A kind nothing of which refers to the meeting is left out.
        assert len(counted({**counts, "preparing": 0, "press_releases": 0})) == 3
