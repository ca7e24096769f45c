"""A status of the organization's own, named in its record: shown by its names on the
document page, in `accord history` and in the API, and said to be not translated where
a language has no name (never filled with another language's). Akoma Ntoso files and
the feed of adopted documents word the organization's verbs in the language asked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from django.test import Client
from lxml import etree

from accord.records.loader import LoadError, load
from tests.conftest import kept_for_module
from tests.web.conftest import text

CORPUS = Path(__file__).parent / "records" / "corpus"
NAMES = {"en": "implementation called for", "ru": "призвано к выполнению"}


def files(folder: Path, **changes: object) -> list[Path]:
    """The United Nations' files, the verb calling for implementation giving the
    document a status of the organization's own, named in English and Russian."""
    paths = []
    for source in sorted(CORPUS.glob("un-security-council*.yaml")):
        target = folder / source.name
        shutil.copy(source, target)
        paths.append(target)
    record = folder / "un-security-council-2015.yaml"
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    (verb,) = [v for v in data["verbs"] if v["id"] == "called-for-implementation"]
    verb |= {"status": "implementation called for", "status_names": NAMES} | changes
    record.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("un")
    yield from kept_for_module(django_db_blocker, lambda: load(files(folder)))


@pytest.fixture
def record(loaded, db):
    """The United Nations' files, loaded once for the module."""


def test_the_command_line_says_the_status_by_its_name(record, accord):
    found = accord("history", "un", "minsk-package", "--format", "json")
    assert (found["status"], found["status_name"]) == (
        "implementation called for",
        "implementation called for",
    )
    # Accord's own statuses keep Accord's words.
    adopted = accord("history", "un", "resolution-2202", "--format", "json")
    assert adopted["status_name"] == "adopted"


def test_the_verbs_say_the_status_names(record, accord, client: Client):
    listed = accord("verbs", "un", "--format", "json")
    (verb,) = [v for v in listed["verbs"] if v["id"] == "called-for-implementation"]
    assert verb["status_names"] == NAMES
    assert "gives implementation called for [en: implementation called for, ru: " in (
        accord("verbs", "un")
    )
    answer = client.get("/api/v1/organizations/un/verbs").json()
    (verb,) = [v for v in answer["items"] if v["id"] == "called-for-implementation"]
    assert verb["status_names"] == NAMES


def test_the_api_names_the_status_in_the_language_asked(record, client: Client):
    url = "/api/v1/organizations/un/documents/minsk-package"
    english = client.get(url).json()
    assert english["status"] == "implementation called for"
    assert english["status_name"] == "implementation called for"
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").json()
    assert russian["status_name"] == "призвано к выполнению"
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert chinese["status_name"] == "implementation called for（未翻译）"
    listed = client.get("/api/v1/organizations/un/documents", HTTP_ACCEPT_LANGUAGE="ru").json()
    (item,) = [d for d in listed["items"] if d["slug"] == "minsk-package"]
    assert item["status_name"] == "призвано к выполнению"


def test_the_page_names_the_status_and_says_where_it_is_not_translated(record, client: Client):
    page = "/organizations/un/documents/minsk-package/"
    assert "implementation called for" in text(client.get(page))
    russian = text(client.get(page, HTTP_ACCEPT_LANGUAGE="ru"))
    assert "призвано к выполнению" in russian
    chinese = text(client.get(page, HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "implementation called for（未翻译）" in chinese
    assert "призвано" not in chinese


def test_akoma_ntoso_words_the_verbs_as_the_organization_names_them(record, client: Client):
    answer = client.get("/export/un/documents/minsk-package.akn.xml?lang=ru")
    assert answer.status_code == 200
    root = etree.fromstring(answer.content)
    shown = {
        node.get("eId"): node.get("showAs")
        for node in root.iter("{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}TLCConcept")
    }
    assert "призвал все стороны выполнить" in shown.values()
    assert "одобрил" in shown.values()
    assert "призвано к выполнению" in shown.values()
    words = answer.content.decode()
    assert "— призвал все стороны выполнить" in words
    english = client.get("/export/un/documents/minsk-package.akn.xml?lang=en").content.decode()
    assert "called on all parties to implement" in english


def test_the_feed_words_the_verb_in_the_language_asked(record, client: Client):
    russian = client.get("/feeds/un/adopted.atom?lang=ru").content.decode()
    assert "Resolution 2202 (2015)" in russian
    assert "принял" in russian
    english = client.get("/feeds/un/adopted.atom").content.decode()
    assert "adopted by" in english


def test_status_names_on_a_verb_that_gives_no_status_are_refused(db, tmp_path):
    with pytest.raises(LoadError) as refused:
        load(files(tmp_path, status=""))
    assert "status_names" in str(refused.value)
    assert "gives no status" in str(refused.value)
