"""A published release as PDF and DOCX files on the organization's letterhead: written
from the published version's text in its language, kept by content hash, read as the
release is (public page, API, `accord press-release --format pdf|docx`), and the
letterhead as record data (names, address, colours, logo) loaded and dumped."""

from __future__ import annotations

import io
import re

import pytest
import yaml
from django.test import Client
from django.urls import reverse
from docx import Document as Docx
from PIL import Image
from pypdf import PdfReader

from accord.core.audit import acting
from accord.core.errors import DomainError
from accord.meetings.models import Meeting
from accord.publishing import services
from accord.publishing.inputs import ProfileFields
from accord.publishing.models import PressRelease, PublishingProfile, ReleaseVersion
from accord.records.dumper import dump
from accord.records.loader import LoadError, load
from accord.registry.models import Organization
from tests.accounts.people import RoleSpec, make
from tests.publishing.conftest import ADMIN
from tests.test_records import BRICS

pytestmark = pytest.mark.django_db

SCO_NAMES = {
    "en": "Shanghai Cooperation Organisation",
    "ru": "Шанхайская организация сотрудничества",
    "zh": "上海合作组织",
}
PDF = "application/pdf"
# A kept file, served: the organization, the release with its versions (prefetched),
# the publishing profile (no query for the file: it is kept in the files storage).
QUERIES = 4
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def m14() -> Meeting:
    return Meeting.objects.get(body__slug="security-council-secretaries", number=14)


def publish(
    language: str, classification: str = "public", kind: str = "press-release"
) -> tuple[PressRelease, ReleaseVersion]:
    """The seed release drafted and published (a draft that lacked translations is
    taken as the secretariat's own text, as an edit would)."""
    with acting("test:files"):
        release = services.draft_release(
            ADMIN, m14(), kind=kind, language=language, classification=classification
        )
        if release.versions.get().missing:
            services.edit_release(ADMIN, release, headline=release.versions.get().headline)
        services.review_release(ADMIN, release)
        services.publish_release(ADMIN, release)
    return release, release.versions.get(state="published")


def squeezed(text: str) -> str:
    """Text without white space: a PDF's lines break where the layout broke them."""
    return re.sub(r"\s+", "", text)


def pdf_text(reader: PdfReader, footer: str) -> str:
    """The pages' text without their footers (each "{footer}{page} / {pages}", which a
    paragraph running over to the next page would have inside it)."""
    pages = len(reader.pages)
    text = ""
    for number, page in enumerate(reader.pages, start=1):
        own = squeezed(page.extract_text())
        assert squeezed(f"{footer}{number} / {pages}") in own, f"no footer on page {number}"
        text += own.replace(squeezed(f"{footer}{number} / {pages}"), "")
    return text


@pytest.mark.parametrize("language", ["en", "ru", "zh"])
def test_the_seed_release_as_pdf_and_docx_in_each_language(
    language, files_storage, django_assert_num_queries, no_response_cache
):
    release, version = publish(language)
    paragraphs = [p.strip() for p in version.text.split("\n\n") if p.strip()]
    client = Client(HTTP_HOST="127.0.0.1")

    answer = client.get(f"/releases/sco/{release.slug}/?format=pdf")
    assert answer.status_code == 200 and answer["Content-Type"] == PDF
    assert answer["Content-Disposition"] == f'attachment; filename="{release.slug}-v1.pdf"'
    reader = PdfReader(io.BytesIO(answer.content))
    assert reader.trailer["/Root"]["/Lang"] == language
    assert reader.metadata.title == version.headline
    # the letterhead, the text, and on every page a footer: the name and the page number
    text = pdf_text(reader, footer=SCO_NAMES[language])
    for wanted in (SCO_NAMES[language], version.headline, version.dateline, *paragraphs):
        assert squeezed(wanted) in text, wanted

    answer = client.get(f"/api/v1/organizations/sco/releases/{release.slug}/versions/1/docx")
    assert answer.status_code == 200 and answer["Content-Type"] == DOCX
    docx = Docx(io.BytesIO(answer.content))
    assert docx.core_properties.language == language
    assert docx.core_properties.title == version.headline
    written = [p.text for p in docx.paragraphs]
    assert written[1:] == [version.headline, version.dateline, *paragraphs]
    footer = docx.sections[0].footer.paragraphs[0]
    assert footer.text.startswith(SCO_NAMES[language])
    assert 'w:instrText xml:space="preserve"> PAGE <' in footer._p.xml
    assert docx.sections[0].header.paragraphs[0].text == SCO_NAMES[language]

    # made once, kept in the files storage by content hash: asked again, the same file
    assert len(list((files_storage / "releases").iterdir())) == 2
    with django_assert_num_queries(QUERIES):
        again = client.get(f"/api/v1/organizations/sco/releases/{release.slug}/versions/1/docx")
    assert again.content == answer.content
    assert len(list((files_storage / "releases").iterdir())) == 2


def test_the_files_are_of_the_published_text_not_the_newer_draft():
    release, version = publish("en")
    with acting("test:files"):
        services.edit_release(ADMIN, release, headline="A correction not yet published")
    client = Client(HTTP_HOST="127.0.0.1")
    answer = client.get(f"/releases/sco/{release.slug}/?format=docx")
    assert answer.status_code == 200
    assert Docx(io.BytesIO(answer.content)).core_properties.title == version.headline
    api = f"/api/v1/organizations/sco/releases/{release.slug}/versions"
    assert client.get(f"{api}/2/pdf").status_code == 404  # a draft has no file
    assert client.get(f"{api}/9/pdf").status_code == 404
    assert client.get(f"{api}/1/odt").status_code in (404, 422)
    assert client.get(f"/releases/sco/{release.slug}/?format=pdf&version=x").status_code == 400
    page = client.get(f"/releases/sco/{release.slug}/")
    assert b'href="?format=pdf"' in page.content and b'href="?format=docx"' in page.content


