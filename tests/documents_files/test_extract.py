"""Reading a file's text within limits: the XML a package may expand to, the pages of
a PDF read, the text kept. No database."""

from __future__ import annotations

import io
import tracemalloc

import pytest

from accord.core.errors import DomainError
from accord.documents import content
from tests.documents_files import samples

MB = 1024 * 1024


def refusal(data: bytes, limits: content.Limits) -> str:
    with pytest.raises(DomainError) as caught:
        content.inspect(io.BytesIO(data), limits)
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
