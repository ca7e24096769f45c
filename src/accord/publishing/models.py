"""Publishing: how an organization publishes, and its press releases with their versions.

A release is drafted from a meeting's record for an audience (its classification),
then edited, reviewed and published. A published version is never changed again: a
correction is a new version.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord.bodies.models import Body
from accord.core.models import Classification
from accord.meetings.models import Meeting
from accord.registry.models import Organization

LANGUAGES = ("en", "ru", "zh")


class PressReleaseStyle(models.TextChoices):
    NEWS = "news", _("news: the meeting is the subject")
    ATTENDANCE = "attendance", _("attendance: the issuer's head attends the meeting")


class InformationReportStyle(models.TextChoices):
    FORMAL = "formal", _("formal: date, chair, participants, agenda, outcome, by heading")


class ListingOrder(models.TextChoices):
    NAME = "name", _("by name: in one language for all, or in each language's own order")
    PROTOCOL = "protocol", _("protocol order, as given")


class PublishingProfile(models.Model):
    """How an organization publishes. Absent: drafted in its working languages, news
    style, no issuer, calendar in UTC."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="publishing"
    )
    languages = models.JSONField(default=list, blank=True)
    record_language = models.CharField(max_length=10, default="en")
    issuer = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    timezone = models.CharField(max_length=60, blank=True)
    press_release_style = models.CharField(
        max_length=20, choices=PressReleaseStyle.choices, default=PressReleaseStyle.NEWS
    )
    information_report_style = models.CharField(
        max_length=20,
        choices=InformationReportStyle.choices,
        default=InformationReportStyle.FORMAL,
    )
    # The organization's own words, by term and language (publishing.terms.TERMS):
    # {"members": {"en": "participating States"}, "chairmanship": {...}}.
    terms = models.JSONField(default=dict, blank=True)
    # The order states are listed in: by name (in `listing_language` for every
    # language, or blank: each language's own order), or protocol (`protocol_order`).
    listing_order = models.CharField(
        max_length=20, choices=ListingOrder.choices, default=ListingOrder.NAME
    )
    listing_language = models.CharField(max_length=10, blank=True)
    protocol_order = models.JSONField(default=list, blank=True)
    # The house style of its press releases (publishing.style): the headline kind, for
    # every body or by body id, and the day of the dateline: {"headline": "held",
    # "headlines": {"heads-of-state": "held"}, "dateline": "last-day"}.
    house_style = models.JSONField(default=dict, blank=True)
    # The letterhead of a release's PDF and DOCX files (publishing.letterhead): the
    # organization's name by language, the address line, the colours and the logo's
    # path as the record file gives it: {"names": {...}, "address": "...",
    # "colours": {"accent": "#1f3a5f", "text": "#1a1a1a"}, "logo": "logo.png"}.
    letterhead = models.JSONField(default=dict, blank=True)
    # The logo itself, read from its file when the record is loaded (a data: URI of a
    # PNG or JPEG image): the files never depend on where the record file was.
    letterhead_logo = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"publishing of {self.organization_id}"


class ReleaseKind(models.TextChoices):
    PRESS_RELEASE = "press-release", _("press release")
    INFORMATION_REPORT = "information-report", _("information report")


class ReleaseState(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEWED = "reviewed", _("reviewed")
    PUBLISHED = "published", _("published")


class PressRelease(models.Model):
    """A press release or information report about one meeting, in one language, for
    one audience (`classification`). Its text lives in its versions."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="releases"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="releases")
    slug = models.SlugField(max_length=200)
    kind = models.CharField(max_length=30, choices=ReleaseKind.choices)
    language = models.CharField(max_length=10)
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.PUBLIC
    )

    class Meta:
        ordering = ["organization", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="release_slug_unique"),
            models.UniqueConstraint(
                fields=["meeting", "kind", "language", "classification"],
                name="release_per_audience_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.slug


class ReleaseVersion(models.Model):
    """One version of a release's text. `generated`: as drafted from the record, unedited."""

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    state = models.CharField(
        max_length=20, choices=ReleaseState.choices, default=ReleaseState.DRAFT
    )
    headline = models.CharField(max_length=500)
    dateline = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    generated = models.BooleanField(default=True)
    drafted_at = models.DateTimeField()
    drafted_by = models.CharField(max_length=150)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=150, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.CharField(max_length=150, blank=True)
    # What drafting needed in the release's language and the record did not have
    # (names, titles, posts, texts): a generated version with any is not published.
    missing = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["release", "number"]
        constraints = [
            models.UniqueConstraint(fields=["release", "number"], name="release_version_unique"),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="published_version_has_date",
            ),
        ]
        indexes = [models.Index(fields=["state", "published_at"])]

    def __str__(self) -> str:
        return f"{self.release_id} v{self.number} ({self.state})"
