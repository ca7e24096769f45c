"""Documents: programmes, plans, reports, declarations ... with versions and relations."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.dates import PartialDate
from accord.core.models import Classification, Named, PrecisionChoices, Sourced, partial_date
from accord.registry.models import Organization, Party


class DocumentType(Named):
    """Document types are data of an organization (programme, working plan, roadmap ...)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="document_types"
    )
    slug = models.SlugField(max_length=60)

    class Meta:
        ordering = ["organization", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="document_type_unique"),
        ]

    def __str__(self) -> str:
        return self.slug


class Document(Sourced):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="documents"
    )
    slug = models.SlugField(max_length=120)
    type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=500)
    titles = models.JSONField(default=dict, blank=True)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=PrecisionChoices.choices, default=PrecisionChoices.DAY
    )
    period = models.CharField(max_length=20, blank=True, help_text="e.g. 2019-2021")
    purpose = models.TextField(blank=True)
    purposes = models.JSONField(default=dict, blank=True)  # the purpose's translations
    author_body = models.ForeignKey(
        "bodies.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="authored"
    )
    author_party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="authored"
    )
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.PUBLIC
    )
    restricted_to_body = models.ForeignKey(
        "bodies.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    shared_with = models.ManyToManyField(Party, blank=True, related_name="+")

    class Meta:
        ordering = ["organization", "date", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="document_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def partial_date(self) -> PartialDate | None:
        return partial_date(self.date, self.date_precision)

    def title_in(self, language: str) -> str:
        return self.titles.get(language) or self.titles.get(language.split("-")[0]) or self.title


class CoAuthor(models.Model):
    """A party that authored the document after the first (`Document.author_party`):
    a letter from two states, a joint proposal. `position` orders them (1, 2, ...)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="co_authors")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="co_authored")
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "party"], name="co_author_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.party} ({self.position})"


class Signatory(Sourced):
    """Who signed the document: a party, an agency of it (a ministry, a secretariat) or an
    organization, with the person who signed and the date, as precise as known."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="signatories")
    position = models.PositiveSmallIntegerField(default=0)
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="signed"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="signed"
    )
    agency = models.CharField(max_length=300, blank=True, help_text="e.g. a ministry")
    person = models.ForeignKey(
        "registry.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="signed"
    )
    signer = models.CharField(max_length=200, blank=True, help_text="when not a recorded person")
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=PrecisionChoices.choices, default=PrecisionChoices.DAY
    )

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="signatory_unique"),
        ]

    def __str__(self) -> str:
        return self.agency or str(self.party or self.organization or "")

    @property
    def partial_date(self) -> PartialDate | None:
        return partial_date(self.date, self.date_precision)


class Counterparty(Sourced):
    """The other side of an agreement: an organization of the record, or one named."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="counterparties")
    position = models.PositiveSmallIntegerField(default=0)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=300, blank=True, help_text="when not in the record")

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="counterparty_unique"),
        ]

    def __str__(self) -> str:
        return self.organization.name if self.organization is not None else self.name


class DocumentVersion(Sourced):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    date = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=10, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["document", "number", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number", "language"], name="version_unique"
            ),
        ]


class RelationKind(models.TextChoices):
    IMPLEMENTS = "implements", _("implements")
    REPORTS_ON = "reports-on", _("reports on")
    AMENDS = "amends", _("amends")
    SUPERSEDES = "supersedes", _("supersedes")
    ACCOMPANIES = "accompanies", _("accompanies")


class DocumentRelation(Sourced):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="inbound")

    class Meta:
        ordering = ["document", "kind", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "kind", "target"], name="document_relation_unique"
            ),
        ]


class FileKind(models.TextChoices):
    SIGNED_ORIGINAL = "signed-original", _("signed original")
    LANGUAGE_VERSION = "language-version", _("official language version")


class DocumentFile(models.Model):
    """A file of a document version: its signed original, or an official language
    version, as uploaded (PDF, DOCX or ODT) and kept in the files storage.

    `storage_name` names the stored object (never derived from the uploaded name);
    `name` is the uploaded name made safe, given back as the download's name; `text`
    is the text read from the file, for search, and `text_note` says why it is not
    the whole text when it is not (its pages or characters over the limits).
    """

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=20, choices=FileKind.choices)
    language = models.CharField(max_length=10)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=300, unique=True)
    text = models.TextField(blank=True)
    text_note = models.CharField(max_length=200, blank=True)
    added_by = models.CharField(max_length=150)
    added_at = models.DateTimeField()

    # The extracted text is derived from the file, whose checksum the trail keeps.
    AUDIT_SUMMARISED = frozenset({"text"})

    class Meta:
        ordering = ["version", "kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "kind", "language"], name="document_file_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name
