"""Documents of a synthetic history and their way through bodies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from accord.core.text import ordinal
from accord.records.synthetic.calendar import _Calendar
from accord.records.synthetic.common import (
    CFM,
    CHG,
    CHS,
    DAY,
    SCSC,
    SECRETARIAT,
    _day,
    _Item,
    _names,
    _Slot,
    _Year,
)
from accord.records.synthetic.words import (
    TOPICS,
    Sector,
)


class _Work(_Calendar):
    """Documents and their way through bodies: drafted, referred, adopted or deferred."""

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
            n = slot.numbered
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
        self, slot: _Slot, sector: Sector, record: _Year, agenda: list[dict], actions: list[dict]
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
