"""Press releases and information reports written from a meeting's record.

`write` gathers the facts of one meeting as one audience may read them
(`accord.publishing.facts`) and turns them into a headline, a dateline and a text, by
the template of the kind of release, the organization's style and the language. The
templates are generic: every name, date, place and number comes from the record and
its translations (`accord.publishing.naming`, `accord.publishing.sentences`).
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.core.errors import DomainError
from accord.core.models import Classification
from accord.meetings.models import Meeting, Mode
from accord.publishing import rules, style
from accord.publishing.audiences import audience_problem, audience_viewer, reads
from accord.publishing.facts import Facts, gather
from accord.publishing.models import LANGUAGES, ReleaseKind
from accord.publishing.selectors import profile_of
from accord.publishing.sentences import Sentences
from accord.publishing.session_sentences import SessionSentences
from accord.publishing.wording import capitalize


@dataclass(frozen=True)
class Written:
    headline: str
    dateline: str
    text: str
    # What the release needed in its language and the record did not have: each says
    # what ("party KG: name"); the text holds the record's own words there, or leaves
    # the text out. A release with any is not to be published as written.
    missing: tuple[str, ...] = ()


def write(
    meeting: Meeting,
    *,
    kind: str = ReleaseKind.PRESS_RELEASE,
    language: str = "en",
    classification: str = Classification.PUBLIC,
) -> Written:
    """The release of `meeting` for the audience `classification`, in `language`.

    Refused (field `language`) in a language the organization does not publish in,
    and (field `audience`) when that audience cannot read the meeting."""
    profile = profile_of(meeting.body.organization)
    reason = rules.language_problem(language, profile.languages or LANGUAGES)
    if reason:
        raise DomainError.at("language", reason)
    viewer = audience_viewer(meeting, classification)
    if not reads(meeting, viewer):
        raise DomainError.at("audience", audience_problem(meeting, classification))
    return written_from(gather(meeting, viewer), kind=kind, language=language)


def written_from(
    facts: Facts, *, kind: str = ReleaseKind.PRESS_RELEASE, language: str = "en"
) -> Written:
    """The release of `kind` in `language` that `facts` make: every fact is gathered
    beforehand, so writing reads nothing more."""
    writer = _Writer(facts, language)
    if kind == ReleaseKind.INFORMATION_REPORT:
        return writer.information_report()
    return writer.press_release()


class _Writer(Sentences, SessionSentences):
    """A release from facts, in one language."""

    def written(self, headline: str, dateline: str, text: str) -> Written:
        for d in self.f.decisions:
            self.need(f"decision {d.slug}: title", d.titles, d.title)
        return Written(headline, dateline, text, tuple(self.gaps.missing))

    # -- the two kinds -------------------------------------------------------------

    def press_release(self) -> Written:
        p, m = self.p, self.m
        profile = self.f.profile
        kind = style.headline_of(
            profile.house_style or {}, m.body.slug, profile.press_release_style
        )
        head = self.issuer_head() if kind == style.ATTENDS else None
        name = self.meeting_name(m)
        held = self.lang.held(name)
        if head is not None:
            headline = p["headline_attends"].format(person=self.titled(head), meeting=name)
        elif m.mode == Mode.VIDEO:
            headline = p["headline_video"].format(meeting=name)
        elif not self.city(m):
            headline = p["headline_unplaced"].format(meeting=name, Held=capitalize(held))
        else:
            headline = p["headline_held"].format(meeting=name, place=self.city(m), held=held)
        paragraphs = [
            [*self.opening(), self.chair_sentence()],
            [self.kind_sentence(), self.format_sentence(), *self.participants_sentences()],
            self.session_sentences(),
            self.discussion(),
            self.reports(),
            self.outcomes(),
            self.referrals(),
            self.events(),
            self.decisions(),
            self.statements(),
            self.outcome_text(),
            self.next_meetings(),
            self.background(),
        ]
        return self.written(capitalize(headline), self.dateline(), self._text(paragraphs))

    def information_report(self) -> Written:
        p, m = self.p, self.m
        sections: list[tuple[str, list[str]]] = [
            (
                p["h_date_place"],
                [
                    self.lang.sentence(
                        p["comma"].join([self.when(m), self.where(m) or p["by_video"]])
                    )
                ],
            ),
            (p["h_chair"], [self.chair_sentence()]),
            (
                p["h_participants"],
                [
                    self.kind_sentence(),
                    self.format_sentence(),
                    *self.participants_sentences(),
                    *self.session_sentences(),
                ],
            ),
            (
                p["h_agenda"],
                [f"{i}. {self.title(item)}" for i, item in enumerate(self.f.agenda, 1)],
            ),
            (p["h_reports"], self.reports()),
            (p["h_outcomes"], [*self.outcomes(), *self.decisions()]),
            (p["h_referrals"], self.referrals()),
            (p["h_events"], self.events()),
            (p["h_next"], self.next_meetings()),
            (p["h_background"], self.background()),
        ]
        blocks = []
        for heading, lines in sections:
            lines = [self.lang.sentence(capitalize(x.strip())) for x in lines if x and x.strip()]
            if lines:
                blocks.append(heading + "\n" + "\n".join(lines))
        headline = p["headline_report"].format(meeting=self.meeting_name(m))
        return self.written(capitalize(headline), self.dateline(), "\n\n".join(blocks) + "\n")

    def _text(self, paragraphs: list[list[str]]) -> str:
        space = "" if self.lang.code == "zh" else " "
        out = []
        for sentences in paragraphs:
            sentences = [self.lang.sentence(capitalize(s)) for s in sentences if s and s.strip()]
            if sentences:
                out.append(space.join(sentences))
        return "\n\n".join(out) + "\n"
