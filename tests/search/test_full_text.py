"""The full-text index behind `accord.search.search`, on SQLite (FTS5) and PostgreSQL
(tsvector, pg_trgm): word forms, languages, Chinese, ranking, snippets, access, and
the index kept up to date by every write. The same tests run on both databases
(`make test`); where the databases match differently, the test says which does what.
"""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection, transaction

from accord.accounts.access import ANONYMOUS, Viewer
from accord.bodies.inputs import BodyFields
from accord.documents.inputs import DocumentFields
from accord.documents.services import attach_file, remove_file, save_document, set_versions
from accord.meetings.inputs import EventFields
from accord.meetings.services import save_event
from accord.registry.inputs import PersonFields
from accord.registry.models import Organization
from accord.registry.services import save_person
from accord.search import index, search
from accord.search.models import SearchEntry
from tests.documents_files import samples
from tests.services.build import D, build_world

pytestmark = pytest.mark.django_db


def sco() -> Organization:
    return Organization.objects.get(slug="sco")


def secretariat() -> Viewer:
    return Viewer(None, False, frozenset({sco().pk}), frozenset(), frozenset(), frozenset())


def member_delegation() -> Viewer:
    return Viewer(None, False, frozenset(), frozenset({(sco().pk, "RU")}), frozenset(), frozenset())


def slugs(query: str, viewer: Viewer = ANONYMOUS, **options) -> list[str]:
    return [h.object.slug for h in search(viewer, query, **options)]


# --- word forms and languages --------------------------------------------------------


def test_english_words_match_their_other_forms():
    world = build_world()
    save_document(
        world.org, "test-planning", DocumentFields(type=world.plan_type, title="Planning")
    )
    found = set(slugs("plans", organization=world.org, kinds=["document"]))
    # "Plan 2019-2021", "Report on the plan", and "Planning": all stem to "plan".
    assert found == {"test-plan-2019", "test-report-2019", "test-planning"}
    assert set(slugs("planned", organization=world.org, kinds=["document"])) == found


def test_a_word_is_not_a_substring_of_another():
    world = build_world()
    save_document(world.org, "test-planet", DocumentFields(type=world.plan_type, title="Planetary"))
    assert "test-planet" not in slugs("plan", organization=world.org)


def test_russian_words_match_their_forms():
    # "Бишкеке" (locative) finds the meetings held in "Бишкек", on both databases.
    assert set(slugs("Бишкеке", kinds=["meeting"])) == set(slugs("Бишкек", kinds=["meeting"]))
    assert len(slugs("Бишкеке", kinds=["meeting"])) >= 5
    # "стратегии" (genitive) finds "Антинаркотическая стратегия ...".
    assert "anti-drug-strategy-2018-2023" in slugs("стратегии", kinds=["document"])


