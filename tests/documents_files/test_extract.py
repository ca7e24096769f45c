"""Reading a file's text within limits: the XML a package may expand to, the pages of
a PDF read, the text kept; and the child process that reads it, stopped when it takes
longer or more memory than it may. No database."""

from __future__ import annotations

import io
import subprocess
import tracemalloc

import pytest
from django.core.exceptions import ImproperlyConfigured

from accord.config import settings as accord_settings
from accord.core.errors import DomainError
from accord.documents import content, extract
from tests.documents_files import samples

# No database: the answers are the same in both halves of `make test` (run in one).
pytestmark = pytest.mark.database_independent

MB = 1024 * 1024


def refusal(data: bytes, limits: content.Limits, *, apart: bool = False) -> str:
    read = extract.inspect if apart else content.inspect
    with pytest.raises(DomainError) as caught:
        read(io.BytesIO(data), limits)
    (problem,) = caught.value.problems
    assert problem.field == "file"
    return problem.reason


# --- packages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "part"),
    [(samples.docx_expanding, "word/document.xml"), (samples.odt_expanding, "content.xml")],
    ids=["docx", "odt"],
)
def test_a_part_expanding_beyond_the_limit_is_refused_before_it_is_read(make, part):
    """60 MB of XML in a package of 200 kB: refused by the size the package declares,
    before a byte of the part is read."""
    sample = make(60_000_000)
    assert len(sample) < 250_000
    tracemalloc.start()
    reason = refusal(sample, content.Limits(max_xml=20 * MB))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert reason == f"its part {part} expands to more than 20 MB of XML"
    assert peak < 2 * MB


def test_the_bytes_read_count_whatever_the_package_declares(monkeypatch):
    """A part is read with a budget of bytes, also when its declared size is within it
    (Python's zipfile reads no more than the declared size, but the budget does not
    depend on that)."""
    sample = samples.docx("a" * 300_000)
    monkeypatch.setattr(content, "_declared_size", lambda info: 0)
    reason = refusal(sample, content.Limits(max_xml=200_000))
    assert reason == "its part word/document.xml expands to more than 200000 bytes of XML"


def test_a_package_read_in_pieces_gives_the_same_text():
    paragraphs = [f"Paragraph {n}: План действий, 反毒品行动计划 & <more>" for n in range(5_000)]
    docx = content.inspect(io.BytesIO(samples.docx(*paragraphs)))
    assert docx.text == "\n".join(paragraphs)
    assert docx.note == ""
    odt = content.inspect(io.BytesIO(samples.odt(*paragraphs)))
    assert odt.text == "\n".join(paragraphs)


def test_text_beyond_the_limit_is_cut_and_that_is_said():
    limits = content.Limits(max_text=1_000)
    for sample in [
        samples.docx(*["A paragraph of the plan."] * 500),
        samples.odt(*["A paragraph of the plan."] * 500),
        samples.pdf(*["A line of the plan."] * 200),
        samples.docx_expanding(10_000_000),  # stops reading at the limit
    ]:
        inspected = content.inspect(io.BytesIO(sample), limits)
        assert len(inspected.text) == 1_000
        assert inspected.note == "its text is cut at 1000 characters"
    whole = content.inspect(io.BytesIO(samples.docx("Short")), limits)
    assert (whole.text, whole.note) == ("Short", "")


# --- PDF ----------------------------------------------------------------------------------


def test_a_pdf_longer_than_the_page_limit_gives_the_text_of_its_first_pages():
    inspected = content.inspect(io.BytesIO(samples.pdf_pages(250)), content.Limits(max_pages=120))
    assert inspected.type is content.PDF
    lines = inspected.text.splitlines()
    assert lines[0] == "Page 1." and lines[-1] == "Page 120."
    assert len(lines) == 120  # in order, through both levels of the page tree
    assert inspected.note == "the text of its first 120 pages only (of 250)"
    whole = content.inspect(io.BytesIO(samples.pdf_pages(250)), content.Limits(max_pages=250))
    assert whole.text.splitlines()[-1] == "Page 250." and whole.note == ""


def test_a_page_tree_that_refers_to_itself_is_read_once():
    pdf = samples.pdf_pages(3, per_node=2).replace(b"/Kids [4 0 R 5 0 R]", b"/Kids [4 0 R 2 0 R]")
    assert content.inspect(io.BytesIO(pdf)).text == "Page 1.\nPage 2."


# --- the child process ----------------------------------------------------------------------


