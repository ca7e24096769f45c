"""A meeting's path put together around a kept stand-in is the path Django reverses,
under any script prefix; a reference the pattern refuses is refused alike."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from accord.core.paths import meeting_path

pytestmark = pytest.mark.database_independent


@pytest.mark.parametrize("prefix", ["/", "/accord/"])
@pytest.mark.parametrize(
    ("org", "body", "ref"),
    [
        ("sco", "security-council-secretaries", "14"),
        ("sco", "heads-of-state", "2019-05-bishkek"),
        ("un_sc", "b", "A_b-9"),
    ],
)
def test_a_meeting_path_is_the_reversed_path(prefix: str, org: str, body: str, ref: str) -> None:
    set_script_prefix(prefix)
    try:
        assert meeting_path(org, body, ref) == reverse("web:meeting", args=[org, body, ref])
        assert meeting_path(org, body, ref).startswith(prefix)
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("ref", ["a b", "名", "x/y", ""])
def test_a_reference_the_pattern_refuses_is_refused(ref: str) -> None:
    with pytest.raises(NoReverseMatch):
        meeting_path("sco", "heads-of-state", ref)
