"""What the ways in (API, web pages) do with meetings, one function per use case.

Started with what every change of a meeting's record shares: the one lock it takes
(`claim_meeting`). Creating and changing a meeting as one use case (the ad hoc
meeting's id, the editable fields of `services.EDITABLE`) is to follow here, as
`decisions.actions.record_position` does for positions.
"""

from __future__ import annotations

from accord.meetings.models import Meeting


def claim_meeting(meeting: Meeting) -> Meeting:
    """Lock `meeting` until the transaction ends, and read it again (with its body and
    organization). Writers of the same meeting's record queue here; the lock is FOR NO
    KEY UPDATE of the meeting's row only, so rows that merely refer to it (its agenda,
    participants, actions) can still be written by others meanwhile."""
    return (
        Meeting.objects.select_for_update(no_key=True, of=("self",))
        .select_related("body__organization")
        .get(pk=meeting.pk)
    )
