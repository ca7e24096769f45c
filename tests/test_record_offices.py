"""National offices belong to their state: a head of state named by two organizations'
files is one office, defined once, referred to by both; said differently it is refused
naming both places, unless the file says `update: true`."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client

from accord.core.models import AuditEntry
from accord.records.dumper import as_yaml, dump
from accord.records.loader import LoadError, load
from accord.registry.models import Declaration, Organization, Party, Person, Post, PostHolding

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "scenarios").glob("*.yaml"))
CIS = sorted((ROOT / "tests" / "records" / "corpus").glob("cis*.yaml"))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def other_org(tmp_path: Path, name: str, posts: str, define: bool = True) -> Path:
    org = "{slug: other, name: Other Council}" if define else "{slug: other}"
    return write(tmp_path / name, f"format: accord-record/1\norganization: {org}\n" + posts)


@pytest.mark.django_db
def test_an_office_two_organizations_name_is_one_office_of_its_state(accord):
    load(SEED + CIS)
    office = Post.objects.get(slug="kg-president")
    assert office.organization is None and office.party.code == "KG"
    # The CIS's copy said no Chinese name: the SCO's is kept.
    assert office.names["zh"] == "吉尔吉斯共和国总统"
    assert set(
        Declaration.objects.filter(post=office).values_list("organization__slug", flat=True)
    ) == {"sco", "cis"}
    assert PostHolding.objects.filter(post=office).count() == 1
    # The person's page shows the office once, as the state's.
    page = Client().get("/people/sooronbay-jeenbekov/").content.decode()
    assert page.count('<th scope="row">President of the Kyrgyz Republic</th>') == 1
    # The SCO's Chinese release names the office by its Chinese name.
    release = accord("press-release", "sco", "security-council-secretaries", "14", "--lang", "zh")
    assert "吉尔吉斯共和国总统" in release
    # Each organization's dump writes the office it names; a reload writes nothing.
    for slug in ("sco", "cis"):
        assert "id: kg-president" in as_yaml(dump(Organization.objects.get(slug=slug)))
    audited = AuditEntry.objects.count()
    again = load(list(reversed(SEED + CIS)))
    assert again.tally.count_of("created") == again.tally.count_of("updated") == 0
    assert AuditEntry.objects.count() == audited


@pytest.mark.django_db
def test_an_office_said_differently_is_refused_naming_both_places_unless_update(tmp_path):
    before = AuditEntry.objects.count()
    # Against the database: the SCO's record holds the office.
    bad = other_org(
        tmp_path,
        "bad.yaml",
        "posts: [{id: kg-president, name: President of Kyrgyzstan, party: KG}]\n",
    )
    with pytest.raises(LoadError) as caught:
        load([bad])
    message = str(caught.value.problems[0])
    assert message.startswith(f"{bad}: posts[0].name: 'President of Kyrgyzstan' here,")
    assert "'President of the Kyrgyz Republic'" in message and "update: true" in message
    # A term said differently is refused too.
    term = other_org(
        tmp_path,
        "term.yaml",
        "posts: [{id: kg-president, name: President of the Kyrgyz Republic, party: KG,"
        " holders: [{person: sooronbay-jeenbekov, from: '2017-11-24', to: '2020-10-14'}]}]\n",
    )
    with pytest.raises(LoadError) as caught:
        load([term])
    assert "posts[0].holders[0].to: datetime.date(2020, 10, 14) here" in str(
        caught.value.problems[0]
    )
    # Two files of one load: both places named, whatever their order.
    one = other_org(tmp_path, "one.yaml", "posts: [{id: xx-chief, name: Chief, party: KZ}]\n")
    two = other_org(
        tmp_path,
        "two.yaml",
        "posts: [{id: xx-chief, name: Head, party: KZ}]\n",
        define=False,
    )
    for paths in ([one, two], [two, one]):
        with pytest.raises(LoadError) as caught:
            load(paths)
        assert str(caught.value.problems[0]).startswith(
            f"{two}: posts[0].name: 'Head' here, 'Chief' at {one}:posts[0]"
        )
    assert AuditEntry.objects.count() == before
    # Said explicitly, the change is applied; the names in other languages are kept.
    good = other_org(
        tmp_path,
        "good.yaml",
        "posts: [{id: kg-president, name: President of Kyrgyzstan, party: KG, update: true,"
        " names: {de: Präsident Kirgisistans}}]\n",
    )
    load([good])
    office = Post.objects.get(slug="kg-president")
    assert office.name == "President of Kyrgyzstan"
    assert office.names["zh"] == "吉尔吉斯共和国总统" and office.names["de"]
    # Its dump writes the office, and loads alone into an empty record.
    text = as_yaml(dump(Organization.objects.get(slug="other")))
    assert "id: kg-president" in text


@pytest.mark.django_db
def test_copies_of_one_office_recorded_by_two_organizations_become_one():
    migration = importlib.import_module(
        "accord.registry.migrations.0006_national_offices_belong_to_their_state"
    )
    sco = Organization.objects.get(slug="sco")
    other = Organization.objects.create(slug="other", name="Other")
    kg = Party.objects.get(code="KG")
    office = Post.objects.get(slug="kg-president")
    # As recorded before national offices were shared: a copy per organization.
    Declaration.objects.filter(post=office).delete()
    Post.objects.filter(pk=office.pk).update(organization=sco)
    copy = Post.objects.create(
        organization=other,
        slug="kg-president",
        name="President of Kyrgyzstan",
        names={"ru": "Президент Киргизии", "de": "Präsident Kirgisistans"},
        party=kg,
    )
    person = Person.objects.get(slug="sooronbay-jeenbekov")
    PostHolding.objects.create(
        post=copy, person=person, start=dt("2017-11-24"), end=dt("2020-10-15")
    )
    later = Person.objects.create(slug="sadyr-japarov", name="Sadyr Japarov", party=kg)
    PostHolding.objects.create(post=copy, person=later, start=dt("2021-01-28"))
    migration.offices_to_their_state(apps, None)
    (kept,) = Post.objects.filter(slug="kg-president")
    assert kept.pk == office.pk and kept.organization is None
    assert kept.name == "President of the Kyrgyz Republic"
    assert kept.names["zh"] == "吉尔吉斯共和国总统" and kept.names["ru"] == office.names["ru"]
    assert kept.names["de"] == "Präsident Kirgisistans"
    assert list(kept.holdings.order_by("start").values_list("person__slug", flat=True)) == [
        "sooronbay-jeenbekov",
        "sadyr-japarov",
    ]
    assert set(
        Declaration.objects.filter(post=kept).values_list("organization__slug", flat=True)
    ) == {
        "sco",
        "other",
    }
    # The organization's own post stays its own.
    assert Post.objects.get(slug="secretary-general").organization == sco


def dt(text: str):
    import datetime

    return datetime.date.fromisoformat(text)
