"""Many files, many organizations, one record: the corpus of tests/records/corpus (the
UN Security Council, ASEAN, the CIS, the OSCE, the CSTO) beside the SCO's seed files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.core.errors import DomainError
from accord.core.models import AuditEntry
from accord.meetings.models import Meeting
from accord.publishing import compose, facts
from accord.publishing.models import LANGUAGES, ReleaseKind, ReleaseVersion
from accord.records.dumper import as_yaml, dump
from accord.records.loader import LoadError, load
from accord.registry.models import Organization, Person

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "scenarios").glob("*.yaml"))
CORPUS = sorted((ROOT / "tests" / "records" / "corpus").glob("*.yaml"))
ORGS = ["sco", "un", "asean", "cis", "osce", "csto"]


def dumps() -> dict[str, str]:
    return {slug: as_yaml(dump(Organization.objects.get(slug=slug))) for slug in ORGS}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_every_organization_is_split_over_several_files_sharing_states_and_people():
    by_org: dict[str, int] = {}
    for path in SEED + CORPUS:
        slug = yaml.safe_load(path.read_text(encoding="utf-8"))["organization"]["slug"]
        by_org[slug] = by_org.get(slug, 0) + 1
    assert set(by_org) == {"sco", "un", "asean", "cis", "osce", "csto"}
    assert all(n >= 3 for n in by_org.values()), by_org


@pytest.mark.django_db
@settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(order=st.permutations(SEED + CORPUS))
def test_the_corpus_loads_the_same_in_any_order_and_a_reload_writes_nothing(order):
    # The files as given, reversed, and orders hypothesis draws: the same record.
    with transaction.atomic():
        load(order)
        seen = dumps()
        audited = AuditEntry.objects.count()
        again = load(list(reversed(order)))
        assert again.tally.count_of("created") == 0, again.tally
        assert again.tally.count_of("updated") == 0, again.tally
        assert again.tally.count_of("removed") == 0, again.tally
        assert AuditEntry.objects.count() == audited
        transaction.set_rollback(True)
    if FIRST_DUMPS:
        assert seen == FIRST_DUMPS[0]
    else:
        FIRST_DUMPS.append(seen)
    # Additions landed in their meetings; the CIS kept the SCO's names of a shared person.
    assert "resolution-2623" in seen["un"]
    assert "sooronbay-jeenbekov" in seen["cis"]


# The dumps of the first order drawn, which every other order must give.
FIRST_DUMPS: list[dict[str, str]] = []


@pytest.mark.django_db
def test_a_shared_person_keeps_the_names_another_organization_gave():
    before = Person.objects.get(slug="sooronbay-jeenbekov")
    load(SEED + CORPUS)
    after = Person.objects.get(slug="sooronbay-jeenbekov")
    assert after.names == before.names and after.names.get("zh") == "索隆拜·热恩别科夫"


def _org(tmp_path: Path) -> Path:
    return write(
        tmp_path / "org.yaml",
        "format: accord-record/1\n"
        "organization: {slug: tiny, name: Tiny Council}\n"
        "statuses: [{id: member, name: member, takes_decisions: true}]\n"
        "memberships: [{party: KG, status: member, from: '2000-01-01'},"
        " {party: KZ, status: member, from: '2000-01-01'}]\n"
        "bodies: [{id: council, name: Council, powers: [{verbs: [considered]}]}]\n"
        "meetings: [{body: council, number: 1, date: '2019-05-15', city: Bishkek}]\n",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("reverse", [False, True])
def test_the_same_body_or_meeting_in_two_files_is_refused_naming_both(tmp_path, reverse):
    org = _org(tmp_path)
    other = write(
        tmp_path / "year.yaml",
        "format: accord-record/1\norganization: {slug: tiny}\n"
        "bodies: [{id: council, name: The Council}]\n"
        "meetings: [{body: council, number: 1, date: '2019-05-16'}]\n",
    )
    before = AuditEntry.objects.count()
    with pytest.raises(LoadError) as caught:
        load([other, org] if reverse else [org, other])
    messages = [str(p) for p in caught.value.problems]
    assert f"{other}: bodies[0]: body 'council' is defined at {org}:bodies[0] too" in messages[0]
    assert any(
        f"{other}: meetings[0]: meeting 'council/1' is defined at {org}:meetings[0]" in m
        for m in messages
    ), messages
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_a_yearly_file_adds_to_a_meeting_and_may_not_change_it(tmp_path):
    org = _org(tmp_path)
    year = write(
        tmp_path / "2019.yaml",
        "format: accord-record/1\norganization: {slug: tiny}\n"
        "meetings:\n"
        "  - body: council\n    number: 1\n    add: true\n    venue: Ala-Archa\n"
        "    participants: [{party: KG, head: true}, {party: KZ}]\n"
        "    agenda: [{id: one, title: Security}]\n",
    )
    load([year, org])
    text = as_yaml(dump(Organization.objects.get(slug="tiny")))
    assert "venue: Ala-Archa" in text and "party: KZ" in text and "id: one" in text
    # Loaded alone, the addition adds to what the database holds.
    more = write(
        tmp_path / "2019-more.yaml",
        "format: accord-record/1\norganization: {slug: tiny}\n"
        "meetings: [{body: council, number: 1, add: true, agenda: [{id: two, title: Trade}]}]\n",
    )
    load([more])
    text = as_yaml(dump(Organization.objects.get(slug="tiny")))
    assert "id: one" in text and "id: two" in text and "party: KZ" in text
    changing = write(
        tmp_path / "2019-bad.yaml",
        "format: accord-record/1\norganization: {slug: tiny}\n"
        "meetings: [{body: council, number: 1, add: true, city: Osh,"
        " agenda: [{id: one, title: Not security}]}]\n",
    )
    with pytest.raises(LoadError) as caught:
        load([org, year, changing])
    messages = "\n".join(str(p) for p in caught.value.problems)
    assert (
        f"{changing}: meetings[0].city: 'Osh' here, 'Bishkek' at {org}:meetings[0].city" in messages
    )
    clash = [m for m in messages.splitlines() if "does not change them" in m]
    assert len(clash) == 1 and f"{changing}" in clash[0] and f"{year}" in clash[0], clash
    assert "meetings[0].agenda[0]" in clash[0]


@pytest.mark.django_db
def test_a_global_record_said_differently_is_refused_unless_it_says_update(tmp_path):
    def person(name: str, text: str) -> Path:
        return write(
            tmp_path / name,
            "format: accord-record/1\norganization: {slug: other, name: Other}\n" + text,
        )

    # Against the database: the SCO's record holds this person's Chinese name.
    bad = person(
        "bad.yaml",
        "people: [{id: sooronbay-jeenbekov, name: Sooronbay Jeenbekov, names: {zh: 热恩别科夫}}]\n",
    )
    with pytest.raises(LoadError) as caught:
        load([bad])
    message = str(caught.value.problems[0])
    assert message.startswith(f"{bad}: people[0].names.zh: '热恩别科夫' here, the record holds")
    assert "索隆拜·热恩别科夫" in message and "update: true" in message
    # Two files of one load that disagree: both places named.
    one = person("one.yaml", "people: [{id: new-person, name: Jane Roe}]\n")
    two = write(
        tmp_path / "two.yaml",
        "format: accord-record/1\norganization: {slug: other}\n"
        "people: [{id: new-person, name: Jane Doe}]\n",
    )
    with pytest.raises(LoadError) as caught:
        load([two, one])
    assert str(caught.value.problems[0]).startswith(
        f"{two}: people[0].name: 'Jane Doe' here, 'Jane Roe' at {one}:people[0]"
    )
    # Said explicitly, the change is applied, and the other languages are kept.
    good = person(
        "good.yaml",
        "people: [{id: sooronbay-jeenbekov, name: Sooronbay Jeenbekov,"
        " update: true, names: {zh: 热恩别科夫}}]\n",
    )
    load([good])
    names = Person.objects.get(slug="sooronbay-jeenbekov").names
    assert names["zh"] == "热恩别科夫" and names["ru"] == "Сооронбай Жээнбеков"


def releases() -> dict[tuple, str]:
    """Every release of every meeting of the record: each kind, each language, for the
    public (a refusal, such as a language the organization does not publish in, too).

    What `compose.write` gathers of a meeting depends on the meeting and the reader,
    never on the kind or the language: while the record stays as it is, each meeting's
    facts are gathered once and its six releases written from them."""
    gathered: dict[tuple, facts.Facts] = {}

    def gather_once(meeting: Meeting, viewer) -> facts.Facts:
        key = (meeting.pk, viewer)
        if key not in gathered:
            gathered[key] = facts.gather(meeting, viewer)
        return gathered[key]

    written = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compose, "gather", gather_once)
        for m in Meeting.objects.select_related("body__organization").order_by("pk"):
            for kind in ReleaseKind.values:
                for language in LANGUAGES:
                    key = (m.body.organization.slug, m.body.slug, m.slug, kind, language)
                    try:
                        w = compose.write(m, kind=kind, language=language)
                        written[key] = "\n".join([w.headline, w.dateline, w.text, *w.missing])
                    except DomainError as exc:
                        written[key] = f"refused: {exc}"
    return written


@pytest.mark.django_db
def test_loading_one_organization_leaves_the_others_dumps_and_releases_byte_identical():
    cis = [p for p in CORPUS if p.name.startswith("cis")]
    load(SEED + [p for p in CORPUS if p not in cis])
    others = [slug for slug in ORGS if slug != "cis"]

    def seen() -> tuple[dict, dict, list]:
        texts = {slug: as_yaml(dump(Organization.objects.get(slug=slug))) for slug in others}
        kept = list(ReleaseVersion.objects.order_by("pk").values())
        return texts, {k: v for k, v in releases().items() if k[0] != "cis"}, kept

    before = seen()
    assert len(before[1]) > 100
    load(cis)  # the CIS, new: it shares states, people and a national office with the SCO
    assert seen() == before


@pytest.mark.django_db
def test_the_load_summary_counts_what_the_audit_trail_records():
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    report = load(SEED + CORPUS)
    written = AuditEntry.objects.filter(seq__gt=last)
    counts = {op: written.filter(operation=op).count() for op in ("create", "update", "delete")}
    assert counts["create"] > 100
    assert (
        f"{counts['create']} created, {counts['update']} updated, {counts['delete']} removed"
        in report.summary()
    )
