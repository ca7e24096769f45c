"""The bodies of a joint meeting as a record file writes them (`joint_bodies`)."""

from __future__ import annotations

from accord.meetings.models import Meeting


def joint_bodies(m: Meeting) -> list[str | dict]:
    """The other bodies of `m` in order: a body's id, or the id and the meeting's number
    in that body's series (the rows come prefetched with `meetings.joint.joint_rows`)."""
    return [
        {"body": row.body.slug, "number": row.number} if row.number is not None else row.body.slug
        for row in m.joint_rows.all()
    ]
