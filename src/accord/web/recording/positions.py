"""A delegation records its state's position on an open decision (the secretariat any
member's), through the same use case as the API's PUT (`decisions.actions`): the
page carries the position's version (its ETag) as `version`, and a stale one answers
409 with the page shown again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accord.accounts import access, refs
from accord.accounts.access import Viewer
from accord.bodies import selectors as bodies
from accord.core.errors import DomainError, NotFound, Stale, http_status
from accord.core.etags import etag_of
from accord.decisions import actions as decision_actions
from accord.decisions import selectors as decision_selectors
from accord.decisions.models import Decision, Stance
from accord.decisions.rules import CONSENSUS_STANCES, VOTE_STANCES
from accord.meetings.models import Meeting
from accord.publishing import labels
from accord.registry import selectors as registry
from accord.registry.models import Organization, Party
from accord.web.browse.common import org_crumbs, viewer
from accord.web.recording.common import RecordForm, recording
from accord.web.templatetags.accord_extras import tr
from accord.web.templatetags.accord_pages import ref as meeting_ref


class PositionForm(RecordForm):
    stance = forms.ChoiceField(label=gettext_lazy("Position"), widget=forms.RadioSelect)
    statement = forms.CharField(
        label=gettext_lazy("Statement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Needed with a concurrence with a statement."),
    )

    def __init__(self, *args: Any, rule: str = "consensus", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = CONSENSUS_STANCES if rule == "consensus" else VOTE_STANCES
        field = self.fields["stance"]
        assert isinstance(field, forms.ChoiceField)  # declared so above
        field.choices = [(v, label) for v, label in Stance.choices if v in allowed]


def _parties(who: Viewer, org: Organization, meeting: Meeting) -> list[Party]:
    """The parties whose position the user may record: their delegations' states (the
    secretariat: the members on the meeting date). Whether each may hold a position
    is the domain's to say when it is recorded."""
    if access.can_edit(who, org):
        return [m.party for m in registry.members_on(org, meeting.start).select_related("party")]
    codes = sorted(code for org_id, code in who.delegations if org_id == org.pk)
    return list(Party.objects.filter(code__in=codes).order_by("code"))


def _party(request: HttpRequest, parties: list[Party], decision: Decision, who: Viewer) -> Party:
    asked = request.POST.get("party") or request.GET.get("party")
    chosen = next((p for p in parties if p.code == asked), None) if asked else None
    if chosen is None and not asked and parties:
        chosen = parties[0]
    if chosen is None:
        raise NotFound.at("party", "no position you may record")
    access.require_position(who, decision, chosen)
    return chosen


@recording
def position(request: HttpRequest, org: str, body: str, ref: str, decision: str) -> HttpResponse:
    who = viewer(request)
    found_org = registry.organization(org)
    found_body = bodies.body(found_org, body)
    meeting = access.meeting(who, found_org, found_body, ref)
    found = refs.decision(who, meeting, decision)
    found.meeting = meeting
    parties = _parties(who, found_org, meeting)
    party = _party(request, parties, found, who)
    rule = found_body.effective_decision_rule
    current = decision_selectors.position_seen(who, found, party)
    stale = False
    status = 200
    if request.method == "POST":
        form = PositionForm(request.POST, rule=rule)
        version = request.POST.get("version", "")
        if not form.is_valid():
            status = 422
        else:
            try:
                decision_actions.record_position(
                    who,
                    found,
                    party,
                    form.cleaned_data["stance"],
                    form.cleaned_data["statement"],
                    expected_version=version,
                )
            except Stale:
                # A form's version is not an HTTP precondition: the page is shown again.
                stale, status = True, 409
            except DomainError as refusal:
                for p in refusal.problems:
                    form.add_problem(p.field, p.reason)
                status = http_status(refusal)
            else:
                messages.success(
                    request, _("The position of %(party)s is recorded.") % {"party": tr(party)}
                )
                url = reverse("web:meeting", args=[found_org.slug, found_body.slug, ref])
                return HttpResponseRedirect(f"{url}#decision-{found.slug}", status=303)
    else:
        version = etag_of(current)
        form = PositionForm(
            initial={"stance": current.stance, "statement": current.statement}, rule=rule
        )
    label = labels.meeting_label(meeting, get_language().lower())
    meeting_url = reverse(
        "web:meeting", args=[found_org.slug, found_body.slug, meeting_ref(meeting)]
    )
    context = {
        "organization": found_org,
        "body": found_body,
        "meeting": meeting,
        "decision": found,
        "party": party,
        "parties": parties if len(parties) > 1 else [],
        "recorded": current.recorded,
        "form": form,
        "version": version,
        "stale": stale,
        "refused": status == 422,
        "crumbs": org_crumbs(
            found_org,
            (tr(found_body), reverse("web:body", args=[found_org.slug, found_body.slug])),
            (label, f"{meeting_url}#decision-{found.slug}"),
            (_("Position"), None),
        ),
    }
    return render(request, "web/position_form.html", context, status=status)
