"""`accord synth`: a synthetic history that loads, round-trips and keeps every rule."""

from __future__ import annotations

import io
import json
from itertools import pairwise
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accord.bodies.models import Body, ChairTerm
from accord.core.intervals import Interval, first_overlap
from accord.decisions.models import Action, Decision
from accord.decisions.rules import Act, pending_referrals
from accord.documents.models import Document
from accord.meetings.models import Meeting, Participation
from accord.records.dumper import as_yaml, dump
from accord.records.loader import load
from accord.records.synthetic import Options, synthesize
from accord.registry.models import Membership, Organization

SMALL = Options(orgs=1, years=4, seed=11, sectors=1)


def files_of(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*.json"))
    }


@pytest.mark.database_independent
def test_the_same_options_write_the_same_files_byte_for_byte(tmp_path):
    synthesize(tmp_path / "a", Options(orgs=2, years=6, seed=5, sectors=2))
    synthesize(tmp_path / "b", Options(orgs=2, years=6, seed=5, sectors=2))
    synthesize(tmp_path / "c", Options(orgs=2, years=6, seed=6, sectors=2))
    a, b, c = (files_of(tmp_path / x) for x in "abc")
    assert len(a) == 2 * (6 + 1)
    assert a == b
    assert a.keys() == c.keys() and a != c  # another seed, another history


@pytest.mark.database_independent
def test_writing_again_replaces_the_earlier_history(tmp_path):
    synthesize(tmp_path, Options(orgs=2, years=3, seed=1, sectors=1))
    synthesize(tmp_path, Options(orgs=1, years=2, seed=1, sectors=1))
    assert sorted(files_of(tmp_path)) == [
        "caspian-cooperation/2000.json",
        "caspian-cooperation/2001.json",
        "caspian-cooperation/organization.json",
    ]


@pytest.mark.database_independent
def test_files_hold_translations_and_the_expected_kinds_of_record(tmp_path):
    summary = synthesize(tmp_path, Options(orgs=1, years=10, seed=2, sectors=3))
    org = json.loads((tmp_path / "caspian-cooperation" / "organization.json").read_text())
    assert set(org["organization"]["names"]) == {"en", "ru", "zh"}
    statuses = {s["status"] for s in org["memberships"]}
    assert "member" in statuses and statuses & {"observer", "dialogue-partner", "partner"}
    # Some party changed its status: it has more than one standing.
    parties = [m["party"] for m in org["memberships"]]
    assert any(parties.count(p) > 1 for p in parties)
    assert [b["id"] for b in org["bodies"] if "reports_to" not in b] == ["heads-of-state"]
    assert {c.get("basis") for c in org["chairmanships"]} >= {"record", "rotation"}
    assert {e["kind"] for e in org["events"]} == {"exercise", "joint-event"}
    year = json.loads((tmp_path / "caspian-cooperation" / "2005.json").read_text())
    numbered = [m for m in year["meetings"] if "number" in m]
    ad_hoc = [m for m in year["meetings"] if "number" not in m]
    assert numbered and ad_hoc
    assert all(set(d["titles"]) == {"ru", "zh"} for d in year["documents"])
    assert any(len(d.get("versions", [])) == 3 for d in year["documents"])
    assert any("decisions" in m for m in year["meetings"])
    assert summary.meetings > 10 * 20 and summary.documents > summary.meetings


@pytest.mark.database_independent
def test_accord_synth_writes_the_files_and_says_how_to_load_them(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "synth", "--orgs", "1", "--years", "2", "--seed", "3", "--sectors", "1",
        "--out", str(tmp_path), stdout=out, stderr=err,
    )  # fmt: skip
    assert "1 organization(s)" in out.getvalue()
    assert f"accord load {tmp_path}/*/*.json" in out.getvalue()
    assert "synth: caspian-cooperation 2001:" in err.getvalue()
    with pytest.raises(CommandError, match="--orgs"):
        call_command("synth", "--orgs", "0", "--years", "2", "--out", str(tmp_path))


