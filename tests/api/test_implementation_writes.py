"""Implementation through the API: a programme's measures and the progress reported on
it (PUT the whole list, with the document's ETag); refusals name the row and change
nothing; a measure progress was reported on is not removed (409)."""

from __future__ import annotations

import pytest

from accord.core.models import AuditEntry
from accord.implementation.models import Measure, ProgressReport

SCO = "/organizations/sco"
PROGRAMME = f"{SCO}/documents/counter-terrorism-programme-2019-2021"
HEARD_AT_14 = {
    "date": "2019-05-15",
    "status": "in-progress",
    "report": "rats-report-ct-programme-2019",
    "meeting": {"body": "security-council-secretaries", "meeting": "14"},
    "reported_by": "rats-executive-committee",
}
MEASURES = [
    {
        "id": "joint-exercises",
        "text": "Hold joint counter-terrorism exercises",
        "responsible_party": "RU",
        "due": "2021-12-31",
    },
    {
        "id": "rats-database",
        "text": "Keep the RATS database of wanted persons",
        "texts": {"ru": "Вести базу данных РАТС"},
        "responsible_body": "rats-executive-committee",
    },
]


def snapshot() -> dict:
    return {
        "measures": list(Measure.objects.order_by("pk").values()),
        "progress": list(ProgressReport.objects.order_by("pk").values()),
        "audit": AuditEntry.objects.count(),
    }


def test_put_measures_and_progress(secretariat, anonymous):
    read = secretariat.get(PROGRAMME)
    answer = secretariat.put(
        f"{PROGRAMME}/measures", {"measures": MEASURES}, if_match=read.etag, x_request_id="req-m"
    )
    assert answer.status == 200, answer.body
    shown = {m["id"]: m for m in answer.body["measures"]}
    assert sorted(shown) == ["joint-exercises", "rats-database"]
    assert shown["joint-exercises"]["responsible_party"]["code"] == "RU"
    assert shown["rats-database"]["responsible_body"] == "rats-executive-committee"
    assert anonymous.get(PROGRAMME).etag == answer.etag
    assert {e.model for e in AuditEntry.objects.filter(request_id="req-m")} == {
        "implementation.Measure"
    }
    progress = secretariat.put(
        f"{PROGRAMME}/progress",
        {
            "progress": [
                HEARD_AT_14,
                {"date": "2020-06-01", "status": "done", "measure": "joint-exercises"},
            ]
        },
        if_match=answer.etag,
    )
    assert progress.status == 200, progress.body
    shown = [(p["date"], p["measure"], p["status"]) for p in progress.body["progress"]]
    assert shown == [
        ("2019-05-15", None, "in-progress"),
        ("2020-06-01", "joint-exercises", "done"),
    ]
    assert progress.body["progress"][0]["meeting"]["number"] == 14
    # Progress was reported on joint-exercises: it cannot be left out.
    before = snapshot()
    refused = secretariat.put(
        f"{PROGRAMME}/measures", {"measures": MEASURES[1:]}, if_match=progress.etag
    )
    assert refused.status == 409
    assert refused.fields == ["measures"]
    assert "joint-exercises" in refused.body["detail"][0]["reason"]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("measures", "fields"),
    [
        ([{"id": "m", "text": "no one responsible"}], ["measures[0].responsible"]),
        ([MEASURES[0], MEASURES[0]], ["measures[1].id"]),
        ([{**MEASURES[0], "responsible_party": "XX"}], ["measures[0].responsible_party"]),
        ([{**MEASURES[1], "responsible_body": "nobody"}], ["measures[0].responsible_body"]),
        (
            [{"id": "a b", "text": "", "due": "soon"}],
            ["measures[0].due", "measures[0].id", "measures[0].text"],
        ),
    ],
)
def test_measures_refused_name_the_row(secretariat, measures, fields):
    read = secretariat.get(PROGRAMME)
    before = snapshot()
    answer = secretariat.put(f"{PROGRAMME}/measures", {"measures": measures}, if_match=read.etag)
    assert answer.status == 422, answer.body
    assert sorted(answer.fields) == fields
    assert snapshot() == before


@pytest.mark.parametrize(
    ("progress", "fields"),
    [
        ([{**HEARD_AT_14, "measure": "no-measure"}], ["progress[0].measure"]),
        ([HEARD_AT_14, HEARD_AT_14], ["progress[1].date"]),
        (
            [{**HEARD_AT_14, "meeting": {"body": "security-council-secretaries", "meeting": "99"}}],
            ["progress[0].meeting.meeting"],
        ),
        ([{**HEARD_AT_14, "report": "no-report"}], ["progress[0].report"]),
        ([{**HEARD_AT_14, "status": "forgotten"}], ["progress[0].status"]),
    ],
)
def test_progress_refused_names_the_row(secretariat, progress, fields):
    read = secretariat.get(PROGRAMME)
    before = snapshot()
    answer = secretariat.put(f"{PROGRAMME}/progress", {"progress": progress}, if_match=read.etag)
    assert answer.status == 422, answer.body
    assert answer.fields == fields
    assert snapshot() == before


@pytest.mark.parametrize("part", ["measures", "progress"])
def test_implementation_needs_the_current_etag(secretariat, part):
    body = {part: []}
    read = secretariat.get(PROGRAMME)
    before = snapshot()
    assert secretariat.put(f"{PROGRAMME}/{part}", body).status == 428
    assert secretariat.put(f"{PROGRAMME}/{part}", body, if_match='"old"').status == 412
    assert snapshot() == before
    assert secretariat.put(f"{PROGRAMME}/{part}", body, if_match=read.etag).status == 200


@pytest.mark.parametrize("role", ["delegation", "observer", "chair-team", "public-user"])
def test_only_the_secretariat_records_implementation(as_role, role):
    api = as_role(role)
    read = api.get(PROGRAMME)
    before = snapshot()
    for part in ("measures", "progress"):
        answer = api.put(f"{PROGRAMME}/{part}", {part: []}, if_match=read.etag)
        assert (answer.status, answer.fields) == (403, ["permission"])
    assert snapshot() == before
