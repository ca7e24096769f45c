"""An organization's verbs as record data: what each gives a document and does to a
referral, declared in the record file (Accord's verbs by default), read through one
selector by the rules, the services, the loader, the API, the pages, the command line
and the releases; a circulation to an outside organization with a reference number."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import translation

from accord.decisions import rules
from accord.decisions.rules import Act
from accord.decisions.selectors import verbs_of
from accord.decisions.verbs import BODY, DEFAULT, OUTSIDE, Verbs, VerbSpec, problems
from accord.meetings.models import Meeting
from accord.publishing import compose, labels
from accord.records.dumper import as_yaml, dump
from accord.records.loader import LoadError, load
from accord.registry.models import Organization

DAY = dt.date(2024, 3, 1)


def act(verb: str, day: int = 1, body: str = "council", **more: object) -> Act:
    return Act(
        key=f"{verb}-{day}-{body}",
        body=body,
        verb=verb,
        date=dt.date(2024, 3, day),
        subject="document:1",
        **more,  # type: ignore[arg-type]  # target_body / target_post / order
    )


# -- the rules, on the default set and on an organization's own --------------------


@pytest.mark.database_independent
def test_the_default_set_is_accords_verbs_with_the_new_ones():
    assert DEFAULT.default
    assert {"nominated", "recommended", "welcomed", "circulated", "extended"} <= set(DEFAULT.keys)
    assert DEFAULT.settling == rules.SETTLING_VERBS
    assert {"approved", "adopted", "took-note", "heard", "submitted", "welcomed"} <= (
        DEFAULT.settling
    )
    assert not {"considered", "deferred", "drafted", "praised", "circulated"} & DEFAULT.settling
    assert DEFAULT.closing == {"withdrawn", "lapsed"}
    assert DEFAULT.referring == {"submitted", "recommended"}
    circulated = DEFAULT.get("circulated")
    assert circulated is not None
    assert (circulated.target, circulated.target_required, circulated.reference) == (
        OUTSIDE,
        True,
        True,
    )


@pytest.mark.database_independent
def test_the_status_each_default_verb_gives_is_the_one_accord_always_gave():
    assert rules.document_status([act("drafted"), act("approved", 2)]) == "approved"
    assert rules.document_status([act("took-note")]) == "noted"
    assert rules.document_status([act("adopted"), act("heard", 2)]) == "adopted"
    # Extending a mandate is final: it stands against a later hearing, not against
    # nothing, and it follows an adoption.
    assert rules.document_status([act("adopted"), act("extended", 2), act("heard", 3)]) == (
        "extended"
    )
    assert rules.document_status([act("circulated")]) == "circulated"
    assert rules.document_status([act("adopted"), act("circulated", 2)]) == "adopted"
    # Closing a referral gives no status.
    closing = act("withdrawn", 2, target_body="council")
    assert rules.document_status([act("submitted"), closing]) == "submitted"


OWN = Verbs(
    [
        VerbSpec("tabled", status="tabled"),
        VerbSpec("blessed", status="blessed", final=True, settles=True, reported=True),
        VerbSpec("forwarded", status="forwarded", settles=True, target=BODY, target_required=True),
        VerbSpec("withdrawn", status="withdrawn", final=True, closes=True, target=BODY),
        VerbSpec("noted"),
    ]
)


@pytest.mark.database_independent
def test_an_organizations_own_verbs_give_their_own_statuses_in_their_order():
    assert rules.document_status([act("tabled"), act("blessed", 2)], OWN) == "blessed"
    # On one day the later-listed verb wins, whatever the order of the actions.
    same_day = [act("blessed", 2), act("tabled", 2)]
    assert rules.document_status(same_day, OWN) == "blessed"
    assert rules.document_status([act("blessed"), act("tabled", 2)], OWN) == "blessed"
    # A verb the set does not have gives nothing: "adopted" is not one of these.
    assert rules.document_status([act("adopted")], OWN) is None
    assert rules.document_status([act("noted")], OWN) is None
    # A closing verb naming a target closes a referral; naming none it withdraws the
    # subject (a candidacy withdrawn), giving its status.
    assert rules.document_status([act("tabled"), act("withdrawn", 2)], OWN) == "withdrawn"
    closing = act("withdrawn", 2, target_body="board")
    assert rules.document_status([act("tabled"), closing], OWN) == "tabled"


@pytest.mark.database_independent
def test_which_own_verbs_settle_or_close_a_referral():
    referral = act("forwarded", 1, body="ministers", target_body="council")
    on = dt.date(2024, 3, 31)
    assert rules.pending_referrals([referral], "council", on, OWN) == [referral]
    for settling in ("blessed",):
        assert rules.pending_referrals([referral, act(settling, 2)], "council", on, OWN) == []
    for not_settling in ("tabled", "noted", "adopted"):
        still = [referral, act(not_settling, 2)]
        assert rules.pending_referrals(still, "council", on, OWN) == [referral]
    closed = act("withdrawn", 3, body="ministers", target_body="council")
    assert rules.pending_referrals([referral, closed], "council", on, OWN) == []
    # Under the default set "forwarded" is no verb: nothing was referred.
    assert rules.pending_referrals([referral], "council", on) == []


@pytest.mark.database_independent
def test_a_set_of_verbs_that_cannot_stand_is_refused_naming_the_field():
    found = problems(
        [
            VerbSpec("a", target="elsewhere"),
            VerbSpec("a"),
            VerbSpec("b", closes=True, settles=True, target=BODY),
            VerbSpec("c", closes=True),
            VerbSpec("d", final=True),
        ]
    )
    assert [f for f, _ in found] == [
        "verbs[0].target",
        "verbs[1].id",
        "verbs[2].closes",
        "verbs[3].target",
        "verbs[4].final",
    ]


# -- a record that declares its own verbs --------------------------------------------

# A record made for these tests (no organization's real history): the council blesses,
# circulates to an outside organization under a symbol, and hails; "hailed" is named
# in English only.
RECORD = """
format: accord-record/1
organization: {slug: verbs-example, name: Example Union, decision_rule: consensus}
publishing: {languages: [en, ru]}
statuses:
  - {id: member, name: member, takes_decisions: true}
