"""The search service (`accord.search.search`): its interface, matching, ranking,
highlighting, access, and its refusals; and the search page over it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils.safestring import SafeString

from accord.accounts.access import ANONYMOUS, Viewer
from accord.core.errors import DomainError
from accord.documents.inputs import DocumentFields
from accord.documents.services import save_document
from accord.registry.models import Organization
from accord.search import KINDS, Hit, index, search
from accord.search.highlight import excerpt, highlight, literal, words
from tests.services.build import build_world
from tests.web.conftest import text

pytestmark = pytest.mark.django_db


def sco() -> Organization:
    return Organization.objects.get(slug="sco")


def member_delegation() -> Viewer:
    return Viewer(None, False, frozenset(), frozenset({(sco().pk, "RU")}), frozenset(), frozenset())


def test_a_hit_names_its_kind_object_title_snippet_and_page():
    hits = search(ANONYMOUS, "Peace Mission", kinds=["event"])
    assert len(hits) == 1
    hit = hits[0]
    assert isinstance(hit, Hit)
    assert hit.kind == "event"
    assert hit.object.slug == "peace-mission-2018"
    assert hit.title == "Peace Mission 2018"
    assert isinstance(hit.snippet, SafeString)
    assert str(hit.snippet) == "<mark>Peace</mark> <mark>Mission</mark> 2018"
    assert hit.url == (
        "/organizations/sco/calendar/?from=2018-08-22&to=2018-08-29#event-peace-mission-2018"
    )
    assert hit.organization.slug == "sco"
    assert str(hit.date) == "2018-08-22"


def test_every_kind_is_searched():
    assert {h.kind for h in search(ANONYMOUS, "Bishkek", limit=200)} == {"document", "meeting"}
    assert {h.kind for h in search(ANONYMOUS, "drug", limit=200)} == {
        "document",
        "agenda-item",
        "event",
    }
    assert {h.kind for h in search(ANONYMOUS, "Giyosov")} == {"person"}
    assert set(KINDS) == {"document", "meeting", "agenda-item", "event", "person"}


def test_every_word_must_match_somewhere():
    titles = [h.title for h in search(ANONYMOUS, "roadmap Afghanistan", kinds=["document"])]
    # The roadmap by its title, then the press release by its text.
    assert titles == [
        "Roadmap for further actions of the SCO-Afghanistan Contact Group",
        "SCO Secretary-General Vladimir Norov attends Meeting of SCO Security Council Secretaries",
    ]
    assert search(ANONYMOUS, "roadmap Tianjin") == []


def test_a_meeting_is_found_by_its_number_and_body():
    hits = search(ANONYMOUS, "Secretaries 14", kinds=["meeting"])
    assert [h.url for h in hits] == [
        "/organizations/sco/bodies/security-council-secretaries/meetings/14/"
    ]


def test_translations_are_searched_and_titles_given_in_the_language_asked():
    hits = search(ANONYMOUS, "Антинаркотическая", kinds=["document"], language="ru")
    # The strategies by their titles, and the programme and plan that name them
    # ("Антинаркотической стратегии"): another form of the same word.
    assert {h.object.slug for h in hits} == {
        "anti-drug-strategy-2018-2023",
        "anti-drug-strategy-2011-2016",
        "anti-drug-programme-of-action-2018-2023",
        "anti-drug-action-plan-2019-2020",
    }
    strategy = next(h for h in hits if h.object.slug == "anti-drug-strategy-2018-2023")
    assert strategy.title == "Антинаркотическая стратегия государств-членов ШОС на 2018–2023 годы"
    assert "<mark>Антинаркотическая</mark> стратегия" in strategy.snippet
    people = search(ANONYMOUS, "Норов", kinds=["person"], language="ru")
    assert [(h.object.slug, h.title) for h in people] == [("vladimir-norov", "Владимир Норов")]


def test_document_texts_are_searched():
    hits = search(ANONYMOUS, "Chebarkul", kinds=["document"])
    assert [h.object.slug for h in hits] == ["sco-press-release-2019-05-15"]
    assert "<mark>Chebarkul</mark> training ground" in hits[0].snippet


def test_titles_that_match_come_first():
    hits = search(ANONYMOUS, "Bishkek", limit=200)
    in_title = ["Bishkek" in h.title for h in hits]
    assert in_title == sorted(in_title, reverse=True)
    assert in_title[0] and not in_title[-1]
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_only_what_the_viewer_may_read_is_found():
    query = "information report"
    assert search(ANONYMOUS, query, kinds=["document"]) == []
    found = search(member_delegation(), query, kinds=["document"])
    assert [h.object.slug for h in found] == ["scsc-14-information-report"]
    # The roadmaps the 14th meeting considered are the Security Council Secretaries'.
    found = search(member_delegation(), "observer states roadmap", kinds=["document"])
    assert "observer-states-roadmap" not in {h.object.slug for h in found}


def test_the_organization_narrows_and_the_limit_cuts():
    world = build_world()
    save_document(
        world.org, "test-bishkek", DocumentFields(type=world.plan_type, title="Bishkek plan")
    )
    everywhere = {h.object.slug for h in search(ANONYMOUS, "Bishkek plan")}
    assert "test-bishkek" in everywhere
    only_sco = {h.object.slug for h in search(ANONYMOUS, "Bishkek plan", organization=sco())}
    assert "test-bishkek" not in only_sco
    assert len(search(ANONYMOUS, "Bishkek", limit=3)) == 3


def test_recorded_text_is_escaped_before_the_words_are_marked():
    world = build_world()
    save_document(
        world.org,
        "test-markup",
        DocumentFields(type=world.plan_type, title='<script>alert("Bishkek")</script> & <b>co</b>'),
    )
    hit = search(ANONYMOUS, "bishkek", organization=world.org)[0]
    assert str(hit.snippet) == (
        "&lt;script&gt;alert(&quot;<mark>Bishkek</mark>&quot;)&lt;/script&gt;"
        " &amp; &lt;b&gt;co&lt;/b&gt;"
    )


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"query": "x"}, "q"),
        ({"query": "  "}, "q"),
        ({"query": "a" * 201}, "q"),
        ({"query": "Bishkek", "kinds": ["treaty"]}, "kinds"),
        ({"query": "Bishkek", "kinds": []}, "kinds"),
        ({"query": "Bishkek", "limit": 0}, "limit"),
        ({"query": "Bishkek", "limit": 201}, "limit"),
    ],
)
def test_bad_input_is_refused_naming_the_field(args, field):
    with pytest.raises(DomainError) as refused:
        search(ANONYMOUS, **args)
    assert [p.field for p in refused.value.problems] == [field]


def test_a_fixed_number_of_queries_whatever_the_hits(django_assert_num_queries):
    viewer = member_delegation()
    index.flush()
    # PostgreSQL first asks the planner how many rows each word matches.
    estimates = 1 if connection.vendor == "postgresql" else 0
    # the ranking, then one query per kind found (documents with their versions)
    with django_assert_num_queries(estimates + 1 + 4 + 1):
        hits = search(viewer, "SCO", limit=200)
    assert len(hits) > 20
    assert {h.kind for h in hits} == {"document", "meeting", "agenda-item", "event"}
    with django_assert_num_queries(estimates + 1 + 2 + 1 + 1):
        hits = search(viewer, "drug", limit=200)
    assert {h.kind for h in hits} == {"document", "agenda-item", "event"}
    with django_assert_num_queries(2 * estimates + 1):
        assert search(viewer, "Tianjin roadmap") == []


def test_the_search_page_lists_hits_with_marked_words(client):
    response = client.get("/search/", {"q": "counter-narcotics", "organization": "sco"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<mark>counter-narcotics</mark>" in page
    words_ = text(response)
    assert "Countering the drug threat; the working plan to implement the" in words_
    assert (
        'href="/organizations/sco/bodies/security-council-secretaries/meetings/14/#item-countering-drugs"'
        in page
    )


def test_the_search_page_without_a_query_shows_the_form(client):
    response = client.get("/search/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<label for="id_q">Search for</label>' in page
    assert 'role="search"' in page
    assert "results" not in text(response)


# --- the pieces, without a database --------------------------------------------------


def test_words_are_distinct_whatever_their_case():
    assert words("Bishkek  bishkek SCO plan") == ["Bishkek", "SCO", "plan"]
    assert len(words(" ".join(f"w{i}" for i in range(20)))) == 8


def test_highlight_marks_each_word_and_escapes_everything_else():
    assert highlight("a < Bish & bishkek", literal(["bish", "bishkek"])) == (
        "a &lt; <mark>Bish</mark> &amp; <mark>bishkek</mark>"
    )
    assert highlight("<i>", literal([])) == "&lt;i&gt;"
    assert highlight("mark", literal(["<mark>"])) == "mark"


def test_an_excerpt_is_taken_around_the_first_match():
    long = " ".join(f"word{i}" for i in range(100)) + " Chebarkul " + "tail " * 50
    cut = excerpt(long, literal(["chebarkul"]), width=80)
    assert "Chebarkul" in cut
    assert cut.startswith("… ") and cut.endswith(" …")
    assert len(cut) <= 84
    assert excerpt("short text", literal(["x"])) == "short text"
