"""The flags a meeting is read with (`visibility.record_joins`): whether it has any row
of each part many meetings have none of (`visibility.FLAGGED_PARTS`), which its record
then does not ask for. A flag says exactly whether the meeting has rows of the part,
whoever may see them (a part flagged is read with the access rules); checked on every
meeting of the seed and the corpus, each flag both ways. (That the records read with
them show the same: tests/test_record_answers.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.accounts import access, visibility
from accord.meetings.models import Meeting
from accord.records.loader import load
from tests.conftest import kept_for_module

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "records" / "corpus").glob("*.yaml"))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    yield from kept_for_module(django_db_blocker, lambda: load(CORPUS))


def test_each_flag_says_whether_the_meeting_has_rows_of_the_part(corpus, db):
    meetings = list(visibility.record_joins(access.ANONYMOUS, Meeting.objects.order_by("pk")))
    assert len(meetings) > 50
    for name, (model, link) in visibility.FLAGGED_PARTS.items():
        having = set(
            model._default_manager.filter(**{f"{link}__isnull": False}).values_list(
                f"{link}_id", flat=True
            )
        )
        flags = {m.pk: getattr(m, f"has_{name}") for m in meetings}
        assert {pk for pk, flag in flags.items() if flag} == having, name
        # (both ways on this corpus: the flag is not always one answer)
        assert having and len(having) < len(meetings), name
        assert all(visibility.has_part(m, name) == flags[m.pk] for m in meetings)


def test_a_meeting_read_without_the_flags_may_have_every_part(corpus, db):
    m = Meeting.objects.order_by("pk").first()
    assert all(visibility.has_part(m, name) for name in visibility.FLAGGED_PARTS)


def test_the_meeting_pages_own_flags_say_whether_it_has_releases_or_progress(corpus, db):
    """The flags the web page reads with a meeting besides the record's
    (`web.browse.meetings._page_joins`): releases (drafts too) and reports of progress."""
    from accord.core.audit import acting
    from accord.implementation.models import ProgressReport
    from accord.publishing import services as publishing
    from accord.publishing.models import PressRelease
    from accord.web.browse.meetings import _page_joins
    from tests.accounts.people import RoleSpec, make

    # (the record has no release: one drafted, a draft counting as one)
    officer = make(RoleSpec("flags-secretariat", secretariat=frozenset({"sco"}))).viewer
    fourteenth = Meeting.objects.get(body__slug="security-council-secretaries", number=14)
    with acting("cli:test"):
        publishing.draft_release(officer, fourteenth, language="en")
    meetings = list(_page_joins(access.ANONYMOUS, Meeting.objects.order_by("pk")))
    for name, model in [("releases", PressRelease), ("progress", ProgressReport)]:
        having = set(
            model._default_manager.filter(meeting__isnull=False).values_list(
                "meeting_id", flat=True
            )
        )
        assert having and len(having) < len(meetings), name
        assert {m.pk for m in meetings if visibility.has_part(m, name)} == having, name
