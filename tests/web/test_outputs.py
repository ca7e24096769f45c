"""What the pages offer to take away, and the pending list as of a date: every link a
page shows answers, the calendar subscription opens in a calendar program and its
entries lead back to their pages, a referral whose meeting has been held is flagged,
and the implementation page shows what one party must implement."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar

from tests.web.conftest import text

pytestmark = pytest.mark.django_db

SCO = "/organizations/sco"
HEADS = f"{SCO}/bodies/heads-of-state/"
SUMMIT_AGENDA = "Expanding intra-SCO cooperation with observer states and dialogue partners"


def _links(page: str) -> list[str]:
    block = page.split('class="outputs no-print"')[1].split("</section>")[0]
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', block)]


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize(
    "page",
    [
        f"{SCO}/",
        HEADS,
        f"{SCO}/calendar/",
        f"{SCO}/calendar/?body=security-council-secretaries",
        f"{SCO}/bodies/security-council-secretaries/meetings/14/",
        f"{SCO}/documents/anti-drug-action-plan-2019-2020/",
    ],
)
def test_every_link_a_page_offers_answers(client, page):
    links = _links(client.get(page).content.decode())
    assert links
    for link in links:
        response = client.get(_local(link))
        assert response.status_code == 200, (page, link)
        assert not response["Content-Type"].startswith("text/html"), link
        assert "filename=" in response["Content-Disposition"], link


def test_the_organization_offers_a_calendar_subscription_feeds_and_tables(client):
    page = client.get(f"{SCO}/?on=2019-05-15").content.decode()
    links = _links(page)
    assert "webcal://127.0.0.1/calendar/sco.ics?lang=en" in links
    assert "http://127.0.0.1/calendar/sco.ics?lang=en" in links
    assert "/feeds/sco/releases.atom" in links and "/feeds/sco/adopted.atom" in links
    assert "/export/sco/popolo.json" in links
    # Tables that depend on the date are as of the date the page is read as of.
    assert "/export/sco/members.csv?on=2019-05-15" in links
    # Feed readers find the feeds from the page itself.
    assert '<link rel="alternate" type="application/atom+xml" href="/feeds/sco/releases.atom"' in (
        page
    )


def test_the_subscription_speaks_the_page_language(client):
    client.get("/language/", {"language": "ru", "next": "/"})
    links = _links(client.get(f"{SCO}/").content.decode())
    assert "webcal://127.0.0.1/calendar/sco.ics?lang=ru" in links
    assert "Подписаться на календарь" in text(client.get(f"{SCO}/"))


def test_a_body_page_offers_its_own_calendar_and_pending_table_as_of_its_date(client):
    links = _links(client.get(f"{HEADS}?on=2019-06-01").content.decode())
    assert "webcal://127.0.0.1/calendar/sco/heads-of-state.ics?lang=en" in links
    assert "/export/sco/pending.csv?body=heads-of-state&on=2019-06-01" in links
    pending = client.get("/export/sco/pending.csv?body=heads-of-state&on=2019-06-01")
    assert SUMMIT_AGENDA in pending.content.decode()


def test_calendar_entries_lead_back_to_their_pages(client):
    cal = Calendar.from_ical(client.get("/calendar/sco.ics").content)
    urls = {str(e["summary"]): str(e["url"]) for e in cal.walk("VEVENT") if "url" in e}
    assert urls, "no entry links to its page"
    url = next(u for u in urls.values() if u.endswith("/security-council-secretaries/meetings/14/"))
    assert url == f"http://127.0.0.1{SCO}/bodies/security-council-secretaries/meetings/14/"
    for u in urls.values():
        assert client.get(_local(u)).status_code == 200, u


def test_pending_is_read_as_of_the_date_asked_and_flags_a_meeting_already_held(client):
    before = client.get(f"{HEADS}?on=2019-06-01")
    words = text(before)
    assert "Pending on June 1, 2019" in words
    row = words.split(SUMMIT_AGENDA)[1].split("</tr>")[0]
    assert "overdue" not in words.split("Referred to this body")[1].split("Powers")[0]
    # Today the summit it was to be taken up at has long been held.
    after = client.get(HEADS)
    page = after.content.decode()
    assert '<tr class="overdue">' in page
    assert "overdue: that meeting has been held" in text(after)
    assert row  # the referral was listed before the summit too


def test_pending_comes_before_the_meeting_series(client):
    page = client.get(HEADS).content.decode()
    assert page.index('id="pending"') < page.index('id="series"')


def test_a_date_that_cannot_be_read_is_said_beside_the_field(client):
    response = client.get(f"{HEADS}?on=2019-13-01")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert "Enter a date as YYYY-MM-DD" in text(response)


def test_the_purpose_of_a_referral_is_in_the_page_language(client):
    client.get("/language/", {"language": "ru", "next": "/"})
    words = text(client.get(f"{SCO}/bodies/security-council-secretaries/meetings/14/"))
    assert "для утверждения" in words or "для одобрения" in words
    assert "for approval" not in words and "— approval" not in words


def test_the_implementation_page_shows_what_one_party_must_implement(client):
    every = text(client.get(f"{SCO}/implementation/"))
    assert "Responsible party" in every
    picked = client.get(f"{SCO}/implementation/?party=KG")
    assert picked.status_code == 200
    words = text(picked)
    assert "What Kyrgyzstan is responsible for" in words
    # The choices are names, not codes.
    page = picked.content.decode()
    assert '<option value="KG" selected>Kyrgyzstan</option>' in page


def test_a_party_not_in_the_list_is_refused_beside_the_field(client):
    response = client.get(f"{SCO}/implementation/?party=XX")
    assert response.status_code == 400
    assert "Choose a party from the list" in text(response)
    assert "Programmes and plans" not in text(response)
