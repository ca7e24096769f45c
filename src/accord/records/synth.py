"""`accord synth`: a synthetic history of organizations, written as record files.

The history is made up but keeps every rule Accord enforces, so that it loads with
`accord load` and can be used to measure Accord at scale:

- each organization has a founding summit, founders, and a standing that changes
  over time (observers and dialogue partners admitted, observers becoming members,
  now and then a member leaving; in some organizations the two non-member statuses
  are merged into "partner" on a date);
- bodies form a hierarchy (heads of state; heads of government; foreign ministers;
  national coordinators; security council secretaries; a secretariat; and for each
  sector a ministers' meeting, a meeting of senior officials and an expert group),
  each with powers over document types;
- the presidency rotates from summit to summit in English alphabetical order of the
  members (now and then another member, by decision); the heads of government have
  their own chair terms, held by each meeting's host;
- numbered meetings (with gaps where history is "not recorded") and ad hoc ones,
  with participants, agendas, actions and decisions with each member's position;
- documents move through several bodies: drafted by an expert group, considered
  and referred by the senior officials, approved by the ministers, referred on and
  adopted (or deferred, after an objection) at a summit; declarations drafted by
  the secretariat go through the national coordinators and the foreign ministers;
- joint exercises and events with partner organizations; names, titles and texts
  in English, Russian and Chinese.

The same options give the same files, byte for byte. Files are written one
organization-year at a time, so memory does not grow with the length of the history.
Layout: `DIR/<organization>/organization.json` (the organization, its standing,
bodies, chair terms, posts and events) and `DIR/<organization>/<year>.json` (that
year's people, documents, meetings and actions). The files of one organization are
one record: load them together (`accord load DIR/*/*.json`).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.bodies.rules import propose_next, rotation_order
from accord.core.text import ordinal
from accord.records.files import FORMAT
from accord.records.synth_words import (
    CITIES,
    DOCUMENT_TYPES,
    FAMILY_NAMES,
    GIVEN_NAMES,
    NEW_YORK,
    PAPER_SENTENCES,
    PAPER_TYPES,
    PARTNER_ORGANIZATIONS,
    PROCEDURAL_PAPERS,
    REGIONS,
    SECTORS,
    TOPICAL_PAPERS,
    TOPICS,
)
from accord.registry import countries

DAY = dt.timedelta(days=1)
MEMBER, OBSERVER, DIALOGUE_PARTNER, PARTNER = "member", "observer", "dialogue-partner", "partner"
NON_MEMBER = (OBSERVER, DIALOGUE_PARTNER, PARTNER)
# The core bodies: slug -> (English, Russian, Russian "of the ...", Chinese, short name).
CHS, CHG, CFM, CNC, SCSC, SECRETARIAT = (
    "heads-of-state",
    "heads-of-government",
    "foreign-ministers",
    "national-coordinators",
    "security-council-secretaries",
    "secretariat",
)
CORE = {
    CHS: (
        "Council of Heads of State",
        "Совет глав государств",
        "Совета глав государств",
        "元首理事会",
        "CHS",
    ),
    CHG: (
        "Council of Heads of Government",
        "Совет глав правительств",
        "Совета глав правительств",
        "政府首脑理事会",
        "CHG",
    ),
    CFM: (
        "Council of Ministers of Foreign Affairs",
        "Совет министров иностранных дел",
        "Совета министров иностранных дел",
        "外交部长理事会",
        "CFM",
    ),
    CNC: (
        "Council of National Coordinators",
        "Совет национальных координаторов",
        "Совета национальных координаторов",
        "国家协调员理事会",
        "CNC",
    ),
    SCSC: (
        "Meeting of Security Council Secretaries",
        "Совещание секретарей советов безопасности",
        "",
        "安全会议秘书会议",
        "SCSC",
    ),
    SECRETARIAT: ("Secretariat", "Секретариат", "Секретариата", "秘书处", ""),
}
# Who heads a delegation to each body's meetings, and the post they hold.
HEADS = {
    CHS: ("head-of-state", "Head of State"),
    CHG: ("head-of-government", "Head of Government"),
    CFM: ("foreign-minister", "Minister of Foreign Affairs"),
    CNC: ("national-coordinator", "National Coordinator"),
    SCSC: ("security-council-secretary", "Secretary of the Security Council"),
}
VIDEO_YEARS = (2020, 2021)


@dataclass(frozen=True)
class Options:
    orgs: int
    years: int
    seed: int
    start_year: int = 2000
    sectors: int = 12
    papers: int = 0

    def check(self) -> None:
        if not 1 <= self.orgs <= 1000:
            raise ValueError("--orgs: give 1 to 1000 organizations")
        if not 1 <= self.years <= 200:
            raise ValueError("--years: give 1 to 200 years")
        if not 0 <= self.sectors <= len(SECTORS):
            raise ValueError(f"--sectors: give 0 to {len(SECTORS)} sectors")
        if not 0 <= self.papers <= 100:
            raise ValueError("--papers: give 0 to 100 papers per meeting")
        if not 1900 <= self.start_year <= 2100:
            raise ValueError("--start-year: give a year between 1900 and 2100")


@dataclass
class Summary:
    files: list[Path] = field(default_factory=list)
    organizations: int = 0
    meetings: int = 0
    documents: int = 0
    actions: int = 0
    people: int = 0

    def text(self) -> str:
        return (
            f"{len(self.files)} file(s): {self.organizations} organization(s),"
            f" {self.meetings} meetings, {self.documents} documents,"
            f" {self.actions} actions, {self.people} people"
        )


def synthesize(
    out: Path, options: Options, *, progress: Callable[[str], None] | None = None
) -> Summary:
    """Write the history for `options` under `out` (replacing an earlier one there)."""
    options.check()
    out.mkdir(parents=True, exist_ok=True)
    for old in sorted(out.iterdir()):
        if old.is_dir() and (old / "organization.json").exists():
            shutil.rmtree(old)
    summary = Summary()
    for index in range(options.orgs):
        _Organization(index, options, out, summary, progress or (lambda _: None)).write()
        summary.organizations += 1
    return summary


# -- small helpers ------------------------------------------------------------------


def _slug(text: str) -> str:
    keep = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in keep.split("-") if part)


def _names(ru: str, zh: str) -> dict[str, str]:
    return {"ru": ru, "zh": zh}


def _day(value: dt.date) -> str:
    return value.isoformat()


def _span(start: dt.date, end: dt.date) -> str | dict[str, str]:
    return _day(start) if start == end else {"from": _day(start), "to": _day(end)}


def _country_name(code: str, language: str) -> str:
    return countries.names(code).get(language, code)


def write_record(
    path: Path, head: dict, sections: Iterable[tuple[str, dict | Iterable[dict]]]
) -> None:
    """A record file written section by section, one entry to a line."""
    with path.open("w", encoding="utf-8") as f:
        f.write('{"format": "' + FORMAT + '",\n"organization": ')
        f.write(json.dumps(head, ensure_ascii=False))
        for key, items in sections:
            if isinstance(items, dict):
                f.write(f',\n"{key}": {json.dumps(items, ensure_ascii=False)}')
                continue
            first = True
            for item in items:
                f.write(f',\n"{key}": [\n' if first else ",\n")
                f.write(json.dumps(item, ensure_ascii=False))
                first = False
            if not first:
                f.write("\n]")
        f.write("\n}\n")


@dataclass
class _Standing:
    party: str
    status: str
    start: dt.date
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass
class _Slot:
    """A meeting in the schedule: enough to refer to it before it is written."""

    body: str
    start: dt.date
    end: dt.date
    number: int | None = None
    slug: str = ""
    host: str | None = None
    city: tuple[str, str, str] | None = None
    country: str | None = None
    mode: str = "in-person"
    format: str = "restricted"

    @property
    def ref(self) -> int | str:
        return self.number if self.number is not None else self.slug


@dataclass
class _Item:
    """A document on its way through bodies: `route[0]` acts on it next."""

    document: str
    title: tuple[str, str, str]
    kind: str
    route: list[str]
    final: str
    purpose: str
    since: dt.date
    topics: list[str]
    attempts: int = 0


@dataclass
class _Year:
    """What one year's file holds, gathered before it is written."""

    people: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    meetings: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)


