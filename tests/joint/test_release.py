"""A joint meeting's press release and information report name the joint meeting of
all its bodies in the headline and the lead, in each language."""

from __future__ import annotations

import pytest

from accord.publishing import lint
from accord.publishing.compose import write
from accord.publishing.models import PublishingProfile, ReleaseKind

pytestmark = pytest.mark.django_db

NAMES = {
    "en": "the joint meeting of the Council of Foreign Ministers, the Council of Defence"
    " Ministers and the Committee of Secretaries of Security Councils",
    "ru": "совместное заседание Совета министров иностранных дел, Совета министров обороны"
    " и Комитета секретарей советов безопасности",
    "zh": "外交部长理事会、国防部长理事会和安全会议秘书委员会联席会议",
}
HEADLINES = {
    "en": "The joint meeting of the Council of Foreign Ministers, the Council of Defence"
    " Ministers and the Committee of Secretaries of Security Councils held in Yerevan",
    "ru": "В городе Ереван состоялось совместное заседание Совета министров иностранных дел,"
    " Совета министров обороны и Комитета секретарей советов безопасности",
    "zh": "外交部长理事会、国防部长理事会和安全会议秘书委员会联席会议在埃里温举行",
}


@pytest.fixture
def in_three_languages(csto):
    PublishingProfile.objects.filter(organization=csto.body.organization).update(
        languages=["ru", "en", "zh"]
    )
    return csto


@pytest.mark.parametrize("language", ["en", "ru", "zh"])
def test_the_release_names_the_joint_meeting_in_headline_and_lead(in_three_languages, language):
    written = write(in_three_languages, language=language)
    assert written.headline == HEADLINES[language]
    lead = written.text.split("\n")[0]
    assert NAMES[language] in lead
    assert lead.count(NAMES[language]) == 1
    assert not written.missing
    assert not lint.lint(written.headline, written.dateline, written.text, language)


@pytest.mark.parametrize("language", ["en", "ru", "zh"])
def test_the_information_report_names_it_too(in_three_languages, language):
    written = write(in_three_languages, kind=ReleaseKind.INFORMATION_REPORT, language=language)
    assert NAMES[language] in written.headline
    assert not lint.lint(written.headline, written.dateline, written.text, language)


def test_a_meeting_of_one_body_keeps_its_name(csto):
    council = csto.body.organization.bodies.get(slug="collective-security-council")
    session = council.meetings.get(slug="2016-10-yerevan")
    written = write(session, language="en")
    assert written.headline == "The meeting of the Collective Security Council held in Yerevan"
