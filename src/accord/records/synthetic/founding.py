"""An organization's history apart from its meetings: founders, standing over time,
the rotating chair, heads of government, secretaries-general and events."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from accord.bodies.rules import propose_next, rotation_order
from accord.core.text import ordinal
from accord.records.synthetic.common import (
    CHG,
    CHS,
    DAY,
    DIALOGUE_PARTNER,
    MEMBER,
    NON_MEMBER,
    OBSERVER,
    PARTNER,
    VIDEO_YEARS,
    Options,
    Summary,
    _country_name,
    _day,
    _Item,
    _names,
    _Slot,
    _slug,
    _span,
    _Standing,
    _Year,
)
from accord.records.synthetic.words import (
    CITIES,
    FAMILY_NAMES,
    GIVEN_NAMES,
    NEW_YORK,
    PARTNER_ORGANIZATIONS,
    REGIONS,
    SECTORS,
    TOPICS,
    Sector,
)


def _propose(order: Sequence[str], current: str | None, members: Sequence[str]) -> str:
    """The next chair by rotation: the history always has members to choose from."""
    proposal = propose_next(order, current, members)
    if proposal is None:
        raise ValueError("no member to chair: a synthetic organization keeps members")
    return proposal


class _Founding:
    """An organization over its whole history: founders, standing, chairs, posts, events."""

    # Set for each year by the organization as it writes that year.
    _year_record: _Year
    paper_rng: random.Random

    def __init__(
        self,
        index: int,
        options: Options,
        out: Path,
        summary: Summary,
        progress: Callable[[str], None],
    ) -> None:
        self.index, self.options, self.summary, self.progress = index, options, summary, progress
        self.rng = random.Random(f"accord-synth/{options.seed}/{index}")
        region = REGIONS[index % len(REGIONS)]
        round_ = index // len(REGIONS)
        suffix = f"-{round_ + 1}" if round_ else ""
        self.slug = f"{region[0]}-cooperation{suffix}"
        self.name = (
            f"{region[1]} Cooperation Organization{f' {round_ + 1}' if round_ else ''}",
            f"{region[2]} организация сотрудничества{f' {round_ + 1}' if round_ else ''}",
            f"{region[3]}合作组织{f' {round_ + 1}' if round_ else ''}",
        )
        self.short = "".join(w[0] for w in region[1].replace("-", " ").split()) + "CO" + suffix
        self.dir = out / self.slug
        self.first_year = options.start_year
        self.last_year = options.start_year + options.years - 1
        self.document_count = 0
        self.person_count = 0
        self.roster: dict[tuple[str, str], tuple[str, dt.date]] = {}
        self.queue: dict[str, list[_Item]] = {}
        self.schedules: dict[int, list[_Slot]] = {}
        self.counters: dict[str, int] = {}
        self.exercised: set[str] = set()
        self._skeleton()

    # -- the organization over its whole history (small) -------------------------

    def _skeleton(self) -> None:
        rng = self.rng
        self.founded = dt.date(self.first_year, rng.randint(4, 6), rng.randint(1, 28))
        pool = sorted(CITIES)
        rng.shuffle(pool)
        founders = sorted(pool[: rng.randint(5, 8)])
        self.candidates = pool[len(founders) : len(founders) + rng.randint(6, 10)]
        chosen = sorted(rng.sample(range(len(SECTORS)), self.options.sectors))
        self.sectors = [SECTORS[i] for i in chosen]
        self.partners = sorted(rng.sample(PARTNER_ORGANIZATIONS, 4))
        # Summits: the founding one, then one a year.
        self.summits: list[_Slot] = []
        for year in range(self.first_year, self.last_year + 1):
            if year == self.first_year:
                start = end = self.founded
            else:
                start = dt.date(year, rng.randint(6, 9), rng.randint(1, 27))
                end = start + DAY * rng.choice([0, 1, 1])
            video = year in VIDEO_YEARS or rng.random() < 0.03
            self.summits.append(
                _Slot(
                    CHS,
                    start,
                    end,
                    number=len(self.summits) + 1,
                    mode="video" if video else "in-person",
                    format="restricted-then-extended",
                )
            )
        self.merged_on: dt.date | None = None
        if self.options.years >= 8 and rng.random() < 0.5:
            k = rng.randint(len(self.summits) // 2, len(self.summits) - 2)
            self.merged_on = self.summits[k].end + DAY
        self._standing(founders)
        self._presidency()
        self._heads_of_government()
        self._secretaries_general()
        self._events()

    def _standing(self, founders: list[str]) -> None:
        rng = self.rng
        self.standings: list[_Standing] = []
        current: dict[str, _Standing] = {}

        def change(party: str, status: str | None, day: dt.date) -> None:
            if party in current:
                current.pop(party).end = day - DAY
            if status is not None:
                current[party] = _Standing(party, status, day)
                self.standings.append(current[party])

        for code in founders:
            change(code, MEMBER, self.founded)
        merged = False
        withdrawn = False
        waiting = list(self.candidates)
        for summit in self.summits[1:]:
            day = summit.end
            if self.merged_on is not None and not merged and self.merged_on <= day:
                for party, standing in sorted(current.items()):
                    if standing.status in (OBSERVER, DIALOGUE_PARTNER):
                        change(party, PARTNER, self.merged_on)
                merged = True
            if waiting and rng.random() < 0.4:
                status = PARTNER if merged else rng.choice([OBSERVER, DIALOGUE_PARTNER])
                change(waiting.pop(0), status, day)
            ready = [
                p
                for p, s in sorted(current.items())
                if s.status in NON_MEMBER and (day - s.start).days > 3 * 365 and s.start < day
            ]
            if ready and rng.random() < 0.3:
                change(rng.choice(ready), MEMBER, day)
            members = [p for p, s in sorted(current.items()) if s.status == MEMBER]
            if not withdrawn and len(members) > 5 and rng.random() < 0.02:
                # A member leaves after the summit (chairs are chosen afterwards).
                current.pop(rng.choice(members)).end = day
                withdrawn = True

    def members_on(self, day: dt.date) -> list[str]:
        return sorted(s.party for s in self.standings if s.status == MEMBER and s.covers(day))

    def non_members_on(self, day: dt.date) -> list[str]:
        return sorted(s.party for s in self.standings if s.status != MEMBER and s.covers(day))

    def _order(self, members: list[str]) -> list[str]:
        return rotation_order(members, "english-alphabetical", _country_name, [])

    def _presidency(self) -> None:
        """Summit to summit: each term ends with the summit its chair hosts."""
        rng = self.rng
        first = self.summits[0]
        chair = rng.choice(self.members_on(first.start))
        self.terms = [
            {
                "party": chair,
                "from": _day(first.start),
                "to": _day(first.end),
                "basis": "record",
                "note": "host of the founding summit",
            }
        ]
        first.host = chair
        for k, summit in enumerate(self.summits):
            start = summit.end + DAY
            members = self.members_on(start)
            proposal = _propose(self._order([*members, chair]), chair, members)
            basis = "rotation"
            others = [m for m in members if m not in (chair, proposal)]
            if others and rng.random() < 0.1:
                proposal, basis = rng.choice(others), "decision"
            chair = proposal
            term: dict[str, Any] = {"party": chair, "from": _day(start)}
            if k + 1 < len(self.summits):
                term["to"] = _day(self.summits[k + 1].end)
                self.summits[k + 1].host = chair
            term["basis"] = basis
            term["decided_at"] = {"body": CHS, "meeting": summit.number}
            if basis == "decision":
                term["note"] = "decided by the summit, not as the rotation proposed"
            self.terms.append(term)
        for summit in self.summits:
            self._place(summit, summit.host)

    def _chair_on(self, day: dt.date) -> str:
        for term in self.terms:
            end = term.get("to")
            if term["from"] <= _day(day) and (end is None or _day(day) <= end):
                return term["party"]
        return self.terms[-1]["party"]

    def _heads_of_government(self) -> None:
        """Their own chair terms: each runs to the end of the meeting its holder hosts."""
        rng = self.rng
        self.chg_founded = self.founded + DAY * rng.randint(30, 90)
        self.chg_meetings: list[_Slot] = []
        self.chg_terms: list[dict] = []
        start, host = self.chg_founded, None
        for year in range(self.first_year + 1, self.last_year + 1):
            members = self.members_on(start)
            host = propose_next(self._order(members + ([host] if host else [])), host, members)
            day = dt.date(year, rng.randint(10, 11), rng.randint(1, 28))
            meeting = _Slot(
                CHG,
                day,
                day + DAY * rng.choice([0, 1]),
                number=len(self.chg_meetings) + 1,
                host=host,
                mode="video" if year in VIDEO_YEARS else "in-person",
                format="restricted-then-extended",
            )
            self._place(meeting, host)
            self.chg_meetings.append(meeting)
            self.chg_terms.append(
                {
                    "party": host,
                    "body": CHG,
                    "from": _day(start),
                    "to": _day(meeting.end),
                    "basis": "record",
                    "note": f"host of the {ordinal(meeting.numbered)} meeting",
                }
            )
            start = meeting.end + DAY

    def _secretaries_general(self) -> None:
        self.secretariat_founded = dt.date(self.first_year + 1, 1, 1)
        self.sg_people: list[dict] = []
        self.sg_holders: list[dict] = []
        self.sg_terms: list[tuple[str, dt.date, dt.date | None]] = []
        year, previous = self.first_year + 1, None
        while year <= self.last_year:
            start = dt.date(year, 1, 1)
            members = self.members_on(start)
            party = _propose(
                self._order(members + ([previous] if previous else [])), previous, members
            )
            person = self._new_person(party, self.sg_people)
            end = dt.date(year + 2, 12, 31) if year + 3 <= self.last_year else None
            holder: dict[str, Any] = {"person": person, "from": _day(start)}
            if end is not None:
                holder["to"] = _day(end)
            appointed = [s.end for s in self.summits if s.end < start]
            if appointed:
                holder["appointed"] = _day(appointed[-1])
            self.sg_holders.append(holder)
            self.sg_terms.append((person, start, end))
            previous, year = party, year + 3

    def secretary_general_on(self, day: dt.date) -> str | None:
        for person, start, end in self.sg_terms:
            if start <= day and (end is None or day <= end):
                return person
        return None

    def _events(self) -> None:
        rng = self.rng
        self.events: list[dict] = []
        self.exercises: list[tuple[dt.date, str]] = []
        self.joint_events: list[tuple[dt.date, str]] = []
        seen: set[str] = set()
        for year in range(self.first_year + 1, self.last_year + 1):
            if (year - self.first_year) % 2 == 1:
                start = dt.date(year, rng.randint(7, 9), rng.randint(1, 20))
                end = start + DAY * rng.randint(4, 7)
                members = self.members_on(start)
                host = rng.choice(members)
                city = CITIES[host][1]
                slug = f"peace-shield-{year}"
                self.events.append(
                    {
                        "id": slug,
                        "name": f"Peace Shield {year}",
                        "names": _names(f"Мирный щит – {year}", f"和平之盾-{year}"),
                        "kind": "exercise",
                        "date": _span(start, end),
                        "place": f"{city[0]} training ground",
                        "city": city[0],
                        "country": host,
                        "organiser": host,
                        "participants": [
                            {"party": m, "detail": "armed forces"}
                            | ({"first_participation": True} if m not in seen and seen else {})
                            for m in members
                        ],
                        "note": "joint counter-terrorism exercise of the members",
                    }
                )
                seen.update(members)
                self.exercises.append((end, slug))
            if rng.random() < 0.6:
                code, en, ru, zh = rng.choice(self.partners)
                topic = rng.choice(sorted(TOPICS))
                day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
                slug = f"{code.lower()}-joint-event-{year}"
                t_en, t_ru, t_zh = TOPICS[topic]
                self.events.append(
                    {
                        "id": slug,
                        "name": f"{en} and the {self.name[0]}: high-level event on {t_en}",
                        "names": _names(
                            f"{ru} и {self.name[1]}: мероприятие высокого уровня ({t_ru})",
                            f"{zh}与{self.name[2]}{t_zh}高级别活动",
                        ),
                        "kind": "joint-event",
                        "date": _day(day),
                        "city": NEW_YORK[0],
                        "country": "US",
                        "participants": [{"party": code, "role": "partner"}],
                    }
                )
                self.joint_events.append((day, slug))

    # -- people -----------------------------------------------------------------

    def _new_person(self, party: str, into: list[dict]) -> str:
        given = self.rng.choice(GIVEN_NAMES)
        family = self.rng.choice(FAMILY_NAMES)
        self.person_count += 1
        slug = f"{_slug(given[0])}-{_slug(family[0])}-{self.index + 1}-{self.person_count}"
        into.append(
            {
                "id": slug,
                "name": f"{given[0]} {family[0]}",
                "names": _names(f"{given[1]} {family[1]}", f"{given[2]}·{family[2]}"),
                "party": party,
            }
        )
        self.summary.people += 1
        return slug

    def holder(self, party: str, role: str, day: dt.date, year: _Year) -> str:
        """Who holds `role` for `party` on `day`; someone new after a few years."""
        held = self.roster.get((party, role))
        if held is None or day > held[1]:
            person = self._new_person(party, year.people)
            held = (person, day + DAY * self.rng.randint(3 * 365, 6 * 365))
            self.roster[(party, role)] = held
        return held[0]

    def sector_bodies(self, sector: Sector) -> tuple[str, str, str]:
        return f"{sector[0]}-ministers", f"{sector[0]}-senior-officials", f"{sector[0]}-experts"

    def sector_founded(self, sector: Sector) -> dt.date:
        rng = random.Random(f"accord-synth/{self.options.seed}/{self.index}/founded/{sector[0]}")
        year = self.first_year + rng.randint(0, max(0, min(self.options.years - 1, 5)))
        return max(dt.date(year, 1, 20), self.founded + DAY)

    def _place(self, slot: _Slot, host: str | None) -> None:
        slot.host = host
        if slot.mode == "video" or host is None:
            return
        slot.city = CITIES[host][0 if self.rng.random() < 0.7 else 1]
        slot.country = host

    def _number(self, body: str, gap: float = 0.0) -> int:
        """The next number in `body`'s series; now and then one is not recorded."""
        number = self.counters.get(body, 0) + 1
        if gap and self.rng.random() < gap:
            number += 1
        self.counters[body] = number
        return number
