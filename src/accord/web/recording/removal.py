"""Deleting a meeting, for the secretariat of its organization: a confirmation page that
says what goes with the meeting (its participants, agenda, actions, decisions with their
positions), then the same use case as the API's (`meetings.actions.remove_meeting`),
over the version of the record the page showed. A meeting that anything else refers to
(a referral to it, a press release about it...) is refused with the reason, as the API
refuses it."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accord.accounts import access
from accord.core import races
from accord.core.errors import DomainError, Stale
from accord.core.etags import etag_of
from accord.meetings import actions as meeting_actions
from accord.meetings.record import record_of
from accord.publishing import labels
from accord.web.browse.common import org_crumbs
from accord.web.recording.common import recording
from accord.web.recording.meetings import editable
from accord.web.templatetags.accord_extras import tr
from accord.web.templatetags.accord_pages import ref as meeting_ref


@recording
def delete_meeting(request: HttpRequest, org: str, body: str, ref: str) -> HttpResponse:
    who, found_org, found_body = editable(request, org, body)
    found = access.meeting(who, found_org, found_body, ref)
    reasons: list[str] = []
    status = 200
    if request.method == "POST":
        try:
            with races.refusals(), transaction.atomic():
                meeting_actions.remove_meeting(
                    who, found, expected_version=request.POST.get("version", "")
                )
        except Stale:
            reasons = [
                _(
                    "The record was changed by someone else since you opened this page, so"
                    " nothing was deleted. Check what it holds now below."
                )
            ]
            status = 409
        except DomainError as refusal:
            reasons = [p.reason for p in refusal.problems]
            status = refusal.status
        else:
            label = labels.meeting_label(found, get_language().lower())
            messages.success(request, _("%(meeting)s was deleted.") % {"meeting": label})
            url = reverse("web:body", args=[found_org.slug, found_body.slug])
            return HttpResponseRedirect(url, status=303)
    # Read after a refusal: the page shows the record as it is now, at its version now.
    record = record_of(who, found)
    label = labels.meeting_label(found, get_language().lower())
    meeting_url = reverse("web:meeting", args=[found_org.slug, found_body.slug, meeting_ref(found)])
    body_url = reverse("web:body", args=[found_org.slug, found_body.slug])
    context = {
        "organization": found_org,
        "body": found_body,
        "meeting": found,
        "label": label,
        "title": _("Delete the meeting: %(meeting)s") % {"meeting": label},
        "counts": {
            "participants": len(record.participants),
            "agenda": len(record.agenda),
            "actions": len(record.actions),
            "decisions": len(record.decisions),
        },
        "version": etag_of(record),
        "reasons": reasons,
        "meeting_url": meeting_url,
        "crumbs": org_crumbs(
            found_org,
            (tr(found_body), body_url),
            (label, meeting_url),
            (_("Delete"), None),
        ),
    }
    return render(request, "web/recording/meeting_delete.html", context, status=status)