def test_russian_words_are_matched_by_their_stem_on_both_databases():
    declaration = "bishkek-declaration-2019"
    assert declaration in slugs("Бишкекской", kinds=["document"])  # "Бишкекская декларация"
    # Snowball's Russian stemmer, on both databases: "Бишкек" and "Бишкекская" are
    # different words.
    assert declaration not in slugs("Бишкек", kinds=["document"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's dictionaries")
def test_sqlite_stems_every_word_of_the_seed_as_postgresql_does():
    """The stems SQLite's index is written with (`index_text`) are those of PostgreSQL's
    `english` and `russian` dictionaries, word for word, over the seed's texts."""
    from accord.search.text import fold, stem

    words = set()
    for title, body in SearchEntry.objects.values_list("title", "body"):
        words.update(re.findall(r"[^\W\d_]+", fold(f"{title} {body}")))
    assert len(words) > 900
    with connection.cursor() as cursor:
        for language, dictionary in (("en", "english_stem"), ("ru", "russian_stem")):
            ordered = sorted(words)
            cursor.execute(
                "SELECT w, ts_lexize(%s, w) FROM unnest(%s::text[]) AS w",
                [dictionary, ordered],
            )
            differ = [
                (word, lexemes, stem(word, language))
                for word, lexemes in cursor.fetchall()
                # None: a word of another script the dictionary does not know; []: a
                # stop word (left out of queries on both databases)
                if lexemes and lexemes != [stem(word, language)]
            ]
            assert differ == [], differ[:20]


def test_case_never_matters_in_any_script():
    assert slugs("бишкек") == slugs("БИШКЕК") == slugs("Бишкек")
    assert slugs("бишкек")
    events = {"kinds": ["event"]}
    assert slugs("peace mission", **events) == slugs("PEACE MISSION", **events)
    assert slugs("peace mission", **events) == ["peace-mission-2018"]


def test_yo_is_e():
    assert "dialogue-partners-roadmap" in slugs("партнеров", secretariat(), kinds=["document"])
    assert "dialogue-partners-roadmap" in slugs("партнёров", secretariat(), kinds=["document"])


def test_chinese_is_matched_as_a_substring():
    # "上海合作组织成员国2018—2023年禁毒战略": two characters in the middle of a title.
    assert "anti-drug-strategy-2018-2023" in slugs("禁毒", kinds=["document"])
    assert "anti-drug-strategy-2018-2023" in slugs("毒战", kinds=["document"])  # across words
    assert "anti-drug-strategy-2018-2023" in slugs("合作组织成员国", kinds=["document"])
    assert slugs("禁战", kinds=["document"]) == []  # not next to each other
    hit = search(ANONYMOUS, "禁毒", kinds=["document"])[0]
    assert "<mark>禁毒</mark>" in hit.snippet


def test_one_chinese_character_is_found_wherever_it_stands():
    # "禁" begins the title's run of pairs, "略" ends it (a query holds two characters
    # at least: with another word, one is enough).
    assert "anti-drug-strategy-2018-2023" in slugs("禁 2018-2023", kinds=["document"])
    assert "anti-drug-strategy-2018-2023" in slugs("略 2018-2023", kinds=["document"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the rule of PostgreSQL's")
def test_a_query_of_common_words_is_answered_from_the_newest_entries_first(monkeypatch):
    from accord.search import service

    world = build_world()
    save_document(
        world.org,
        "test-old",
        DocumentFields(type=world.plan_type, title="Samarkand", date=D(2001, 1, 1)),
    )
    newest = save_document(
        world.org,
        "test-newest",
        DocumentFields(type=world.plan_type, title="Talks", date=D(2099, 1, 1)),
    )
    set_versions(newest, [{"number": 1, "language": "en", "text": "Held at Samarkand."}])
    # The title match ranks first among all entries...
    assert slugs("Samarkand", organization=world.org, limit=1) == ["test-old"]
    # ...but were "Samarkand" a common word, the newest month would be searched first.
    monkeypatch.setattr(service, "BROAD", 0)
    assert slugs("Samarkand", organization=world.org, limit=1) == ["test-newest"]
    assert slugs("Samarkand", organization=world.org, limit=2) == ["test-old", "test-newest"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL migration")
def test_the_migration_writes_chinese_already_indexed_as_pairs():
    import importlib

    migration = importlib.import_module("accord.search.migrations.0002_chinese_pairs_and_dates")
    entry = SearchEntry.objects.create(
        kind="person", object_id=1, language="zh", title="上海合作组织", body="Bishkek 禁毒"
    )

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.rewrite_chinese(None, editor)
    entry.refresh_from_db()
    assert (entry.title, entry.body) == (" 上海 海合 合作 作组 组织 织 ", "Bishkek  禁毒 毒 ")


def test_every_word_must_match_but_not_in_the_same_text():
    # "Secretaries" is in the body's name, "14" is the meeting's number.
    hits = search(ANONYMOUS, "Secretaries 14", kinds=["meeting"])
    assert [(h.object.body.slug, h.object.number) for h in hits] == [
        ("security-council-secretaries", 14)
    ]
    # A Chinese and an English word of the same document, in different languages.
    assert "anti-drug-strategy-2018-2023" in slugs("禁毒 2018-2023", kinds=["document"])
    assert slugs("禁毒 Tianjin") == []


def test_stop_words_are_left_out():
    assert slugs("the Peace Mission of", kinds=["event"]) == ["peace-mission-2018"]
    assert slugs("the of and") == []


def test_document_versions_and_their_languages_are_searched():
    world = build_world()
    set_versions(
        world.plan,
        [
            {"number": 1, "language": "en", "text": "The parties shall exchange liaison officers."},
            {"number": 1, "language": "ru", "text": "Стороны обмениваются офицерами связи."},
            {
                "number": 2,
                "language": "en",
                "text": "Second reading: joint exercises at Issyk-Kul.",
            },
        ],
    )
    assert slugs("liaison officer", organization=world.org) == ["test-plan-2019"]
    assert slugs("офицеры связи", organization=world.org) == ["test-plan-2019"]
    assert slugs("Issyk-Kul exercise", organization=world.org) == ["test-plan-2019"]


# --- ranking and snippets ------------------------------------------------------------


def test_a_match_in_a_title_ranks_above_a_match_in_a_text():
    world = build_world()
    save_document(
        world.org, "test-in-text", DocumentFields(type=world.plan_type, title="Annual summary")
    )
    set_versions(
        world.org.documents.get(slug="test-in-text"),
        [{"number": 1, "language": "en", "text": "Talks on Samarkand logistics " * 3}],
    )
    save_document(
        world.org, "test-in-title", DocumentFields(type=world.plan_type, title="Samarkand")
    )
    hits = search(ANONYMOUS, "Samarkand logistics", organization=world.org)
    # Only the first holds both words.
    assert [h.object.slug for h in hits] == ["test-in-text"]
    hits = search(ANONYMOUS, "Samarkand", organization=world.org)
    assert [h.object.slug for h in hits] == ["test-in-title", "test-in-text"]
    assert hits[0].score > hits[1].score


def test_the_seed_ranks_titles_first():
    hits = search(ANONYMOUS, "Bishkek", limit=200)
    in_title = [("bishkek" in h.title.lower()) for h in hits]
    assert in_title[0]
    # Every hit naming Bishkek in its title comes before those that only mention it.
    assert in_title == sorted(in_title, reverse=True)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_snippets_mark_the_forms_found_and_escape_the_rest():
    world = build_world()
    save_document(
        world.org,
        "test-escaped",
        DocumentFields(type=world.plan_type, title="<b>Planning</b> & co", purpose="x"),
    )
    hit = search(ANONYMOUS, "plans", organization=world.org, kinds=["document"])
    by_slug = {h.object.slug: h for h in hit}
    assert (
        str(by_slug["test-escaped"].snippet) == "&lt;b&gt;<mark>Planning</mark>&lt;/b&gt; &amp; co"
    )
    assert str(by_slug["test-plan-2019"].snippet) == "<mark>Plan</mark> 2019-2021"
    russian = {
        h.object.slug: h.snippet
        for h in search(ANONYMOUS, "стратегии", kinds=["document"], language="ru")
    }
    assert "<mark>стратегия</mark>" in russian["anti-drug-strategy-2018-2023"]
    assert "<mark>стратегии</mark>" in russian["anti-drug-action-plan-2019-2020"]


def test_a_snippet_is_cut_around_the_match_in_a_long_text():
    world = build_world()
    text = "Opening words. " * 40 + "The Chorvoq reservoir was inspected. " + "Closing. " * 40
    set_versions(world.plan, [{"number": 1, "language": "en", "text": text}])
    (hit,) = search(ANONYMOUS, "Chorvoq", organization=world.org)
    snippet = str(hit.snippet)
    assert "The <mark>Chorvoq</mark> reservoir was inspected." in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert len(snippet) < 300


# --- access --------------------------------------------------------------------------


def test_restricted_documents_are_neither_found_nor_counted():
    query = "information report"
    assert search(ANONYMOUS, query) == []
    assert search(ANONYMOUS, "Информационное сообщение") == []
    assert slugs(query, member_delegation(), kinds=["document"]) == ["scsc-14-information-report"]
    assert slugs(query, secretariat(), kinds=["document"]) == ["scsc-14-information-report"]


def test_a_forbidden_object_takes_no_place_in_the_limit():
    # Two body-restricted roadmaps match "roadmap" as well as the public one.
    everything = slugs("roadmap", secretariat(), kinds=["document"])
    assert {"observer-states-roadmap", "dialogue-partners-roadmap"} <= set(everything)
    assert slugs("roadmap", kinds=["document"], limit=1) == ["afghanistan-contact-group-roadmap"]
    assert set(slugs("roadmap", kinds=["document"], limit=200)) == {
        "afghanistan-contact-group-roadmap",
        "sco-press-release-2019-05-15",  # names the roadmaps in its text
    }


def test_the_search_page_shows_nothing_of_a_restricted_document(client):
    response = client.get("/search/", {"q": "четырнадцатом совещании"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Информационное" not in page
    assert "scsc-14-information-report" not in page


def test_people_are_found_only_through_what_the_viewer_may_read():
    save_person("test-nobody", PersonFields(name="Zebulon Quirrell"))
    # The person holds no post and attended no meeting: nobody finds them.
    assert slugs("Quirrell", secretariat()) == []
    assert slugs("Quirrell", Viewer(None, True, *[frozenset()] * 4)) == []
    # Vladimir Norov holds a post of the SCO: everyone finds him.
    assert slugs("Norov", kinds=["person"]) == ["vladimir-norov"]


# --- keeping the index up to date ----------------------------------------------------


def test_a_write_through_a_service_is_found_at_once():
    world = build_world()
    assert slugs("Kyzylkum", organization=world.org) == []
    save_document(world.org, "test-desert", DocumentFields(type=world.plan_type, title="Kyzylkum"))
    assert slugs("Kyzylkum", organization=world.org) == ["test-desert"]
    save_document(world.org, "test-desert", DocumentFields(type=world.plan_type, title="Karakum"))
    assert slugs("Kyzylkum", organization=world.org) == []
    assert slugs("Karakum", organization=world.org) == ["test-desert"]


def test_the_text_of_an_attached_file_is_found_until_it_is_removed():
    world = build_world()
    set_versions(world.plan, [{"number": 1, "language": "en", "text": "Summary"}])
    attached = attach_file(
        world.plan,
        number=1,
        language="en",
        kind="signed-original",
        name="plan.pdf",
        content=io.BytesIO(samples.pdf("Irrigation of the Zarafshan valley")),
    )
    assert slugs("Zarafshan irrigated", organization=world.org) == ["test-plan-2019"]
    remove_file(attached)
    assert slugs("Zarafshan", organization=world.org) == []


def test_a_removed_version_is_no_longer_found():
    world = build_world()
    set_versions(world.plan, [{"number": 1, "language": "en", "text": "Aralkum dust storms"}])
    assert slugs("Aralkum", organization=world.org) == ["test-plan-2019"]
    set_versions(world.plan, [{"number": 2, "language": "en", "text": "Tien Shan glaciers"}])
    assert slugs("Aralkum", organization=world.org) == []
    assert slugs("glaciers", organization=world.org) == ["test-plan-2019"]


def test_the_index_is_written_in_the_transaction_of_the_write(django_assert_num_queries):
    world = build_world()
    save_event(world.org, "test-fair", EventFields(name="Ustyurt fair", start=D(2020, 5, 1)), [])
    event = world.org.events.get()
    # No search has run: the write itself rewrote the event's rows.
    assert [r.title for r in SearchEntry.objects.filter(kind="event", object_id=event.pk)] == [
        "Ustyurt fair"
    ]
    with django_assert_num_queries(0):
        assert index.flush() == 0  # nothing left to do


def test_the_index_follows_a_rolled_back_write():
    world = build_world()
    with pytest.raises(RuntimeError), transaction.atomic():
        save_document(world.org, "test-gone", DocumentFields(type=world.plan_type, title="Murgab"))
        assert slugs("Murgab", organization=world.org) == ["test-gone"]
        raise RuntimeError
    assert slugs("Murgab", organization=world.org) == []
    assert not SearchEntry.objects.filter(title="Murgab").exists()


def test_renaming_a_body_rewrites_its_meetings():
    from accord.bodies.services import save_body
    from tests.services.build import hold

    world = build_world()
    hold(world.forum, "test-forum-1", D(2020, 3, 1), number=1)
    assert slugs("Forum", organization=world.org, kinds=["meeting"]) == ["test-forum-1"]
    save_body(world.org, "test-forum", BodyFields(name="Caravanserai"))
    assert slugs("Forum", organization=world.org, kinds=["meeting"]) == []
    assert slugs("Caravanserai", organization=world.org, kinds=["meeting"]) == ["test-forum-1"]


def test_the_seed_is_indexed_in_each_language():
    rows = SearchEntry.objects.filter(
        kind="document", object_id=sco().documents.get(slug="anti-drug-strategy-2018-2023").pk
    )
    assert {r.language for r in rows} == {"en", "ru", "zh"}


@pytest.mark.parametrize("query", ["the of", "--", '"*"', "OR AND NOT", "NEAR(a b)", "a*b:c^"])
def test_any_query_text_is_words_never_index_syntax(client, query):
    assert isinstance(search(ANONYMOUS, query), list)
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite migration")
def test_the_migration_writes_the_sqlite_index_again_with_stems():
    import importlib

    migration = importlib.import_module("accord.search.migrations.0003_snowball_stems_on_sqlite")
    entry = SearchEntry.objects.create(
        kind="person", object_id=1, language="ru", title="Бишкекской декларации", body=""
    )

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.restem(None, editor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM search_fts WHERE rowid = %s", [entry.pk])
        assert cursor.fetchone() == ("бишкекск декларац",)
