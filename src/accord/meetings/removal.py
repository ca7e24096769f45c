"""Removing a meeting: refused while anything else in the record refers to it."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext_lazy, pgettext

from accord.core.errors import InUse
from accord.core.persist import delete
from accord.meetings.models import Meeting

# What may refer to a meeting, each with how a refusal counts it.
REFERRERS: dict[str, Promise] = {
    "referrals": ngettext_lazy("%(n)s referral", "%(n)s referrals", "n"),
    "preparing": ngettext_lazy(
        "%(n)s meeting that prepares it", "%(n)s meetings that prepare it", "n"
    ),
    "progress_reports": ngettext_lazy("%(n)s progress report", "%(n)s progress reports", "n"),
    "chair_terms": ngettext_lazy(
        "%(n)s chair term decided at it", "%(n)s chair terms decided at it", "n"
    ),
    "press_releases": ngettext_lazy("%(n)s press release", "%(n)s press releases", "n"),
}


def reference_counts(meeting: Meeting) -> dict[str, int]:
    """How many of each kind of `REFERRERS` refer to `meeting`."""
    from accord.bodies.models import ChairTerm
    from accord.decisions.models import Action
    from accord.implementation.models import ProgressReport
    from accord.publishing.models import PressRelease

    return {
        "referrals": Action.objects.filter(target_meeting=meeting).count(),
        "preparing": Meeting.objects.filter(prepares=meeting).count(),
        "progress_reports": ProgressReport.objects.filter(meeting=meeting).count(),
        "chair_terms": ChairTerm.objects.filter(decided_at=meeting).count(),
        "press_releases": PressRelease.objects.filter(meeting=meeting).count(),
    }


def counted(counts: Mapping[str, int]) -> list[str]:
    """The kinds of `REFERRERS` with their counts, in the active language (1 referral,
    2 press releases; 2 передачи вопроса, 5 пресс-релизов), leaving out those at none."""
    return [str(REFERRERS[kind] % {"n": n}) for kind, n in counts.items() if n]


def references_to(meeting: Meeting) -> list[str]:
    """What elsewhere in the record refers to `meeting` (empty when nothing does), each
    counted in the active language (`counted`)."""
    return counted(reference_counts(meeting))


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
            % {"what": pgettext("between the items of a list", ", ").join(referring)},
        )
    delete(Meeting.objects.filter(pk=meeting.pk))
