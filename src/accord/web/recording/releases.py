"""Press releases and information reports in the browser, for the secretariat: drafted
from the meeting page, then on one working page edited, reviewed and published, with
what drafting lacked, what the release linter finds, and the differences between
versions.

Every step is `accord.publishing.services`' own (draft_release, edit_release,
review_release, publish_release): a refusal is shown on the page with its reason and
nothing is written. The edit form carries the newest version's ETag as `version`, as
the other recording pages do: an edit over a version changed since it was read answers
409, keeps what was typed and shows the differences field by field; the page then
carries the version just shown, so saving again puts the kept text over the other
(reloading takes the other).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from pydantic import BaseModel

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.bodies import selectors as bodies
from accord.core.errors import DomainError, NotFound, Stale, http_status
from accord.core.etags import check_version, etag_of
from accord.publishing import audiences, labels, lint, selectors, services
from accord.publishing.models import (
    LANGUAGES,
    PressRelease,
    ReleaseKind,
    ReleaseState,
    ReleaseVersion,
)
from accord.registry import selectors as registry
from accord.registry.models import Organization
from accord.web.browse.common import choice_field, org_crumbs, viewer
from accord.web.recording import widgets
from accord.web.recording.common import RecordForm, recording
from accord.web.templatetags.accord_extras import tr
from accord.web.templatetags.accord_pages import ref as meeting_ref

LANGUAGE_NAMES = {
    "en": gettext_lazy("English"),
    "ru": gettext_lazy("Russian"),
    "zh": gettext_lazy("Chinese"),
}
AUDIENCE_NAMES = {
    "public": gettext_lazy("the public"),
    "organization": gettext_lazy("the organization's members"),
    "body": gettext_lazy("the body's members"),
}


# --- forms ---------------------------------------------------------------------------


class DraftForm(RecordForm):
    """What to draft from a meeting's record: the kind, the language, the audience."""

    problem_fields = {"audience": "classification"}

    kind = forms.ChoiceField(
        widget=widgets.Select, label=gettext_lazy("Kind"), choices=ReleaseKind.choices
    )
    language = forms.ChoiceField(widget=widgets.Select, label=gettext_lazy("Language"))
    classification = forms.ChoiceField(
        widget=widgets.Select,
        label=gettext_lazy("Audience"),
        choices=[(a, AUDIENCE_NAMES.get(a, a)) for a in audiences.AUDIENCES],
    )
    replace_edits = forms.BooleanField(
        widget=widgets.CheckboxInput,
        label=gettext_lazy("Draft again even over an edited draft (its edits are discarded)"),
        required=False,
    )

    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "language").choices = [(x, LANGUAGE_NAMES.get(x, x)) for x in languages]


class EditForm(RecordForm):
    headline = forms.CharField(
        label=gettext_lazy("Headline"),
        max_length=500,
        widget=widgets.TextInput(attrs={"size": 60}),
    )
    dateline = forms.CharField(
        label=gettext_lazy("Dateline"),
        max_length=200,
        required=False,
        widget=widgets.TextInput(attrs={"size": 40}),
    )
    text = forms.CharField(
        label=gettext_lazy("Text"),
        widget=widgets.Textarea(attrs={"rows": 18}),
        strip=False,
    )

    def clean_text(self) -> str:
        # A browser sends a textarea's lines ended by CR LF; the record's end in LF.
        return self.cleaned_data["text"].replace("\r\n", "\n").replace("\r", "\n")


def publishing_languages(org: Organization) -> list[str]:
    profile = selectors.kept_profile(org)
    return [x for x in (profile.languages or LANGUAGES) if x in LANGUAGES] or ["en"]


def draft_form(org: Organization, data: Any = None) -> DraftForm:
    return DraftForm(data, languages=publishing_languages(org), auto_id="draft-%s")


# --- differences -----------------------------------------------------------------------

_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    """A run of a text in a difference: kept ('='), removed ('-') or added ('+')."""

    op: str
    text: str


@dataclass(frozen=True)
class FieldChange:
    field: str  # headline, dateline, text
    label: str
    pieces: list[Piece]


