"""The rules of a joint meeting's bodies, on plain values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.meetings.rules import JointRef, joint_body_problems, joint_phrase

# No database: the answers are the same in both halves of `make test` (run in one).
pytestmark = pytest.mark.database_independent

CFM = JointRef("foreign-ministers", "csto")


def test_bodies_of_the_same_organization_named_once_go_together():
    joint = [JointRef("defence-ministers", "csto", 3), JointRef("secretaries", "csto")]
    assert joint_body_problems(CFM, joint) == []


def test_a_body_of_another_organization_is_refused_naming_its_place():
    problems = joint_body_problems(CFM, [JointRef("x", "csto"), JointRef("ministers", "sco")])
    assert problems == [
        (
            "joint_bodies[1]",
            "'ministers' belongs to 'sco', not to the meeting's organization 'csto'",
        )
    ]


def test_the_convening_body_and_a_repeated_body_are_refused():
    problems = joint_body_problems(
        CFM,
        [JointRef("foreign-ministers", "csto"), JointRef("b", "csto"), JointRef("b", "csto")],
    )
    assert [field for field, _ in problems] == ["joint_bodies[0]", "joint_bodies[2]"]
    assert "convenes the meeting" in problems[0][1]
    assert "named twice" in problems[1][1]


def test_bodies_are_named_as_a_sentence_does():
    assert joint_phrase(["A"]) == "A"
    assert joint_phrase(["A", "B"]) == "A and B"
    assert joint_phrase(["A", "B", "C"]) == "A, B and C"
    assert joint_phrase(["甲", "乙", "丙"], "、", "和") == "甲、乙和丙"


@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", "foreign-ministers"]), max_size=6),
    st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_each_body_is_judged_once_at_its_place(names, elsewhere):
    joint = [JointRef(n, "other" if elsewhere[i] else "csto") for i, n in enumerate(names)]
    problems = dict(joint_body_problems(CFM, joint))
    seen: set[str] = set()
    for i, ref in enumerate(joint):
        wrong = ref.organization != "csto" or ref.body == CFM.body or ref.body in seen
        assert (f"joint_bodies[{i}]" in problems) == wrong
        seen.add(ref.body)
