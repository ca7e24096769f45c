"""A synthetic organization written as record files, and `synthesize`, which writes many."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from accord.records.synthetic.common import (
    CHS,
    DAY,
    DIALOGUE_PARTNER,
    MEMBER,
    OBSERVER,
    PARTNER,
    SECRETARIAT,
    Options,
    Summary,
    _day,
    _names,
    _Year,
    write_record,
)
from accord.records.synthetic.meetings import _Meetings
from accord.records.synthetic.words import (
    DOCUMENT_TYPES,
    PAPER_TYPES,
    TOPICS,
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


class _Organization(_Meetings):
    """A synthetic organization, written as record files one year at a time."""

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
