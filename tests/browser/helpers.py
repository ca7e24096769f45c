"""What a browser test does often: sign in, choose a language, take a screenshot, run axe
(`from tests.browser.helpers import assert_accessible, login, screenshot, use_language`)."""

from __future__ import annotations

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.browser.server import ROOT, User

# The screenshots of a test run: build artefacts, kept under var/ (not in git).
SCREENSHOTS = ROOT / "var" / "artefacts" / "screenshots"
# axe-core's impact levels; a test fails on the serious and critical ones.
FAILING_IMPACTS = ("serious", "critical")
_AXE = Axe()


# The cookies of the session each user opened through the login page of a server, and
# the page signing in led to: a later test signed in as the same user gets them back
# instead of signing in again (signing in itself is tested by test_login.py).
_SESSION_COOKIES = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
_signed_in: dict[tuple[str, str], tuple[list, str]] = {}


def login(page: Page, user: User) -> None:
    """Sign `user` in through the login page, as a person would (the first time on its
    server; then with the session that opened); on the page signing in leads to."""
    known = _signed_in.get((user.server, user.username)) if user.server else None
    if known is not None:
        cookies, landing = known
        page.context.add_cookies(cookies)
        page.goto(landing)
    else:
        page.goto("/accounts/login/")
        page.locator("input[name=username]").fill(user.username)
        page.locator("input[name=password]").fill(user.password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        if "/accounts/login/" in page.url:
            errors = page.locator("main [role=alert], main .errorlist").all_inner_texts()
            raise AssertionError(f"{user.username} could not sign in: {errors}")
        if user.server:
            kept = [c for c in page.context.cookies() if c["name"] in _SESSION_COOKIES]
            _signed_in[(user.server, user.username)] = (kept, page.url)
    expect(page.locator("header form[action='/accounts/logout/']")).to_be_visible()


def use_language(page: Page, language: str) -> None:
    """Ask for pages in `language` (a code of settings.LANGUAGES), as the switcher does."""
    cookie = {"name": "django_language", "value": language, "domain": "127.0.0.1", "path": "/"}
    page.context.add_cookies([cookie])


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG of what the page shows, as var/artefacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name).strip('-')}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe(page: Page, context: str | None = None) -> list[dict]:
    """axe-core's violations on the page (or inside the `context` selector)."""
    return _AXE.run(page, context=context).response["violations"]


def describe(violations: list[dict]) -> str:
    """Violations as a person reads them: rule, impact, what to do, and where."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:5]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more elements")
    return "\n".join(lines)


def assert_accessible(
    page: Page, *, context: str | None = None, impacts: tuple[str, ...] = FAILING_IMPACTS
) -> list[dict]:
    """Fail if axe-core finds a violation of these impacts; the others are returned."""
    violations = axe(page, context)
    failing = [v for v in violations if v["impact"] in impacts]
    assert not failing, (
        f"{page.url}: {len(failing)} accessibility violation(s) of impact "
        f"{'/'.join(impacts)}:\n{describe(failing)}"
    )
    return violations


# The tables of a page that scroll sideways inside their own box, each named by its
# section's heading, with its widths (empty: every table fits the page's width).
TABLES_THAT_SCROLL = """
() => [...document.querySelectorAll("div.rows, table.decides")]
  .filter((box) => box.scrollWidth > box.clientWidth)
  .map((box) => `${box.closest("section")?.querySelector("h2")?.textContent}:`
    + ` ${box.scrollWidth} > ${box.clientWidth}`)
"""

# The headers of a page's tables broken inside a word, each with the word: a word (as the
# page's language segments it, so a Chinese word too) laid out on more than one line, or
# wider than its cell. Empty: every header breaks between words only, if at all.
BROKEN_HEADERS = """
() => {
  const lang = document.documentElement.lang || "en";
  const words = new Intl.Segmenter(lang, { granularity: "word" });
  const found = [];
  for (const th of document.querySelectorAll("main thead th")) {
    if (!th.checkVisibility()) continue;
    const cell = th.getBoundingClientRect();
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      for (const { segment, index, isWordLike } of words.segment(text.data)) {
        if (!isWordLike) continue;
        const range = document.createRange();
        range.setStart(text, index);
        range.setEnd(text, index + segment.length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const lines = new Set(rects.map((r) => Math.round(r.top))).size;
        const past = rects.some((r) => r.left < cell.left - 0.5 || r.right > cell.right + 0.5);
        if (lines > 1 || past) {
          const table = th.closest("section")?.querySelector("h2")?.textContent || "";
          found.push(`${table}: «${th.textContent.trim()}» breaks or overflows in «${segment}»`);
        }
      }
    }
  }
  return found;
}
"""