@pytest.mark.django_db
def test_a_synthetic_history_loads_round_trips_and_keeps_the_rules(tmp_path):
    synthesize(tmp_path / "synth", SMALL)
    paths = sorted((tmp_path / "synth").rglob("*.json"))
    report = load(paths)
    assert report.tally.count_of("created") > 500
    org = Organization.objects.get(slug="caspian-cooperation")

    # dump -> load -> dump: the dump loads back without a change and dumps the same.
    first = dump(org)
    (tmp_path / "dump.yaml").write_text(as_yaml(first), encoding="utf-8")
    again = load([tmp_path / "dump.yaml"])
    assert again.tally.count_of("created") == again.tally.count_of("updated") == 0
    assert again.tally.count_of("removed") == 0
    assert dump(org) == first

    # Chair terms of one chairmanship never overlap; memberships of a party neither.
    for body in [None, *Body.objects.filter(organization=org)]:
        terms = ChairTerm.objects.filter(organization=org, body=body)
        assert first_overlap([Interval(t.start, t.end) for t in terms]) is None
    assert ChairTerm.objects.filter(organization=org, body=None).count() == SMALL.years + 1
    by_party: dict[int, list[Interval]] = {}
    for m in Membership.objects.filter(organization=org):
        by_party.setdefault(m.party_id, []).append(Interval(m.start, m.end))
    assert all(first_overlap(intervals) is None for intervals in by_party.values())

    # Numbers increase with the date in each series.
    for body in Body.objects.filter(organization=org):
        series = list(
            Meeting.objects.filter(body=body, number__isnull=False).order_by("start", "number")
        )
        assert all(a.number < b.number for a, b in pairwise(series))

    # A programme went from the expert group to the ministers and on to a summit.
    adopted = Action.objects.filter(
        body__organization=org, verb="adopted", document__type__slug="programme"
    ).first()
    assert adopted is not None
    path = list(
        Action.objects.filter(document=adopted.document)
        .order_by("date", "position")
        .values_list("body__slug", "verb")
    )
    assert path[0][0].endswith("-experts") and path[0][1] == "drafted"
    assert any(b.endswith("-senior-officials") and v == "submitted" for b, v in path)
    assert any(b.endswith("-ministers") and v == "submitted" for b, v in path)
    assert path[-1][1] == "adopted"
    assert len({b for b, _ in path}) == 4  # experts, senior officials, ministers, a council

    # Decisions carry positions of members only, present at the meeting.
    decision = Decision.objects.filter(meeting__body__organization=org).first()
    present = set(
        Participation.objects.filter(
            meeting=decision.meeting, role="delegation", party__isnull=False
        ).values_list("party__code", flat=True)
    )
    assert set(decision.positions.values_list("party__code", flat=True)) == present

    # Something is still pending at the end: referred to a meeting after the history.
    rows = Action.objects.filter(body__organization=org, document__isnull=False)
    acts = [
        Act(
            str(a.pk),
            a.body.slug,
            a.verb,
            a.date,
            str(a.document_id),
            a.target_body_id and a.target_body.slug,
        )
        for a in rows.select_related("body", "target_body")
    ]
    last = Meeting.objects.filter(body__organization=org).order_by("-end").first().end
    assert any(
        pending_referrals(acts, body.slug, last) for body in Body.objects.filter(organization=org)
    )
    assert Document.objects.filter(organization=org).count() > 50


PAPERS = Options(orgs=1, years=2, seed=4, sectors=1, papers=2)


