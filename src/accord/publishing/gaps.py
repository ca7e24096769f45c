"""What a release needs in its language and the record does not have.

Drafting asks for each name, title, post or text in the release's language; what the
record holds only in its own language is noted (`missing`) and the record's own words
stand in the draft, or the text is left out; a release with any gap is not published
as drafted (`rules.missing_problem`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from accord.meetings.models import Meeting, Participation


@dataclass
class Gaps:
    language: str
    own: bool  # the release's language is the record's own
    missing: list[str] = field(default_factory=list)

    def need(self, what: str, translations: dict | None, own: str) -> str:
        """`translations` in this language; else the record's own words in the record's
        language; else those words, noted as missing (`what`)."""
        found = (translations or {}).get(self.language)
        if found:
            return str(found)
        if own and not self.own:
            self.lack(what)
        return own

    def lack(self, what: str) -> None:
        if what not in self.missing:
            self.missing.append(what)


def label(thing: object) -> str:
    """What a record is, for a list of missing translations: 'party KG', 'body
    heads-of-state', 'meeting security-council-secretaries 14'."""
    # `thing` is any record (a model instance), typed `object` for the callers' sake.
    kind = type(thing)._meta.verbose_name  # type: ignore[attr-defined]
    if isinstance(thing, Meeting):
        return f"{kind} {thing.body.slug} {thing.number or thing.slug}"
    if isinstance(thing, Participation):
        if thing.person is not None:
            who = thing.person.slug
        elif thing.party is not None:
            who = thing.party.code
        else:  # the services refuse a participant naming neither
            raise ValueError("a participant is a person or a party")
        return f"participant {who} of {label(thing.meeting)}"
    # Its code, else its slug, else its key (every model instance has `pk`).
    key = getattr(thing, "code", None) or getattr(thing, "slug", None) or thing.pk  # type: ignore[attr-defined]
    return f"{kind} {key}"
