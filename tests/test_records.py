"""The record loader and dumper: schema, errors, idempotence, lossless round trips."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.apps import apps

from accord.records.dumper import as_yaml, dump
from accord.records.loader import LoadError, load
from accord.registry.models import Organization
from tests.databases import prepared_sqlite

RECORDS = Path(__file__).parent / "records"
BRICS = RECORDS / "brics-national-security.yaml"
ACCORD = Path(sys.executable).with_name("accord")


def row_counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label
        in {"registry", "bodies", "documents", "meetings", "decisions", "implementation"}
    }


@pytest.mark.django_db
def test_ten_mistakes_give_ten_precise_messages_and_change_nothing():
    before = row_counts()
    with pytest.raises(LoadError) as caught:
        load([RECORDS / "broken.yaml"])
    messages = [str(p) for p in caught.value.problems]
    name = str(RECORDS / "broken.yaml")
    expected = [
        "memberships[3].party: unknown party 'XX'",
        "memberships[4].from: AM already holds 'member' from 2000-01-01",
        "memberships[5].status: 'observer' exists only until 2010-12-31",
        "bodies[1].reports_to: unknown body 'counsel'",
        "chairmanships[0].party: 'KZ' is not a member on 2019-01-01",
        "documents[1].type: unknown document type 'memorandum'",
        "meetings[0].number: number 1 comes before 2, but 2 was held earlier (2017-03-01)",
        "meetings[2].chair: 'KZ' is not a member on 2019-05-15",
        "meetings[3].actions[0].verb: council has no power to take the action 'approved'",
        "meetings[4].decisions[0].positions[1].party: 'KZ' cannot hold a position",
    ]
    for fragment in expected:
        matching = [m for m in messages if f"{name}: {fragment}" in m]
        assert matching, f"no message contains {fragment!r}; got:\n" + "\n".join(messages)
    assert len(messages) == 10, "\n".join(messages)
    assert row_counts() == before
    assert not Organization.objects.filter(slug="broken-org").exists()


@pytest.mark.django_db
def test_schema_errors_name_the_path_and_stop_before_writing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: accord-record/1\n"
        "organization: {slug: Bad Slug}\n"
        "memberships:\n"
        "  - {party: am, status: member, from: 15 May 2019}\n"
        "meetings:\n"
        "  - {body: council, date: '2019-05-15', colour: blue}\n",
        encoding="utf-8",
    )
    before = row_counts()
    with pytest.raises(LoadError) as caught:
        load([bad])
    messages = "\n".join(str(p) for p in caught.value.problems)
    assert f"{bad}: organization.slug: 'Bad Slug' is not an id" in messages
    assert f"{bad}: memberships[0].party: 'am' is not a party code" in messages
    assert f"{bad}: memberships[0].from: '15 May 2019' is not a date" in messages
    assert f"{bad}: meetings[0]: Additional properties are not allowed ('colour'" in messages
    assert row_counts() == before


@pytest.mark.django_db
def test_unreadable_yaml_names_the_line(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("format: accord-record/1\norganization: [unclosed\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load([bad])
    assert str(caught.value.problems[0]).startswith(f"{bad}: line ")
    assert "not valid YAML" in str(caught.value.problems[0])


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    first = load([BRICS])
    assert first.tally.count_of("created") > 50
    ids = {m: sorted(m.objects.values_list("pk", flat=True)) for m in _domain_models()}
    second = load([BRICS])
    assert second.tally.count_of("created") == 0
    assert second.tally.count_of("updated") == 0
    assert second.tally.count_of("removed") == 0
    assert {m: sorted(m.objects.values_list("pk", flat=True)) for m in _domain_models()} == ids


@pytest.mark.django_db
def test_a_changed_file_updates_only_what_changed(tmp_path):
    load([BRICS])
    record = yaml.safe_load(BRICS.read_text(encoding="utf-8"))
    record["meetings"][2]["city"] = "St Petersburg"  # was "Saint Petersburg"
    record["memberships"] = [m for m in record["memberships"] if m["party"] != "KZ"]
    changed = tmp_path / "brics.yaml"
    changed.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    report = load([changed])
    assert report.tally.count_of("created") == 0
    assert report.tally.count_of("updated") == 1
    assert report.tally.count_of("removed") == 0  # memberships of unnamed parties are kept
    from accord.meetings.models import Meeting

    assert Meeting.objects.get(body__slug="national-security", number=14).city == "St Petersburg"


@pytest.mark.django_db
def test_a_removed_agenda_item_or_action_is_removed(tmp_path):
    load([BRICS])
    record = yaml.safe_load(BRICS.read_text(encoding="utf-8"))
    del record["meetings"][0]["actions"][1]  # the referral to the summit
    changed = tmp_path / "brics.yaml"
    changed.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    report = load([changed])
    assert report.tally.count_of("removed") == 1
    from accord.decisions.models import Action

    assert not Action.objects.filter(body__slug="national-security", verb="submitted").exists()


@pytest.mark.django_db
def test_dump_of_the_seed_loads_back_without_a_change(tmp_path):
    sco = Organization.objects.get(slug="sco")
    text = as_yaml(dump(sco))
    written = tmp_path / "sco.yaml"
    written.write_text(text, encoding="utf-8")
    report = load([written])
    assert report.tally.count_of("created") == 0, report.tally
    assert report.tally.count_of("updated") == 0, report.tally
    assert report.tally.count_of("removed") == 0, report.tally
    assert as_yaml(dump(sco)) == text


@pytest.mark.database_independent
def test_load_dump_load_is_lossless_across_fresh_databases(tmp_path):
    """Through the installed `accord` command, on two new SQLite files."""
    seed = [
        Path(__file__).parent.parent / "scenarios" / "sco-organization.yaml",
        Path(__file__).parent.parent / "scenarios" / "sco-2019-security-council-secretaries.yaml",
    ]

    def accord(db: str, *args: str) -> str:
        env = {**os.environ, "DATABASE_URL": prepared_sqlite(tmp_path / db)}
        done = subprocess.run(
            [str(ACCORD), *args], env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    accord("one.sqlite3", "load", *map(str, seed))
    first = accord("one.sqlite3", "dump", "sco")
    (tmp_path / "dump.yaml").write_text(first, encoding="utf-8")
    accord("two.sqlite3", "load", str(tmp_path / "dump.yaml"))
    assert accord("two.sqlite3", "dump", "sco") == first


def _domain_models() -> list:
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label
        in {"registry", "bodies", "documents", "meetings", "decisions", "implementation"}
    ]
