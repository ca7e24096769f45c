"""The search index: one row per searchable object and language.

A row holds the object's titles (`title`) and its other texts (`body`) in one
language. The full-text structures over these rows differ per database and are made
by the migrations: on SQLite an FTS5 table `search_fts` (rowid = the row's id) holding
the same texts with Chinese written as character pairs; on PostgreSQL a generated
`vector` column (tsvector, in the configuration of the row's language, titles
weighted A, texts B) with a GIN index, the texts stored with Chinese written as
character pairs (`accord.search.text.cjk_pairs`), the pairs being its words.
Rows are written only by `accord.search.index`.
"""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=20)  # one of accord.search.service.KINDS
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10)  # base code: en, ru, zh ...
    date = models.DateField(null=True)  # the object's date, to order equal scores
    title = models.TextField()
    body = models.TextField()

    class Meta:
        db_table = "search_entry"
        indexes = [
            models.Index(fields=["kind", "object_id"], name="search_entry_object"),
            models.Index(fields=["date"], name="search_entry_date"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} ({self.language})"
