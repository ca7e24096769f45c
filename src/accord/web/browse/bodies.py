"""A body: its place in the hierarchy, powers, chair rule and chair, its meeting series
(numbered, with the missing numbers shown) and what is pending for it today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accord.accounts import access, series_parts, visibility
from accord.accounts.access import Viewer
from accord.accounts.record_parts import keep_rows
from accord.bodies import selectors as bodies
from accord.bodies.light_terms import LightTerm, light_terms
from accord.bodies.models import Body, ChairRule, Power
from accord.bodies.selectors import TermRows
from accord.core import compiled
from accord.core.errors import NotFound
from accord.decisions import selectors as decisions
from accord.decisions.models import Action, Effect
from accord.meetings import rules as meeting_rules
from accord.meetings import selectors as meetings
from accord.meetings.models import Meeting
from accord.registry import selectors as registry
from accord.registry.models import Organization
from accord.web.browse import outputs
from accord.web.browse.common import AsOfForm, org_crumbs, reading, today, viewer
from accord.web.templatetags.accord_extras import tr


class SeriesRow(NamedTuple):
    """A row of the series: a meeting with its chair, or a run of missing numbers."""

    meeting: series_parts.SeriesMeeting | None = None
    chair: bodies.Chair | None = None
    missing: tuple[int, int] | None = None
    number: int | None = None  # the meeting's number in this body's series
    joint_with: tuple[Body, ...] = ()  # a joint meeting's other bodies


@dataclass(frozen=True)
class PendingRow:
    """A referral still pending: whether its target meeting is the reader's to see, and
    whether that meeting has been held (the referral is then overdue)."""

    action: Action
    target_visible: bool
    overdue: bool


@reading
def body(request: HttpRequest, org: str, body: str) -> HttpResponse:
    who = viewer(request)
    found_org = registry.organization(org)
    found = _body(found_org, body)
    if found is None:
        bodies.body(found_org, body)  # names the bodies there are
        raise NotFound.at("body", body)
    asked = request.GET.get("on")
    form = AsOfForm(request.GET if asked else None, initial={"on": today()})
    valid = not form.is_bound or form.is_valid()
    day = (form.cleaned_data["on"] if form.is_bound and valid else None) or today()
    series = series_parts.body_series(who, found)
    # (read once, as light rows: the chair on `day`, the next chair, each meeting's)
    terms = light_terms(found_org.pk)
    upcoming = _next_chair(found, day, terms)
    proposal = upcoming.proposal if upcoming else None
    pending = _pending(who, found, day) if valid else []
    context = {
        "organization": found_org,
        "body": found,
        "day": day,
        "powers": _powers(list(found.powers.all())),
        "chair": bodies.chair_on(found_org, day, found, terms),
        "upcoming": upcoming if upcoming and upcoming.term else None,
        "decided_at": _decided_at(who, upcoming),
        "decided_by": _decided_by(who, upcoming),
        "proposal": proposal,
        "proposed": upcoming.party if upcoming and proposal else None,
        **_series_rows(series, found, terms),
        "form": form,
        "valid": valid,
        "pending": pending,
        "overdue": sum(row.overdue for row in pending),
        "outputs": outputs.body(request, found_org, found, day),
        "can_edit": access.can_edit(who, found_org),
        "crumbs": org_crumbs(found_org, (tr(found), None)),
    }
    return render(request, "web/body.html", context, status=200 if valid else 400)


def _body(org: Organization, slug: str) -> Body | None:
    """The body `slug` of `org` with its organization, the body it reports to, its
    subordinates (by rank and slug) and its powers (with their document types), read
    with SQL built once (`accord.core.compiled`) and attached as `prefetch_related`
    attaches them."""

    def one(o: int, s: str) -> QuerySet[Body]:
        rows = Body.objects.filter(organization_id=o, slug=s).select_related(
            "organization", "reports_to"
        )
        return (rows if rows.ordered else rows.order_by("pk"))[:1]

    found = compiled.rows(("body page",), one, org.pk, slug)
    if not found:
        return None
    page = found[0]
    subordinates = compiled.rows(
        ("body page subordinates",),
        lambda pk: Body.objects.filter(reports_to_id=pk).order_by("rank", "slug"),
        page.pk,
    )
    powers = compiled.rows(
        ("body page powers",),
        # (In the record's order within a verb: the names noted untranslated are listed
        # in the order the page names them, the same on every database.)
        lambda pk: (
            Power.objects.filter(body_id=pk).select_related("document_type").order_by("verb", "pk")
        ),
        page.pk,
    )
    for name, model, rows, link in (
        ("subordinates", Body, subordinates, "reports_to"),
        ("powers", Power, powers, "body"),
    ):
        field = model._meta.get_field(link)
        for row in rows:
            field.set_cached_value(row, page)  # type: ignore[union-attr]
        keep_rows(page, name, model, rows)
    return page


def _powers(powers: list[Power]) -> list[tuple[str, list[str]]]:
    """Each verb with the document types it applies to ([] = any subject)."""
    grouped: dict[str, list[str]] = {}
    for p in powers:
        kinds = grouped.setdefault(p.verb, [])
        if p.document_type_id:
            kinds.append(tr(p.document_type))
    return [(verb, sorted(kinds)) for verb, kinds in grouped.items()]


def _next_chair(
    found: Body, day: dt.date, terms: Mapping[int | None, TermRows[LightTerm]]
) -> bodies.NextChair | None:
    """Who chairs next: the successor decided by `day`, else the rotation's proposal."""
    if found.chair_rule == ChairRule.HOST:
        return None
    return bodies.next_chair(found.organization, day, found, terms)


