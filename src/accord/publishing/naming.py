"""How a release names what the record holds, in one language.

Every name, title, place and date comes from the record and its translations; what
the language needs and the record lacks is noted in the gaps (`accord.publishing.gaps`).
"""

from __future__ import annotations

from accord.bodies.models import Body
from accord.documents.models import Document
from accord.meetings.joint import bodies_of
from accord.meetings.models import AgendaItem, Event, Meeting, Mode, Participation
from accord.publishing import phrases
from accord.publishing import terms as own_words
from accord.publishing.facts import Facts
from accord.publishing.gaps import Gaps, label
from accord.publishing.joint import is_joint, joint_meeting_name
from accord.publishing.wording import Language
from accord.registry.models import Party, PostHolding


class Names:
    """The names, titles, places and dates of a release, in one language: the
    record's translations where it has them, each lack noted (`gaps`)."""

    def __init__(self, facts: Facts, language: str) -> None:
        self.f = facts
        self.lang = Language(language)
        said = own_words.words(facts.profile.terms or {}, language)
        self.p = own_words.fill(phrases.PHRASES[language], said)
        self.own = language == facts.profile.record_language
        self.m = facts.meeting
        self.gaps = Gaps(language, own=self.own)

    # -- translations ------------------------------------------------------------

    def need(self, what: str, translations: dict | None, own: str) -> str:
        return self.gaps.need(what, translations, own)

    def lack(self, what: str) -> None:
        self.gaps.lack(what)

    # -- names -----------------------------------------------------------------

    def name(self, thing: object) -> str:
        if thing is None:
            return ""
        # Any named record (party, body, person, post, topic ...): each model has `names`
        # and `name`, which `object` does not show.
        return self.need(f"{label(thing)}: name", thing.names, thing.name)  # type: ignore[attr-defined]

    def party(self, party: Party | None) -> str:
        """A party's name as it stands in a sentence ('the Russian Federation'); an
        organization's code after it in the record's language ('United Nations (UN)')."""
        if party is None:
            return ""
        name = (party.text_names or {}).get(self.lang.code)
        if not name:
            name = self.name(party)
            name = self.lang.state_in_text(name) if party.kind == "state" else name
        if self.own and party.kind != "state" and party.code.isalpha() and party.code not in name:
            return name + self.lang.paren(party.code)
        return name

    def parties(self, parties: list[Party]) -> str:
        """A list of states in the organization's listing order."""
        profile = self.f.profile
        ordered = own_words.listed(
            parties,
            code=lambda x: x.code,
            name_in=lambda x, language: x.name_in(language),
            language=self.lang.code,
            order=profile.listing_order or own_words.BY_NAME,
            order_language=profile.listing_language,
            protocol=profile.protocol_order or (),
        )
        return self.lang.join([self.party(x) for x in ordered])

    def body(self, body: Body) -> str:
        name = self.name(body)
        short = body.short_name
        if self.own and short and short not in name:
            return name + self.lang.paren(short)
        return name

    def org_short(self) -> str:
        """The organization's short name as it stands in a sentence ('the SCO')."""
        org = self.f.organization
        code = self.lang.code
        if (org.text_names or {}).get(code):
            return str(org.text_names[code])
        short = org.short_names.get(code) or org.names.get(code)
        if not short:
            short = self.need(f"organization {org.slug}: short name", {}, org.short_name)
            short = short or self.name(org)
        return self.lang.org_in_text(short)

    def title(self, obj: Document | AgendaItem) -> str:
        return self.need(f"{label(obj)}: title", obj.titles, obj.title)

    def doc(self, d: Document) -> str:
        return self.p["document"].format(
            type=self.name(d.type), title=self.lang.quote(self.title(d))
        )

    def city(self, obj: Meeting | Event) -> str:
        return self.need(f"{label(obj)}: city", obj.city_names, obj.city)

    def meeting_name(self, m: Meeting) -> str:
        if m is self.m and is_joint(m):  # the release's meeting, with its joint bodies read
            return joint_meeting_name([self.name(b) for b in bodies_of(m)], self.lang.code)
        return self.lang.meeting_name(self.name(m.body), m.number)

    def when(self, m: Meeting | Event) -> str:
        return self.lang.span(m.start, m.end, m.date_precision)

    def where(self, m: Meeting | Event) -> str:
        return self.lang.place(self.city(m), self.name(m.country) if m.country_id else "")

    def details(self, m: Meeting) -> str:
        """'Bishkek, 13–14 June 2019' (or by video)."""
        parts = [x for x in (self.city(m), self.when(m)) if x]
        if m.mode == Mode.VIDEO:
            parts.insert(0, self.p["by_video"])
        return self.p["comma"].join(parts)

    def meeting_at(self, m: Meeting) -> str:
        """'the 19th meeting of the X (Bishkek, 13–14 June 2019)'."""
        details = self.details(m)
        return self.meeting_name(m) + (self.lang.paren(details) if details else "")

    def post_of(self, participation: Participation) -> str:
        """The participant's post in this language: as recorded on the meeting in the
        record's language, else the post the person held on the meeting date (an acting
        holder's post says so in every language)."""
        recorded = (participation.post_names or {}).get(self.lang.code)
        if recorded:
            return str(recorded)
        if self.own and participation.post_title:
            return participation.post_title
        held = self.posts_of(participation.person_id)
        if not held:
            if participation.post_title:
                self.lack(f"{label(participation)}: post")
            return ""
        post = self.name(held[0].post)
        return self.p["acting_post"].format(post=post) if held[0].acting else post

    def posts_of(self, person_id: int | None) -> list[PostHolding]:
        """The posts a person held on the meeting date (none for no person)."""
        return self.f.posts.get(person_id, []) if person_id is not None else []

    def person(self, participation: Participation) -> str:
        """'Vladimir Norov, SCO Secretary-General' (the post in this language)."""
        person = self.name(participation.person) if participation.person_id else ""
        post = self.post_of(participation)
        if person and post:
            return self.p["person_post"].format(person=person, post=post)
        return person or post

    def titled(self, participation: Participation) -> str:
        """'SCO Secretary-General Vladimir Norov': the post before the name."""
        person = self.name(participation.person) if participation.person_id else ""
        post = self.post_of(participation)
        return self.p["post_person"].format(person=person, post=post) if post else person
