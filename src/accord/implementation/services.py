"""The only writers of implementation measures and progress reports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from accord.core.dates import check_range
from accord.core.errors import DomainError, InUse, Problem
from accord.core.persist import Tally, prune_under, sync, upsert
from accord.documents.models import Document
from accord.implementation.inputs import MeasureFields
from accord.implementation.models import Measure, ProgressReport


def save_measure(
    document: Document, slug: str, fields: MeasureFields, tally: Tally | None = None
) -> Measure:
    """A measure of `document`'s implementation; it names a responsible body or party.
    Fields left out keep the measure's recorded values (a new measure's defaults)."""
    values = fields.given()
    check_range({"due": values.get("due")})
    body, party = values.get("responsible_body"), values.get("responsible_party")
    if body is None and party is None:
        raise DomainError.at("responsible", "a measure needs a responsible body or party")
    measure, _ = upsert(Measure, {"document": document, "slug": slug}, values, tally)
    return measure


def set_measures(
    document: Document, measures: Sequence[tuple[str, MeasureFields]], tally: Tally | None = None
) -> list[Measure]:
    """Make the document's measures exactly `measures` (slug, values), in one write.

    Each names a responsible body (of the document's organization) or party; a measure
    left out that progress has been reported on is not removed (its reports would go
    with it): remove those reports first."""
    given = [(slug, fields.given()) for slug, fields in measures]
    check_range({f"[{index}].due": values.get("due") for index, (_, values) in enumerate(given)})
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, (slug, values) in enumerate(given):
        if slug in seen:
            problems.append(Problem(f"[{index}].id", f"{slug!r} is already used by [{seen[slug]}]"))
        seen.setdefault(slug, index)
        body, party = values.get("responsible_body"), values.get("responsible_party")
        if body is None and party is None:
            problems.append(
                Problem(f"[{index}].responsible", "a measure needs a responsible body or party")
            )
        if body is not None and body.organization_id != document.organization_id:
            problems.append(
                Problem(f"[{index}].responsible_body", "is a body of another organization")
            )
    if problems:
        raise DomainError(problems)
    reported = (
        ProgressReport.objects.filter(document=document, measure__isnull=False)
        .exclude(measure__slug__in=list(seen))
        .values_list("measure__slug", flat=True)
        .distinct()
        .order_by("measure__slug")
    )
    in_use = [
        Problem("measures", f"progress has been reported on {slug!r}; remove those reports first")
        for slug in reported
    ]
    if in_use:
        raise InUse(in_use)
    rows = [{"slug": slug, **values} for slug, values in given]
    return sync(Measure, {"document": document}, ["slug"], rows, tally)


def set_progress_reports(
    document: Document, reports: Sequence[Mapping], tally: Tally | None = None
) -> None:
    """Make the document's progress reports exactly `reports`: one per (date, measure)."""
    check_range({f"[{index}].date": values["date"] for index, values in enumerate(reports)})
    seen: dict[tuple, int] = {}
    for index, values in enumerate(reports):
        day_and_measure = (values["date"], getattr(values.get("measure"), "pk", None))
        if day_and_measure in seen:
            raise DomainError.at(
                f"[{index}].date",
                f"progress on that day (and measure) is already reported at"
                f" [{seen[day_and_measure]}]",
            )
        seen[day_and_measure] = index
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