@pytest.mark.database_independent
def test_papers_add_exactly_n_documents_per_meeting_and_nothing_else(tmp_path):
    without = synthesize(tmp_path / "none", Options(orgs=1, years=2, seed=4, sectors=1))
    zero = synthesize(tmp_path / "zero", Options(orgs=1, years=2, seed=4, sectors=1, papers=0))
    papers = synthesize(tmp_path / "two", PAPERS)
    again = synthesize(tmp_path / "again", PAPERS)
    # --papers 0 writes what the history without the option is, byte for byte.
    assert files_of(tmp_path / "none") == files_of(tmp_path / "zero")
    assert papers.meetings == without.meetings == zero.meetings
    assert papers.documents == without.documents + 2 * without.meetings
    assert papers.actions == without.actions + 2 * without.meetings
    assert papers.people == without.people
    # The same seed, the same files.
    assert files_of(tmp_path / "two") == files_of(tmp_path / "again")
    assert again.documents == papers.documents

    year = json.loads((tmp_path / "two" / "caspian-cooperation" / "2001.json").read_text())
    meeting = year["meetings"][0]
    first = meeting["date"] if isinstance(meeting["date"], str) else meeting["date"]["from"]
    considered = [a["document"] for a in meeting["actions"] if a["verb"] == "considered"]
    documents = {d["id"]: d for d in year["documents"]}
    own = [documents[slug] for slug in considered[-2:]]
    assert [d["type"] for d in own] == ["provisional-agenda", "list-of-participants"]
    for document in own:
        assert document["author_body"] == meeting["body"]
        assert document["date"] == first
        assert [v["language"] for v in document["versions"]] == ["en", "ru", "zh"]
        assert set(document["titles"]) == {"ru", "zh"}
    types = json.loads((tmp_path / "two" / "caspian-cooperation" / "organization.json").read_text())
    assert {"provisional-agenda", "national-submission"} <= {
        t["id"] for t in types["document_types"]
    }


@pytest.mark.database_independent
def test_more_papers_than_the_procedural_ones_vary_in_kind_and_wording(tmp_path):
    synthesize(tmp_path, Options(orgs=1, years=2, seed=4, sectors=1, papers=8))
    year = json.loads((tmp_path / "caspian-cooperation" / "2001.json").read_text())
    kinds = {d["type"] for d in year["documents"]}
    assert {"information-note", "national-submission", "secretariat-note"} <= kinds
    texts = [d["versions"][0]["text"] for d in year["documents"] if d["type"] == "information-note"]
    assert len(set(texts)) > len(texts) / 2


@pytest.mark.database_independent
def test_accord_synth_takes_papers_and_checks_them(tmp_path):
    out = io.StringIO()
    call_command(
        "synth", "--orgs", "1", "--years", "2", "--seed", "4", "--sectors", "1",
        "--papers", "2", "--out", str(tmp_path), stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    assert f"{synthesize(tmp_path / 'check', PAPERS).documents} documents" in out.getvalue()
    with pytest.raises(CommandError, match="--papers"):
        call_command(
            "synth", "--orgs", "1", "--years", "2", "--papers", "-1", "--out", str(tmp_path)
        )


@pytest.mark.django_db
def test_a_history_with_papers_loads_without_problems(tmp_path):
    summary = synthesize(tmp_path / "synth", Options(orgs=1, years=2, seed=4, sectors=1, papers=6))
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "load", *map(str, sorted((tmp_path / "synth").rglob("*.json"))), stdout=out, stderr=err
    )
    org = Organization.objects.get(slug="caspian-cooperation")
    assert Document.objects.filter(organization=org).count() == summary.documents
    assert Meeting.objects.filter(body__organization=org).count() == summary.meetings
    agenda = Document.objects.filter(organization=org, type__slug="provisional-agenda")
    assert agenda.count() == summary.meetings
    # Each paper is linked to its meeting: the meeting's body considered it there.
    paper = agenda.select_related("author_body").first()
    action = Action.objects.get(document=paper)
    assert action.verb == "considered" and action.meeting.body == paper.author_body
    assert action.meeting.start == paper.date
    assert Document.objects.get(pk=paper.pk).versions.count() == 3