memberships:
  - {party: FR, status: member, from: "2000-01-01"}
  - {party: DE, status: member, from: "2000-01-01"}
document_types:
  - {id: plan, name: plan}
verbs:
  - {id: drafted, names: {en: drafted, ru: подготовили}, status: draft}
  - {id: forwarded, names: {en: forwarded, ru: направили}, status: forwarded, settles: true,
     target: body, target_required: true}
  - {id: blessed, names: {en: blessed, ru: благословили}, status: blessed, final: true,
     settles: true, reported: true}
  - {id: circulated, names: {en: circulated, ru: распространили}, status: circulated,
     target: organization, target_required: true, reference: true, reported: true}
  - {id: hailed, names: {en: hailed}, reported: true}
bodies:
  - id: council
    name: Council
    powers:
      - verbs: [blessed, circulated, hailed]
  - id: ministers
    name: Ministers
    powers:
      - verbs: [drafted, forwarded]
documents:
  - {id: plan-a, type: plan, title: Plan A, date: "2024-01-10"}
  - {id: plan-b, type: plan, title: Plan B, date: "2024-01-10"}
meetings:
  - body: ministers
    number: 1
    date: "2024-01-15"
    city: Paris
    country: FR
    actions:
      - {verb: drafted, document: plan-a}
      - {verb: forwarded, document: plan-a, to: council, to_meeting: 1}
  - body: council
    number: 1
    date: "2024-03-01"
    city: Berlin
    country: DE
    actions:
      - {verb: blessed, document: plan-a}
      - verb: circulated
        document: plan-a
        to_organization:
          name: United Nations
          names: {ru: Организация Объединённых Наций}
        reference: A/79/100
      - {verb: hailed, document: plan-b}
