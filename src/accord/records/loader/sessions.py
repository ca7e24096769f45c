"""A meeting's sessions as its record file gives them (`sessions`, and `session` on the
agenda items taken up in one), read into the plans the meeting services write."""

from __future__ import annotations

from accord.core.errors import DomainError, Problem
from accord.meetings import sessions as meeting_sessions
from accord.meetings.models import Meeting
from accord.records.loader.base import _LoaderBase
from accord.records.loader.values import _day


class _Sessions(_LoaderBase):
    """The sessions of a meeting's record."""

    def _meeting_sessions(self, meeting: Meeting, d: dict) -> None:
        """Written after the meeting's agenda and participants, which they name."""
        plans = []
        for i, s in enumerate(d.get("sessions", [])):
            where = f"sessions[{i}]"
            attendees = []
            for j, a in enumerate(s.get("participants", [])):
                at = f"{where}.participants[{j}]"
                named = {"party": a} if isinstance(a, str) else a
                attendees.append(
                    meeting_sessions.Attendee(
                        party=self.party(named.get("party"), f"{at}.party"),
                        person=self.person(named.get("person"), f"{at}.person"),
                    )
                )
            plans.append(
                meeting_sessions.SessionPlan(
                    slug=s["id"],
                    date=_day(s["date"], f"{where}.date"),
                    kind=s.get("kind", "other"),
                    title=s.get("title", ""),
                    titles=s.get("titles", {}),
                    venue=s.get("venue", ""),
                    city=s.get("city", ""),
                    city_names=s.get("city_names", {}),
                    mode=s.get("mode", ""),
                    attendees=attendees,
                    source=s.get("source", ""),
                    note=s.get("note", ""),
                )
            )
        by_slug = {plan.slug: plan for plan in plans}
        problems = []
        for i, a in enumerate(d.get("agenda", [])):
            if a.get("session") is None:
                continue
            plan = by_slug.get(a["session"])
            if plan is None:
                problems.append(
                    Problem(f"agenda[{i}].session", f"no session {a['session']!r} at this meeting")
                )
                continue
            item = self.item(meeting, a["id"], f"agenda[{i}].id")
            if item is not None:
                plan.items.append(item)
        if problems:
            raise DomainError(problems)
        try:
            meeting_sessions.set_sessions(meeting, plans, self.tally)
        except DomainError as exc:
            raise exc.under("sessions") from None
