"""Each reading page, read by the public on the seed scenario: the facts the founding
press release states, where a reader looks for them; one h1, breadcrumbs, tables
with headers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from accord.registry.models import Person, PostHolding
from tests.web.conftest import h1_count, text

pytestmark = pytest.mark.django_db

SCO = "/organizations/sco"
SCS = f"{SCO}/bodies/security-council-secretaries"
MEETING_14 = f"{SCS}/meetings/14/"
PLAN = f"{SCO}/documents/anti-drug-action-plan-2019-2020/"
MEMBERS_2019 = ["China", "India", "Kazakhstan", "Kyrgyzstan", "Pakistan", "Russia"]

PAGES = [
    "/",
    f"{SCO}/",
    f"{SCO}/?on=2019-05-15",
    f"{SCS}/",
    f"{SCO}/bodies/heads-of-state/",
    MEETING_14,
    f"{SCO}/bodies/foreign-ministers/meetings/2019-05-bishkek/",
    f"{SCO}/bodies/heads-of-state/meetings/19/",
    PLAN,
    f"{SCO}/documents/counter-terrorism-programme-2019-2021/",
    f"{SCO}/calendar/",
    f"{SCO}/implementation/",
    "/search/",
    "/search/?q=Bishkek",
    "/people/vladimir-norov/",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_for_the_public_with_one_h1(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert h1_count(response) == 1
    assert page.count('<main id="content"') == 1
    if url != "/":
        assert re.search(r'<nav class="breadcrumbs" aria-label="[^"]+">', page)
    # Every table header cell says what it heads.
    assert "<th>" not in page
    assert all("scope=" in th for th in re.findall(r"<th\b[^>]*>", page))


def test_home_lists_each_organization_with_counts_and_links(client):
    response = client.get("/")
    page = response.content.decode()
    words = text(response)
    assert "Shanghai Cooperation Organisation" in words
    assert 'href="/organizations/sco/"' in page
    assert 'href="/organizations/sco/calendar/"' in page
    assert 'href="/organizations/sco/implementation/"' in page
    assert "Presidency Kyrgyzstan" in words  # from 2 September 2025
    # Counted as the public sees them: 15 public documents of 18.
    assert re.search(r"Documents\s*</dt>\s*<dd>15</dd>", page)


def test_organization_members_as_of_the_meeting_day(client):
    response = client.get(f"{SCO}/?on=2019-05-15")
    words = text(response)
    assert "Members, observers and partners on May 15, 2019" in words
    assert "member state: 8; observer state: 4; dialogue partner: 6" in words
    members = words.split("member state (8)")[1].split("observer state (4)")[0]
    for name in [*MEMBERS_2019, "Tajikistan", "Uzbekistan"]:
        assert name in members
    assert "Iran" not in members  # an observer until 2023
    assert "Presidency Kyrgyzstan (June 11, 2018 – June 14, 2019)" in words
    assert "Secretary-General of the SCO Vladimir Norov" in words
    # The date input is labelled and keeps the date asked about.
    page = response.content.decode()
    assert '<label for="id_on">As of</label>' in page
    assert 'value="2019-05-15"' in page


def test_organization_default_date_is_today(client):
    response = client.get(f"{SCO}/")
    today = timezone.localdate()
    assert f'value="{today.isoformat()}"' in response.content.decode()
    words = text(response)
    # On 28 November 2026 (or any day after the Tianjin summit): partners, no observers.
    assert "SCO partner:" in words
    assert "observer state (" not in words


def test_organization_timeline_is_an_svg_with_a_text_alternative(client):
    response = client.get(f"{SCO}/?on=2019-05-15")
    page = response.content.decode()
    svg = re.search(r"<svg [^>]*role=\"img\"[^>]*>.*?</svg>", page, re.S).group(0)
    assert 'aria-labelledby="membership-timeline-title membership-timeline-desc"' in svg
    assert '<title id="membership-timeline-title">Membership and chair terms of' in svg
    assert "<desc id=" in svg
    # A bar for each period of a status, titled for assistive technology.
    assert "<title>India: observer state, July 5, 2005 – June 8, 2017</title>" in svg
    assert "<title>India: member state, since June 9, 2017</title>" in svg
    assert "<title>Presidency: Kyrgyzstan, June 11, 2018 – June 14, 2019</title>" in svg
    # Numbers in the drawing are never localized (no decimal commas).
    assert not re.search(r'[xy]="\d+,\d', svg)
    # The same periods as tables.
    words = text(response)
    assert "Standing of each party" in words
    assert "India observer state July 5, 2005 June 8, 2017" in words
    assert "Chair terms: Presidency" in words


def test_organization_bodies_as_a_tree(client):
    page = client.get(f"{SCO}/").content.decode()
    tree = page.split('<ul class="tree">')[1]
    chs = tree.index("/bodies/heads-of-state/")
    scs = tree.index("/bodies/security-council-secretaries/")
    rats_ec = tree.index("/bodies/rats-executive-committee/")
    assert chs < scs < rats_ec
    # The RATS Executive Committee sits under the RATS Council, one level deeper.
    council = tree.index("/bodies/rats-council/")
    assert "<ul>" in tree[council:rats_ec]


def test_body_powers_chair_and_series_with_gaps(client):
    response = client.get(f"{SCS}/")
    page = response.content.decode()
    words = text(response)
    assert "Meeting since 2004" in words
    assert "Reports to Council of Heads of State" in words
    assert "approved programme of action, roadmap, working plan" in words
    assert "heard any subject" in words
    assert "Chair rule the organization's presidency" in words
    # Today the presidency is Kyrgyzstan's; the rotation proposes the next.
    assert re.search(r"Chair on [^<]+</dt>\s*<dd>Kyrgyzstan", page)
    assert "Next, as the rotation proposes" in words
    # The series: 1 (2004), 2-9 not recorded, 10 to 16.
    assert '<tr class="gap"><th scope="row">2–9</th><td colspan="3">not recorded</td></tr>' in page
    assert f'href="{MEETING_14}"' in page
    assert "14 May 15, 2019 Bishkek, Kyrgyzstan Kyrgyzstan" in words
    assert "15 Sept. 15, 2020 by video Russia" in words


def test_body_pending_today(client):
    words = text(client.get(f"{SCO}/bodies/heads-of-state/"))
    pending = words.split("Referred to this body and not yet acted on by it")[1]
    # Referred on 15 May 2019 for the summit agenda, never acted on.
    assert "Expanding intra-SCO cooperation with observer states and dialogue partners" in pending
    assert "inclusion on the agenda" in pending
    # Approved at the summit: no longer pending.
    assert "Action Plan for 2019-2020" not in pending
    assert "Roadmap for further actions" not in pending


def test_the_14th_meeting(client):
    response = client.get(MEETING_14)
    page = response.content.decode()
    words = text(response)
    assert "<h1>14th Meeting of SCO Member States&#x27; Security Council Secretaries</h1>" in page
    assert "Date May 15, 2019" in words
    assert "Venue Bishkek, Kyrgyzstan" in words
    assert "Mode in person" in words
    # The seed now also names the person who chaired (the C-appendix, S2).
    assert "Chair Damir Sagynbaev, Kyrgyzstan (the presidency on the date)" in words
    assert "Format restricted (members only) (8 members on the date)" in words
    # Prepares the Bishkek summit.
    assert f'href="{SCO}/bodies/heads-of-state/meetings/19/"' in page
    # Participants: the eight heads of delegation, the Secretary-General, the RATS Director.
    participants = words.split("Head of delegation")[1].split("Agenda")[0]
    assert participants.count(" yes ") == 8
    assert "Russia Nikolai Patrushev Security Council Secretary member delegation yes" in words
    assert "Vladimir Norov SCO Secretary-General secretariat" in words
    assert "Jumakhon Giyosov Director of the RATS Executive Committee" in words
    # The agenda, with the particular attention to the drug threat.
    assert 'id="item-countering-drugs"' in page
    assert "Countering the drug threat" in words and "particular attention" in words
    # The RATS report heard.
    heard = words.split("Reports heard")[1].split("Actions")[0]
    assert "Report on the efforts of the SCO Regional Anti-Terrorist Structure" in heard
    assert "in progress" in heard
    # The working plan approved, and submitted to the heads of state for approval.
    actions = words.split("What the body did at the meeting")[1].split("Decisions")[0]
    assert "approved Action Plan for 2019-2020" in actions
    assert (
        "submitted Action Plan for 2019-2020 on the implementation of the Programme of Action"
        " for the SCO Anti-Drug Strategy 2018-2023 Council of Heads of State"
        " (meeting no. 19, June 13, 2019 – June 14, 2019) — for approval"
    ) in actions
    assert "praised The Peace Mission 2018 counter-terrorism exercise" in actions
    # Documents and events it dealt with; statements.
    assert f'href="{PLAN}"' in page
    events = words.split("Related events")[1]
    assert (
        "Peace Mission 2018" in events and "The UN and the SCO in the Fight against Drugs" in events
    )
    assert "— Vladimir Norov (after the meeting)" in words


def test_an_ad_hoc_meeting_by_its_id(client):
    response = client.get(f"{SCO}/bodies/foreign-ministers/meetings/2019-05-bishkek/")
    words = text(response)
    assert "Meeting of the SCO Council of Ministers of Foreign Affairs, Bishkek" in words
    assert "Number outside the numbered series" in words
    assert "examined Action Plan for 2019-2020" in words
    assert "Prepared by" not in words


def test_the_summit_shows_what_prepared_it(client):
    words = text(client.get(f"{SCO}/bodies/heads-of-state/meetings/19/"))
    assert "Prepared by 14th Meeting of SCO Member States' Security Council Secretaries" in words


def test_document_lifecycle_across_bodies(client):
    response = client.get(PLAN)
    page = response.content.decode()
    words = text(response)
    assert "approved by Council of Heads of State, June 14, 2019" in words
    lifecycle = page.split('<ol class="lifecycle">')[1].split("</ol>")[0]
    steps = [
        " ".join(re.sub(r"<[^>]+>", "", li).split()).replace("&#x27;", "'")
        for li in lifecycle.split("<li>")[1:]
    ]
    assert [s.split(": ")[1].split(" ")[0] for s in steps] == [
        "approved",
        "submitted",
        "submitted",
        "examined",
        "approved",
    ]
    assert steps[0].startswith("May 15, 2019 — Meeting of SCO Member States")
    assert "Council of Heads of State (meeting no. 19" in steps[1]
    assert steps[4].startswith("June 14, 2019 — Council of Heads of State")
    # Translations, relations.
    assert '<td lang="ru">План мероприятий на 2019–2020 годы' in page
    assert "This document implements SCO Anti-Drug Strategy for 2018-2023" in words


def test_document_progress_and_reports_on(client):
    words = text(client.get(f"{SCO}/documents/counter-terrorism-programme-2019-2021/"))
    assert "adopted by Council of Heads of State, June 10, 2018" in words
    assert "reports on this document" in words
    progress = words.split("Progress reported")[1]
    assert "May 15, 2019 in progress the whole document" in progress
    assert "14th Meeting of SCO Member States' Security Council Secretaries" in progress


def test_calendar_upcoming_and_past(client):
    words = text(client.get(f"{SCO}/calendar/"))
    assert "Nothing upcoming is recorded." in words
    past = words.split("Past meetings and events, latest first")[1]
    # Latest first: the 2025 summit before the 14th meeting before Peace Mission 2018.
    assert past.index("Tianjin") < past.index("14th Meeting of SCO") < past.index("Peace Mission")


def test_calendar_filters(client):
    words = text(client.get(f"{SCO}/calendar/?body=security-council-secretaries"))
    assert "14th Meeting of SCO" in words
    assert "Tianjin" not in words and "Peace Mission" not in words
    words = text(client.get(f"{SCO}/calendar/?from=2019-05-01&to=2019-05-31"))
    assert "14th Meeting of SCO" in words and "Bishkek" in words
    assert "Qingdao" not in words
    page = client.get(f"{SCO}/calendar/?party=UNODC").content.decode()
    assert 'id="event-un-sco-fight-against-drugs-2019"' in page
    assert "Peace Mission" not in page


def test_implementation_dashboard(client):
    words = text(client.get(f"{SCO}/implementation/"))
    programmes = words.split("Documents followed up, newest first")[1].split("Nothing is")[0]
    assert "Programme of Cooperation of the SCO Member States in Combating Terrorism" in programmes
    assert "in progress (May 15, 2019, Executive Committee of the Regional" in programmes
    assert "Action Plan for 2019-2020" in programmes
    # A declaration is adopted but runs over no period: not followed up.
    assert "Bishkek Declaration" not in programmes
    assert "Nothing is overdue." in words


def test_person(client):
    words = text(client.get("/people/vladimir-norov/"))
    assert "Secretary-General of the SCO Shanghai Cooperation Organisation Jan. 1, 2019" in words
    assert "14th Meeting of SCO Member States' Security Council Secretaries May 15, 2019" in words


def test_pages_speak_the_readers_language(client):
    response = client.get(MEETING_14, HTTP_ACCEPT_LANGUAGE="ru")
    assert response["Content-Language"] == "ru"
    page = response.content.decode()
    assert "<h1>Четырнадцатое совещание секретарей советов безопасности" in page
    assert "15 мая 2019" in page
    assert "Бишкек, Кыргызстан" in page
    chinese = client.get(f"{SCO}/?on=2019-05-15", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "上海合作组织" in chinese.content.decode()
    assert "2019年5月15日" in chinese.content.decode()


def test_a_vacant_post_with_an_acting_holder_on_the_page_in_the_api_the_cli_and_the_table(
    client, accord
):
    PostHolding.objects.filter(post__slug="secretary-general", person__slug="zhang-ming").update(
        end=dt.date(2024, 6, 30)
    )
    sg = PostHolding.objects.get(person__slug="zhang-ming").post
    PostHolding.objects.create(
        post=sg,
        person=Person.objects.get(slug="yevgeny-sysoyev"),
        start=dt.date(2024, 7, 5),
        end=dt.date(2024, 12, 31),
        acting=True,
    )
    words = text(client.get(f"{SCO}/?on=2024-09-01"))
    assert "vacant since July 1, 2024; Yevgeny Sysoyev (acting)" in words
    assert "vacant since July 1, 2024" in text(client.get(f"{SCO}/?on=2024-07-02"))
    russian = text(client.get(f"{SCO}/?on=2024-09-01", HTTP_ACCEPT_LANGUAGE="ru"))
    assert "вакантна с" in russian and "(и. о.)" in russian
    chinese = text(client.get(f"{SCO}/?on=2024-09-01", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "起空缺" in chinese

    api = client.get("/api/v1/organizations/sco/posts?on=2024-09-01").json()
    post = next(p for p in api["items"] if p["post"] == "secretary-general")
    assert (post["vacant_since"], post["holder"]["acting"]) == ("2024-07-01", True)

    cli = accord("posts", "sco", "--on", "2024-09-01")
    assert "vacant since 2024-07-01; acting: Yevgeny Sysoyev (2024-07-05 to 2024-12-31)" in cli
    table = accord("export", "csv", "sco", "posts", "--on", "2024-09-01")
    assert "acting,2024-07-01" in table


def test_the_minutes_and_attendance_list_to_print(client):
    """The meeting page links to its minutes: a letterhead, the attendance list with a
    column to sign, agenda, actions and decisions, and the date printed."""
    meeting = "/organizations/sco/bodies/security-council-secretaries/meetings/14/"
    assert f'href="{meeting}minutes/"' in client.get(meeting).content.decode()
    answer = client.get(f"{meeting}minutes/")
    assert answer.status_code == 200
    html = answer.content.decode()
    assert 'class="letterhead"' in html and "Shanghai Cooperation Organisation" in html
    words = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Attendance list" in words and "Signature" in words
    assert "Kyrgyzstan" in words and "Damir Sagynbaev" in words
    assert re.search(rf"Printed on .* from the record: https?://\S+{meeting}", words)
    russian = client.get(f"{meeting}minutes/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Список участников" in russian
