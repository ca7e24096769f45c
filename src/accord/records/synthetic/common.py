"""The pieces every part of the synthetic history shares: options, summary, constants,
small helpers and the records gathered before they are written."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from accord.records.files import FORMAT
from accord.records.synthetic.words import (
    SECTORS,
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
    def numbered(self) -> int:
        """The number of a meeting of a series (summits and sessions always have one)."""
        if self.number is None:
            raise ValueError(f"{self.body} {self.slug}: a meeting without a number")
        return self.number

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
