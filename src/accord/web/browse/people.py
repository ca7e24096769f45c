"""A person: the posts they held, and the meetings (those the reader may see) they
took part in; not found when the reader sees them nowhere (`access.person`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accord.accounts import access
from accord.decisions.selectors import decided_by
from accord.meetings.models import Participation
from accord.registry.models import PostHolding
from accord.web.browse.common import home_crumb, reading, viewer
from accord.web.templatetags.accord_extras import tr


@reading
def person(request: HttpRequest, slug: str) -> HttpResponse:
    who = viewer(request)
    found = access.person(who, slug)
    holdings = (
        PostHolding.objects.filter(person=found)
        .select_related("post__organization", "post__party", "post__body")
        .order_by("start")
    )
    took_part = (
        Participation.objects.filter(person=found, meeting__in=access.meetings(who))
        .select_related("party", "meeting__body__organization")
        .order_by("meeting__start")
    )
    held = list(holdings)
    decided = decided_by(who, holdings=[h.pk for h in held])
    context = {
        "person": found,
        "party": found.party,
        "holdings": [(h, decided.holdings.get(h.pk, [])) for h in held],
        "participations": list(took_part),
        "crumbs": [home_crumb(), (tr(found), None)],
    }
    return render(request, "web/person.html", context)
