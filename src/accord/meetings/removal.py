"""Removing a meeting: refused while anything else in the record refers to it."""

from __future__ import annotations

from django.utils.translation import gettext

from accord.core.errors import InUse
from accord.core.persist import delete
from accord.meetings.models import Meeting


def references_to(meeting: Meeting) -> list[str]:
    """What elsewhere in the record refers to `meeting` (empty when nothing does)."""
    from accord.bodies.models import ChairTerm
    from accord.decisions.models import Action
    from accord.implementation.models import ProgressReport
    from accord.publishing.models import PressRelease

    counts = [
        ("referral", "referrals", Action.objects.filter(target_meeting=meeting)),
        (
            "meeting that prepares it",
            "meetings that prepare it",
            Meeting.objects.filter(prepares=meeting),
        ),
        ("progress report", "progress reports", ProgressReport.objects.filter(meeting=meeting)),
        (
            "chair term decided at it",
            "chair terms decided at it",
            ChairTerm.objects.filter(decided_at=meeting),
        ),
        ("press release", "press releases", PressRelease.objects.filter(meeting=meeting)),
    ]
    found = []
    for one, many, rows in counts:
        n = rows.count()
        if n:
            found.append(f"1 {one}" if n == 1 else f"{n} {many}")
    return found


def remove_meeting(meeting: Meeting) -> None:
    """Remove a meeting with its own record (participants, agenda, actions, decisions
    with their positions, statements); refused while anything else refers to it:
    referrals to it, a meeting that prepares it, progress reports heard at it, chair
    terms decided at it, press releases about it."""
    referring = references_to(meeting)
    if referring:
        raise InUse.at(
            "meeting",
            gettext("the meeting is referred to by %(what)s; remove those first")
            % {"what": ", ".join(referring)},
        )
    delete(Meeting.objects.filter(pk=meeting.pk))
