"""The bodies of a joint meeting as a record file gives them (`joint_bodies`)."""

from __future__ import annotations

from collections.abc import Callable

from accord.bodies.models import Body
from accord.core.persist import Tally
from accord.meetings.joint import set_joint_bodies
from accord.meetings.models import Meeting


def load_joint_bodies(
    meeting: Meeting, d: dict, body: Callable[[str, str], Body], tally: Tally | None
) -> None:
    """Make `meeting` the joint meeting its entry `d` says (of its body alone when the
    entry names no other). `body` finds a body of the file's organization by id,
    refusing an unknown one with the field that names it."""
    joint: list[tuple[Body, int | None]] = []
    for i, ref in enumerate(d.get("joint_bodies", [])):
        if isinstance(ref, str):
            joint.append((body(ref, f"joint_bodies[{i}]"), None))
        else:
            joint.append((body(ref["body"], f"joint_bodies[{i}].body"), ref.get("number")))
    if joint or meeting.joint_rows.exists():
        set_joint_bodies(meeting, joint, tally)
