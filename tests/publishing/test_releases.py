"""A release's life: drafted from the record, edited, reviewed, published; a published
version never changes (a correction is a new version); every step audited; refusals
name the field and change nothing; drafts are the secretariat's only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.accounts.access import ANONYMOUS
from accord.core.audit import acting
from accord.core.errors import DomainError
from accord.core.models import AuditEntry
from accord.decisions import services as decisions
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.meetings.models import Meeting
from accord.publishing import compose, facts, rules, selectors, services
from accord.publishing.models import PressRelease, PublishingProfile, ReleaseVersion
from accord.registry.models import Organization, Party
from accord.registry.selectors import decision_takers_on
from tests.publishing.conftest import ADMIN


def m(number: int) -> Meeting:
    return Meeting.objects.get(body__slug="security-council-secretaries", number=number)


def versions(release: PressRelease) -> list[tuple[int, str]]:
    return list(release.versions.order_by("number").values_list("number", "state"))


@pytest.mark.django_db
def test_draft_edit_review_publish_and_correct():
    sco = Organization.objects.get(slug="sco")
    with acting("user:officer"):
        release = services.draft_release(ADMIN, m(14), language="en")
    assert versions(release) == [(1, "draft")]
    assert release.slug == "security-council-secretaries-14-press-release-en"
    # The public sees nothing of a draft.
    assert not selectors.releases(ANONYMOUS, sco).filter(pk=release.pk).exists()
    with acting("user:officer"):
        services.edit_release(ADMIN, release, headline="Secretaries meet in Bishkek")
    with acting("user:editor"):
        services.review_release(ADMIN, release)
        services.publish_release(ADMIN, release)
    assert versions(release) == [(1, "published")]
    published = ReleaseVersion.objects.get(release=release, number=1)
    assert published.headline == "Secretaries meet in Bishkek"
    assert published.published_by == "user:editor" and published.drafted_by == "user:officer"
    shown = selectors.releases(ANONYMOUS, sco).get(pk=release.pk)
    assert selectors.shown_version(ANONYMOUS, shown).headline == "Secretaries meet in Bishkek"
    # A correction is a new version; the published one stays as it was.
    before = (published.headline, published.text, published.published_at)
    with acting("user:officer"):
        correction = services.edit_release(ADMIN, release, text="Corrected text.")
    assert correction.number == 2 and correction.state == "draft"
    published.refresh_from_db()
    assert (published.headline, published.text, published.published_at) == before
    # The public still reads version 1 until the correction is published.
    shown = selectors.releases(ANONYMOUS, sco).get(pk=release.pk)
    assert selectors.shown_version(ANONYMOUS, shown).number == 1
    with acting("user:editor"):
        services.review_release(ADMIN, release)
        services.publish_release(ADMIN, release)
    shown = selectors.releases(ANONYMOUS, sco).get(pk=release.pk)
    assert selectors.shown_version(ANONYMOUS, shown).text == "Corrected text.\n"
    trail = AuditEntry.objects.filter(model="publishing.ReleaseVersion")
    assert {e.actor for e in trail} >= {"user:officer", "user:editor"}
    assert trail.filter(operation="update").count() >= 4


@pytest.mark.django_db
def test_steps_out_of_order_are_refused_and_change_nothing():
    with acting("user:officer"):
        release = services.draft_release(ADMIN, m(14), language="ru")
    with pytest.raises(DomainError) as refused:
        services.publish_release(ADMIN, release)
    assert refused.value.problems[0].field == "state"
    assert "review it before publishing" in refused.value.problems[0].reason
    assert versions(release) == [(1, "draft")]
    with pytest.raises(DomainError) as refused:
        services.edit_release(ADMIN, release, headline="  ")
    assert [p.field for p in refused.value.problems] == ["headline"]


@pytest.mark.django_db
def test_a_draft_lacking_translations_lists_them_and_is_not_published_as_drafted():
    Meeting.objects.filter(pk=m(14).pk).update(city_names={"zh": "比什凯克"})
    with acting("user:officer"):
        release = services.draft_release(ADMIN, m(14), language="ru")
        services.review_release(ADMIN, release)
    draft = release.versions.get()
    assert "meeting security-council-secretaries 14: city" in draft.missing
    with pytest.raises(DomainError) as refused, acting("user:editor"):
        services.publish_release(ADMIN, release)
    assert [p.field for p in refused.value.problems] == ["translations"]
    assert "meeting security-council-secretaries 14: city" in refused.value.problems[0].reason
    assert versions(release) == [(1, "reviewed")]
    # The secretariat edits the draft (writes the city in Russian): its text is published.
    with acting("user:officer"):
        services.edit_release(ADMIN, release, text=draft.text.replace("Bishkek", "Бишкек"))
        services.review_release(ADMIN, release)
        services.publish_release(ADMIN, release)
    assert versions(release) == [(1, "published")]


@pytest.mark.django_db
def test_a_release_is_written_only_in_the_organizations_publishing_languages():
    PublishingProfile.objects.filter(organization__slug="sco").update(languages=["ru", "en"])
    with pytest.raises(DomainError) as refused:
        compose.write(m(14), language="zh")
    assert [p.field for p in refused.value.problems] == ["language"]
    assert "publishing languages (ru, en)" in refused.value.problems[0].reason
    with pytest.raises(DomainError) as refused:
        services.draft_release(ADMIN, m(14), language="zh")
    assert [p.field for p in refused.value.problems] == ["language"]
    assert not PressRelease.objects.filter(language="zh").exists()


@pytest.mark.django_db
def test_an_edited_draft_is_not_overwritten_by_a_new_draft():
    with acting("user:officer"):
        release = services.draft_release(ADMIN, m(14), language="zh")
        services.edit_release(ADMIN, release, text="人工修改的文本")
    with pytest.raises(DomainError) as refused:
        services.draft_release(ADMIN, m(14), language="zh")
    assert refused.value.problems[0].field == "text"
    assert release.versions.get().text == "人工修改的文本\n"
    with acting("user:officer"):
        services.draft_release(ADMIN, m(14), language="zh", replace_edits=True)
    assert "第14次会议" in release.versions.get().text


@pytest.mark.django_db
def test_bad_input_names_each_field_and_writes_nothing():
    count = PressRelease.objects.count()
    with pytest.raises(DomainError) as refused:
        services.draft_release(ADMIN, m(14), kind="tweet", language="fr", classification="parties")
    assert [p.field for p in refused.value.problems] == ["kind", "language", "classification"]
    assert PressRelease.objects.count() == count


@pytest.mark.django_db
def test_only_the_secretariat_drafts():
    with pytest.raises(DomainError) as refused:
        services.draft_release(ANONYMOUS, m(14))
    assert refused.value.problems[0].field == "permission"


@pytest.mark.database_independent
def test_rules_of_the_life_cycle():
    assert rules.edit_outcome("draft") == "in-place"
    assert rules.edit_outcome("reviewed") == "back-to-draft"
    assert rules.edit_outcome("published") == "new-version"
    assert rules.step_problem("review", "draft") == ""
    assert rules.step_problem("publish", "reviewed") == ""
    assert "already published" in rules.step_problem("publish", "published")
    assert rules.timezone_problem("Asia/Bishkek") == ""
    assert "not a time zone" in rules.timezone_problem("Mars/Olympus")


@pytest.mark.django_db
def test_gathering_a_record_takes_the_same_queries_whatever_its_size(restricted):
    """The 14th meeting's record, then the same with three more decisions (each with
    eight positions) and three more actions: not one query more."""
    meeting = restricted["m14"]

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            facts.gather(meeting, ADMIN)
        return len(queries)

    small = count()
    members = Party.objects.filter(
        code__in=decision_takers_on(meeting.body.organization, meeting.start)
    )
    with acting("test:size"):
        for i in range(3):
            decisions.save_decision(
                meeting,
                f"extra-{i}",
                DecisionFields(title=f"Extra {i}"),
                [(p, "concurs", "") for p in members],
            )
            decisions.record_action(
                meeting.body,
                ActionFields(
                    meeting=meeting, date=meeting.start, verb="heard", document=restricted["plan"]
                ),
            )
    assert count() == small


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", [ADMIN, ANONYMOUS])
def test_writing_reads_nothing_beyond_the_gathered_record(viewer):
    """The 14th meeting (chaired by a person, of a body reporting to another), written
    in every language and kind from its facts: every fact was gathered, none is read
    while writing."""
    gathered = facts.gather(m(14), viewer)
    with CaptureQueriesContext(connection) as queries:
        for language in ("en", "ru", "zh"):
            for kind in ("press-release", "information-report"):
                compose.written_from(gathered, kind=kind, language=language)
    assert [q["sql"] for q in queries] == []


@pytest.mark.django_db
def test_the_dateline_is_edited_alone_and_the_rest_stays():
    with acting("user:officer"):
        release = services.draft_release(ADMIN, m(14), language="en")
        drafted = release.versions.get()
        edited = services.edit_release(ADMIN, release, dateline="  Bishkek, 16 May 2019 ")
    assert edited.dateline == "Bishkek, 16 May 2019"
    assert (edited.headline, edited.text) == (drafted.headline, drafted.text)
    assert not edited.generated  # the secretariat's own text now
    with pytest.raises(DomainError) as refused:
        services.edit_release(ADMIN, release)
    assert [p.field for p in refused.value.problems] == ["text"]
