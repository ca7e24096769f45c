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
