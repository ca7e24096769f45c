"""Recording a meeting, for the secretariat of its organization: a new meeting of a body,
and the whole record of one (the meeting, participants, agenda, actions with referrals,
decisions) on one page that works without JavaScript.

Everything is written in one transaction (`meeting_writer`), the meeting itself through
the same use case as the API's (`meetings.actions`); a refusal is shown beside the field
or row that caused it, with nothing saved and everything typed kept. The page carries
the record's ETag (`meetings.record`) as `version`: saving over a record changed since
it was read answers 409.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.bodies import selectors as bodies
from accord.bodies.models import Body
from accord.core import races
from accord.core.dates import PartialDate
from accord.core.errors import NotFound
from accord.core.etags import etag_of
from accord.core.languages import record_language
from accord.decisions import selectors as decisions
from accord.documents.models import Document
from accord.meetings import selectors as meeting_selectors
from accord.meetings.models import (
    Meeting,
    Role,
    Topic,
)
from accord.meetings.record import MeetingRecord, record_of
from accord.publishing import labels
from accord.publishing import selectors as publishing_selectors
from accord.publishing import terms as own_words
from accord.registry import selectors as registry
from accord.registry.models import Organization, Party, Person
from accord.web.browse.common import org_crumbs, viewer
from accord.web.recording.common import (
    quiet_formset,
    recording,
    with_more_rows,
)
from accord.web.recording.conflicts import Conflict, differences, take_theirs
from accord.web.recording.decides import line_of
from accord.web.recording.forms import FORMSETS, MeetingForm
from accord.web.recording.meeting_writer import Refused, Writer
from accord.web.recording.parts import session_row
from accord.web.recording.people import NewPersonForm, add_person, new_person_form
from accord.web.recording.summary import Entry, error_summary
from accord.web.templatetags.accord_extras import tr
from accord.web.templatetags.accord_pages import ref as meeting_ref


def editable(request: HttpRequest, org: str, body: str) -> tuple[Viewer, Organization, Body]:
    """The organization and body, if the user keeps the organization's record (else
    NotFound, as for a body that does not exist)."""
    who = viewer(request)
    found_org = registry.organization(org)
    if not access.can_edit(who, found_org):
        raise NotFound.at("body", f"{found_org.slug} has no body {body!r} you may record")
    return who, found_org, bodies.body(found_org, body)


@dataclass
class Page:
    """The forms of the page, bound to what was posted or filled from the record."""

    form: MeetingForm
    sets: dict[str, Any]
    version: str = ""
    stale: bool = False
    refused: bool = False
    # Where what was typed differs from the record now, after a stale save.
    conflicts: list[Conflict] = field(default_factory=list)
    # The small form that adds a person to the registry, and the person just added.
    person: NewPersonForm = field(default_factory=new_person_form)
    added: Person | None = None
    # The recorded agenda items (id, title in the page's language), offered where a
    # row names one; the page's script adds those typed on it.
    items: list[tuple[str, str]] = field(default_factory=list)

    @property
    def summary(self) -> list[Entry]:
        """Every error of the page, in its order, for the summary at its top."""
        person = (self.person, "new-person", _("New person"))
        return error_summary(self.form, self.sets, [person] if self.person.errors else [])

    def quiet(self) -> None:
        self.form.quiet()
        for formset in self.sets.values():
            quiet_formset(formset)

    def valid(self) -> bool:
        # Every form is judged, so that every error is shown at once.
        results = [self.form.is_valid(), *(s.is_valid() for s in self.sets.values())]
        return all(results)


# --- reading the record into the forms -------------------------------------------------


def _initial(record: MeetingRecord) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    meeting: dict[str, Any] = {
        "kind": record.kind,
        "joint_bodies": " ".join(
            f"{j.slug}:{j.number}" if j.number else j.slug for j in record.joint_bodies
        ),
        "title": record.title or "",
        "date": record.date,
        "end": record.end or "",
        "city": record.city or "",
        "country": record.country.code if record.country else "",
        "venue": record.venue or "",
        "mode": record.mode,
        "host": record.host.code if record.host else "",
        "chair": (
            record.chair.party.code
            if record.chair.rule == "recorded" and record.chair.party
            else ""
        ),
        "chair_person": record.chair.person.slug if record.chair.person else "",
        "co_chairs": " ".join(
            f"{c.code}:{c.person.slug}" if c.person else c.code for c in record.chair.co_chairs
        ),
        "format": record.format,
        "classification": record.classification,
        "outcome": record.outcome or "",
    }
    rows: dict[str, list[dict[str, Any]]] = {
        "participants": [
            {
                "party": p.party.code if p.party else "",
                "person": p.person.slug if p.person else "",
                "role": p.role,
                "head": p.head,
                "post": p.post or "",
                "attendance": p.attendance,
                "absence_reason": p.absence_reason or "",
                "level": p.level or "",
                "level_text": p.level_text or "",
                "joined_item": (p.joined.item or "") if p.joined else "",
                "joined_time": (p.joined.time or "") if p.joined else "",
                "left_item": (p.left.item or "") if p.left else "",
                "left_time": (p.left.time or "") if p.left else "",
                "timing_reason": p.reason or "",
            }
            for p in record.participants
        ],
        "agenda": [
            {
                "id": i.id,
                "title": i.title,
                "kind": i.kind,
                "topics": [t.slug for t in i.topics],
                "emphasis": i.emphasis,
            }
            for i in record.agenda
        ],
        "actions": [
            {
                "verb": a.verb,
                "document": a.document.slug if a.document else "",
                "item": a.item or "",
                "to": a.to or "",
                "to_meeting": (str(a.to_meeting.number or a.to_meeting.id) if a.to_meeting else ""),
                "purpose": a.purpose or "",
                "to_organization": a.to_organization or "",
                "reference": a.reference or "",
                "date": "" if a.date == record.date else a.date,
            }
            for a in record.actions
        ],
        "decisions": [
            {
                "id": d.id,
                "title": d.title,
                "document": d.document.slug if d.document else "",
                "open": d.open,
                "outcome": "" if d.open else d.outcome,
                "procedure": d.procedure or "",
                "votes_in_favour": d.votes.in_favour if d.votes else None,
                "votes_against": d.votes.against if d.votes else None,
                "votes_abstaining": d.votes.abstaining if d.votes else None,
                "date": d.date or "",
                "classification": d.classification,
                "decides": [line_of(e) for e in d.decides],
            }
            for d in record.decisions
        ],
        "sessions": [session_row(s) for s in record.sessions],
    }
    return meeting, rows


def _version(record: MeetingRecord | None) -> str:
    return etag_of(record) if record is not None else ""


def _choices(org: Organization) -> dict[str, list[tuple[str, str]]]:
    verbs = decisions.verbs_of(org)
    return {
        "topics": [(t.slug, tr(t)) for t in Topic.objects.filter(organization=org)],
        "bodies": [(b.slug, tr(b)) for b in Body.objects.filter(organization=org)],
        "verbs": [(s.key, labels.verb_label(s.key, verbs)) for s in verbs],
    }


def _page(
    request: HttpRequest,
    org: Organization,
    body: Body,
    record: MeetingRecord | None,
) -> Page:
    """The page's forms: bound to the POST (one more row where one was asked for, a
    delegation row for each member on the date typed where those were asked for), or
    filled from `record` (None: a new meeting, its number proposed)."""
    if record is not None:
        meeting, rows = _initial(record)
    else:
        meeting, rows = {"number": meeting_selectors.next_number(body)}, {k: [] for k in FORMSETS}
    choices = _choices(org)
    form_kwargs = {
        "agenda": {"topics": choices["topics"]},
        "actions": {"bodies": choices["bodies"], "verbs": choices["verbs"]},
    }
    data: QueryDict | None = request.POST if request.method == "POST" else None
    more = request.POST.get("more") if data is not None else None
    take = request.POST.get("take") if data is not None and record is not None else None
    proposed = data is not None and request.POST.get("propose") == "participants"
    unproposed = ""
    if data is not None and more in FORMSETS:
        data = with_more_rows(data, more)
    elif data is not None and proposed:
        data, unproposed = _with_member_rows(data, org)
    elif data is not None and take:
        data = take_theirs(data, take, meeting, rows, FORMSETS)
    sets = {
        prefix: formset(
            data, prefix=prefix, initial=rows[prefix], form_kwargs=form_kwargs.get(prefix, {})
        )
        for prefix, formset in FORMSETS.items()
    }
    page = Page(
        MeetingForm(data, initial=meeting, new=record is None),
        sets,
        version=request.POST.get("version", "") if data is not None else _version(record),
    )
    if record is not None:
        language = record_language(get_language())
        page.items = [(i.id, i.titles.get(language) or i.title) for i in record.agenda]
    if data is not None and request.POST.get("add_person"):
        page.person = new_person_form(request.POST)
    if more in FORMSETS or take or proposed or page.person.is_bound:
        page.quiet()
    if unproposed:
        page.form.add_problem("date", unproposed)
    if take:
        # Still working out a conflict: the differences left, nothing saved yet.
        page.stale = True
        page.conflicts = differences(page.form, sets, meeting, rows)
    return page


def _with_member_rows(data: QueryDict, org: Organization) -> tuple[QueryDict, str]:
    """The posted data with a delegation row for each member on the date typed that no
    row names yet (blank rows filled first, in the organization's listing order), or
    the data as posted and the reason there is none."""
    try:
        day = PartialDate.parse(data.get("date", "")).earliest
    except ValueError:
        return data, _(
            "type the meeting's date first: the delegations proposed are the members on that date"
        )
    members = [m.party for m in registry.members_on(org, day).select_related("party")]
    profile = publishing_selectors.profile_of(org)
    ordered = own_words.listed(
        members,
        code=lambda p: p.code,
        name_in=lambda p, language: p.name_in(language),
        language=record_language(get_language()),
        order=profile.listing_order or own_words.BY_NAME,
        order_language=profile.listing_language,
        protocol=profile.protocol_order or (),
    )
    data = data.copy()
    total = int(data.get("participants-TOTAL_FORMS") or 0)
    named = {(data.get(f"participants-{i}-party") or "").strip().upper() for i in range(total)}
    blank_rows = [
        i
        for i in range(total)
        if not any(
            (data.get(f"participants-{i}-{k}") or "").strip() for k in ("party", "person", "post")
        )
    ]
    for party in (p for p in ordered if p.code not in named):
        index = blank_rows.pop(0) if blank_rows else total
        if index == total:
            total += 1
        data[f"participants-{index}-party"] = party.code
        data[f"participants-{index}-role"] = Role.DELEGATION.value
        for key in ("person", "post", "head"):
            data.pop(f"participants-{index}-{key}", None)
    data["participants-TOTAL_FORMS"] = str(min(total, 1000))
    return data, ""


# --- the pages -----------------------------------------------------------------------


def _render(
    request: HttpRequest,
    org: Organization,
    body: Body,
    page: Page,
    meeting: Meeting | None,
    status: int = 200,
) -> HttpResponse:
    reader = viewer(request)
    body_crumb = (tr(body), reverse("web:body", args=[org.slug, body.slug]))
    if meeting is not None:
        label = labels.meeting_label(meeting, get_language().lower())
        meeting_url = reverse("web:meeting", args=[org.slug, body.slug, meeting_ref(meeting)])
        crumbs = org_crumbs(org, body_crumb, (label, meeting_url), (_("Edit the record"), None))
        title = _("Edit the record: %(meeting)s") % {"meeting": label}
    else:
        crumbs = org_crumbs(org, body_crumb, (_("Record a meeting"), None))
        title = _("Record a meeting: %(body)s") % {"body": tr(body)}
    context = {
        "organization": org,
        "body": body,
        "meeting": meeting,
        "title": title,
        "page": page,
        "form": page.form,
        "sets": page.sets,
        "parties": Party.objects.order_by("code").only("code", "name", "names"),
        # The page's own suggestions (the picker asks the API for any other): the
        # people the officer may name in this organization's record, not everyone of
        # every organization (35,000 at 100,000 meetings: a second to write the page).
        "people": access.people_to_name(reader, Person.objects.all(), org)
        .order_by("slug")
        .only("slug", "name", "names"),
        "documents": access.documents(reader, Document.objects.filter(organization=org))
        .order_by("slug")
        .only("slug", "title", "titles"),
        "crumbs": crumbs,
    }
    return render(request, "web/meeting_form.html", context, status=status)


def _answer(
    request: HttpRequest,
    who: Viewer,
    org: Organization,
    body: Body,
    found: Meeting | None,
    record: MeetingRecord | None,
) -> HttpResponse:
    page = _page(request, org, body, record)
    if (
        request.method != "POST"
        or request.POST.get("more") in FORMSETS
        or request.POST.get("propose") == "participants"
        or (record is not None and request.POST.get("take"))
    ):
        return _render(request, org, body, page, found)
    if page.person.is_bound:
        # A person added to the registry; the record's forms come back as typed.
        page.added = add_person(who, page.person)
        if page.added is None:
            return _render(request, org, body, page, found, status=422)
        page.person = new_person_form()
        return _render(request, org, body, page, found)
    # Every form is judged, and what reads of them is judged by the services too: all
    # that is wrong is shown after one save.
    writer = Writer(who, org, body, page, forms_read=page.valid())
    try:
        with races.refusals():
            meeting = writer.write(found)
    except Refused:
        page.refused = True
        if page.stale and record is not None:
            # The differences from the record now, each to keep or take; saving again
            # (over the version shown now) keeps what was typed.
            recorded, rows = _initial(record)
            page.conflicts = differences(page.form, page.sets, recorded, rows)
            page.version = _version(record)
        status = 409 if page.stale or writer.taken else 422
        return _render(request, org, body, page, found, status=status)
    except (races.Raced, races.Busy) as refusal:
        # Another change met this one in the database: nothing was written, and the
        # page comes back with everything as typed, to send again.
        page.refused = True
        for p in refusal.problems:
            page.form.add_problem(p.field, p.reason)
        status = 503 if isinstance(refusal, races.Busy) else 409
        return _render(request, org, body, page, found, status=status)
    messages.success(request, _("The record is saved."))
    url = reverse("web:meeting", args=[org.slug, body.slug, meeting_ref(meeting)])
    return HttpResponseRedirect(url, status=303)


@recording
def new_meeting(request: HttpRequest, org: str, body: str) -> HttpResponse:
    who, found_org, found_body = editable(request, org, body)
    return _answer(request, who, found_org, found_body, None, None)


@recording
def edit_meeting(request: HttpRequest, org: str, body: str, ref: str) -> HttpResponse:
    who, found_org, found_body = editable(request, org, body)
    found = access.meeting(who, found_org, found_body, ref)
    return _answer(request, who, found_org, found_body, found, record_of(who, found))
