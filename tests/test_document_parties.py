"""Documents with several authors, signatories and counterparties, their status and
relations as of a date, and dates kept to the precision the record gives them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from accord.core.errors import DomainError
from accord.core.models import AuditEntry
from accord.documents import services
from accord.documents.models import Document
from accord.records.dumper import dump
from accord.records.loader import LoadError, load
from accord.registry.models import Organization
from tests.conftest import kept_for_module

CORPUS = Path(__file__).parent / "records" / "corpus"
FILES = sorted(CORPUS.glob("cis*.yaml")) + sorted(CORPUS.glob("asean*.yaml"))


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    yield from kept_for_module(django_db_blocker, lambda: load(FILES))


@pytest.fixture
def corpus(loaded, db):
    """The CIS and ASEAN files, loaded once for the module."""


def test_a_document_of_several_states_names_each_author_and_signatory(corpus, accord):
    found = accord("history", "cis", "agreement-establishment-1991", "--format", "json")
    assert found["authors"] == ["BY", "RU", "UA"]
    assert [(s["party"], s["signer"], s["date"]) for s in found["signatories"][::2]] == [
        ("BY", "Stanislav Shushkevich", "1991-12-08"),
        ("RU", "Boris Yeltsin", "1991-12-08"),
        ("UA", "Leonid Kravchuk", "1991-12-08"),
    ]
    assert found["signatories"][1]["agency"] == "Council of Ministers"
    protocol = accord("history", "cis", "alma-ata-protocol-1991", "--format", "json")
    assert len(protocol["authors"]) == 11 and protocol["authors"][0] == "AZ"
    # The first author keeps its old meaning: the document's author party.
    assert Document.objects.get(slug="alma-ata-protocol-1991").author_party.code == "AZ"
    text = accord("history", "cis", "agreement-establishment-1991")
    assert "authors: BY, RU, UA" in text
    assert "signed by: Boris Yeltsin (RU) on 1991-12-08" in text


def test_a_memorandum_names_the_other_organization(corpus, accord):
    found = accord("history", "asean", "mou-sco-secretariat-2005", "--format", "json")
    assert found["counterparties"] == ["Shanghai Cooperation Organisation"]
    assert [s["text"] for s in found["signatories"]] == [
        "Ong Keng Yong (Association of Southeast Asian Nations, ASEAN Secretariat) on 2005-04-21",
        "Zhang Deguang (SCO Secretariat) on 2005-04-21",
    ]


def test_relations_and_status_as_of_a_date(corpus, accord):
    before = accord(
        "history", "cis", "agreement-establishment-1991", "--on", "1991-12-10", "--format", "json"
    )
    assert before["relations"] == []  # the protocol was not yet signed
    after = accord(
        "history", "cis", "agreement-establishment-1991", "--on", "1991-12-22", "--format", "json"
    )
    assert [(r["kind"], r["direction"], r["document"]) for r in after["relations"]] == [
        ("accompanies", "inbound", "alma-ata-protocol-1991")
    ]
    assert "alma-ata-protocol-1991 accompanies this" in accord(
        "history", "cis", "agreement-establishment-1991"
    )
    # The statement adopted at the 2019 summit: not yet adopted the week before.
    early = accord(
        "history", "cis", "statement-victory-75", "--on", "2019-10-01", "--format", "json"
    )
    assert (early["status"], early["actions"]) == (None, [])
    late = accord(
        "history", "cis", "statement-victory-75", "--on", "2019-10-12", "--format", "json"
    )
    assert late["status"] == "adopted"
    assert "on 2019-10-12" in accord("history", "cis", "statement-victory-75", "--on", "2019-10-12")


def test_the_dump_gives_back_what_was_loaded(corpus):
    record = dump(Organization.objects.get(slug="cis"))
    by_id = {d["id"]: d for d in record["documents"]}
    assert by_id["agreement-establishment-1991"]["author_parties"] == ["BY", "RU", "UA"]
    assert "author_party" not in by_id["agreement-establishment-1991"]
    assert by_id["agreement-establishment-1991"]["signatories"][0] == {
        "party": "BY",
        "signer": "Stanislav Shushkevich",
        "date": "1991-12-08",
    }
    asean = dump(Organization.objects.get(slug="asean"))
    memo = next(d for d in asean["documents"] if d["id"] == "mou-sco-secretariat-2005")
    assert memo["counterparties"] == [{"name": "Shanghai Cooperation Organisation"}]


def test_bad_parties_are_refused_naming_the_field(tmp_path, db):
    written = AuditEntry.objects.count()

    def refused(change) -> str:
        record = yaml.safe_load((CORPUS / "cis-1991.yaml").read_text(encoding="utf-8"))
        change(record["documents"])
        bad = tmp_path / "cis-bad.yaml"
        bad.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
        with pytest.raises(LoadError) as refusal:
            load([CORPUS / "cis.yaml", bad])
        return str(refusal.value)

    def both(documents):
        documents[0]["author_party"] = "BY"

    def nobody(documents):
        documents[1]["signatories"] = [{"signer": "Nobody"}]

    def nowhere(documents):
        documents[1]["counterparties"] = [{"organization": "nowhere"}]

    assert "documents[0].author_parties: give author_party (one author) or author_parties" in (
        refused(both)
    )
    assert "documents[1].signatories[0]: name the party, agency or organization" in refused(nobody)
    assert "documents[1].counterparties[0].organization: unknown organization 'nowhere'" in (
        refused(nowhere)
    )
    # Nothing written (the module may hold the files' documents from an earlier test).
    assert AuditEntry.objects.count() == written


def test_the_service_refuses_an_author_twice(corpus):
    document = Document.objects.get(slug="agreement-establishment-1991")
    with pytest.raises(DomainError, match=r"author_parties\[1\]: BY is already an author"):
        services.set_parties(document, co_authors=[document.author_party])


def test_the_page_and_the_api_name_authors_signatories_and_counterparties(corpus, client):
    page = client.get("/organizations/cis/documents/agreement-establishment-1991/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Author parties" in text and "Ukraine" in text
    assert "Signed by" in text and "Vyacheslav Kebich" in text and "Council of Ministers" in text
    memo = client.get("/organizations/asean/documents/mou-sco-secretariat-2005/").content.decode()
    assert "Counterparties" in memo and "Shanghai Cooperation Organisation" in memo

    detail = client.get("/api/v1/organizations/cis/documents/agreement-establishment-1991").json()
    assert detail["author_party"] == "BY"  # the first author, as before
    assert detail["authors"] == ["BY", "RU", "UA"]
    assert detail["signatories"][4]["signer"] == "Leonid Kravchuk"
    assert detail["signatories"][4]["date"] == "1991-12-08"
    api_memo = client.get("/api/v1/organizations/asean/documents/mou-sco-secretariat-2005").json()
    assert api_memo["counterparties"] == ["Shanghai Cooperation Organisation"]

    history = "/api/v1/organizations/cis/documents/statement-victory-75/history"
    assert client.get(history, {"on": "2019-10-01"}).json()["status"] is None
    assert client.get(history, {"on": "2019-10-12"}).json()["status"] == "adopted"
