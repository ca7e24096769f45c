"""The implementation dashboard and a document's measures, with measures recorded
through the services on the seed's working plan (and on a restricted roadmap)."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.bodies.models import Body
from accord.documents.models import Document
from accord.implementation.inputs import MeasureFields
from accord.implementation.services import save_measure, set_progress_reports
from accord.registry.models import Party
from tests.web.conftest import text

D = dt.date
SCO = "/organizations/sco"
PLAN = "anti-drug-action-plan-2019-2020"


@pytest.fixture
def measures(db):
    plan = Document.objects.get(slug=PLAN)
    party = {c: Party.objects.get(code=c) for c in ("KG", "RU")}
    rats = Body.objects.get(slug="rats-executive-committee")
    late = save_measure(
        plan,
        "joint-operation",
        MeasureFields(
            text="Joint anti-drug operation", responsible_party=party["KG"], due=D(2020, 6, 30)
        ),
    )
    done = save_measure(
        plan,
        "expert-meeting",
        MeasureFields(text="Meeting of experts", responsible_body=rats, due=D(2020, 12, 31)),
    )
    running = save_measure(
        plan,
        "training",
        MeasureFields(
            text="Training of officers", responsible_party=party["RU"], due=D(2030, 1, 1)
        ),
    )
    set_progress_reports(
        plan,
        [
            {"date": D(2019, 9, 1), "status": "in-progress", "measure": done},
            {"date": D(2020, 11, 1), "status": "done", "measure": done},
            {"date": D(2020, 11, 1), "status": "in-progress", "measure": running},
            {"date": D(2020, 11, 1), "status": "in-progress", "measure": late},
        ],
    )
    roadmap = Document.objects.get(slug="observer-states-roadmap")
    save_measure(
        roadmap,
        "secret-step",
        MeasureFields(text="A step of the restricted roadmap", responsible_party=party["KG"]),
    )
    return plan


def test_the_dashboard_shows_measures_by_status_overdue_and_who_is_responsible(client, measures):
    response = client.get(f"{SCO}/implementation/")
    assert response.status_code == 200
    words = text(response)
    overdue = words.split("Measures past their due date and not done")[1].split("Measures by")[0]
    assert "Joint anti-drug operation Kyrgyzstan June 30, 2020 in progress overdue" in overdue
    assert "Meeting of experts" not in overdue and "Training of officers" not in overdue
    by_status = words.split("Measures by status")[1]
    assert "in progress: 2 measures" in by_status
    assert "done: 1 measure" in by_status
    responsible = words.split("Measures each is responsible for")[1]
    assert "Kyrgyzstan 1 0 1" in responsible
    assert "Executive Committee of the Regional Anti-Terrorist Structure 1 1 0" in responsible
    assert "Russia 1 0 0" in responsible
    programmes = words.split("Documents followed up, newest first")[1]
    assert "Action Plan for 2019-2020" in programmes


def test_the_restricted_roadmaps_measures_stay_hidden(client, measures, as_role):
    assert "A step of the restricted roadmap" not in text(client.get(f"{SCO}/implementation/"))
    allowed = as_role("delegation-scs")
    words = text(allowed.get(f"{SCO}/implementation/"))
    assert "A step of the restricted roadmap" in words
    assert "Roadmap to involve the SCO observer states" in words


def test_the_document_lists_its_measures_and_progress(client, measures):
    words = text(client.get(f"{SCO}/documents/{PLAN}/"))
    table = words.split("Measures Measure Responsible Due Status")[1]
    assert "Joint anti-drug operation Kyrgyzstan June 30, 2020 in progress overdue" in table
    assert (
        "Meeting of experts Executive Committee of the Regional Anti-Terrorist Structure" in table
    )
    assert "done reported Nov. 1, 2020" in table
    progress = words.split("Progress reported")[1]
    assert "Sept. 1, 2019 in progress Meeting of experts" in progress


def test_the_documents_followed_come_a_page_at_a_time(client, measures, monkeypatch):
    from accord.accounts.access import viewer_of
    from accord.implementation import selectors
    from accord.registry.models import Organization

    sco, on, anyone = Organization.objects.get(slug="sco"), D(2026, 1, 1), viewer_of(None)
    whole = selectors.dashboard(anyone, sco, on)
    assert not whole.more and len(whole.documents) >= 2
    pages = [selectors.dashboard(anyone, sco, on, page=n, size=1) for n in range(1, 40)]
    listed = [f.document.slug for p in pages for f in p.documents]
    assert listed == [f.document.slug for f in whole.documents]
    last = max(n for n, p in enumerate(pages) if p.documents)
    assert all(p.more for p in pages[:last]) and not pages[last].more
    # Every page sums up every measure, whichever documents it lists.
    assert all(len(p.overdue) == len(whole.overdue) == 1 for p in pages)

    monkeypatch.setattr(selectors, "PAGE", 1)
    first = client.get(f"{SCO}/implementation/")
    assert 'href="?page=2"' in first.content.decode()
    assert "Later programmes and plans" not in text(first)
    second = text(client.get(f"{SCO}/implementation/", {"page": 2}))
    assert "(page 2)" in second and "Later programmes and plans" in second
    assert pages[1].documents[0].document.title in second


def test_a_page_that_is_not_a_number_is_not_found(client, db):
    response = client.get(f"{SCO}/implementation/", {"page": "x'1"})
    assert response.status_code == 404
    assert 'No page "x\'1" of the documents followed up.' in text(response)
