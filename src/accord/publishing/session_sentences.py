"""The sentences of a release about a meeting's sessions: for each, which session it was
(its kind, and its title where the record has it in the release's language), where and
when, and who of the meeting's participants attended it."""

from __future__ import annotations

from accord.core.dates import PartialDate, Precision
from accord.meetings.models import Mode, Participation, Session
from accord.publishing.gaps import label
from accord.publishing.naming import Names


class SessionSentences(Names):
    """One sentence per session of the meeting, in one language."""

    def session_name(self, s: Session) -> str:
        """'the retreat', or 'the plenary session “Title”' where the title is there in
        this language."""
        p = self.p
        kind = p["session_kinds"].get(s.kind) or p["session_kinds"]["other"]
        if not s.title:
            return kind
        title = self.need(f"session {s.slug} of {label(self.m)}: title", s.titles, s.title)
        if not title or not (self.own or self.lang.code in s.titles):
            return kind
        return p["session_titled"].format(kind=kind, title=self.lang.quote(title))

    def session_attendee(self, x: Participation) -> str:
        """A delegation by its party; a person without a party by name and post."""
        if x.party_id:
            return self.party(x.party)
        return self.person(x)

    def session_sentences(self) -> list[str]:
        p = self.p
        lines = []
        for s in self.m.sessions.all():
            day = self.lang.date(PartialDate(s.date, Precision.DAY))
            city = self.need(f"session {s.slug} of {label(self.m)}: city", s.city_names, s.city)
            parts = [city if city and (self.own or self.lang.code in s.city_names) else "", day]
            if s.mode == Mode.VIDEO:
                parts.insert(0, p["by_video"])
            details = p["comma"].join(x for x in parts if x)
            names: list[str] = []
            for x in s.attendees.all():
                who = self.session_attendee(x)
                if who and who not in names:
                    names.append(who)
            name = self.session_name(s)
            if names:
                lines.append(
                    p["session_attended"].format(
                        session=name, details=details, list=self.lang.join(names)
                    )
                )
            else:
                lines.append(p["session_held"].format(session=name, details=details))
        return lines
