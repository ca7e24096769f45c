"""Measures of adopted programmes and plans, and the progress reported on them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.bodies.models import Body
from accord.core.models import Sourced
from accord.documents.models import Document
from accord.meetings.models import Meeting
from accord.registry.models import Party


class Measure(Sourced):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="measures")
    slug = models.SlugField(max_length=80)
    text = models.TextField()
    texts = models.JSONField(default=dict, blank=True)
    responsible_body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="measures"
    )
    responsible_party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="measures"
    )
    due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["document", "due", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["document", "slug"], name="measure_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Progress(models.TextChoices):
    NOT_STARTED = "not-started", _("not started")
    IN_PROGRESS = "in-progress", _("in progress")
    DONE = "done", _("done")
    DELAYED = "delayed", _("delayed")


class ProgressReport(Sourced):
    """Progress on a programme (or one of its measures), heard at a meeting."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="progress_reports"
    )
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    report = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="progress_reports"
    )
    reported_by = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField()
    status = models.CharField(max_length=20, choices=Progress.choices)

    class Meta:
        ordering = ["document", "date", "id"]
