"""What was said at a meeting, as a release tells it.

A statement the record marks as the speaker's own words (`verbatim`) is quoted after
its speaker; one recorded as reported speech is never quoted: it is attributed by the
party's side and the speaker's post ("The Indian side (Deputy National Security
Adviser Pankaj Saran) stated that …", "Индийская сторона заявила, что …", "印方表示，…"),
the Russian verb agreeing with the side or the person (`accord.publishing.morphology`).
"""

from __future__ import annotations

from accord.meetings.models import Participation, Statement
from accord.publishing import morphology
from accord.publishing.gaps import label
from accord.publishing.naming import Names
from accord.registry.models import Party

# English words that start a reported text in lower case after "stated that" (a name
# keeps its capital).
_EN_COMMON_STARTS = frozenset(
    {
        "a", "all", "an", "both", "each", "it", "its", "no", "our", "some", "that", "the",
        "their", "these", "they", "this", "those", "we",
    }
)  # fmt: skip


class Speech(Names):
    """Statements, quoted or reported, in one language."""

    def side(self, party: Party) -> str:
        """The party as the side speaking: its recorded side name ('the Indian side'),
        else its name ('India'; Chinese '印度方面')."""
        recorded = (party.side_names or {}).get(self.lang.code)
        if recorded:
            return str(recorded)
        return self.p["side_default"].format(party=self.party(party))

    def reported(self, text: str) -> str:
        """A reported text after 'stated that': its first word in lower case unless it
        is a name, its final full stop left to the sentence."""
        text = text.strip().rstrip(".。")
        first, _, rest = text.partition(" ")
        if self.lang.code == "en" and first.lower() in _EN_COMMON_STARTS:
            return first.lower() + (" " + rest if rest else "")
        if self.lang.code == "ru" and morphology.is_common_word(first):
            return first[:1].lower() + first[1:] + (" " + rest if rest else "")
        return text

    def statements(self) -> list[str]:
        """Each statement with its speaker (a person, with the post held; a party; or a
        person for a party), its kind where it is not a plain statement, and its words:
        quoted when verbatim, as reported speech attributed to the side otherwise."""
        p = self.p
        speakers: dict[int | None, Participation] = {
            x.person_id: x for x in self.f.participants if x.person_id
        }
        lines = []
        for s in self.f.statements:
            text = s.texts.get(self.lang.code) or (s.text if self.own else "")
            if not text:
                self.lack(f"statement {s.position} of {label(self.m)}: text")
                continue
            kind = p["statement_kinds"].get(s.kind, "")
            if s.verbatim:
                lines.append(self._quoted(s, speakers, kind, text))
            else:
                lines.append(self._reported(s, speakers, kind, text))
        return lines

    def _person(self, s: Statement, speakers: dict[int | None, Participation]) -> str:
        if s.person_id in speakers:
            return self.titled(speakers[s.person_id])
        return self.name(s.person) if s.person_id else ""

    def _quoted(
        self, s: Statement, speakers: dict[int | None, Participation], kind: str, text: str
    ) -> str:
        p = self.p
        who = self._person(s, speakers)
        if (
            s.party_id
            and who
            and (s.person_id not in speakers or not speakers[s.person_id].party_id)
        ):
            who = p["speaker_for"].format(person=who, party=self.party(s.party))
        elif s.party_id and not who:
            who = self.party(s.party)
        key = ("said_after" if s.after_meeting else "said") + ("_kind" if kind else "")
        return p[key].format(person=who, kind=kind, text=self.lang.said(text.strip()))

    def _reported(
        self, s: Statement, speakers: dict[int | None, Participation], kind: str, text: str
    ) -> str:
        """'The Indian side (explanation of vote) stated that …': the side, with the
        person and post who spoke for it, else the person with the post."""
        p = self.p
        person = self._person(s, speakers)
        if s.party is not None:
            subject = self.side(s.party)
            details = [x for x in (person, kind) if x]
        else:
            subject = person
            details = [kind] if kind else []
        who = subject + (self.lang.paren(p["comma"].join(details)) if details else "")
        stated = p["stated"]
        if self.lang.code == "ru":
            stated = (
                morphology.agree(stated, subject)
                if s.party is not None
                else morphology.agree_with_person(stated, person)
            )
        key = "reported_after" if s.after_meeting else "reported"
        return p[key].format(who=who, stated=stated, text=self.reported(text))
