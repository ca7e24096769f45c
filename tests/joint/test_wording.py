"""The bodies of a joint meeting in a sentence: listed as each language lists names
(`Language.join`), in Russian each in the genitive as a meeting's owner is named
(`Language.body_genitive`, as `Language.meeting_name` names one body's meeting)."""

from __future__ import annotations

import pytest

from accord.publishing.joint import bodies_in_sentence, joint_meeting_name
from accord.publishing.wording import Language

pytestmark = pytest.mark.database_independent

BODIES = ["Совет министров обороны", "Постоянная комиссия «Север – Юг»"]


def test_russian_names_each_body_in_the_genitive_even_without_a_known_head():
    assert bodies_in_sentence(BODIES, "ru") == (
        "Совета министров обороны и Постоянной комиссии «Север – Юг»"
    )
    # the same owner as the one body's meeting has
    assert Language("ru").meeting_name(BODIES[1], 3) == (
        "3-е заседание Постоянной комиссии «Север – Юг»"
    )
    assert joint_meeting_name(["Совет А", "Rada B"], "ru") == (
        "совместное заседание Совета А и органа «Rada B»"
    )


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "the A, the B and the C"),
        ("ru", "органа «A», органа «B» и органа «C»"),
        ("zh-hans", "A、B和C"),
        ("zh", "A、B和C"),
        ("fr", "the A, the B and the C"),  # releases are not written in it: English
    ],
)
def test_each_language_lists_the_bodies_its_own_way(language, said):
    assert bodies_in_sentence(["A", "B", "C"], language) == said


def test_two_bodies_and_one():
    assert bodies_in_sentence(["A", "B"], "en") == "the A and the B"
    assert bodies_in_sentence(["A"], "zh") == "A"
