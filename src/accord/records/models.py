from __future__ import annotations

from django.db import models

from accord.registry.models import Organization


class Addition(models.Model):
    """What a record file added to an entry another file defines (`add: true`), as the
    file said it when last loaded. A later load of the defining file without the adding
    one folds it in again: only the file that added something removes it."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="record_additions"
    )
    section = models.CharField(max_length=40)
    key = models.CharField(max_length=300)
    file = models.CharField(max_length=300, help_text="The adding file's name (no folder).")
    entry = models.JSONField(help_text="The addition as the file says it.")

    class Meta:
        ordering = ["organization", "section", "key", "file"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "section", "key", "file"], name="addition_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file} adds to {self.section} {self.key!r} of {self.organization_id}"
