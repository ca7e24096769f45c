"""A public visitor on the home page: the record, the language switcher, the skip link."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.helpers import screenshot


def test_a_public_visitor_sees_the_sco_its_bodies_and_meetings(page):
    page.goto("/")
    expect(page).to_have_title("Organizations — Accord")
    expect(page.get_by_role("heading", level=1)).to_have_text("Organizations")
    sco = page.get_by_role("region", name="Shanghai Cooperation Organisation (SCO)")
    expect(sco.get_by_role("heading", level=2)).to_be_visible()
    sco.get_by_role("link", name="Members, bodies and posts").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Shanghai Cooperation Organisation"
    )
    expect(page.get_by_role("link", name="Security Council Secretaries").first).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def choose(page, language_name: str, button: str) -> None:
    page.get_by_role("combobox").select_option(label=language_name)
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def test_the_language_switcher_changes_the_interface_and_back(page):
    page.goto("/")
    choose(page, "Русский", "Change")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    nav = page.get_by_role("navigation", name="Основная навигация")
    expect(nav.get_by_role("link", name="Организации")).to_be_visible()
    expect(nav.get_by_role("link", name="Войти")).to_be_visible()
    expect(page.get_by_role("heading", level=2)).to_contain_text(
        "Шанхайская организация сотрудничества (ШОС)"
    )
    expect(page.get_by_text("Заседания", exact=True)).to_be_visible()
    screenshot(page, "language-switched-to-russian")

    choose(page, "简体中文", "Сменить")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    nav = page.get_by_role("navigation", name="主导航")
    expect(nav.get_by_role("link", name="组织")).to_be_visible()
    expect(nav.get_by_role("link", name="登录")).to_be_visible()
    expect(page.get_by_role("heading", level=2)).to_contain_text("上海合作组织 (上合组织)")
    screenshot(page, "language-switched-to-chinese")

    choose(page, "English", "切换")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Organizations")).to_be_visible()
    # the choice is remembered on the next page
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_the_first_tab_offers_the_skip_link_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
