"""A meeting's path put together around a kept stand-in is the path Django reverses,
under any script prefix; a reference the pattern refuses is refused alike."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from accord.core.paths import meeting_path, page_path

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


@pytest.mark.parametrize("prefix", ["/", "/accord/"])
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("web:document", ("sco", "scsc-14-information-report")),
        ("web:body", ("sco", "heads-of-state")),
        ("web:person", ("nurlan-yermekbayev",)),
        ("web:meeting-minutes", ("sco", "heads-of-state", "2019-05-bishkek")),
    ],
)
def test_a_page_path_is_the_reversed_path(prefix: str, name: str, args: tuple[str, ...]) -> None:
    set_script_prefix(prefix)
    try:
        assert page_path(name, *args) == reverse(name, args=list(args))
    finally:
        set_script_prefix("/")


def test_a_page_path_among_other_arguments_and_refusals_is_as_django_reverses_it() -> None:
    # (a number among the leading arguments; a value the slug refuses)
    args = ("sco", "report", "2", "en", "pdf")
    assert page_path("web:document-file", *args) == reverse("web:document-file", args=args)
    with pytest.raises(NoReverseMatch):
        page_path("web:document-file", "sco", "report", "two", "en", "pdf")
    with pytest.raises(NoReverseMatch):
        page_path("web:person", "x/y")
