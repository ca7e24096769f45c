"""A meeting's minutes and attendance list on paper: printed by Chromium to PDF, in
each language, with the letterhead, the attendance list and the page numbers; the PDF
and a screenshot of the print layout are kept with the artefacts."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import SCREENSHOTS, screenshot, use_language

MINUTES = "/organizations/sco/bodies/security-council-secretaries/meetings/14/minutes/"


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_the_minutes_print_to_paper(page, served, language):
    use_language(page, language)
    response = page.goto(MINUTES)
    assert response is not None and response.status == 200
    page.emulate_media(media="print")
    # On paper: no site header, navigation or forms; the letterhead and the list stay.
    assert not page.locator("header.site").is_visible()
    assert page.locator(".letterhead").is_visible()
    assert page.locator("table.attendance tbody tr").count() >= 8
    screenshot(page, f"meeting-minutes-print-{language}")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"meeting-minutes-{language}.pdf").write_bytes(pdf)
