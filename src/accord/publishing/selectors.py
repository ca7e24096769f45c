"""Reads of publishing, always as one viewer may see them (through the access layer)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.core import compiled
from accord.core.errors import NotFound
from accord.decisions import selectors as decisions
from accord.decisions.models import Action
from accord.documents.models import Document
from accord.meetings.models import Meeting
from accord.publishing.models import (
    LANGUAGES,
    InformationReportStyle,
    PressRelease,
    PressReleaseStyle,
    PublishingProfile,
    ReleaseState,
    ReleaseVersion,
)
from accord.registry.models import Organization

# The statuses that make a document "adopted" for the feed of adopted documents.
ADOPTED = ("adopted", "signed", "approved")


def releases(viewer: Viewer, org: Organization) -> QuerySet[PressRelease]:
    """The releases of `org` the viewer may read, each with its versions (newest first)."""
    rows = access.press_releases(viewer, PressRelease.objects.filter(organization=org))
    return (
        rows.select_related("organization", "meeting__body")
        .prefetch_related(Prefetch("versions", queryset=ReleaseVersion.objects.order_by("-number")))
        .order_by("meeting__start", "slug")
    )


def release(viewer: Viewer, org: Organization, slug: str) -> PressRelease:
    found = releases(viewer, org).filter(slug=slug).first()
    if found is None:
        raise NotFound.at("release", f"{org.slug} has no release {slug!r}")
    return found


def release_of(
    viewer: Viewer, meeting: Meeting, kind: str, language: str, classification: str
) -> PressRelease:
    """The release of `meeting` of that kind, language and audience, as `release`."""
    org = meeting.body.organization
    found = (
        releases(viewer, org)
        .filter(meeting=meeting, kind=kind, language=language, classification=classification)
        .first()
    )
    if found is None:
        raise NotFound.at(
            "release", f"no {kind} of this meeting in {language} for the audience {classification}"
        )
    return found


def shown_version(viewer: Viewer, release: PressRelease) -> ReleaseVersion | None:
    """The version the viewer reads: the newest for those who keep the record, else
    the newest published one. Uses the prefetched versions."""
    versions = list(release.versions.all())
    if access.can_edit(viewer, release.organization_id):
        return versions[0] if versions else None
    return next((v for v in versions if v.state == ReleaseState.PUBLISHED), None)


def published(viewer: Viewer, org: Organization, limit: int = 50) -> list[ReleaseVersion]:
    """The newest published version of each release the viewer may read, newest first."""
    readable = access.press_releases(viewer, PressRelease.objects.filter(organization=org))
    rows = (
        ReleaseVersion.objects.filter(release__in=readable, state=ReleaseState.PUBLISHED)
        .select_related("release__meeting__body", "release__organization")
        .order_by("-published_at", "-number")
    )
    newest: dict[int, ReleaseVersion] = {}
    for v in rows:
        if v.release_id not in newest:
            newest[v.release_id] = v
    return list(newest.values())[:limit]


def adopted_documents(
    viewer: Viewer, org: Organization, limit: int = 50
) -> list[tuple[Document, Action]]:
    """Documents the viewer may read whose status, from the actions the viewer may see,
    is adopted, signed or approved; with the action that gave it; newest first."""
    visible_actions = access.actions(viewer).select_related("body", "target_body", "meeting")
    rows = (
        access.documents(viewer, Document.objects.filter(organization=org))
        .select_related("type", "author_body")
        .prefetch_related(Prefetch("actions", queryset=visible_actions, to_attr="seen"))
    )
    found: list[tuple[Document, Action]] = []
    verbs = decisions.verbs_of(org)
    for d in rows:
        status, by = decisions.status_from(d.seen, verbs)
        if status in ADOPTED and by is not None:
            found.append((d, by))
    found.sort(key=lambda x: (x[1].date, x[0].slug), reverse=True)
    return found[:limit]


def _profile_by_organization(organization_id: int) -> QuerySet[PublishingProfile]:
    rows = PublishingProfile.objects.filter(organization_id=organization_id)
    return (rows if rows.ordered else rows.order_by("pk"))[:1]


def read_profile(organization: Organization) -> None:
    """Reads `organization.publishing` (its profile, or that it has none) as the
    accessor reads it and keeps it there, its SQL built once (`accord.core.compiled`):
    the pages name the chairmanship in the organization's words."""
    side = Organization.publishing.related  # (a reverse one-to-one)
    if organization.pk is None or side.is_cached(organization):
        return
    rows = compiled.rows(
        ("publishing of",),
        lambda pk: PublishingProfile.objects.filter(organization_id=pk),
        organization.pk,
    )
    found = rows[0] if rows else None
    if found is not None:
        side.field.set_cached_value(found, organization)
    side.set_cached_value(organization, found)


def profile_of(organization: Organization) -> PublishingProfile:
    """The organization's profile, or the defaults (not saved) when it has none."""
    # (as `.first()` reads it, its SQL built once: `accord.core.compiled`)
    rows = compiled.rows(("publishing profile",), _profile_by_organization, organization.pk)
    return rows[0] if rows else _default_profile(organization)


def kept_profile(organization: Organization) -> PublishingProfile:
    """`profile_of`, read as `read_profile` reads it and kept on the organization: a
    page that also names the chairmanship reads the profile once."""
    read_profile(organization)
    found = Organization.publishing.related.get_cached_value(organization, None)
    return found if isinstance(found, PublishingProfile) else _default_profile(organization)


def _default_profile(organization: Organization) -> PublishingProfile:
    """The defaults of an organization without a profile (not saved)."""
    languages = [x for x in organization.working_languages if x in LANGUAGES] or ["en"]
    return PublishingProfile(
        organization=organization,
        languages=languages,
        record_language="en",
        press_release_style=PressReleaseStyle.NEWS,
        information_report_style=InformationReportStyle.FORMAL,
    )
