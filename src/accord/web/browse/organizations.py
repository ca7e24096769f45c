"""An organization: its parties by status as of a date, the membership and presidency
timeline, its post holders and its bodies as a hierarchy."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accord.bodies import selectors as bodies
from accord.bodies.models import Body, ChairTerm
from accord.core import compiled
from accord.decisions.selectors import decided_by
from accord.meetings import selectors as meetings
from accord.publishing import labels
from accord.publishing.terms import chairmanship_of
from accord.registry import selectors as registry
from accord.registry.models import Membership, MembershipStatus, Organization
from accord.web.browse import outputs, timeline
from accord.web.browse.common import AsOfForm, home_crumb, reading, today, viewer
from accord.web.templatetags.accord_extras import tr


@reading
def organization(request: HttpRequest, org: str) -> HttpResponse:
    found = registry.organization(org)
    asked = request.GET.get("on")
    form = AsOfForm(request.GET if asked else None, initial={"on": today()})
    valid = not form.is_bound or form.is_valid()
    day = (form.cleaned_data["on"] if form.is_bound and valid else None) or today()
    # Each list's SQL built once (`accord.core.compiled`), run with the organization.
    statuses = compiled.rows(
        ("organization page", "statuses"),
        lambda pk: MembershipStatus.objects.filter(organization_id=pk),
        found.pk,
    )
    everyone = compiled.rows(
        ("organization page", "memberships"),
        lambda pk: (
            Membership.objects.filter(organization_id=pk)
            .select_related("party", "status")
            .order_by("start", "party__code")
        ),
        found.pk,
    )
    terms = meetings.terms_by_body(found)
    posts = registry.post_holders_on(found, day) if valid else []
    all_bodies = compiled.rows(
        ("organization page", "bodies"),
        lambda pk: Body.objects.filter(organization_id=pk).order_by("rank", "slug"),
        found.pk,
    )
    context = {
        "organization": found,
        "form": form,
        "day": day,
        "valid": valid,
        "standing": _standing(found, day, statuses) if valid else [],
        "presidency": bodies.term_on(terms.get(None, []), day),
        "posts": posts,
        "rotating": [p for p in posts if p.turns],
        "timeline": _timeline(everyone, statuses, terms, all_bodies, found),
        "memberships": sorted(everyone, key=lambda m: (tr(m.party), m.start)),
        "chair_terms": _chair_rows(found, terms, all_bodies),
        "decided": decided_by(
            viewer(request), chair_terms=[t.pk for rows in terms.values() for t in rows]
        ).chair_terms,
        "tree": _tree(all_bodies),
        "crumbs": [home_crumb(), (tr(found), None)],
        "outputs": outputs.organization(request, found, day),
    }
    return render(request, "web/organization.html", context, status=200 if valid else 400)


def _standing(
    org: Organization, day: dt.date, statuses: list[MembershipStatus]
) -> list[tuple[MembershipStatus, list[Membership]]]:
    """The parties by status on `day`, statuses in their order (empty ones left out)."""
    grouped: dict[int, list[Membership]] = {}
    for m in compiled.rows(("organization page", "on"), registry.memberships_on, org.pk, day):
        grouped.setdefault(m.status_id, []).append(m)
    return [(s, grouped[s.pk]) for s in statuses if s.pk in grouped]


def _chair_rows(
    org: Organization, terms: dict[int | None, list[ChairTerm]], all_bodies: list[Body]
) -> list[tuple[str, list[ChairTerm]]]:
    """The organization's chair terms (named as it names its chairmanship), then each
    body's own chair terms."""
    rows = []
    if terms.get(None):
        rows.append((chairmanship_of(org, get_language() or "en"), terms[None]))
    rows += [(tr(b), terms[b.pk]) for b in all_bodies if terms.get(b.pk)]
    return rows


def _timeline(
    everyone: list[Membership],
    statuses: list[MembershipStatus],
    terms: dict[int | None, list[ChairTerm]],
    all_bodies: list[Body],
    org: Organization,
) -> timeline.Timeline | None:
    by_party: dict[int, list[Membership]] = {}
    for m in everyone:
        by_party.setdefault(m.party_id, []).append(m)
    rows = []
    for held in by_party.values():
        party = tr(held[0].party)
        rows.append(
            (
                party,
                [
                    timeline.Period(
                        m.start,
                        m.end,
                        m.status.slug,
                        _("%(party)s: %(status)s, %(period)s")
                        % {
                            "party": party,
                            "status": tr(m.status),
                            "period": _period(m.start, m.end),
                        },
                    )
                    for m in held
                ],
            )
        )
    chair_rows = [
        (
            label,
            [
                timeline.Period(
                    t.start,
                    t.end,
                    t.party.code,
                    _("%(row)s: %(party)s, %(period)s")
                    % {"row": label, "party": tr(t.party), "period": _period(t.start, t.end)},
                    t.party.code,
                )
                for t in row_terms
            ],
        )
        for label, row_terms in _chair_rows(org, terms, all_bodies)
    ]
    return timeline.draw(
        rows,
        chair_rows,
        [(s.slug, tr(s)) for s in statuses],
        until=today(),
        since=org.founded_on,
    )


def _period(start: dt.date, end: dt.date | None) -> str:
    if end is None:
        return _("since %(start)s") % {"start": labels.when(start)}
    return labels.span(start, end)


def _tree(all_bodies: list[Body]) -> list[dict]:
    """Bodies as nested nodes {body, children} under those they report to."""
    children: dict[int | None, list[Body]] = {}
    known = {b.pk for b in all_bodies}
    for b in all_bodies:
        parent = b.reports_to_id if b.reports_to_id in known else None
        children.setdefault(parent, []).append(b)

    def nodes(parent: int | None, seen: frozenset[int]) -> list[dict]:
        return [
            {"body": b, "children": nodes(b.pk, seen | {b.pk})}
            for b in children.get(parent, [])
            if b.pk not in seen
        ]

    return nodes(None, frozenset())
