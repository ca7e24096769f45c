"""Hostile record files through the record loader (`accord.records.loader.load`, which
`accord load` calls): each is refused with the file, the path inside it and the
reason, quickly and in little memory, and nothing is written.

The corpus (corpus/records/) says on each file's first line what the refusal must
say (`# expect: ...`); `loaded` marks a file that is read as usual.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accord.records.loader import LoadError, load
from accord.registry.models import Person
from tests.hostile.conftest import CORPUS

RECORDS = sorted((CORPUS / "records").iterdir())
JSON_EXPECTED = {"nul-escape.json": "people[0].name: contains a NUL character (U+0000)"}
HEADER = "format: accord-record/1\norganization: {slug: sco}\n"


def expected(path: Path) -> str:
    if path.suffix == ".json":
        return JSON_EXPECTED[path.name]
    first = path.read_bytes().split(b"\n", 1)[0].decode("ascii")
    assert first.startswith("# expect: "), f"{path.name}: no expectation on its first line"
    return first.removeprefix("# expect: ")


def refused_quickly(paths: list[Path]) -> str:
    """The loader's refusal of `paths` (as text), asserting that it took under a second
    of this process's CPU (not of the wall clock, which a busy machine stretches) and
    less than 20 MB of memory."""
    tracemalloc.start()
    started = time.process_time()
    try:
        with pytest.raises(LoadError) as refusal:
            load(paths)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.process_time() - started < 1.0
    assert peak < 20 * 1024 * 1024
    return str(refusal.value)


@pytest.mark.parametrize("path", RECORDS, ids=[p.name for p in RECORDS])
def test_each_hostile_record_file(db, unchanged, path):
    want = expected(path)
    if want == "loaded":
        load([path])
        assert Person.objects.filter(slug__startswith="merged-").count() == 2
        return
    message = refused_quickly([path])
    assert str(path) in message
    assert want in message
    unchanged()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        # libyaml stops at its own depth limit; the pure-Python one would recurse.
        ("deep.yaml", "people: " + "[" * 20000 + "]" * 20000, "exceeded maximum nesting depth"),
        ("deep-map.yaml", "people: " + "{a: " * 20000 + "1" + "}" * 20000, "nesting depth"),
        # json.loads would raise RecursionError.
        ("deep.json", None, "nested more than 64 levels deep"),
    ],
)
def test_deep_nesting_is_refused_not_a_crash(db, unchanged, tmp_path, name, content, reason):
    path = tmp_path / name
    if content is None:
        deep = "[" * 100_000 + "]" * 100_000
        path.write_text(f'{{"format": "accord-record/1", "people": {deep}}}', encoding="utf-8")
    else:
        path.write_text(HEADER + content + "\n", encoding="utf-8")
    assert reason in refused_quickly([path])
    unchanged()


def test_a_hostile_file_beside_a_good_one_changes_nothing(db, unchanged, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(HEADER + "people:\n  - {id: good-person, name: Good, party: UZ}\n")
    message = refused_quickly([good, CORPUS / "records" / "nul-escape.yaml"])
    assert "nul-escape.yaml: people[0].name: contains a NUL character" in message
    assert not Person.objects.filter(slug="good-person").exists()
    unchanged()


@pytest.mark.parametrize("name", ["alias-bomb.yaml", "python-object.yaml", "nul-escape.yaml"])
def test_accord_load_names_the_problem_and_fails(db, unchanged, capsys, name):
    path = CORPUS / "records" / name
    with pytest.raises(CommandError) as failure:
        call_command("load", str(path))
    assert failure.value.returncode == 1
    assert "nothing was loaded" in str(failure.value)
    assert expected(path) in capsys.readouterr().err
    assert not Path("/tmp/accord-hostile-yaml").exists()
    unchanged()