def pieces(before: str, after: str) -> list[Piece]:
    """`before` and `after` word by word: what stays, what goes, what comes."""
    a, b = _WORDS.findall(before), _WORDS.findall(after)
    found: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            found.append(Piece("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            found.append(Piece("-", "".join(a[i1:i2])))
        if j2 > j1:
            found.append(Piece("+", "".join(b[j1:j2])))
    return found


FIELD_LABELS = {
    "headline": gettext_lazy("Headline"),
    "dateline": gettext_lazy("Dateline"),
    "text": gettext_lazy("Text"),
}


def changes(before: dict[str, str], after: dict[str, str]) -> list[FieldChange]:
    """The fields that differ between two versions, each as its pieces."""
    return [
        FieldChange(name, str(label), pieces(before[name], after[name]))
        for name, label in FIELD_LABELS.items()
        if before[name].strip() != after[name].strip()
    ]


def _fields(v: ReleaseVersion) -> dict[str, str]:
    return {"headline": v.headline, "dateline": v.dateline, "text": v.text}


@dataclass(frozen=True)
class VersionRow:
    version: ReleaseVersion
    changes: list[FieldChange]  # against the version before (none for the first)


def history(versions: list[ReleaseVersion]) -> list[VersionRow]:
    """Each version, newest first, with what changed since the one before."""
    rows = []
    oldest_first = sorted(versions, key=lambda v: v.number)
    for i, v in enumerate(oldest_first):
        before = oldest_first[i - 1] if i else None
        rows.append(VersionRow(v, changes(_fields(before), _fields(v)) if before else []))
    return list(reversed(rows))


# --- what to do before publishing ------------------------------------------------------

ADVICE = {
    "doubled space": gettext_lazy("A doubled space: remove one."),
    "doubled punctuation": gettext_lazy("A doubled punctuation mark: remove one."),
    "empty slot": gettext_lazy(
        "Something is missing here (an empty bracket or a word left hanging): complete it"
        " or remove it."
    ),
    "starts in lower case": gettext_lazy("The sentence starts in lower case: capitalize it."),
    "'It serves as a'": gettext_lazy("Avoid “It serves as a”: say what it does."),
}


@dataclass(frozen=True)
class Advice:
    what: str  # what to do
    sentence: str  # where


def findings(version: ReleaseVersion, language: str) -> list[Advice]:
    """What the release linter finds in the version's text, each with what to do."""
    found = []
    for f in lint.lint(version.headline, version.dateline, version.text, language):
        if f.rule.startswith("Latin script"):
            latin = f.rule.partition("(")[2].rstrip(")")
            what = _("Latin script in a %(language)s text (%(words)s): write it in %(language)s.")
            what = what % {"language": LANGUAGE_NAMES.get(language, language), "words": latin}
        else:
            what = str(ADVICE.get(f.rule, f.rule))
        found.append(Advice(what, f.sentence))
    return found


# --- the pages -------------------------------------------------------------------------


class Seen(BaseModel):
    """The newest version as the working page shows it: its ETag is the page's version."""

    number: int
    state: str
    headline: str
    dateline: str
    text: str


def seen(v: ReleaseVersion) -> Seen:
    return Seen(
        number=v.number, state=v.state, headline=v.headline, dateline=v.dateline, text=v.text
    )


def _editable_release(request: HttpRequest, org: str, slug: str) -> tuple[Viewer, PressRelease]:
    """The release, if the user keeps its organization's record (else NotFound, as for a
    release that does not exist)."""
    who = viewer(request)
    found_org = registry.organization(org)
    if not access.can_edit(who, found_org):
        raise NotFound.at("release", f"{found_org.slug} has no release {slug!r} you may edit")
    return who, selectors.release(who, found_org, slug)


def _versions(release: PressRelease) -> list[ReleaseVersion]:
    return list(release.versions.all())  # prefetched, newest first


def work_url(release: PressRelease) -> str:
    return reverse("web:release-work", args=[release.organization.slug, release.slug])


@dataclass
class Work:
    """The working page's state: the edit form, and what a refusal said."""

    form: EditForm
    version: str
    stale: bool = False
    refused: bool = False
    step_problems: list[str] | None = None
    theirs: list[FieldChange] | None = None


def _render(
    request: HttpRequest, who: Viewer, release: PressRelease, work: Work, status: int = 200
) -> HttpResponse:
    org = release.organization
    meeting = release.meeting
    body = meeting.body
    versions = _versions(release)
    newest = versions[0]
    label = labels.meeting_label(meeting, get_language().lower())
    meeting_url = reverse("web:meeting", args=[org.slug, body.slug, meeting_ref(meeting)])
    title = _("%(kind)s (%(language)s): %(meeting)s") % {
        "kind": release.get_kind_display().capitalize(),
        "language": LANGUAGE_NAMES.get(release.language, release.language),
        "meeting": label,
    }
    published = next((v for v in versions if v.state == ReleaseState.PUBLISHED), None)
    for name in FIELD_LABELS:  # the release's words are in its language, not the page's
        work.form.fields[name].widget.attrs["lang"] = release.language
    context = {
        "organization": org,
        "body": body,
        "meeting": meeting,
        "release": release,
        "title": title,
        "newest": newest,
        "published": published,
        "language_name": LANGUAGE_NAMES.get(release.language, release.language),
        "audience": AUDIENCE_NAMES.get(release.classification, release.classification),
        "missing": newest.missing if newest.generated else [],
        "missing_edited": newest.missing if not newest.generated else [],
        "findings": findings(newest, release.language),
        "history": history(versions),
        "work": work,
        "form": work.form,
        "crumbs": org_crumbs(
            org,
            (tr(body), reverse("web:body", args=[org.slug, body.slug])),
            (label, meeting_url),
            (release.get_kind_display().capitalize(), None),
        ),
    }
    return render(request, "web/release_work.html", context, status=status)


def _fresh_work(release: PressRelease) -> Work:
    newest = _versions(release)[0]
    form = EditForm(initial=_fields(newest))
    return Work(form=form, version=etag_of(seen(newest)))


def _edit(request: HttpRequest, who: Viewer, release: PressRelease) -> HttpResponse:
    form = EditForm(request.POST)
    work = Work(form=form, version=request.POST.get("version", ""))
    if not form.is_valid():
        work.refused = True
        return _render(request, who, release, work, status=422)
    typed = form.cleaned_data
    try:
        with transaction.atomic():
            locked = PressRelease.objects.select_for_update().get(pk=release.pk)
            newest = ReleaseVersion.objects.filter(release=locked).latest("number")
            try:
                check_version(work.version, seen(newest))
            except Stale:
                work.stale = True
                work.theirs = changes(typed, _fields(newest))
                # Seen now: saving the kept text again puts it over theirs, knowingly.
                work.version = etag_of(seen(newest))
                raise
            # Only what differs from the newest version is changed: the service refuses
            # an edit that changes nothing.
            given = {
                name: typed[name]
                for name in FIELD_LABELS
                if typed[name].strip() != getattr(newest, name).strip()
            }
            services.edit_release(who, locked, **given)
    except Stale:
        work.refused = True
        return _render(request, who, release, work, status=409)
    except DomainError as refusal:
        work.refused = True
        for p in refusal.problems:
            form.add_problem(p.field, p.reason)
        return _render(request, who, release, work, status=http_status(refusal))
    messages.success(request, _("The release is saved."))
    return HttpResponseRedirect(work_url(release), status=303)


STEPS = {"review": services.review_release, "publish": services.publish_release}


def _step(request: HttpRequest, who: Viewer, release: PressRelease, step: str) -> HttpResponse:
    try:
        STEPS[step](who, release)
    except DomainError as refusal:
        work = _fresh_work(release)
        work.step_problems = [p.reason for p in refusal.problems]
        return _render(request, who, release, work, status=http_status(refusal))
    if step == "review":
        messages.success(request, _("The release is marked reviewed."))
    else:
        messages.success(request, _("The release is published."))
    return HttpResponseRedirect(work_url(release), status=303)


@recording
def release_work(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    who, release = _editable_release(request, org, slug)
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step in STEPS:
            return _step(request, who, release, step)
        return _edit(request, who, release)
    return _render(request, who, release, _fresh_work(release))


@recording
def draft(request: HttpRequest, org: str, body: str, ref: str) -> HttpResponse:
    """Draft a release of the meeting (POST from the meeting page's form); its form
    again with the refusal beside the field, or the release's working page."""
    who = viewer(request)
    found_org = registry.organization(org)
    if not access.can_edit(who, found_org):
        raise NotFound.at("meeting", f"{found_org.slug} has no meeting {ref!r} you may record")
    found_body = bodies.body(found_org, body)
    meeting = access.meeting(who, found_org, found_body, ref)
    form = draft_form(found_org, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            d = form.cleaned_data
            try:
                release = services.draft_release(
                    who,
                    meeting,
                    kind=d["kind"],
                    language=d["language"],
                    classification=d["classification"],
                    replace_edits=d["replace_edits"],
                )
            except DomainError as refusal:
                for p in refusal.problems:
                    form.add_problem(p.field, p.reason)
                status = http_status(refusal)
            else:
                messages.success(request, _("The release is drafted from the record."))
                return HttpResponseRedirect(
                    reverse("web:release-work", args=[found_org.slug, release.slug]), status=303
                )
    label = labels.meeting_label(meeting, get_language().lower())
    meeting_url = reverse("web:meeting", args=[found_org.slug, found_body.slug, ref])
    context = {
        "organization": found_org,
        "body": found_body,
        "meeting": meeting,
        "label": label,
        "form": form,
        "refused": status != 200,
        "crumbs": org_crumbs(
            found_org,
            (tr(found_body), reverse("web:body", args=[found_org.slug, found_body.slug])),
            (label, meeting_url),
            (_("Draft a release"), None),
        ),
    }
    return render(request, "web/release_draft.html", context, status=status)