def _decided_at(who: Viewer, upcoming: bodies.NextChair | None) -> Meeting | None:
    """The meeting that decided the next chair, when the reader may read it."""
    if upcoming is None or upcoming.term is None or upcoming.term.decided_at_id is None:
        return None
    return (
        access.meetings(who, Meeting.objects.filter(pk=upcoming.term.decided_at_id))
        .select_related("body__organization")
        .first()
    )


def _decided_by(who: Viewer, upcoming: bodies.NextChair | None) -> list[Effect]:
    """The decisions (the reader may read) that fixed or extended the next chair term,
    each with its meeting."""
    if upcoming is None or upcoming.term is None:
        return []
    return decisions.decided_by(who, chair_terms=[upcoming.term.pk]).chair_terms.get(
        upcoming.term.pk, []
    )


def _series_rows(
    series: list[series_parts.SeriesMeeting],
    found: Body,
    terms: Mapping[int | None, TermRows[LightTerm]],
) -> dict[str, list[SeriesRow]]:
    """The numbered meetings in number order, a row for each run of missing numbers
    (`numbered`), and the meetings outside the numbered series (`ad_hoc`): each with
    its chair as recorded or by the rule (the person who chaired is the meeting's
    `chair_person`), its number in `found`'s series, and the other bodies of a joint
    meeting."""
    pk = found.pk
    # (a meeting `found` convenes alone, most of them: its own number, no other body)
    rows = [
        SeriesRow(m, chair, None, m.number, ())
        if m.body_id == pk and not m.joint
        else SeriesRow(m, chair, None, m.number_in(pk), tuple(m.others(pk)))
        for m, chair in zip(series, meetings.chairs_by_rule(series, terms), strict=True)
    ]
    numbered = sorted((row for row in rows if row.number is not None), key=_number)
    gaps = {
        first: (first, last)
        for first, last in meeting_rules.missing_numbers(_number(row) for row in numbered)
    }
    shown: list[SeriesRow] = []
    expected = 1
    for row in numbered:
        number = _number(row)
        if number > expected and expected in gaps:
            shown.append(SeriesRow(missing=gaps[expected]))
        shown.append(row)
        expected = number + 1
    return {"numbered": shown, "ad_hoc": [row for row in rows if row.number is None]}


def _number(row: SeriesRow) -> int:
    assert row.number is not None
    return row.number


def _pending(who: Viewer, found: Body, day: dt.date) -> list[PendingRow]:
    """What was referred to the body and not yet acted on by `day`, as the viewer may
    see it. A referral is overdue when the meeting it was to be taken up at was held
    before `day` (said only of a target meeting the reader may see)."""
    referrals = decisions.pending_for(who, found.organization, found, day)
    if not referrals:
        return []
    shown = visibility.actions(who, Action.objects.filter(pk__in=[a.pk for a in referrals]))
    visible = dict(shown.values_list("pk", "target_meeting_visible"))
    return [
        PendingRow(a, visible[a.pk], decisions.overdue(a, day, target_visible=visible[a.pk]))
        for a in referrals
        if a.pk in visible
    ]