"""


@pytest.fixture
def record(db, tmp_path):
    path = tmp_path / "verbs-example.yaml"
    path.write_text(RECORD, encoding="utf-8")
    load([path])
    return path


def council_meeting() -> Meeting:
    return Meeting.objects.get(body__organization__slug="verbs-example", body__slug="council")


def test_the_record_declares_the_verbs_the_selector_reads(record):
    verbs = verbs_of(Organization.objects.get(slug="verbs-example"))
    assert not verbs.default
    assert verbs.keys == ["drafted", "forwarded", "blessed", "circulated", "hailed"]
    assert verbs.settling == {"forwarded", "blessed"}
    assert verbs.referring == {"forwarded"}
    blessed = verbs.get("blessed")
    assert blessed is not None and blessed.names["ru"] == "благословили"
    # The seed declares none: the default set.
    assert verbs_of(Organization.objects.get(slug="sco")) is DEFAULT


def test_a_dump_writes_the_verbs_back_and_a_reload_changes_nothing(record, tmp_path):
    org = Organization.objects.get(slug="verbs-example")
    dumped = dump(org)
    assert [v["id"] for v in dumped["verbs"]] == [
        "drafted",
        "forwarded",
        "blessed",
        "circulated",
        "hailed",
    ]
    assert dumped["verbs"][3] == {
        "id": "circulated",
        "names": {"en": "circulated", "ru": "распространили"},
        "status": "circulated",
        "target": "organization",
        "target_required": True,
        "reference": True,
        "reported": True,
    }
    (council,) = [m for m in dumped["meetings"] if m["body"] == "council"]
    circulated = council["actions"][1]
    assert circulated["to_organization"] == {
        "name": "United Nations",
        "names": {"ru": "Организация Объединённых Наций"},
    }
    assert circulated["reference"] == "A/79/100"
    again = tmp_path / "again.yaml"
    again.write_text(as_yaml(dumped), encoding="utf-8")
    report = load([again])
    assert sum(report.audited.values()) == 0
    assert as_yaml(dump(org)) == as_yaml(dumped)


def test_the_status_and_the_pending_list_follow_the_organizations_verbs(record, accord):
    history = accord("history", "verbs-example", "plan-a", "--format", "json")
    assert history["status"] == "blessed"  # final: the circulation after it keeps it
    circulated = history["actions"][-1]
    assert (circulated["verb"], circulated["to_organization"], circulated["reference"]) == (
        "circulated",
        "United Nations",
        "A/79/100",
    )
    text = accord("history", "verbs-example", "plan-a")
    assert "circulated" in text and "-> United Nations as A/79/100" in text
    pending = accord(
        "pending", "verbs-example", "council", "--on", "2024-02-01", "--format", "json"
    )
    assert [p["document"] for p in pending["pending"]] == ["plan-a"]
    settled = accord(
        "pending", "verbs-example", "council", "--on", "2024-03-01", "--format", "json"
    )
    assert settled["pending"] == []


def test_the_api_and_the_pages_show_the_circulation(record, client):
    url = "/api/v1/organizations/verbs-example/bodies/council/meetings/1"
    actions = client.get(url).json()["actions"]
    assert [(a["verb"], a["to_organization"], a["reference"]) for a in actions] == [
        ("blessed", None, None),
        ("circulated", "United Nations", "A/79/100"),
        ("hailed", None, None),
    ]
    page = client.get("/organizations/verbs-example/bodies/council/meetings/1/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "United Nations" in html and "A/79/100" in html and "blessed" in html
    ru = client.get(
        "/organizations/verbs-example/documents/plan-a/", HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert "благословили" in ru and "Организация Объединённых Наций" in ru


def test_a_release_words_the_verbs_in_the_organizations_names(record):
    english = compose.write(council_meeting(), language="en")
    assert "The meeting blessed the plan" in english.text
    assert "circulated the plan" in english.text
    assert "to United Nations as document A/79/100" in english.text
    assert "The meeting hailed the plan" in english.text
    assert not any("verb" in m for m in english.missing)
    russian = compose.write(council_meeting(), language="ru")
    assert "благословили" in russian.text
    assert "распространили" in russian.text and "Организация Объединённых Наций" in russian.text
    assert "(документ A/79/100)" in russian.text
    # "hailed" has no Russian name: said in English, and listed as missing.
    assert "verb hailed: name" in russian.missing


def test_an_undeclared_verb_is_refused_naming_the_field(db, tmp_path):
    power = RECORD.replace("verbs: [blessed, circulated, hailed]", "verbs: [blessed, adopted]")
    path = tmp_path / "power.yaml"
    path.write_text(power, encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        load([path])
    said = str(refused.value)
    assert "bodies[0].powers[1].verbs" in said and "'adopted' is not a verb" in said
    acted = RECORD.replace("{verb: hailed, document: plan-b}", "{verb: adopted, document: plan-b}")
    path.write_text(acted, encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        load([path])
    assert "actions[2].verb" in str(refused.value)
    assert "'adopted' is not a verb of the organization" in str(refused.value)


def test_a_circulation_names_its_outside_organization(db, tmp_path):
    bare = RECORD.replace(
        """        to_organization:
          name: United Nations
          names: {ru: Организация Объединённых Наций}
