"""The only writers of publishing: an organization's publishing profile, and press
releases through their life (draft, edit, review, publish; corrections as versions).

Each refuses with a DomainError naming the field and the reason and writes nothing
then; each write goes through `accord.core.persist` and so into the audit trail.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.bodies.models import Body
from accord.core import audit
from accord.core.errors import DomainError, Problem
from accord.core.models import Classification
from accord.core.persist import Tally, upsert
from accord.meetings.models import Meeting
from accord.publishing import audiences, compose, letterhead, rules, style, terms
from accord.publishing.inputs import ProfileFields
from accord.publishing.models import (
    LANGUAGES,
    PressRelease,
    PublishingProfile,
    ReleaseKind,
    ReleaseState,
    ReleaseVersion,
)
from accord.publishing.selectors import profile_of
from accord.registry.models import Organization


def save_profile(
    organization: Organization, fields: ProfileFields, tally: Tally | None = None
) -> PublishingProfile:
    """How `organization` publishes (languages, record language, issuer, time zone,
    the style of each kind of release, the letterhead of its files)."""
    values = fields.given()
    problems: list[Problem] = []
    for i, language in enumerate(values.get("languages", [])):
        if language not in LANGUAGES:
            problems.append(Problem(f"languages[{i}]", rules.language_problem(language)))
    if values.get("record_language", "en") not in LANGUAGES:
        problems.append(
            Problem("record_language", rules.language_problem(values["record_language"]))
        )
    reason = rules.timezone_problem(values.get("timezone", ""))
    if reason:
        problems.append(Problem("timezone", reason))
    for field, reason in terms.terms_problems(values.get("terms", {})):
        problems.append(Problem(field, reason))
    problems += _listing_problems(fields)
    bodies = Body.objects.filter(organization=organization).values_list("slug", flat=True)
    for field, reason in style.style_problems(values.get("house_style", {}), bodies):
        problems.append(Problem(field, reason))
    for field, reason in letterhead.letterhead_problems(values.get("letterhead", {})):
        problems.append(Problem(field, reason))
    issuer = values.get("issuer")
    if issuer is not None and issuer.organization_id != organization.pk:
        problems.append(Problem("issuer", f"{issuer.slug!r} is not a body of {organization.slug}"))
    if problems:
        raise DomainError(problems)
    profile, _ = upsert(PublishingProfile, {"organization": organization}, values, tally)
    return profile


def _listing_problems(fields: ProfileFields) -> list[Problem]:
    """What is wrong with the order states are listed in."""
    problems = []
    values = fields.given()
    order = values.get("listing_order", terms.BY_NAME)
    if order not in (terms.BY_NAME, terms.BY_PROTOCOL):
        problems.append(Problem("listing_order.by", f"{order!r}: by name or by protocol"))
    language = values.get("listing_language", "")
    if language and language not in LANGUAGES:
        problems.append(Problem("listing_order.language", rules.language_problem(language)))
    if order == terms.BY_PROTOCOL and not values.get("protocol_order"):
        problems.append(
            Problem("listing_order.parties", "a protocol order lists the parties' codes")
        )
    return problems


def _slug(meeting: Meeting, kind: str, language: str, classification: str) -> str:
    audience = "" if classification == Classification.PUBLIC else f"-{classification}"
    return f"{meeting.body.slug}-{meeting.slug}-{kind}-{language}{audience}"


def _latest(release: PressRelease) -> ReleaseVersion:
    latest = ReleaseVersion.objects.filter(release=release).order_by("-number").first()
    if latest is None:  # a release is created with its first version, in one transaction
        raise ValueError(f"release {release.slug!r} has no version")
    return latest


def draft_release(
    viewer: Viewer,
    meeting: Meeting,
    *,
    kind: str = ReleaseKind.PRESS_RELEASE,
    language: str = "en",
    classification: str = Classification.PUBLIC,
    replace_edits: bool = False,
) -> PressRelease:
    """Draft (or redraft) the release of `meeting` from its record, for the audience
    `classification`: only what that audience may read is written into it, and an
    audience that cannot read the meeting itself is refused (field `audience`).

    A release not yet drafted is created with version 1. An unedited draft is written
    again from the record; an edited draft only with `replace_edits`; a reviewed or
    published release gets a new draft version.
    """
    org = meeting.body.organization
    access.require_edit(viewer, org)
    profile = profile_of(org)
    problems: list[Problem] = []
    if kind not in ReleaseKind.values:
        problems.append(
            Problem("kind", f"{kind!r} is not a kind of release ({', '.join(ReleaseKind.values)})")
        )
    reason = rules.language_problem(language, profile.languages or LANGUAGES)
    if reason:
        problems.append(Problem("language", reason))
    if classification not in audiences.AUDIENCES:
        problems.append(
            Problem(
                "classification",
                f"{classification!r}: a release is written for one of"
                f" {', '.join(audiences.AUDIENCES)}",
            )
        )
    else:
        reason = audiences.audience_problem(meeting, classification)
        if reason:
            problems.append(Problem("audience", reason))
    if problems:
        raise DomainError(problems)
    written = compose.write(meeting, kind=kind, language=language, classification=classification)
    now = timezone.now()
    actor = audit.current_actor().name
    text = {
        "headline": written.headline,
        "dateline": written.dateline,
        "text": written.text,
        "missing": list(written.missing),
    }
    with transaction.atomic():
        release, created = upsert(
            PressRelease,
            {"organization": org, "slug": _slug(meeting, kind, language, classification)},
            {
                "meeting": meeting,
                "kind": kind,
                "language": language,
                "classification": classification,
            },
        )
        latest = None if created == "created" else _latest(release)
        if latest is not None and latest.state == ReleaseState.DRAFT:
            if not latest.generated and not replace_edits:
                raise DomainError.at(
                    "text",
                    "the draft was edited since it was drafted; drafting it again from the"
                    " record would discard the edits (ask for it explicitly to do so)",
                )
            upsert(
                ReleaseVersion,
                {},
                {**text, "generated": True, "drafted_at": now, "drafted_by": actor},
                instance=latest,
            )
            return release
        number = 1 if latest is None else latest.number + 1
        upsert(
            ReleaseVersion,
            {"release": release, "number": number},
            {**text, "state": ReleaseState.DRAFT, "drafted_at": now, "drafted_by": actor},
            missing=True,
        )
    return release


def edit_release(
    viewer: Viewer,
    release: PressRelease,
    *,
    headline: str | None = None,
    text: str | None = None,
    dateline: str | None = None,
) -> ReleaseVersion:
    """Change a release's headline, dateline or text. A draft changes; a reviewed
    version goes back to draft; a published version stays as it is and the edit
    becomes a new version (a correction)."""
    access.require_edit(viewer, release.organization_id)
    problems = []
    if headline is not None and not headline.strip():
        problems.append(Problem("headline", "a release needs a headline"))
    if text is not None and not text.strip():
        problems.append(Problem("text", "a release needs a text"))
    if headline is None and text is None and dateline is None:
        problems.append(Problem("text", "nothing to change: give a headline or a text"))
    if problems:
        raise DomainError(problems)
    now = timezone.now()
    actor = audit.current_actor().name
    with transaction.atomic():
        latest = _latest(release)
        changes: dict[str, Any] = {"generated": False, "drafted_at": now, "drafted_by": actor}
        if headline is not None:
            changes["headline"] = headline.strip()
        if text is not None:
            changes["text"] = text.strip() + "\n"
        if dateline is not None:
            changes["dateline"] = dateline.strip()
        outcome = rules.edit_outcome(latest.state)
        if outcome == "new-version":
            version, _ = upsert(
                ReleaseVersion,
                {"release": release, "number": latest.number + 1},
                {
                    "headline": latest.headline,
                    "dateline": latest.dateline,
                    "text": latest.text,
                    "state": ReleaseState.DRAFT,
                    **changes,
                },
                missing=True,
            )
            return version
        if outcome == "back-to-draft":
            changes.update(state=ReleaseState.DRAFT, reviewed_at=None, reviewed_by="")
        version, _ = upsert(ReleaseVersion, {}, changes, instance=latest)
        return version


def review_release(viewer: Viewer, release: PressRelease) -> ReleaseVersion:
    """Mark the latest (draft) version reviewed."""
    access.require_edit(viewer, release.organization_id)
    with transaction.atomic():
        latest = _latest(release)
        reason = rules.step_problem("review", latest.state)
        if reason:
            raise DomainError.at("state", reason)
        version, _ = upsert(
            ReleaseVersion,
            {},
            {
                "state": ReleaseState.REVIEWED,
                "reviewed_at": timezone.now(),
                "reviewed_by": audit.current_actor().name,
            },
            instance=latest,
        )
        return version


def publish_release(viewer: Viewer, release: PressRelease) -> ReleaseVersion:
    """Publish the latest (reviewed) version; from now on it never changes.

    Refused (field `audience`) when the release's audience can no longer read its
    meeting (the meeting was classified more narrowly since it was drafted), and (field
    `translations`) when the version is as drafted and drafting lacked translations in
    its language (each is named: add them to the record and draft again, or edit)."""
    access.require_edit(viewer, release.organization_id)
    with transaction.atomic():
        latest = _latest(release)
        reason = rules.step_problem("publish", latest.state)
        if reason:
            raise DomainError.at("state", reason)
        reason = audiences.audience_problem(release.meeting, release.classification)
        if reason:
            raise DomainError.at("audience", reason)
        edited = not latest.generated
        reason = rules.missing_problem(release.language, latest.missing, edited=edited)
        if reason:
            raise DomainError.at("translations", reason)
        version, _ = upsert(
            ReleaseVersion,
            {},
            {
                "state": ReleaseState.PUBLISHED,
                "published_at": timezone.now(),
                "published_by": audit.current_actor().name,
            },
            instance=latest,
        )
        return version
