"""The bodies of a synthetic organization and the schedule of their meetings."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from accord.records.synthetic.common import (
    CFM,
    CHG,
    CHS,
    CNC,
    CORE,
    DAY,
    SCSC,
    SECRETARIAT,
    VIDEO_YEARS,
    _day,
    _names,
    _Slot,
    _slug,
)
from accord.records.synthetic.founding import _Founding
from accord.records.synthetic.words import (
    NEW_YORK,
    Sector,
)


class _Calendar(_Founding):
    """The bodies of an organization and the schedule of their meetings."""

    # -- bodies -------------------------------------------------------------------

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

    def _sector_schedule(self, rng: random.Random, year: int, sector: Sector) -> list[_Slot]:
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