""",
        "",
    )
    path = tmp_path / "bare.yaml"
    path.write_text(bare, encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        load([path])
    assert "actions[1].to_organization" in str(refused.value)
    numbered = RECORD.replace(
        "{verb: hailed, document: plan-b}", "{verb: hailed, document: plan-b, reference: X/1}"
    )
    path.write_text(numbered, encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        load([path])
    assert "actions[2].reference" in str(refused.value)


# -- the corpus: the United Nations' own verbs ---------------------------------------

UN = sorted(
    (Path(__file__).resolve().parent / "records" / "corpus").glob("un-security-council*.yaml")
)


def test_the_security_council_endorses_welcomes_and_calls_in_its_own_verbs(db, accord):
    load(UN)
    verbs = verbs_of(Organization.objects.get(slug="un"))
    assert not verbs.default
    assert {"welcomed", "called-for-implementation"} <= set(verbs.keys)
    package = accord("history", "un", "minsk-package", "--format", "json")
    assert package["status"] == "endorsed"
    assert [(a["verb"], a["date"]) for a in package["actions"]] == [
        ("endorsed", "2015-02-17"),
        ("called-for-implementation", "2015-02-17"),
    ]
    # In the United Nations' verbs a welcome gives a document no status.
    declaration = accord("history", "un", "minsk-declaration", "--format", "json")
    assert [a["verb"] for a in declaration["actions"]] == ["welcomed"]
    assert declaration["status"] is None
    with translation.override("ru"):
        assert labels.verb_label("called-for-implementation", verbs) == (
            "призвал все стороны выполнить"
        )
    # Resolutions of 2022 and 2023, written with verbs the default set also has, keep
    # their status.
    resolution = accord("history", "un", "resolution-2699", "--format", "json")
    assert resolution["status"] == "adopted"


def test_the_command_line_lists_the_verbs(record, accord):
    own = accord("verbs", "verbs-example", "--format", "json")
    assert own["default"] is False
    assert [v["id"] for v in own["verbs"]] == [
        "drafted",
        "forwarded",
        "blessed",
        "circulated",
        "hailed",
    ]
    text = accord("verbs", "verbs-example")
    assert "declared by its record" in text
    assert "circulated" in text and "names a outside organization" not in text
    assert "names an outside organization; takes a reference number" in text
    default = accord("verbs", "sco")
    assert "Accord's default set" in default and "lapsed" in default
