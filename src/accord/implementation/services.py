"""The only writers of implementation measures and progress reports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from accord.core.errors import DomainError
from accord.core.persist import Tally, prune_under, upsert
from accord.documents.models import Document
from accord.implementation.models import Measure, ProgressReport


def save_measure(
    document: Document, slug: str, values: Mapping, tally: Tally | None = None
) -> Measure:
    body, party = values.get("responsible_body"), values.get("responsible_party")
    if body is None and party is None:
        raise DomainError.at("responsible", "a measure needs a responsible body or party")
    measure, _ = upsert(Measure, {"document": document, "slug": slug}, values, tally)
    return measure


def set_progress_reports(
    document: Document, reports: Sequence[Mapping], tally: Tally | None = None
) -> None:
    keep = []
    for index, values in enumerate(reports):
        measure = values.get("measure")
        if measure is not None and measure.document_id != document.pk:
            raise DomainError.at(f"[{index}].measure", "is a measure of another document")
        key = {"document": document, "date": values["date"], "measure": measure}
        row, _ = upsert(
            ProgressReport, key, {k: v for k, v in values.items() if k not in key}, tally
        )
        keep.append(row.pk)
    prune_under(ProgressReport, {"document": document}, keep, tally)
