"""A published release's PDF, downloaded from its public page as a reader would, in
Russian and Chinese: the file is the release's, its fonts have the glyphs of its script,
and its first page is rendered to PNG (PDFium) among the screenshots, to be looked at."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from tests.browser.helpers import SCREENSHOTS

# The fonts that must draw each script (Debian: fonts-dejavu-core, fonts-wqy-microhei).
FONTS = {"ru": "DejaVu-Sans", "zh": "WenQuanYi"}


@pytest.mark.parametrize("language", ["ru", "zh"])
def test_the_pdf_of_a_published_release_renders_in_its_script(page: Page, served, language):
    page.goto(f"/releases/sco/security-council-secretaries-14-press-release-{language}/")
    headline = page.get_by_role("heading", level=1).inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith(f"-press-release-{language}-v1.pdf")
    content = download.value.path().read_bytes()

    reader = PdfReader(io.BytesIO(content))
    assert reader.trailer["/Root"]["/Lang"] == language
    assert reader.metadata.title == headline
    fonts = {
        str(font.get_object()["/BaseFont"])
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert any(FONTS[language] in name for name in fonts), fonts

    pdf = pypdfium2.PdfDocument(content)
    first = pdf[0]
    assert "".join(headline.split()) in "".join(first.get_textpage().get_text_bounded().split())
    image = first.render(scale=1.5).to_pil()
    # a page with text on it: far from all white
    assert sum(image.convert("L").histogram()[:128]) > 5000
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image.save(SCREENSHOTS / f"release-pdf-{language}-page-1.png")
    pdf.close()
