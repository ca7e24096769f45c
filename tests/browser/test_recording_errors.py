"""Every error in one save, in the browser: an officer makes three independent mistakes
while recording a meeting (a party that does not exist, an agenda row without its title,
a date out of the series' order); the first save reports all three, beside their fields
and in a summary at the top that takes the focus and links to each field, in English
and on a Russian page. Date fields offer the browser's date picker, and a switch to type
a partial date. The pages stay axe-clean."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_accessible, login, screenshot, use_language
from tests.browser.pages import USERS

SCS = "/organizations/sco/bodies/security-council-secretaries"
NEW = f"{SCS}/meetings/new/"


def fill_three_mistakes(page: Page, labels: dict[str, str]) -> None:
    page.goto(NEW)
    page.get_by_label(labels["number"]).fill("30")
    date = page.get_by_label(labels["date"], exact=True)
    expect(date).to_have_attribute("type", "date")  # the browser's date picker
    date.fill("2010-05-01")  # before the 14th meeting: out of order
    page.get_by_label(labels["party"], exact=True).fill("XX")  # no such party
    agenda = page.get_by_role("region", name=labels["agenda"])
    agenda.get_by_label(labels["id"]).fill("drugs")  # and no title
    page.get_by_role("button", name=labels["save"]).first.click()


def check_the_summary(page: Page, heading: str, name: str) -> None:
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_contain_text(heading)
    links = summary.get_by_role("link")
    # The number out of date order is said beside the date too (the date may be wrong).
    expect(links).to_have_count(4)
    for anchor in ("#id_number", "#id_date", "#id_participants-0-party", "#id_agenda-0-title"):
        expect(summary.locator(f"a[href='{anchor}']")).to_have_count(1)
    for field in ("id_number", "id_date", "id_participants-0-party", "id_agenda-0-title"):
        expect(page.locator(f"#{field}")).to_have_attribute("aria-invalid", "true")
    # A link of the summary takes the focus to its field.
    summary.locator("a[href='#id_agenda-0-title']").click()
    expect(page.locator("#id_agenda-0-title")).to_be_focused()
    screenshot(page, name)
    assert_accessible(page)


def test_three_mistakes_are_all_reported_after_the_first_save(page: Page, served):
    login(page, served.user("officer", *USERS["officer"]))
    labels = {
        "number": "Number in the series",
        "date": "Date",
        "party": "Party, row 1",
        "agenda": "Agenda",
        "id": "Id, row 1",
        "save": "Save the record",
    }
    fill_three_mistakes(page, labels)
    check_the_summary(page, "4 things to correct", "record-three-mistakes")
    expect(page.locator("#id_date-error")).to_contain_text("correct the date, or the number")
    expect(page.locator("#id_participants-0-party-error")).to_contain_text("no party 'XX'")
    expect(page.locator("#id_agenda-0-title-error")).to_contain_text("required")
    # What was typed stays.
    expect(page.get_by_label("Date", exact=True)).to_have_value("2010-05-01")


def test_on_a_russian_page_too(page: Page, served):
    login(page, served.user("officer", *USERS["officer"]))
    use_language(page, "ru")
    labels = {
        "number": "Номер в серии",
        "date": "Дата",
        "party": "Сторона, строка 1",
        "agenda": "Повестка дня",
        "id": "Идентификатор, строка 1",
        "save": "Сохранить запись",
    }
    fill_three_mistakes(page, labels)
    check_the_summary(page, "Ничего не сохранено", "record-three-mistakes-ru")
    expect(page.locator("#id_participants-0-party-error")).to_contain_text("нет стороны 'XX'")
    expect(page.locator("#id_number-error")).to_contain_text("номер 30")


def test_a_partial_date_is_typed_through_the_switch(page: Page, served):
    login(page, served.user("officer", *USERS["officer"]))
    page.goto(NEW)
    date = page.get_by_label("Date", exact=True)
    expect(date).to_have_attribute("type", "date")
    page.locator("#id_date + button.date-toggle").click()
    expect(date).to_have_attribute("type", "text")
    expect(date).to_be_focused()
    date.fill("2022-08")
    expect(page.locator("#id_date + button.date-toggle")).to_be_hidden()
    assert_accessible(page)


def test_a_person_is_added_from_the_form_and_picked(page: Page, served):
    login(page, served.user("officer", *USERS["officer"]))
    page.goto(NEW)
    page.get_by_label("City", exact=True).fill("Tashkent")
    page.get_by_text("A person not yet in the record? Add them here").click()
    box = page.locator("#new-person")
    box.get_by_label("Id").fill("aigul-sarsenova")
    box.get_by_label("Name").fill("Aigul Sarsenova")
    box.get_by_role("button", name="Add the person").click()
    expect(page.locator("#new-person [role=status]")).to_contain_text(
        "Aigul Sarsenova is in the record now"
    )
    expect(page.get_by_label("City", exact=True)).to_have_value("Tashkent")  # what was typed stays
    expect(page.locator("#people option[value='aigul-sarsenova']")).to_have_count(1)
    screenshot(page, "record-person-added")
    assert_accessible(page)


def test_deleting_a_meeting_others_refer_to_is_refused_on_the_confirmation(page: Page, served):
    login(page, served.user("officer", *USERS["officer"]))
    page.goto(f"{SCS}/meetings/14/")
    page.get_by_role("link", name="Delete the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delete the meeting")
    assert_accessible(page)
    page.get_by_role("button", name="Delete the meeting").click()
    expect(page.locator("#error-summary")).to_contain_text("remove those first")
    expect(page.locator("#error-summary")).to_be_focused()
    screenshot(page, "delete-meeting-refused")
    assert_accessible(page)
