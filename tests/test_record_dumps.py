"""Dumps that stand alone: `accord dump ORG` writes what the organization's record needs
(the parties and people it names or its files define) and nothing more, loads alone into
an empty database, and dumps again byte-identical."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from accord.core.models import AuditEntry
from accord.records.dumper import as_yaml, dump
from accord.records.loader import load
from accord.registry.models import Declaration, Organization
from tests.conftest import kept_for_module
from tests.databases import prepared_sqlite

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "scenarios").glob("*.yaml"))
CORPUS = sorted((ROOT / "tests" / "records" / "corpus").glob("*.yaml"))
ORGS = ["sco", "un", "asean", "cis"]
ACCORD = Path(sys.executable).with_name("accord")

# Parties only the SCO's record names.
SCO_ONLY = {"CICA", "CSTO", "EEC", "IMF", "PARIS-PACT", "UNODC", "WORLD-BANK", "RU-MOD"}


@pytest.fixture(scope="module")
def dumped(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """Every organization's dump, written by the `accord` command from one database
    holding the seed and the whole corpus (SQLite files of their own, whatever database
    the run has: the tests that use them are the same in both halves of `make test`,
    so only the SQLite half runs them)."""
    where = tmp_path_factory.mktemp("dumps")
    run = _accord(where)
    run("all.sqlite3", "load", *map(str, SEED + CORPUS))
    return where, {slug: run("all.sqlite3", "dump", slug) for slug in ORGS}


def _accord(where: Path):
    def run(db: str, *args: str) -> str:
        env = {
            **os.environ,
            "DATABASE_URL": prepared_sqlite(where / db),
            "ACCORD_VAR_DIR": str(where),
        }
        done = subprocess.run(
            [str(ACCORD), *args], env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run


@pytest.mark.database_independent
@pytest.mark.parametrize("slug", ORGS)
def test_a_dump_loads_alone_into_an_empty_database_and_dumps_again_byte_identical(dumped, slug):
    where, texts = dumped
    run = _accord(where)
    path = where / f"{slug}.yaml"
    path.write_text(texts[slug], encoding="utf-8")
    run(f"{slug}-alone.sqlite3", "load", str(path))
    assert run(f"{slug}-alone.sqlite3", "dump", slug) == texts[slug]
    # And loading it again there writes nothing.
    assert ": 0 created, 0 updated, 0 removed," in run(f"{slug}-alone.sqlite3", "load", str(path))


@pytest.mark.database_independent
def test_a_dump_holds_only_the_parties_and_people_its_organization_needs(dumped):
    _, texts = dumped
    records = {slug: yaml.safe_load(text) for slug, text in texts.items()}

    def parties(slug: str) -> set[str]:
        return {p["code"] for p in records[slug].get("parties", [])}

    def people(slug: str) -> set[str]:
        return {p["id"] for p in records[slug].get("people", [])}

    assert parties("sco") >= SCO_ONLY
    for slug in ("cis", "un", "asean"):
        assert not parties(slug) & SCO_ONLY, slug
    # The CIS names Kyrgyzstan and Russia (held with the SCO's names in Chinese) and the
    # presidents who came to its summits; none of the SCO's secretaries.
    assert parties("cis") == {"KG", "RU"}
    assert people("cis") == {
        "gurbanguly-berdimuhamedow",  # who chaired the 2019 summit
        "kassym-jomart-tokayev",
        "sooronbay-jeenbekov",
        "vladimir-putin",
    }
    # ASEAN defines the party ASEAN, which only the SCO's record refers to; the UN and
    # ASEAN each define a person that no entry refers to.
    assert "ASEAN" in parties("asean")
    assert "antonio-guterres" in people("un") and "antonio-guterres" not in people("sco")
    assert people("asean") == {"kao-kim-hourn"}


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The seed and the whole corpus, loaded once for the module's tests in the run's
    database (each test's own writes undone after it)."""
    yield from kept_for_module(django_db_blocker, lambda: load(SEED + CORPUS))


def test_a_declared_person_nothing_refers_to_survives_load_dump_load(corpus, db, tmp_path):
    un = Organization.objects.get(slug="un")
    text = as_yaml(dump(un))
    assert "id: antonio-guterres" in text
    written = tmp_path / "un.yaml"
    written.write_text(text, encoding="utf-8")
    audited = AuditEntry.objects.count()
    report = load([written])
    assert report.tally.count_of("created") == 0, report.tally
    assert AuditEntry.objects.count() == audited
    assert as_yaml(dump(un)) == text


def test_an_organization_remembers_the_global_records_its_dump_writes(corpus, db):
    def declared(slug: str) -> set[str]:
        rows = Declaration.objects.filter(organization__slug=slug).select_related(
            "party", "person", "post"
        )
        return {
            (d.party and d.party.code) or (d.person and d.person.slug) or d.post.slug for d in rows
        }

    for slug in ORGS:
        record = yaml.safe_load(as_yaml(dump(Organization.objects.get(slug=slug))))
        written = {p["code"] for p in record.get("parties", [])}
        written |= {p["id"] for p in record.get("people", [])}
        written |= {p["id"] for p in record.get("posts", []) if "body" not in p and p.get("party")}
        assert declared(slug) == written, slug
    # What a file defines and nothing names is remembered too.
    assert "antonio-guterres" in declared("un")
    assert {"ASEAN", "kao-kim-hourn"} <= declared("asean")


@pytest.mark.django_db
def test_a_person_whose_last_mention_a_reload_removes_stays_in_the_dump(tmp_path):
    head = (
        "format: accord-record/1\n"
        "organization: {slug: tiny, name: Tiny Council}\n"
        "statuses: [{id: member, name: member, takes_decisions: true}]\n"
        "memberships: [{party: KG, status: member, from: '2000-01-01'}]\n"
        "bodies: [{id: council, name: Council}]\n"
        "people: [{id: ada-tiny, name: Ada Tiny, party: KG}]\n"
    )
    path = tmp_path / "tiny.yaml"
    path.write_text(
        head + "meetings: [{body: council, number: 1, date: '2019-05-15',"
        " participants: [{party: KG, person: ada-tiny}]}]\n",
        encoding="utf-8",
    )
    load([path])
    tiny = Organization.objects.get(slug="tiny")
    assert Declaration.objects.filter(organization=tiny, person__slug="ada-tiny").exists()
    path.write_text(
        head + "meetings: [{body: council, number: 1, date: '2019-05-15'}]\n", encoding="utf-8"
    )
    load([path])
    text = as_yaml(dump(tiny))
    assert "id: ada-tiny" in text and "person: ada-tiny" not in text
    # Said once more, nothing more is written.
    again = load([path])
    assert again.tally.count_of("created") == 0, again.tally


@pytest.mark.database_independent
def test_the_corpus_reloaded_into_the_database_it_filled_from_empty_writes_nothing(dumped):
    where, _ = dumped
    files = sorted(map(str, SEED + CORPUS), reverse=True)
    said = _accord(where)("all.sqlite3", "load", *files)
    assert ": 0 created, 0 updated, 0 removed," in said, said
