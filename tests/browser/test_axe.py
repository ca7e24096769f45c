"""The accessibility check itself: it finds what is wrong, and says where."""

from __future__ import annotations

import pytest

from tests.browser.helpers import assert_accessible

BROKEN = """<!doctype html><html lang="en"><head><title>Broken</title></head><body><main>
<h1>Broken</h1>
<p style="color:#bbbbbb;background:#ffffff">This text is too faint to read.</p>
<form><input type="text" name="unlabelled"></form>
</main></body></html>"""


def test_serious_violations_fail_with_a_readable_message(page):
    page.set_content(BROKEN)
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    message = str(failure.value)
    assert "color-contrast (serious)" in message
    assert "label (critical)" in message
    assert 'name="unlabelled"' in message


def test_moderate_findings_are_returned_not_failed(page):
    # text outside every landmark: axe's "region" rule, of moderate impact
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Loose</title></head><body>'
        "<main><h1>Loose</h1></main><p>Outside every landmark.</p></body></html>"
    )
    found = assert_accessible(page)
    assert [(v["id"], v["impact"]) for v in found] == [("region", "moderate")]