def test_the_child_reads_what_the_function_reads():
    for sample in [samples.pdf("Approved"), samples.docx("План"), samples.odt("计划")]:
        assert extract.inspect(io.BytesIO(sample), content.Limits()) == content.inspect(
            io.BytesIO(sample)
        )
    reason = refusal(samples.docx_expanding(60_000_000), content.Limits(), apart=True)
    assert reason == "its part word/document.xml expands to more than 20 MB of XML"
    assert refusal(samples.EXE, content.Limits(), apart=True).endswith("a Windows program)")


def test_the_child_reads_a_file_on_disk_without_moving_its_position(tmp_path):
    path = tmp_path / "plan.docx"
    data = samples.docx("On disk")
    path.write_bytes(data)
    with path.open("rb") as handle:
        handle.read(10)
        assert extract.inspect(handle, content.Limits()).text == "On disk"
        assert handle.tell() == 10
        assert handle.read() == data[10:]


@pytest.fixture
def children(monkeypatch) -> list[tuple[subprocess.Popen, dict]]:
    """Every child process started by extract, with the arguments it was started with."""
    started = []
    real = subprocess.Popen

    def recorded(*args, **kwargs):
        process = real(*args, **kwargs)
        started.append((process, kwargs))
        return process

    monkeypatch.setattr(extract.subprocess, "Popen", recorded)
    return started


def test_a_child_that_takes_longer_than_the_limit_is_killed(children):
    limits = content.Limits(seconds=0.05)
    reason = refusal(samples.pdf_pages(2_000), limits, apart=True)
    assert reason == "reading its text took longer than 0.05 seconds"
    ((process, _),) = children
    assert process.returncode is not None and process.returncode < 0  # killed, and reaped


def test_a_child_that_needs_more_memory_than_the_limit_is_stopped(children):
    """A few kilobytes of PDF whose page inflates to 70 MB."""
    limits = content.Limits(memory_mb=100)
    reason = refusal(samples.pdf_inflating(70 * MB), limits, apart=True)
    assert reason == "reading its text needs more than 100 MB of memory"
    assert children[0][0].returncode is not None
    # With room enough it is read (a page of spaces: no text).
    assert extract.inspect(io.BytesIO(samples.pdf_inflating(70 * MB)), content.Limits()).text == ""


def test_the_child_sees_no_secret_of_the_parent(children, monkeypatch):
    monkeypatch.setenv("ACCORD_SECRET_KEY", "not for the child")
    monkeypatch.setenv("DATABASE_URL", "postgres://user:password@db/accord")
    extract.inspect(io.BytesIO(samples.pdf("x")), content.Limits())
    ((_, kwargs),) = children
    assert not any(k.startswith(("ACCORD_", "DATABASE_")) for k in kwargs["env"])


# --- settings --------------------------------------------------------------------------------


def test_the_limits_come_from_the_settings(settings):
    settings.ACCORD_EXTRACT_TIMEOUT = 7.5
    settings.ACCORD_EXTRACT_MEMORY_MB = 300
    settings.ACCORD_EXTRACT_MAX_PAGES = 50
    settings.ACCORD_EXTRACT_MAX_TEXT = 5_000
    settings.ACCORD_EXTRACT_MAX_XML_MB = 3
    assert extract.limits() == content.Limits(
        seconds=7.5, memory_mb=300, max_pages=50, max_text=5_000, max_xml=3 * MB
    )


@pytest.mark.parametrize(
    ("name", "raw", "reason"),
    [
        ("ACCORD_EXTRACT_TIMEOUT", "soon", "expected a positive number of seconds, got 'soon'"),
        ("ACCORD_EXTRACT_TIMEOUT", "0", "expected a positive number of seconds, got '0'"),
        ("ACCORD_EXTRACT_TIMEOUT", "nan", "expected a positive number of seconds, got 'nan'"),
        ("ACCORD_EXTRACT_MEMORY_MB", "64", "expected at least 128 (MB), got '64'"),
        ("ACCORD_EXTRACT_MAX_PAGES", "-1", "expected a positive whole number, got '-1'"),
        ("ACCORD_EXTRACT_MAX_TEXT", "1e6", "expected a positive whole number, got '1e6'"),
    ],
)
def test_a_bad_limit_stops_accord_from_starting(monkeypatch, name, raw, reason):
    monkeypatch.setenv(name, raw)
    with pytest.raises(ImproperlyConfigured) as caught:
        accord_settings._extract_limits()
    assert str(caught.value) == f"{name}: {reason}"
