"""Recording in the browser: a secretariat officer records a new meeting (agenda, a
referral, a decision), and the referral is pending on the target body's page; a
delegation records its state's position; an observer cannot. Without JavaScript's help:
rows are added by a submit button."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_accessible, login, screenshot
from tests.browser.pages import USERS
from tests.browser.server import Grant

SCS = "/organizations/sco/bodies/security-council-secretaries"
HEADS = "/organizations/sco/bodies/heads-of-state"
MEETING = f"{SCS}/meetings/17/"
DECISION = "On the counter-narcotics plan for 2023"
POSITION = f"{MEETING}decisions/drug-plan-2023/position/"


def sign_in_as(page: Page, served, name: str, *grants: Grant) -> None:
    page.context.clear_cookies()
    login(page, served.user(name, *grants))


def record_the_meeting(page: Page) -> None:
    page.goto(f"{SCS}/")
    page.get_by_role("link", name="Record a meeting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record a meeting: ")
    page.get_by_label("Number in the series").fill("17")
    page.get_by_label("Date", exact=True).fill("2022-08-19")
    page.get_by_label("City", exact=True).fill("Tashkent")
    page.get_by_label("Country").fill("UZ")
    page.get_by_label("Party, row 1").fill("UZ")
    page.get_by_label("Head of delegation, row 1").check()
    # Mongolia, an observer, as a member delegation: refused beside the field.
    page.get_by_label("Party, row 2").fill("MN")
    page.get_by_label("Id, row 1").first.fill("drugs")
    page.get_by_role("textbox", name="Title, row 1").first.fill("Countering the drug threat")
    page.get_by_role("region", name="Agenda").get_by_label("Kind, row 1").select_option("decision")
    page.get_by_label("Action, row 1").select_option("took-note")
    page.get_by_label("Agenda item, row 1").fill("drugs")
    # One more action row, added without JavaScript: what was typed stays.
    page.get_by_role("button", name="Add an action row").click()
    expect(page.get_by_label("City", exact=True)).to_have_value("Tashkent")
    expect(page.get_by_label("Action, row 3")).to_be_visible()
    page.get_by_label("Action, row 3").select_option("submitted")
    page.get_by_label("Agenda item, row 3").fill("drugs")
    page.get_by_label("Referred to, row 3").select_option("heads-of-state")
    page.get_by_label("For, row 3").fill("approval")
    decisions = page.get_by_role("region", name="Decisions")
    decisions.get_by_label("Id, row 1").fill("drug-plan-2023")
    decisions.get_by_label("Title, row 1").fill(DECISION)
    decisions.get_by_label("Open for positions, row 1").check()
    page.get_by_role("button", name="Save the record").first.click()

    expect(page.get_by_role("alert").first).to_contain_text("Nothing was saved")
    expect(page.locator("#id_participants-1-party-error")).to_contain_text(
        "'MN' is not a member on 2022-08-19"
    )
    expect(page.get_by_label("Party, row 2")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "record-meeting-refused")
    assert_accessible(page)

    page.get_by_label("Party, row 2").fill("KG")
    page.get_by_role("button", name="Save the record").first.click()
    expect(page).to_have_url(f"{page.url.split('/organizations')[0]}{MEETING}")
    expect(page.get_by_role("status")).to_contain_text("The record is saved.")


def test_an_officer_records_a_meeting_and_a_delegation_its_position(page, served):
    sign_in_as(page, served, "officer", *USERS["officer"])
    record_the_meeting(page)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    actions = page.get_by_role("region", name="Actions")
    expect(actions).to_contain_text("Council of Heads of State")
    screenshot(page, "record-meeting-saved")

    # The referral is pending for the heads of state.
    page.goto(f"{HEADS}/")
    pending = page.locator("section[aria-labelledby=pending]")
    expect(pending).to_contain_text("Countering the drug threat")
    screenshot(page, "record-pending-on-target-body")

    # The edit page reads the record back.
    page.goto(MEETING)
    page.get_by_role("link", name="Edit the record").click()
    expect(page.get_by_label("City", exact=True)).to_have_value("Tashkent")
    expect(page.get_by_label("Party, row 2")).to_have_value("KG")
    assert_accessible(page)

    # Kyrgyzstan's delegation records its position.
    sign_in_as(page, served, "kg-delegate", *USERS["kg-delegate"])
    page.goto(MEETING)
    expect(page.get_by_role("link", name="Edit the record")).to_have_count(0)
    page.get_by_role("link", name=f"Record a position on “{DECISION}”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Position of Kyrgyzstan")
    assert_accessible(page)
    page.get_by_label("concurs", exact=True).check()
    page.get_by_role("button", name="Record the position").click()
    expect(page.get_by_role("status")).to_contain_text("The position of Kyrgyzstan is recorded.")
    decision = page.locator("#decision-drug-plan-2023")
    expect(decision.get_by_role("row", name="Kyrgyzstan")).to_contain_text("concurs")
    screenshot(page, "record-position-saved")

    # An observer (Mongolia) is offered nothing, and the page is not found.
    sign_in_as(page, served, "mn-observer", Grant("sco", "observer", party="MN"))
    page.goto(MEETING)
    expect(page.locator("#decision-drug-plan-2023")).to_be_visible()
    expect(page.get_by_role("link", name=f"Record a position on “{DECISION}”")).to_have_count(0)
    answer = page.goto(POSITION)
    assert answer is not None and answer.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
    screenshot(page, "record-position-observer-not-found")


def test_a_user_creates_and_revokes_an_api_token(page, served):
    sign_in_as(page, served, "kg-delegate", *USERS["kg-delegate"])
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("browser export")
    page.get_by_role("button", name="Create the token").click()
    secret = page.get_by_role("textbox", name="Token", exact=True).input_value()
    assert secret.startswith("acc_")
    screenshot(page, "tokens-created")
    page.reload()
    expect(page.get_by_role("textbox", name="Token", exact=True)).to_have_count(0)
    page.get_by_role("button", name="Revoke the token browser export").click()
    expect(page.get_by_role("status")).to_contain_text("The token browser export is revoked.")
    assert_accessible(page)


def test_a_meeting_is_recorded_in_one_pass(page: Page, served):
    """With JavaScript: rows are added in place (focus on the new row), an agenda item is
    moved up, and eight delegations and five agenda items are recorded with one load of
    the form and one save."""
    sign_in_as(page, served, "one-pass-officer", *USERS["officer"])
    page.goto(f"{SCS}/meetings/new/")
    loads: list[str] = []

    def navigated(frame) -> None:
        if frame == page.main_frame:
            loads.append(frame.url)

    page.on("framenavigated", navigated)
    page.get_by_label("Date", exact=True).fill("2023-03-29")
    page.get_by_label("City", exact=True).fill("New Delhi")
    page.get_by_label("Country").fill("IN")
    add = page.get_by_role("button", name="Add a participant row")
    for n, code in enumerate(["CN", "IN", "KZ", "KG", "PK", "RU", "TJ", "UZ"], start=1):
        if n > 2:
            add.focus()
            page.keyboard.press("Enter")
            # The new row's first field has the focus: typing goes there.
            expect(page.get_by_label(f"Party, row {n}")).to_be_focused()
            page.keyboard.type(code)
        else:
            page.get_by_label(f"Party, row {n}").fill(code)
    agenda = page.get_by_role("region", name="Agenda")
    titles = ["Security situation", "Counter-terrorism", "Drugs", "Cyber security", "Afghanistan"]
    for n, title in enumerate(titles, start=1):
        if n > 2:
            page.get_by_role("button", name="Add an agenda row").click()
        agenda.get_by_label(f"Id, row {n}").fill(f"item-{n}")
        agenda.get_by_label(f"Title, row {n}").fill(title)
    # Afghanistan moved up above cyber security.
    agenda.locator("tr[data-row]").nth(4).get_by_role("button", name="Move the item up").click()
    expect(agenda.get_by_label("Title, row 4")).to_have_value("Afghanistan")
    screenshot(page, "meeting-one-pass")
    assert loads == []
    page.get_by_role("button", name="Save the record").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meeting")
    assert len(loads) == 1, loads  # the meeting's page, after the one save
    items = page.get_by_role("region", name="Agenda").locator("ol > li")
    expect(items).to_have_count(5)
    expect(items.nth(3)).to_contain_text("Afghanistan")
    expect(page.get_by_role("region", name="Participants").locator("tbody tr")).to_have_count(8)


def test_a_party_is_picked_by_name(page: Page, served):
    """Typing a name where a code is asked offers the party by its name (asked of the
    API as the officer types), its code as the value."""
    sign_in_as(page, served, "picker-officer", *USERS["officer"])
    page.goto(f"{SCS}/meetings/new/")
    with page.expect_response(lambda r: "/api/v1/pick?" in r.url and r.status == 200):
        page.get_by_label("Country").press_sequentially("Uzbek", delay=30)
    options = page.locator("datalist#parties option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_attribute("value", "UZ")
    expect(options.first).to_have_attribute("label", "Uzbekistan")
