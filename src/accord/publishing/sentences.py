"""The sentences of a release, piece by piece: the opening, the chair, who took part
and who did not, what was discussed, heard, adopted and referred, the events, the
decisions, the statements, what comes next and the body's background.
"""

from __future__ import annotations

import datetime as dt

from accord.core.dates import PartialDate, Precision
from accord.decisions import selectors as decisions
from accord.decisions.models import Action
from accord.meetings.models import (
    AgendaItem,
    Attendance,
    Event,
    EventParticipation,
    Format,
    Meeting,
    Mode,
    Participation,
    Role,
)
from accord.publishing import style
from accord.publishing.decides_sentences import effect_sentence
from accord.publishing.gaps import label
from accord.publishing.speech import Speech

# What a meeting does with a document that a release reports as an outcome: the verbs
# the organization's verbs mark `reported`. Where a document was adopted before:
ADOPTING_VERBS = ("adopted", "approved", "signed", "endorsed")


class Sentences(Speech):
    """Each piece of a release as sentences, from the facts, in one language."""

    # -- pieces ------------------------------------------------------------------

    def issuer_head(self) -> Participation | None:
        issuer = self.f.profile.issuer_id
        if issuer is None:
            return None
        for p in self.f.participants:
            if any(h.post.body_id == issuer for h in self.posts_of(p.person_id)):
                return p
        return None

    def opening(self) -> list[str]:
        p, m = self.p, self.m
        place = self.where(m)
        date = self.lang.date(m.partial_date) if m.start == m.end else self.when(m)
        name = self.meeting_name(m)
        held = self.lang.held(name)
        if m.mode == Mode.VIDEO:
            first = p["held_video"].format(date=date, meeting=name, held=held)
        elif place and self.city(m):
            first = p["held"].format(date=date, meeting=name, place=place, held=held)
        elif place:
            first = p["held_in_country"].format(date=date, meeting=name, place=place, held=held)
        else:
            first = p["held_unplaced"].format(date=date, meeting=name, held=held)
        lines = [first]
        head = self.issuer_head() if self.f.profile.press_release_style == "attendance" else None
        if head is not None:
            lines.append(p["took_part"].format(person=self.titled(head)))
        return lines

    def chair_sentence(self) -> str:
        """Who chaired: the party (and the presidency it holds), the person who chaired
        for it where recorded, and the co-chairs with their persons."""
        p = self.p
        chair, presidency = self.f.chair, self.f.presidency
        org = self.org_short()
        if chair is None:
            return ""
        person = self.name(self.m.chair_person) if self.m.chair_person_id else ""
        if presidency is not None and presidency.pk == chair.pk:
            key = "chair_person_presidency" if person else "chair_presidency"
            text = p[key].format(chair=self.party(chair), org=org, person=person)
        else:
            key = "chair_person" if person else "chair"
            text = p[key].format(chair=self.party(chair), person=person)
            if presidency is not None:
                text += " " + p["presidency"].format(party=self.party(presidency), org=org)
        # The co-chairs come with the record, each with its party and person.
        if not self.m.co_chair_rows.all():
            return text
        co_chairs = [
            p["co_chair_person"].format(person=self.name(c.person), party=self.party(c.party))
            if c.person_id
            else self.party(c.party)
            for c in self.m.co_chair_rows.all()
        ]
        space = "" if self.lang.code == "zh" else " "
        co_chaired = p["co_chaired"].format(list=self.lang.join(co_chairs))
        return self.lang.sentence(text) + space + co_chaired

    def absent_parties(self) -> set[int]:
        """The parties recorded as absent: every row of theirs says absent."""
        rows: dict[int, list[Participation]] = {}
        for x in self.f.participants:
            if x.party_id is not None:
                rows.setdefault(x.party_id, []).append(x)
        return {
            party
            for party, xs in rows.items()
            if all(x.attendance == Attendance.ABSENT for x in xs)
        }

    def kind_sentence(self) -> str:
        """'It was an informal meeting.' for a meeting not of the regular series ('' for
        a regular or ad hoc one, as releases read before kinds were kept)."""
        return self.p["meeting_kinds"].get(self.m.kind, "")

    def format_sentence(self) -> str:
        p, m = self.p, self.m
        absent = self.absent_parties()
        present = [x for x in self.f.members if x.pk not in absent]
        members = self.parties(present)
        if m.format == Format.RESTRICTED and present:
            return p["restricted"].format(
                sided=self.lang.sided(len(present)), org=self.org_short(), members=members
            )
        if m.format == Format.RESTRICTED_THEN_EXTENDED:
            return p["restricted_then_extended"]
        if m.format == Format.EXTENDED:
            return p["extended"]
        return ""

    def participants_sentences(self) -> list[str]:
        p = self.p
        heads: list[str] = []
        others: list[str] = []
        hosts: list[str] = []
        parties: dict[str, list[str]] = {}
        absent = self.absent_parties()
        for x in self.f.participants:
            if x.attendance == Attendance.ABSENT or x.party_id in absent:
                continue
            if (
                x.role == Role.DELEGATION
                and x.head_of_delegation
                and (x.person_id or self.post_of(x))
            ):
                heads.append(p["head_of"].format(person=self.person(x), party=self.party(x.party)))
            elif x.role in (Role.SECRETARIAT, Role.BODY_OFFICIAL) and x.person_id:
                others.append(self.person(x))
            elif x.role == Role.HOST and x.person_id:
                hosts.append(self.person(x))
            elif x.role in (Role.OBSERVER, Role.GUEST) and x.party_id:
                # The head of an observer or guest delegation is named with the party.
                named = x.head_of_delegation and (x.person_id or self.post_of(x))
                party = self.party(x.party)
                listed = parties.setdefault(x.role, [])
                if named:
                    head = p["head_of"].format(person=self.person(x), party=party)
                    listed[:] = [n for n in listed if n != party]
                    listed.append(head)
                elif not any(n == party or n.endswith(self.lang.paren(party)) for n in listed):
                    listed.append(party)
        lines = []
        if len(heads) == 1:
            lines.append(p["head_one"].format(head=heads[0]))
        elif heads:
            lines.append(
                p["heads"].format(
                    list=self.lang.sep.join(heads) if len(heads) > 2 else self.lang.join(heads)
                )
            )
        if others:
            lines.append(p["also"].format(list=self.lang.sep.join(others)))
        for role, key in ((Role.OBSERVER, "observers"), (Role.GUEST, "guests")):
            names = parties.get(role, [])
            if names:
                joined = self.lang.sep.join(names) if self._with_heads(names) else None
                lines.append(p[key].format(list=joined or self.lang.join(names)))
        for host in hosts:
            lines.append(p["received"].format(person=host))
        return lines + self.attendance_sentences()

    def _with_heads(self, names: list[str]) -> bool:
        """Whether a list names heads with their posts (then ';' separates them)."""
        return any(self.p["comma"].strip() in n for n in names) and len(names) > 1

    def participant(self, x: Participation) -> str:
        """A participant as an attendance sentence names it: its person (with the post)
        and party where the row names a person, else its party."""
        if not x.person_id:
            return self.party(x.party)
        if not x.party_id:
            return self.person(x)
        return self.p["speaker_for"].format(person=self.person(x), party=self.party(x.party))

    def _lines(self, groups: dict[str, list[str]], phrases: dict[str, str]) -> list[str]:
        return [phrases[key].format(list=self.lang.join(names)) for key, names in groups.items()]

    def attendance_sentences(self) -> list[str]:
        """Who was absent and why, who attended by video or by message, who was
        represented at another level, who joined late or left early (at an item the
        audience may read, at a time) and why."""
        p = self.p
        visible = {i.pk for i in self.f.agenda}
        absent: dict[str, list[str]] = {}
        by: dict[str, list[str]] = {}
        levels: dict[str, list[str]] = {}
        joined: list[str] = []
        left: list[str] = []
        seen: set[tuple[str, str]] = set()
        for x in self.f.participants:
            who = self.participant(x)
            if not who:
                continue
            if x.attendance == Attendance.ABSENT:
                if ("absent", who) not in seen:
                    absent.setdefault(x.absence_reason, []).append(who)
                    seen.add(("absent", who))
                continue
            if x.attendance in (Attendance.VIDEO, Attendance.MESSAGE):
                by.setdefault(x.attendance, []).append(who)
            if x.attendance == Attendance.REPRESENTED:
                level = (
                    self.need(f"{label(x)}: level", x.level_names, x.level_text)
                    if x.level_text
                    else ""
                )
                shown = level if level and (self.own or self.lang.code in x.level_names) else ""
                levels.setdefault(x.level, []).append(
                    p["who_detail"].format(who=who, detail=shown) if shown else who
                )
            reason = p["timing_reasons"].get(x.timing_reason, "")
            if x.joined_at_item_id or x.joined_at_time:
                detail = self.moment(x.joined_at_item, x.joined_at_time, visible)
                detail = (
                    detail if x.left_at_item_id or x.left_at_time else self._and(detail, reason)
                )
                joined.append(p["who_detail"].format(who=who, detail=detail) if detail else who)
            if x.left_at_item_id or x.left_at_time:
                detail = self._and(self.moment(x.left_at_item, x.left_at_time, visible), reason)
                left.append(p["who_detail"].format(who=who, detail=detail) if detail else who)
        lines = [
            (p["absent_because"].get(reason) or p["absent"]).format(list=self.lang.join(names))
            for reason, names in absent.items()
        ]
        lines += self._lines(
            by,
            {
                Attendance.VIDEO: p["attended_by_video"],
                Attendance.MESSAGE: p["attended_by_message"],
            },
        )
        lines += self._lines(levels, p["represented_at"])
        if joined:
            lines.append(p["joined_late"].format(list=self.lang.join(joined)))
        if left:
            lines.append(p["left_early"].format(list=self.lang.join(left)))
        return lines

    def _and(self, *parts: str) -> str:
        return self.p["comma"].join(x for x in parts if x)

    def moment(self, item: AgendaItem | None, time: dt.time | None, visible: set[int]) -> str:
        """'during “Item”, 15:30' (an item the audience may not read is left unsaid)."""
        parts = []
        if item is not None and item.pk in visible:
            parts.append(self.p["during_item"].format(item=self.lang.quote(self.title(item))))
        if time is not None:
            parts.append(time.strftime("%H:%M"))
        return self._and(*parts)

    def discussion(self) -> list[str]:
        p = self.p
        discussed = [i for i in self.f.agenda if i.kind in ("discussion", "briefing", "decision")]
        lines = []
        if discussed:
            lines.append(
                p["discussed"].format(list=self.lang.sep.join(self.title(i) for i in discussed))
            )
        topics: list[str] = []
        for item in self.f.agenda:
            for t in item.topics.all():
                if self.name(t) not in topics:
                    topics.append(self.name(t))
        if topics:
            lines.append(p["topics"].format(list=self.lang.sep.join(topics)))
        stressed = [self.title(i) for i in self.f.agenda if i.emphasis]
        if stressed:
            lines.append(p["emphasis"].format(list=self.lang.sep.join(stressed)))
        return lines

    def adoption(self, document_id: int) -> str:
        """Where and when a document was adopted, from the history the audience sees."""
        for a in self.f.history:
            if (
                a.document_id == document_id
                and a.verb in ADOPTING_VERBS
                and a.date <= self.m.start
                and a.meeting is not None
            ):
                return self.p["adopted_at"].format(
                    verb=self.p["verbs_passive"].get(a.verb, a.verb),
                    meeting=self.meeting_at(a.meeting),
                )
        return ""

    def reports(self) -> list[str]:
        p = self.p
        lines = []
        for a in self.f.actions:
            d = a.document
            if a.verb != "heard" or d is None:
                continue
            author = self.body(d.author_body) if d.author_body is not None else ""
            text = (
                p["heard"].format(document=self.doc(d), author=author)
                if author
                else (p["heard_plain"].format(document=self.doc(d)))
            )
            lines.append(text)
            for r in self.f.relations.get(d.pk, []):
                if r.kind == "reports-on":
                    lines.append(
                        p["reports_on"].format(document=self.doc(r.target))
                        + self.adoption(r.target_id)
                        + self.lang.sentence("")
                    )
        return [self.lang.sentence(x) for x in lines]

    def outcomes(self) -> list[str]:
        p = self.p
        lines = []
        for a in self.f.actions:
            if a.verb not in self.f.verbs.reported or a.document is None:
                continue
            lines.append(
                p["outcome"].format(verb=self.verb(a.verb), document=self.doc(a.document))
                + self.outside(a)
            )
            for r in self.f.relations.get(a.document.pk, []):
                if r.kind == "implements":
                    lines.append(p["implements"].format(document=self.doc(r.target)))
                    break
        return [self.lang.sentence(x) for x in lines]

    def verb(self, key: str, table: str = "verbs") -> str:
        """A verb as the release says it: the organization's name for it in the release's
        language where the organization declares its own verbs (a name missing there is
        noted, like any missing translation), else Accord's words for the default set."""
        verbs = self.f.verbs
        spec = verbs.get(key)
        if verbs.default or spec is None:
            return self.p[table].get(key, key)
        name = spec.name_in(self.lang.code)
        if name:
            return name
        self.lack(f"verb {key}: name")
        return spec.name_in("en") or key

    def outside(self, a: Action) -> str:
        """' to the United Nations as document A/73/833': the outside organization an
        action names and its reference number, as the release's language says them."""
        text = ""
        if a.target_organization:
            name = self.need(
                f"{label(a)}: outside organization",
                a.target_organization_names,
                a.target_organization,
            )
            text += self.p["to_outside"].format(organization=name)
        if a.reference:
            text += self.p["as_document"].format(reference=a.reference)
        return text

    def referrals(self) -> list[str]:
        p = self.p
        by_subject: dict[str, list[Action]] = {}
        subjects: dict[str, Action] = {}
        for a in self.f.actions:
            # A referral to a body (one the release does not report as an outcome).
            verbs = self.f.verbs
            if a.verb not in verbs.referring or a.verb in verbs.reported or not a.target_body_id:
                continue
            key = f"d{a.document_id}" if a.document_id else f"i{a.agenda_item_id}"
            by_subject.setdefault(key, []).append(a)
            subjects.setdefault(key, a)
        lines = []
        for key, referrals in by_subject.items():
            first = subjects[key]
            targets = []
            ordered = sorted(referrals, key=self._target_start)
            for a in ordered:
                purpose = p["purposes"].get(a.purpose, a.purpose if self.own else "")
                if a.purpose and not purpose:
                    self.lack(f"purpose {a.purpose!r} of a referral")
                number, details = None, ""
                target = self.visible_target(a)
                if target is not None:
                    number = target.number
                    details = self.details(target)
                if a.target_body is None:
                    raise ValueError("a referral names the body it is referred to")
                targets.append(
                    p["referral_target"](self.body(a.target_body), purpose, number, details)
                )
            if first.document is not None:
                subject = p["subject_document"].format(document=self.doc(first.document))
            elif first.agenda_item is not None:
                subject = p["subject_item"].format(
                    item=self.lang.quote(self.title(first.agenda_item))
                )
            else:
                raise ValueError("a referral is of a document or of an agenda item")
            lines.append(
                p["submitted"].format(subject=subject, targets=p["and_then"].join(targets))
            )
            d = first.document
            if d is not None:
                purpose = self.need(f"{label(d)}: purpose", d.purposes, d.purpose)
                if purpose and (self.own or self.lang.code in d.purposes):
                    lines.append(p["purpose"].format(purpose=purpose))
                for earlier in self.earlier(d.pk):
                    lines.append(earlier)
        return [self.lang.sentence(x) for x in lines]

    def visible_target(self, a: Action) -> Meeting | None:
        """The meeting `a` refers to, where the audience may read it."""
        return a.target_meeting if a.target_meeting_id in self.f.visible_meetings else None

    def _target_start(self, a: Action) -> dt.date:
        target = self.visible_target(a)
        return target.start if target is not None else dt.date.max

    def earlier(self, document_id: int) -> list[str]:
        lines = []
        for a in self.f.history:
            if a.document_id != document_id or a.date >= self.m.start or a.meeting is None:
                continue
            place = self.city(a.meeting)
            lines.append(
                self.p["earlier" if place else "earlier_unplaced"].format(
                    body=self.body(a.body),
                    verb=self.verb(a.verb, "verbs_past"),
                    place=place,
                    date=self.lang.date(a.partial_date),
                )
            )
        return lines

    def event_details(self, e: Event) -> str:
        parts = [self.p["event_kinds"].get(e.kind, "")]
        parts.append(self.lang.span(e.start, e.end, e.date_precision))
        place = e.place_names.get(self.lang.code) or (e.place if self.own else "")
        if e.place and not place:
            self.lack(f"{label(e)}: place")
        named = self.city(e)
        if named and named in place:  # 'Chebarkul training ground': the city is said
            named = ""
        city = self.lang.place(named, self.name(e.country) if e.country_id else "")
        if place and city and self.lang.code == "zh":
            parts.append(f"{city}{place}")
        else:
            parts += [place, city]
        return self.p["comma"].join(x for x in parts if x)

    def events(self) -> list[str]:
        p = self.p
        lines = []
        praised = set()
        for a in self.f.actions:
            if not a.event_id or a.event_id not in self.f.events:
                continue
            e = self.f.events[a.event_id]
            praised.add(e.pk)
            text = p["event_action"].format(
                verb=self.verb(a.verb),
                event=self.lang.said(self.name(e)),
                details=self.event_details(e),
            )
            if e.organiser_id:
                text += p["organised_by"].format(organiser=self.party(e.organiser))
            lines.append(self.lang.sentence(text))
            firsts = [x for x in e.participants.all() if x.first_participation]
            if firsts:
                names = self.lang.join([self.party(x.party) for x in firsts])
                detail = self.first_time_detail(e, firsts)
                if detail:
                    lines.append(
                        self.lang.sentence(
                            p["first_time_detail"].format(detail=detail, parties=names)
                        )
                    )
                else:
                    lines.append(self.lang.sentence(p["first_time"].format(parties=names)))
        joint = []
        for item in self.f.agenda:
            for e in item.events.all():
                if e.pk in praised or e.pk not in self.f.events:
                    continue
                e = self.f.events[e.pk]
                partners = [
                    self.party(x.party) for x in e.participants.all() if x.role == "partner"
                ]
                text = self.lang.said(self.name(e)) + self.lang.paren(self.event_details(e))
                if partners:
                    text += p["with_partners"].format(partners=self.lang.join(partners))
                joint.append(text)
        if joint:
            lines.append(
                self.lang.sentence(p["joint_events"].format(list=self.lang.sep.join(joint)))
            )
        return lines

    def decisions(self) -> list[str]:
        """'Decision «...»: adopted (14 in favour, 0 against, 1 abstaining).', in order,
        each with its outcome as recorded (and the counts of a vote where recorded)."""
        p = self.p
        lines = []
        for d in self.f.decisions:
            taken = decisions.outcome_of(d, self.m.body)
            outcome = p["decision_outcomes"][taken.outcome]
            votes = taken.votes
            if votes.given:
                counts = (votes.in_favour, votes.against, votes.abstaining)
                shown = ["—" if n is None else str(n) for n in counts]
                outcome = p["votes"].format(
                    outcome=outcome, in_favour=shown[0], against=shown[1], abstaining=shown[2]
                )
            title = d.titles.get(self.lang.code) or d.title
            lines.append(
                self.lang.sentence(
                    p["decision"].format(title=self.lang.said(title), outcome=outcome)
                )
            )
            lines += [self.lang.sentence(effect_sentence(self, d, e)) for e in d.effects.all()]
        return lines

    def outcome_text(self) -> list[str]:
        """The meeting's outcome as the record words it, in this language."""
        m = self.m
        text = self.need(f"{label(m)}: outcome", m.outcomes, m.outcome)
        return [text] if text and (self.own or self.lang.code in m.outcomes) else []

    def first_time_detail(self, e: Event, firsts: list[EventParticipation]) -> str:
        """Who of the parties took part for the first time ('armed forces'), in this
        language, when they all took part as the same ('' else)."""
        details = {(x.detail, tuple(sorted(x.detail_names.items()))) for x in firsts}
        if len(details) != 1:
            return ""
        x = firsts[0]
        if not x.detail:
            return ""
        text = self.need(f"{label(e)}: who took part for the first time", x.detail_names, x.detail)
        return text if self.own or self.lang.code in x.detail_names else ""

    def next_meetings(self) -> list[str]:
        p, m = self.p, self.m
        lines = []
        if m.prepares_id in self.f.visible_meetings and m.prepares is not None:
            lines.append(p["prepares"].format(meeting=self.meeting_at(m.prepares)))
        if self.f.upcoming:
            lines.append(
                p["upcoming"].format(
                    list=self.lang.sep.join(self.meeting_at(u) for u in self.f.upcoming)
                )
            )
        return [self.lang.sentence(x) for x in lines]

    def background(self) -> list[str]:
        p, body = self.p, self.m.body
        lines = []
        if body.meets_since:
            lines.append(
                p["since"].format(body=self.body(body), year=self.lang.year(body.meets_since))
            )
        if body.described_as:
            what = f"{label(body)}: what it is (described_as)"
            described = self.need(what, body.described_as, "")
            if described:
                lines.append(p["function"].format(function=described))
        if body.reports_to is not None:
            lines.append(p["reports_to"].format(parent=self.body(body.reports_to)))
        return [self.lang.sentence(x) for x in lines]

    def dateline(self) -> str:
        """'Bishkek, 15 May 2019': the meeting's first day, or its last where the house
        style says so (`accord.publishing.style`)."""
        m = self.m
        city = self.city(m)
        day = m.partial_date
        if (
            m.end
            and day.precision is Precision.DAY
            and style.dateline_on_last_day(self.f.profile.house_style or {})
        ):
            day = PartialDate(m.end, Precision.DAY)
        date = self.lang.date(day)
        return self.p["dateline"].format(place=city, date=date) if city else date
