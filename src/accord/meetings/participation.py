"""Why a party cannot take part in a meeting in the role recorded: a member delegation
that is no member on the meeting date, an observer delegation that is a member, holds no
status, or comes to a meeting restricted to members. The reasons are in the active
language and name the party as refusals do (`core.wording`)."""

from __future__ import annotations

from collections.abc import Collection

from django.utils.translation import gettext

from accord.core.errors import Problem
from accord.core.wording import day, named
from accord.meetings.models import Format, Meeting, Role
from accord.meetings.rules import members_only_admits
from accord.registry.models import Party
from accord.registry.selectors import standing_of


def standing_problems(
    meeting: Meeting, party: Party, role: str, members: Collection[str], where: str
) -> list[Problem]:
    """Why `party` cannot attend `meeting` with `role` (`members`: the codes of the
    members on its date); `where` is the participant's place (`[2]`)."""
    organization = meeting.body.organization
    code = party.code
    said: dict[str, object] = {
        "party": named(party, code),
        "date": day(meeting.start),
        "organization": named(organization, organization.slug).strip("'"),
    }
    if role == Role.DELEGATION and code not in members:
        # The advice names only the roles the meeting would then accept.
        status = standing_of(organization, code, meeting.start)
        if status is None:
            reason = gettext(
                "%(party)s is not a member on %(date)s and holds no status in"
                " %(organization)s; record it with role guest"
            )
        elif meeting.format == Format.RESTRICTED and not members_only_admits(Role.OBSERVER):
            reason = gettext(
                "%(party)s is not a member on %(date)s (%(status)s), and the meeting is"
                " restricted to members; record it with role guest"
            )
        else:
            reason = gettext(
                "%(party)s is not a member on %(date)s (%(status)s);"
                " record it with role observer or guest"
            )
        held = gettext(status) if status else ""
        return [Problem(f"{where}.party", reason % {**said, "status": held})]
    if role != Role.OBSERVER:
        return []
    if code in members:
        return [Problem(f"{where}.role", gettext("%(party)s is a member on %(date)s") % said)]
    if standing_of(organization, code, meeting.start) is None:
        reason = gettext(
            "%(party)s holds no status in %(organization)s on %(date)s; record it with role guest"
        )
        return [Problem(f"{where}.role", reason % said)]
    if meeting.format == Format.RESTRICTED and not members_only_admits(role):
        reason = gettext("the meeting is restricted to members; %(party)s cannot attend it")
        return [Problem(f"{where}.role", reason % said)]
    return []