class _Organization:
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
        self.sectors = sorted(rng.sample(range(len(SECTORS)), self.options.sectors))
        self.sectors = [SECTORS[i] for i in self.sectors]
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
            proposal = propose_next(self._order([*members, chair]), chair, members)
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
                    "note": f"host of the {ordinal(meeting.number)} meeting",
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
            party = propose_next(
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

    # -- bodies -------------------------------------------------------------------

    def sector_bodies(self, sector: tuple) -> tuple[str, str, str]:
        return f"{sector[0]}-ministers", f"{sector[0]}-senior-officials", f"{sector[0]}-experts"

    def bodies(self) -> list[dict]:
        any_verbs = {"verbs": ["considered", "deferred", "rejected"]}
        result = [
            self._body(
                CHS,
                None,
                self.founded,
                "presidency",
                [
                    {
                        "verbs": ["adopted", "approved", "signed", "endorsed", "took-note"],
                        "document_types": [
                            "declaration",
                            "decision",
                            "programme",
                            "strategy",
                            "working-plan",
                            "roadmap",
                            "report",
                            "agreement",
                        ],
                    },
                    any_verbs,
                ],
                "Supreme body: meets once a year under the presiding state",
            ),
            self._body(
                CHG,
                CHS,
                self.chg_founded,
                "own-terms",
                [
                    {
                        "verbs": ["adopted", "approved", "took-note"],
                        "document_types": ["communique", "decision", "programme", "report"],
                    },
                    {"verbs": ["considered", "heard", "deferred", "rejected", "submitted"]},
                ],
                "Approves the budget and decides on economic cooperation; the host chairs",
            ),
            self._body(
                CFM,
                CHS,
                self.founded,
                "presidency",
                [{"verbs": ["examined", "considered", "submitted", "took-note", "heard"]}],
                "Prepares the summit and examines the drafts submitted to it",
            ),
            self._body(
                CNC,
                CFM,
                self.founded,
                "presidency",
                [{"verbs": ["drafted", "considered", "approved", "submitted"]}],
                "Coordinates day-to-day work and agrees drafts",
            ),
            self._body(
                SCSC,
                CHS,
                self.secretariat_founded,
                "presidency",
                [
                    {"verbs": ["heard", "took-note", "considered", "praised", "submitted"]},
                    {"verbs": ["approved"], "document_types": ["working-plan", "roadmap"]},
                ],
                "Coordinating-consultative mechanism for security cooperation",
            ),
            self._body(
                SECRETARIAT,
                CHS,
                self.secretariat_founded,
                None,
                [
                    {"verbs": ["drafted", "submitted"]},
                    {"verbs": ["signed"], "document_types": ["agreement"]},
                ],
                "Permanent body headed by the Secretary-General",
            ),
        ]
        for sector in self.sectors:
            _key, en, ru_min, ru_area, zh, _topics, security = sector
            ministers, senior, experts = self.sector_bodies(sector)
            founded = self.sector_founded(sector)
            result += [
                self._body(
                    ministers,
                    CHS if security else CHG,
                    founded,
                    "presidency",
                    [
                        {"verbs": ["approved"], "document_types": ["working-plan", "roadmap"]},
                        {"verbs": ["considered", "took-note", "heard", "submitted", "deferred"]},
                    ],
                    "",
                    (
                        f"Meeting of Ministers of {en}",
                        f"Совещание министров {ru_min}",
                        f"{zh}部长会议",
                    ),
                ),
                self._body(
                    senior,
                    ministers,
                    founded,
                    "presidency",
                    [{"verbs": ["drafted", "considered", "submitted", "took-note", "heard"]}],
                    "",
                    (
                        f"Meeting of Senior Officials on {en}",
                        f"Совещание старших должностных лиц в области {ru_area}",
                        f"{zh}高官会议",
                    ),
                ),
                self._body(
                    experts,
                    senior,
                    founded,
                    "host",
                    [{"verbs": ["drafted", "considered", "submitted"]}],
                    "",
                    (
                        f"Expert Working Group on {en}",
                        f"Экспертная рабочая группа в области {ru_area}",
                        f"{zh}专家工作组",
                    ),
                ),
            ]
        return result

    def _body(
        self,
        slug: str,
        reports_to: str | None,
        founded: dt.date,
        chair_rule: str | None,
        powers: list[dict],
        function: str,
        names: tuple[str, str, str] | None = None,
    ) -> dict:
        if names is None:
            en, ru, _ru_of, zh, short = CORE[slug]
        else:
            (en, ru, zh), short = names, ""
        body: dict[str, Any] = {"id": slug, "name": en, "names": _names(ru, zh)}
        if short:
            body["short_name"] = short
        if reports_to:
            body["reports_to"] = reports_to
        body["founded"] = _day(founded)
        if slug != SECRETARIAT:
            body["meets_since"] = founded.year
        if chair_rule:
            body["chair_rule"] = chair_rule
        if function:
            body["function"] = function
        body["powers"] = powers
        return body

    def sector_founded(self, sector: tuple) -> dt.date:
        rng = random.Random(f"accord-synth/{self.options.seed}/{self.index}/founded/{sector[0]}")
        year = self.first_year + rng.randint(0, max(0, min(self.options.years - 1, 5)))
        return max(dt.date(year, 1, 20), self.founded + DAY)

    def body_name(self, slug: str) -> tuple[str, str, str]:
        if slug in CORE:
            en, ru, _ru_of, zh, _short = CORE[slug]
            return en, ru, zh
        for sector in self.sectors:
            ministers, senior, experts = self.sector_bodies(sector)
            _s, en, ru_min, ru_area, zh, _t, _security = sector
            if slug == ministers:
                return (
                    f"Meeting of Ministers of {en}",
                    f"Совещание министров {ru_min}",
                    f"{zh}部长会议",
                )
            if slug == senior:
                return (
                    f"Meeting of Senior Officials on {en}",
                    f"Совещание старших должностных лиц в области {ru_area}",
                    f"{zh}高官会议",
                )
            if slug == experts:
                return (
                    f"Expert Working Group on {en}",
                    f"Экспертная рабочая группа в области {ru_area}",
                    f"{zh}专家工作组",
                )
        raise KeyError(slug)

    # -- the schedule -------------------------------------------------------------

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

    def schedule(self, year: int) -> list[_Slot]:
        """The meetings of `year`, in date order (computed once, years in order)."""
        if year > self.last_year:
            return []
        if year not in self.schedules:
            if year - 1 >= self.first_year and year - 1 not in self.schedules:
                self.schedule(year - 1)
            self.schedules[year] = self._schedule(year)
            self.schedules.pop(year - 2, None)
        return self.schedules[year]

    def _schedule(self, year: int) -> list[_Slot]:
        rng = random.Random(f"accord-synth/{self.options.seed}/{self.index}/schedule/{year}")
        self.rng, outer = rng, self.rng
        try:
            slots = self._schedule_with(rng, year)
        finally:
            self.rng = outer
        slots.sort(key=lambda s: (s.start, s.end, s.body, str(s.ref)))
        return slots

    def _schedule_with(self, rng: random.Random, year: int) -> list[_Slot]:
        summit = self.summits[year - self.first_year]
        slots = [summit]
        slots += [m for m in self.chg_meetings if m.start.year == year]
        presiding = self._chair_on
        coordinators = [dt.date(year, rng.randint(10, 12), rng.randint(1, 20))]
        if year > self.first_year:
            day = summit.start - DAY * rng.randint(20, 45)
            cfm = _Slot(CFM, day, day, number=self._number(CFM))
            self._place(cfm, presiding(day))
            slots.append(cfm)
            # The coordinators meet early in the year and shortly before the ministers.
            coordinators.append(dt.date(year, rng.randint(2, 3), rng.randint(1, 28)))
            coordinators.append(cfm.start - DAY * rng.randint(7, 15))
            if rng.random() < 0.3:
                day = dt.date(year, 9, rng.randint(20, 27))
                slots.append(
                    _Slot(
                        CFM,
                        day,
                        day,
                        slug=f"{year}-09-new-york",
                        city=NEW_YORK,
                        country="US",
                        format="restricted",
                    )
                )
            if summit.start - DAY * 25 > self.secretariat_founded:
                day = summit.start - DAY * rng.randint(25, 60)
                scsc = _Slot(
                    SCSC,
                    day,
                    day + DAY * rng.choice([0, 1]),
                    number=self._number(SCSC, gap=0.06),
                    format="extended" if rng.random() < 0.2 else "restricted",
                )
                self._place(scsc, presiding(day))
                slots.append(scsc)
        for day in sorted(d for d in coordinators if d > self.founded):
            cnc = _Slot(CNC, day, day + DAY * rng.choice([0, 1]), number=self._number(CNC))
            self._place(cnc, presiding(day))
            slots.append(cnc)
        for sector in self.sectors:
            slots += self._sector_schedule(rng, year, sector)
        return slots

    def _sector_schedule(self, rng: random.Random, year: int, sector: tuple) -> list[_Slot]:
        founded = self.sector_founded(sector)
        ministers, senior, experts = self.sector_bodies(sector)
        wanted: list[tuple[str, dt.date, str]] = []
        for months in ((1, 2), (4, 5), (6, 7), (9, 11)):
            wanted.append((experts, dt.date(year, rng.randint(*months), rng.randint(1, 25)), ""))
        wanted.append((senior, dt.date(year, rng.randint(2, 3), rng.randint(1, 28)), "gap"))
        wanted.append((senior, dt.date(year, rng.randint(8, 9), rng.randint(1, 28)), "gap"))
        wanted.append((ministers, dt.date(year, rng.randint(5, 11), rng.randint(1, 28)), ""))
        slots = []
        for body, day, gaps in sorted(wanted, key=lambda w: (w[1], w[0])):
            members = self.members_on(day)
            if day <= founded or not members:
                continue
            video = (year in VIDEO_YEARS and rng.random() < 0.7) or rng.random() < 0.04
            slot = _Slot(body, day, day + DAY * rng.choice([0, 0, 1]))
            slot.mode = "video" if video else "in-person"
            self._place(slot, rng.choice(members))
            if body == experts:
                place = _slug(slot.city[0]) if slot.city else "video"
                slot.slug = f"{day.year}-{day.month:02d}-{place}"
            else:
                slot.number = self._number(body, gap=0.05 if gaps else 0.0)
            slots.append(slot)
        return slots

    def next_meeting(self, body: str, after: dt.date) -> _Slot | None:
        for year in (after.year, after.year + 1):
            for slot in self.schedule(year):
                if slot.body == body and slot.start > after:
                    return slot
        return None

    # -- writing ------------------------------------------------------------------

    def write(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        path = self.dir / "organization.json"
        write_record(path, self._definition(), self._organization_sections())
        self.summary.files.append(path)
        for year in range(self.first_year, self.last_year + 1):
            record = self._year(year)
            path = self.dir / f"{year}.json"
            write_record(
                path,
                {"slug": self.slug},
                [
                    ("people", record.people),
                    ("documents", record.documents),
                    ("meetings", record.meetings),
                    ("actions", record.actions),
                ],
            )
            self.summary.files.append(path)
            self.summary.meetings += len(record.meetings)
            self.summary.documents += len(record.documents)
            self.progress(
                f"{self.slug} {year}: {len(record.meetings)} meetings,"
                f" {len(record.documents)} documents"
            )

    def _definition(self) -> dict:
        return {
            "slug": self.slug,
            "name": self.name[0],
            "names": {"en": self.name[0], "ru": self.name[1], "zh": self.name[2]},
            "short_name": self.short,
            "founded": _day(self.founded),
            "official_languages": ["en", "ru", "zh"],
            "working_languages": ["en", "ru", "zh"],
            "decision_rule": "consensus",
            "description": f"A synthetic organization (seed {self.options.seed}).",
            "source": "synthetic",
        }

    def _organization_sections(self) -> Iterator[tuple[str, dict | Iterable[dict]]]:
        yield (
            "parties",
            [
                {"code": code, "kind": "organization", "name": en, "names": _names(ru, zh)}
                for code, en, ru, zh in self.partners
            ],
        )
        statuses: list[dict] = [
            {
                "id": MEMBER,
                "name": "member state",
                "names": _names("государство-член", "成员国"),
                "takes_decisions": True,
            },
            {
                "id": OBSERVER,
                "name": "observer state",
                "names": _names("государство-наблюдатель", "观察员国"),
            },
            {
                "id": DIALOGUE_PARTNER,
                "name": "dialogue partner",
                "names": _names("партнёр по диалогу", "对话伙伴"),
            },
        ]
        if self.merged_on is not None:
            until = _day(self.merged_on - DAY)
            statuses[1]["until"] = statuses[2]["until"] = until
            statuses.append(
                {
                    "id": PARTNER,
                    "name": "partner",
                    "names": _names("партнёр", "伙伴"),
                    "from": _day(self.merged_on),
                }
            )
        yield "statuses", statuses
        yield (
            "memberships",
            [
                {"party": s.party, "status": s.status, "from": _day(s.start)}
                | ({"to": _day(s.end)} if s.end else {})
                for s in sorted(self.standings, key=lambda s: (s.party, s.start))
            ],
        )
        yield (
            "document_types",
            [
                {"id": slug, "name": en, "names": _names(ru, zh)}
                for slug, (en, ru, zh) in (
                    DOCUMENT_TYPES | PAPER_TYPES if self.options.papers else DOCUMENT_TYPES
                ).items()
            ],
        )
        yield (
            "topics",
            [
                {"id": slug, "name": en, "names": _names(ru, zh)}
                for slug, (en, ru, zh) in TOPICS.items()
            ],
        )
        yield "bodies", self.bodies()
        yield (
            "rotation",
            {"order": "english-alphabetical", "term": "summit-to-summit", "handover_body": CHS},
        )
        yield "chairmanships", [*self.terms, *self.chg_terms]
        yield "people", self.sg_people
        yield (
            "posts",
            [
                {
                    "id": "secretary-general",
                    "name": f"Secretary-General of the {self.short}",
                    "names": _names("Генеральный секретарь", "秘书长"),
                    "body": SECRETARIAT,
                    "holders": self.sg_holders,
                }
            ],
        )
        yield "events", self.events

    # -- one year ---------------------------------------------------------------

    def _year(self, year: int) -> _Year:
        record = self._year_record = _Year()
        self.rng = random.Random(f"accord-synth/{self.options.seed}/{self.index}/year/{year}")
        # Working papers draw from their own generator: without them nothing else changes.
        self.paper_rng = random.Random(
            f"accord-synth/{self.options.seed}/{self.index}/papers/{year}"
        )
        self._declaration(year, record)
        for slot in self.schedule(year):
            record.meetings.append(self._meeting(slot, record))
        return record

    def _document(
        self,
        record: _Year,
        stem: str,
        kind: str,
        title: tuple[str, str, str],
        author: str | None,
        *,
        date: dt.date | None = None,
        topics: Sequence[str] = (),
        period: str = "",
        text: bool = True,
        **extra: Any,
    ) -> str:
        self.document_count += 1
        slug = f"{stem}-{self.document_count}"
        doc: dict[str, Any] = {"id": slug, "type": kind, "title": title[0]}
        doc["titles"] = _names(title[1], title[2])
        if date is not None:
            doc["date"] = _day(date)
        if period:
            doc["period"] = period
        if author:
            doc["author_body"] = author
        doc.update(extra)
        if text:
            t_en, t_ru, t_zh = TOPICS[topics[0]] if topics else TOPICS["regional-security"]
            doc["versions"] = [
                {
                    "number": 1,
                    "language": "en",
                    "text": f"{title[0]}. The members of the {self.name[0]} agree to"
                    f" strengthen their cooperation on {t_en}.",
                },
                {
                    "number": 1,
                    "language": "ru",
                    "text": f"{title[1]}. Члены организации «{self.name[1]}»"
                    f" договорились укреплять сотрудничество по вопросам: {t_ru}.",
                },
                {
                    "number": 1,
                    "language": "zh",
                    "text": f"{title[2]}。{self.name[2]}成员同意加强在{t_zh}方面的合作。",
                },
            ]
        record.documents.append(doc)
        return slug

    def _declaration(self, year: int, record: _Year) -> None:
        """The secretariat drafts the summit's declaration and refers it to the coordinators."""
        summit = self.summits[year - self.first_year]
        coordinators = [s for s in self.schedule(year) if s.body == CNC and s.end < summit.start]
        if not coordinators or summit.start <= self.secretariat_founded:
            return
        target = coordinators[-1]
        day = target.start - DAY * self.rng.randint(15, 30)
        if day <= self.secretariat_founded:
            return
        where = summit.city or ("", "", "")
        if summit.city:
            title = (
                f"{where[0]} Declaration of the Council of Heads of State",
                f"Декларация Совета глав государств ({where[1]}, {year})",
                f"元首理事会{where[2]}宣言",
            )
        else:
            title = (
                f"Declaration of the {ordinal(summit.number)} meeting"
                " of the Council of Heads of State",
                f"Декларация {summit.number}-го заседания Совета глав государств",
                f"元首理事会第{summit.number}次会议宣言",
            )
        slug = self._document(
            record,
            f"declaration-{year}",
            "declaration",
            title,
            SECRETARIAT,
            date=summit.end,
            topics=["regional-security"],
        )
        record.actions.append(
            {"body": SECRETARIAT, "verb": "drafted", "date": _day(day), "document": slug}
        )
        record.actions.append(
            {
                "body": SECRETARIAT,
                "verb": "submitted",
                "date": _day(day),
                "document": slug,
                "to": CNC,
                "to_meeting": target.ref,
                "purpose": "consideration",
            }
        )
        self.summary.actions += 2
        self.queue.setdefault(CNC, []).append(
            _Item(
                slug,
                title,
                "declaration",
                [CNC, CFM, CHS],
                "signed",
                "consideration",
                day,
                ["regional-security"],
            )
        )

    def _meeting(self, slot: _Slot, record: _Year) -> dict:
        rng = self.rng
        members = self.members_on(slot.start)
        present = [m for m in members if rng.random() > 0.03] or members
        meeting: dict[str, Any] = {"body": slot.body}
        if slot.number is not None:
            meeting["number"] = slot.number
            meeting.update(self._title(slot))
        else:
            meeting["id"] = slot.slug
        meeting["date"] = _span(slot.start, slot.end)
        if slot.city:
            meeting["city"] = slot.city[0]
            meeting["city_names"] = _names(slot.city[1], slot.city[2])
        if slot.country:
            meeting["country"] = slot.country
        if slot.mode != "in-person":
            meeting["mode"] = slot.mode
        if slot.host:
            meeting["host"] = slot.host
        meeting["format"] = slot.format
        if slot.body in (SCSC, CFM) and slot.number is not None:
            summit = self.next_meeting(CHS, slot.end - DAY)
            if summit is not None and summit.start >= slot.start:
                meeting["prepares"] = {"body": CHS, "meeting": summit.number}
        meeting["participants"] = self._participants(slot, present)
        agenda: list[dict] = []
        actions: list[dict] = []
        decisions: list[dict] = []
        self._discussion(slot, agenda)
        self._act_on_queue(slot, present, record, agenda, actions, decisions)
        self._new_work(slot, record, agenda, actions, decisions, present)
        if self.options.papers:
            self._papers(slot, meeting, present, record, agenda, actions)
        meeting["agenda"] = agenda
        if actions:
            meeting["actions"] = actions
            self.summary.actions += len(actions)
        if decisions:
            meeting["decisions"] = decisions
        if slot.body == CHS:
            sg = self.secretary_general_on(slot.start)
            if sg is not None:
                t_en, t_ru, t_zh = TOPICS[agenda[0]["topics"][0]]
                meeting["statements"] = [
                    {
                        "person": sg,
                        "after_meeting": True,
                        "text": f"The summit opened a new stage of cooperation on {t_en}.",
                        "texts": _names(
                            f"Саммит открыл новый этап сотрудничества по вопросам: {t_ru}.",
                            f"本次峰会开启了{t_zh}合作的新阶段。",
                        ),
                    }
                ]
        name = self.body_name(slot.body)
        where = slot.city or ("by video", "в режиме видеоконференции", "视频")
        self._document(
            record,
            f"{slot.body}-{slot.start.year}-information-report",
            "information-report",
            (
                f"Information report on the meeting of the {name[0]}, {where[0]}, {_day(slot.end)}",
                f"Информационное сообщение о заседании: {name[1]} ({where[1]}, {_day(slot.end)})",
                f"{name[2]}会议新闻公报（{where[2]}，{_day(slot.end)}）",
            ),
            slot.body,
            date=slot.end,
            topics=agenda[0]["topics"],
            classification="organization" if slot.body == SCSC else "public",
        )
        return meeting

    def _papers(
        self,
        slot: _Slot,
        meeting: dict,
        present: list[str],
        record: _Year,
        agenda: list[dict],
        actions: list[dict],
    ) -> None:
        """The meeting's own working papers, each considered at the meeting.

        Issued by the meeting's body on its first day: first the procedural ones
        (provisional agenda, list of participants, annotated agenda, draft report),
        then notes, submissions and background papers on the items of its agenda.
        """
        rng = self.paper_rng
        day = _day(slot.start)
        if "title" in meeting:
            label = (meeting["title"], meeting["titles"]["ru"], meeting["titles"]["zh"])
        else:
            en, ru, zh = self.body_name(slot.body)
            label = (f"{en}, {day}", f"{ru}, {day}", f"{zh}（{day}）")
        items = list(agenda)
        for n in range(self.options.papers):
            kind = (
                PROCEDURAL_PAPERS[n] if n < len(PROCEDURAL_PAPERS) else rng.choice(TOPICAL_PAPERS)
            )
            k_en, k_ru, k_zh = PAPER_TYPES.get(kind) or DOCUMENT_TYPES[kind]
            extra: dict[str, Any] = {}
            item = None
            if kind in PROCEDURAL_PAPERS:
                title = (
                    f"{k_en[0].upper()}{k_en[1:]}: {label[0]}",
                    f"{k_ru[0].upper()}{k_ru[1:]}: {label[1]}",
                    f"{label[2]}{k_zh}",
                )
                if kind == "list-of-participants":
                    names = [
                        [_country_name(p, lang) for p in present] for lang in ("en", "ru", "zh")
                    ]
                    body = (
                        f"Delegations: {', '.join(names[0])}.",
                        f"Делегации: {', '.join(names[1])}.",
                        f"代表团：{'、'.join(names[2])}。",
                    )
                else:
                    lead = {
                        "provisional-agenda": ("Items", "Пункты", "议题"),
                        "annotated-agenda": (
                            "The meeting is invited to consider",
                            "Заседанию предлагается рассмотреть",
                            "请会议审议",
                        ),
                        "draft-report": (
                            "The meeting considered",
                            "Заседание рассмотрело",
                            "会议审议了",
                        ),
                    }[kind]
                    shown = items[:5]
                    body = (
                        f"{lead[0]}: " + "; ".join(i["title"] for i in shown) + ".",
                        f"{lead[1]}: " + "; ".join(i["titles"]["ru"] for i in shown) + ".",
                        f"{lead[2]}：" + "；".join(i["titles"]["zh"] for i in shown) + "。",
                    )
                topic = items[0]["topics"][0] if items else "regional-security"
            else:
                item = rng.choice(items) if items else None
                topic = item["topics"][0] if item and item.get("topics") else "regional-security"
                t_en, t_ru, t_zh = TOPICS[topic]
                author = ("", "", "")
                if kind == "national-submission" and present:
                    party = rng.choice(present)
                    extra["author_party"] = party
                    author = tuple(_country_name(party, lang) for lang in ("en", "ru", "zh"))
                    title = (
                        f"Submission by {author[0]} on {t_en}",
                        f"Представление ({author[1]}) по вопросу «{t_ru}»",
                        f"{author[2]}关于{t_zh}的提交材料",
                    )
                else:
                    title = (
                        f"{k_en[0].upper()}{k_en[1:]} on {t_en}",
                        f"{k_ru[0].upper()}{k_ru[1:]} по вопросу «{t_ru}»",
                        f"关于{t_zh}的{k_zh}",
                    )
                chosen = rng.sample(PAPER_SENTENCES, 2)
                body = tuple(
                    " ".join(s[lang].format(t=t) for s in chosen)
                    for lang, t in enumerate((t_en, t_ru, t_zh))
                )
            if slot.body == SCSC:
                extra["classification"] = "organization"
            texts = (f"{label[0]}. {body[0]}", f"{label[1]}. {body[1]}", f"{label[2]}。{body[2]}")
            paper = self._document(
                record,
                f"{slot.body}-{slot.start.year}-{kind}",
                kind,
                title,
                slot.body,
                date=slot.start,
                topics=[topic],
                text=False,
                **extra,
                versions=[
                    {"number": 1, "language": lang, "text": text}
                    for lang, text in zip(("en", "ru", "zh"), texts, strict=True)
                ],
            )
            action: dict[str, Any] = {"verb": "considered", "document": paper}
            if item is not None:
                action["item"] = item["id"]
            actions.append(action)

    def _title(self, slot: _Slot) -> dict:
        en, ru, zh = self.body_name(slot.body)
        n = slot.number
        if en.startswith("Meeting of"):
            return {
                "title": f"{ordinal(n)} {en}",
                "titles": _names(f"{n}-е {ru}", f"{zh}第{n}次会议"),
            }
        ru_of = CORE[slot.body][2] if slot.body in CORE else ru
        return {
            "title": f"{ordinal(n)} meeting of the {en}",
            "titles": _names(f"{n}-е заседание {ru_of}", f"{zh}第{n}次会议"),
        }

    def _participants(self, slot: _Slot, present: list[str]) -> list[dict]:
        rng = self.rng
        head = HEADS.get(slot.body)
        for sector in self.sectors:
            if slot.body == self.sector_bodies(sector)[0]:
                head = (f"{sector[0]}-minister", f"Minister of {sector[1]}")
        people: list[dict] = []
        for party in present:
            entry: dict[str, Any] = {"party": party}
            if head is not None:
                entry["person"] = self.holder(party, head[0], slot.start, self._year_record)
                entry["head"] = True
                entry["post"] = head[1]
            people.append(entry)
        if slot.format != "restricted":
            for party in self.non_members_on(slot.start):
                if rng.random() < 0.8:
                    people.append({"party": party, "role": "observer"})
        sg = self.secretary_general_on(slot.start)
        if sg is not None and (slot.body in CORE or head is not None):
            people.append({"person": sg, "role": "secretariat", "post": "Secretary-General"})
        if slot.body == CHS and rng.random() < 0.5:
            code = rng.choice(self.partners)[0]
            people.append({"party": code, "role": "guest"})
        return people

    def _topics_of(self, body: str) -> list[str]:
        for sector in self.sectors:
            if body in self.sector_bodies(sector):
                return list(sector[5])
        return {
            CHS: ["regional-security", "trade-facilitation", "enlargement"],
            CHG: ["budget", "trade-facilitation", "connectivity"],
            CFM: ["regional-security", "enlargement"],
            CNC: ["budget", "enlargement"],
            SCSC: ["counter-terrorism", "drug-trafficking", "information-security"],
        }.get(body, ["regional-security"])

    def _discussion(self, slot: _Slot, agenda: list[dict]) -> None:
        topics = self._topics_of(slot.body)
        for topic in topics[: 1 + self.rng.randint(0, len(topics) - 1)]:
            en, ru, zh = TOPICS[topic]
            agenda.append(
                {
                    "id": topic,
                    "title": f"Exchange of views on {en}",
                    "titles": _names(f"Обмен мнениями по вопросу: {ru}", f"就{zh}交换意见"),
                    "topics": [topic],
                }
            )

    def _item_for(self, agenda: list[dict], item: _Item, kind: str) -> str:
        agenda.append(
            {
                "id": item.document,
                "title": f"On the {item.title[0]}",
                "titles": _names(f"О документе «{item.title[1]}»", f"关于《{item.title[2]}》"),
                "kind": kind,
                "topics": item.topics,
            }
        )
        return item.document

    def _act_on_queue(
        self,
        slot: _Slot,
        present: list[str],
        record: _Year,
        agenda: list[dict],
        actions: list[dict],
        decisions: list[dict],
    ) -> None:
        waiting = self.queue.get(slot.body, [])
        ready = [item for item in waiting if item.since < slot.start]
        self.queue[slot.body] = [item for item in waiting if item.since >= slot.start]
        for item in ready:
            if len(item.route) == 1:
                kept = self._final(slot, item, present, agenda, actions, decisions)
                if kept:
                    self.queue[slot.body].append(item)
                continue
            key = self._item_for(agenda, item, "discussion")
            verb = "examined" if slot.body == CFM else "considered"
            actions.append({"verb": verb, "document": item.document, "item": key})
            self._refer(slot, item, item.route[1], key, actions)

    def _refer(self, slot: _Slot, item: _Item, to: str, key: str, actions: list[dict]) -> None:
        referral: dict[str, Any] = {"verb": "submitted", "document": item.document, "item": key}
        referral["to"] = to
        target = self.next_meeting(to, slot.end)
        if target is not None:
            referral["to_meeting"] = target.ref
        referral["purpose"] = item.purpose if len(item.route) <= 2 else "consideration"
        actions.append(referral)
        item.route = item.route[1:] if item.route[0] == slot.body else item.route
        item.since = slot.end
        self.queue.setdefault(to, []).append(item)

    def _final(
        self,
        slot: _Slot,
        item: _Item,
        present: list[str],
        agenda: list[dict],
        actions: list[dict],
        decisions: list[dict],
    ) -> bool:
        """The body that decides acts; True when the item stays pending (deferred)."""
        key = self._item_for(agenda, item, "decision")
        if slot.body not in (CHS, CHG):
            actions.append({"verb": item.final, "document": item.document, "item": key})
            return False
        objects = item.attempts == 0 and self.rng.random() < 0.05
        positions = []
        objector = self.rng.choice(present) if objects else None
        for party in present:
            if party == objector:
                positions.append({"party": party, "stance": "objects"})
            elif self.rng.random() < 0.06:
                positions.append(
                    {
                        "party": party,
                        "stance": "concurs-with-statement",
                        "statement": "Concurs, on the understanding that national law applies.",
                    }
                )
            else:
                positions.append({"party": party, "stance": "concurs"})
        decisions.append(
            {
                "id": f"decision-{len(decisions) + 1}",
                "title": f"On the {item.title[0]}",
                "titles": _names(f"О документе «{item.title[1]}»", f"关于《{item.title[2]}》"),
                "document": item.document,
                "positions": positions,
            }
        )
        if objects:
            actions.append({"verb": "deferred", "document": item.document, "item": key})
            item.attempts += 1
            item.since = slot.end
            return True
        actions.append({"verb": item.final, "document": item.document, "item": key})
        return False

    def _new_work(
        self,
        slot: _Slot,
        record: _Year,
        agenda: list[dict],
        actions: list[dict],
        decisions: list[dict],
        present: list[str],
    ) -> None:
        rng = self.rng
        year = slot.start.year
        if slot.body == CHS and slot.start > self.secretariat_founded:
            title = (
                f"Report of the Secretary-General on the work of the {self.short} in {year}",
                f"Доклад Генерального секретаря о деятельности организации в {year} году",
                f"秘书长关于本组织{year}年工作的报告",
            )
            slug = self._document(
                record,
                f"secretary-general-report-{year}",
                "report",
                title,
                SECRETARIAT,
                date=slot.start,
                topics=["regional-security"],
            )
            item = _Item(slug, title, "report", [CHS], "took-note", "", slot.start, ["enlargement"])
            key = self._item_for(agenda, item, "report")
            actions.append({"verb": "took-note", "document": slug, "item": key})
            joint = [e for d, e in self.joint_events if slot.start - DAY * 365 <= d < slot.start]
            if joint:
                agenda.append(
                    {
                        "id": "joint-events",
                        "title": "Joint events with international organizations",
                        "titles": _names(
                            "Совместные мероприятия с международными организациями",
                            "与国际组织的联合活动",
                        ),
                        "kind": "briefing",
                        "topics": ["enlargement"],
                        "events": joint,
                    }
                )
        elif slot.body == CHG:
            n = slot.number
            title = (
                f"Joint communiqué of the {ordinal(n)} meeting"
                " of the Council of Heads of Government",
                f"Совместное коммюнике {n}-го заседания Совета глав правительств",
                f"政府首脑理事会第{n}次会议联合公报",
            )
            slug = self._document(
                record,
                f"communique-{year}",
                "communique",
                title,
                CHG,
                date=slot.end,
                topics=["trade-facilitation"],
            )
            item = _Item(slug, title, "communique", [CHG], "adopted", "", slot.start, ["budget"])
            key = self._item_for(agenda, item, "decision")
            actions.append({"verb": "adopted", "document": slug, "item": key})
            title = (
                f"Decision on the budget of the {self.short} for {year + 1}",
                f"Решение о бюджете организации на {year + 1} год",
                f"关于本组织{year + 1}年预算的决议",
            )
            slug = self._document(
                record,
                f"budget-{year + 1}",
                "decision",
                title,
                CHG,
                date=slot.end,
                topics=["budget"],
            )
            budget = _Item(slug, title, "decision", [CHG], "adopted", "", slot.start, ["budget"])
            self._final(slot, budget, present, agenda, actions, decisions)
        elif slot.body == SCSC:
            title = (
                f"Report on the security situation in the region, {year}",
                f"Доклад об обстановке в области безопасности в регионе, {year}",
                f"{year}年地区安全形势报告",
            )
            slug = self._document(
                record,
                f"security-situation-report-{year}",
                "report",
                title,
                SECRETARIAT,
                classification="body",
                restricted_to=SCSC,
                topics=["counter-terrorism"],
            )
            report = _Item(
                slug, title, "report", [SCSC], "heard", "", slot.start, ["counter-terrorism"]
            )
            actions.append(
                {
                    "verb": "heard",
                    "document": slug,
                    "item": self._item_for(agenda, report, "report"),
                }
            )
            topic = rng.choice(["counter-terrorism", "drug-trafficking", "information-security"])
            t_en, t_ru, t_zh = TOPICS[topic]
            title = (
                f"Working plan on {t_en} for {year + 1}-{year + 2}",
                f"План работы ({t_ru}) на {year + 1}–{year + 2} годы",
                f"{year + 1}—{year + 2}年{t_zh}工作计划",
            )
            slug = self._document(
                record,
                f"security-working-plan-{year + 1}",
                "working-plan",
                title,
                SCSC,
                period=f"{year + 1}-{year + 2}",
                topics=[topic],
            )
            plan = _Item(
                slug,
                title,
                "working-plan",
                [SCSC, CHS],
                "approved",
                "approval",
                slot.start,
                [topic],
            )
            key = self._item_for(agenda, plan, "decision")
            actions.append({"verb": "approved", "document": slug, "item": key})
            self._refer(slot, plan, CHS, key, actions)
            exercises = [e for d, e in self.exercises if d < slot.start]
            if exercises:
                event = exercises[-1]
                agenda.append(
                    {
                        "id": event,
                        "title": "The joint counter-terrorism exercise",
                        "titles": _names("Совместные антитеррористические учения", "联合反恐演习"),
                        "topics": ["counter-terrorism"],
                        "events": [event],
                    }
                )
                actions.append({"verb": "praised", "event": event, "item": event})
        for sector in self.sectors:
            ministers, _senior, experts = self.sector_bodies(sector)
            if slot.body == experts:
                self._expert_work(slot, sector, record, agenda, actions)
            elif slot.body == ministers and slot.number and slot.start > self.secretariat_founded:
                en, ru, zh = self.body_name(ministers)
                self._document(
                    record,
                    f"{sector[0]}-ministers-press-release-{year}",
                    "press-release",
                    (
                        f"Press release: {en}, {_day(slot.end)}",
                        f"Пресс-релиз: {ru}, {_day(slot.end)}",
                        f"新闻稿：{zh}，{_day(slot.end)}",
                    ),
                    SECRETARIAT,
                    date=slot.end,
                    topics=list(sector[5]),
                )

    def _expert_work(
        self, slot: _Slot, sector: tuple, record: _Year, agenda: list[dict], actions: list[dict]
    ) -> None:
        rng = self.rng
        slug, en, _ru_min, ru_area, zh, topics, security = sector
        ministers, senior, experts = self.sector_bodies(sector)
        year = slot.start.year
        for _ in range(rng.randint(1, 3)):
            topic = rng.choice(topics)
            t_en, t_ru, t_zh = TOPICS[topic]
            title = (
                f"Working paper on {t_en}",
                f"Рабочий документ по вопросу: {t_ru}",
                f"关于{t_zh}的工作文件",
            )
            restricted = rng.random() < 0.3
            paper = self._document(
                record,
                f"{slug}-working-paper-{year}",
                "working-paper",
                title,
                experts,
                date=slot.start,
                topics=[topic],
                text=False,
                **({"classification": "body", "restricted_to": experts} if restricted else {}),
            )
            item = _Item(paper, title, "working-paper", [experts], "", "", slot.start, [topic])
            actions.append(
                {
                    "verb": "considered",
                    "document": paper,
                    "item": self._item_for(agenda, item, "discussion"),
                }
            )
        first = all(s.start >= slot.start for s in self.schedule(year) if s.body == experts)
        drafts: list[tuple[str, tuple[str, str, str], list[str], str, str, str]] = []
        if first:
            drafts.append(
                (
                    "working-plan",
                    (
                        f"Working plan on cooperation in {en.lower()} for {year + 1}-{year + 2}",
                        f"План работы по сотрудничеству в области {ru_area}"
                        f" на {year + 1}–{year + 2} годы",
                        f"{year + 1}—{year + 2}年{zh}合作工作计划",
                    ),
                    [experts, senior, ministers],
                    "approved",
                    "approval",
                    f"{year + 1}-{year + 2}",
                )
            )
            if (year - self.sector_founded(sector).year) % 3 == 0:
                drafts.append(
                    (
                        "programme",
                        (
                            f"Programme of cooperation in {en.lower()} for {year + 1}-{year + 3}",
                            f"Программа сотрудничества в области {ru_area}"
                            f" на {year + 1}–{year + 3} годы",
                            f"{year + 1}—{year + 3}年{zh}领域合作纲要",
                        ),
                        [experts, senior, ministers, CHS if security else CHG],
                        "adopted",
                        "adoption",
                        f"{year + 1}-{year + 3}",
                    )
                )
        elif rng.random() < 0.1:
            drafts.append(
                (
                    "agreement",
                    (
                        f"Agreement on cooperation in {en.lower()}",
                        f"Соглашение о сотрудничестве в области {ru_area}",
                        f"{zh}领域合作协定",
                    ),
                    [experts, senior, ministers, CHS],
                    "signed",
                    "signature",
                    "",
                )
            )
        for kind, title, route, final, purpose, period in drafts:
            extra: dict[str, Any] = {}
            if kind == "programme":
                extra["measures"] = [
                    {
                        "id": f"measure-{i + 1}",
                        "text": f"Hold joint training on {TOPICS[t][0]}",
                        "texts": _names(
                            f"Провести совместное обучение по вопросу: {TOPICS[t][1]}",
                            f"开展{TOPICS[t][2]}联合培训",
                        ),
                        "responsible_body": experts,
                        "due": _day(dt.date(year + 2 + i, 12, 31)),
                    }
                    for i, t in enumerate(topics)
                ]
            document = self._document(
                record,
                f"{slug}-{kind}-{year + 1}",
                kind,
                title,
                experts,
                period=period,
                topics=list(topics),
                **extra,
            )
            item = _Item(document, title, kind, route, final, purpose, slot.end, list(topics))
            key = self._item_for(agenda, item, "discussion")
            actions.append({"verb": "drafted", "document": document, "item": key})
            self.queue.setdefault(experts, []).append(item)