def test_an_information_report_is_a_file_too():
    release, version = publish("ru", kind="information-report")
    client = Client(HTTP_HOST="127.0.0.1")
    answer = client.get(f"/releases/sco/{release.slug}/?format=docx")
    docx = Docx(io.BytesIO(answer.content))
    paragraphs = [p.strip() for p in version.text.split("\n\n") if p.strip()]
    written = [p.text for p in docx.paragraphs]
    assert written[0] == "ИНФОРМАЦИОННОЕ СООБЩЕНИЕ"
    assert written[1:] == [version.headline, version.dateline, *paragraphs]


def test_a_restricted_releases_files_are_not_found_by_the_public():
    release, _ = publish("en", classification="organization")
    public = Client(HTTP_HOST="127.0.0.1")
    page = f"/releases/sco/{release.slug}/?format=pdf"
    api = f"/api/v1/organizations/sco/releases/{release.slug}/versions/1/pdf"
    assert public.get(page).status_code == 404
    assert public.get(api).status_code == 404
    officer = make(RoleSpec("files-officer", secretariat=frozenset({"sco"})))
    inside = Client(HTTP_HOST="127.0.0.1")
    inside.force_login(officer.user)
    assert inside.get(page).status_code == 200
    # the working page links the published version's files
    work = inside.get(reverse("web:release-work", args=["sco", release.slug]))
    assert f"{release.slug}/?format=pdf&amp;version=1" in work.content.decode()
    # a draft has no file, for the secretariat either
    with acting("test:files"):
        draft = services.draft_release(ADMIN, m14(), language="ru", classification="organization")
    assert inside.get(f"/releases/sco/{draft.slug}/?format=docx").status_code == 404


def test_the_letterhead_is_the_organizations_and_changes_the_files(files_storage):
    release, _ = publish("en")
    sco = Organization.objects.get(slug="sco")
    with acting("test:files"):
        services.save_profile(
            sco,
            ProfileFields(
                languages=["en", "ru", "zh"],
                letterhead={
                    "names": {"en": "SCO Secretariat"},
                    "address": "1 Example Street, Beijing",
                    "colours": {"accent": "#0B5394"},
                },
            ),
        )
    client = Client(HTTP_HOST="127.0.0.1")
    docx = Docx(io.BytesIO(client.get(f"/releases/sco/{release.slug}/?format=docx").content))
    header = [p.text for p in docx.sections[0].header.paragraphs]
    assert header == ["SCO Secretariat", "1 Example Street, Beijing"]
    assert docx.sections[0].header.paragraphs[0].runs[-1].font.color.rgb == (0x0B, 0x53, 0x94)
    with acting("test:files"), pytest.raises(DomainError) as refused:
        services.save_profile(
            sco,
            ProfileFields(
                letterhead={
                    "names": {"fr": "OCS"},
                    "address": "line\nline",
                    "colours": {"accent": "blue"},
                }
            ),
        )
    fields = [p.field for p in refused.value.problems]
    assert fields == ["letterhead.names.fr", "letterhead.address", "letterhead.colours.accent"]
    assert PublishingProfile.objects.get(organization=sco).letterhead["address"].startswith("1 ")


def test_a_letterhead_with_a_logo_loads_from_the_record_and_dumps_back(tmp_path):
    Image.new("RGB", (60, 30), (11, 83, 148)).save(tmp_path / "logo.png")
    (tmp_path / "notes.txt").write_text("not an image")
    record = yaml.safe_load(BRICS.read_text(encoding="utf-8"))
    letterhead = {
        "names": {"en": "BRICS national security advisers"},
        "address": "Somewhere 1",
        "colours": {"accent": "#224466", "text": "#111111"},
        "logo": "logo.png",
    }
    record["publishing"] = {**record.get("publishing", {}), "letterhead": letterhead}
    path = tmp_path / "brics.yaml"
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    load([path])
    org = Organization.objects.get(slug=record["organization"]["slug"])
    profile = PublishingProfile.objects.get(organization=org)
    assert profile.letterhead == letterhead
    assert profile.letterhead_logo.startswith("data:image/png;base64,")
    assert dump(org)["publishing"]["letterhead"] == letterhead

    from accord.publishing import files
    from accord.publishing.letterhead import letterhead_of

    sheet = files.Sheet(
        "en", "Press release", "Headline", "Dateline", ("Text.",), letterhead_of(org, profile, "en")
    )
    reader = PdfReader(io.BytesIO(files.render_pdf(sheet)))
    assert len(reader.pages[0].images) == 1
    docx = Docx(io.BytesIO(files.render_docx(sheet)))
    assert "<pic:pic" in docx.sections[0].header.paragraphs[0]._p.xml

    record["publishing"]["letterhead"]["logo"] = "notes.txt"
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        load([path])
    assert "letterhead.logo: notes.txt: a logo is a PNG or JPEG file" in str(refused.value)
    assert PublishingProfile.objects.get(organization=org).letterhead["logo"] == "logo.png"


def test_the_command_writes_the_published_releases_file(accord, tmp_path):
    from django.core.management.base import CommandError

    args = ["press-release", "sco", "security-council-secretaries", "14", "--lang", "zh"]
    with pytest.raises(CommandError, match="no press-release of this meeting in zh"):
        accord(*args, "--format", "pdf", "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="--output"):
        accord(*args, "--format", "pdf")
    _, version = publish("zh")
    accord(*args, "--format", "docx", "--output", str(tmp_path / "release.docx"))
    docx = Docx(tmp_path / "release.docx")
    assert docx.core_properties.language == "zh"
    assert [p.text for p in docx.paragraphs][1] == version.headline
