"""The audiences a release is written for (public, the member delegations, the
delegations of the meeting's body), as viewers of the access layer, and why an audience
that cannot read a meeting gets no release of it."""

from __future__ import annotations

from accord.accounts import access
from accord.accounts.access import ANONYMOUS, Viewer
from accord.core.models import Classification
from accord.meetings.models import Meeting
from accord.registry.models import Membership

# The audiences a release can be written for, by classification.
AUDIENCES = (Classification.PUBLIC, Classification.ORGANIZATION, Classification.BODY)


def audience_viewer(meeting: Meeting, classification: str) -> Viewer:
    """The reader a release is written for, as a viewer of the access layer: the
    public; the member delegations on the meeting date; or those of the meeting's body."""
    if classification == Classification.PUBLIC:
        return ANONYMOUS
    org_id = meeting.body.organization_id
    codes = (
        Membership.objects.deciding()
        .on(meeting.start)
        .filter(organization_id=org_id)
        .values_list("party__code", flat=True)
    )
    bodies = frozenset({meeting.body_id}) if classification == Classification.BODY else frozenset()
    return Viewer(
        None, False, frozenset(), frozenset((org_id, c) for c in codes), frozenset(), bodies
    )


# Who reads a release for each audience, as a reason names them.
READERS: dict[str, str] = {
    Classification.PUBLIC: "the public",
    Classification.ORGANIZATION: "the member delegations",
    Classification.BODY: "the delegations of the meeting's body",
}


def audience_problem(meeting: Meeting, classification: str) -> str:
    """Why a release of `meeting` cannot be written for the audience `classification`
    ('' when it can): that audience cannot read the meeting itself, and a release
    would publish it (its date, place, participants and outcome)."""
    if reads(meeting, audience_viewer(meeting, classification)):
        return ""
    others = [
        a for a in AUDIENCES if a != classification and reads(meeting, audience_viewer(meeting, a))
    ]
    reason = (
        f"{READERS.get(classification, classification)} cannot read this meeting"
        f" ({meeting.get_classification_display()}), and a release for them would publish it"
    )
    if others:
        reason += f"; write it for {' or '.join(others)}"
    return reason


def reads(meeting: Meeting, viewer: Viewer) -> bool:
    return access.meetings(viewer, Meeting.objects.filter(pk=meeting.pk)).exists()
