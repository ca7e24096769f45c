"""The meetings of a synthetic history, with their participants, agendas and papers."""

from __future__ import annotations

from typing import Any

from accord.core.text import ordinal
from accord.records.synthetic.common import (
    CFM,
    CHG,
    CHS,
    CNC,
    CORE,
    DAY,
    HEADS,
    SCSC,
    SECRETARIAT,
    _country_name,
    _day,
    _Item,
    _names,
    _Slot,
    _span,
    _Year,
)
from accord.records.synthetic.words import (
    DOCUMENT_TYPES,
    PAPER_SENTENCES,
    PAPER_TYPES,
    PROCEDURAL_PAPERS,
    TOPICAL_PAPERS,
    TOPICS,
)
from accord.records.synthetic.work import _Work


class _Meetings(_Work):
    """One meeting: its title, participants, agenda, papers and decisions."""

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
                f"Declaration of the {ordinal(summit.numbered)} meeting"
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
                    body: tuple[str, ...] = (
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
                    author = (
                        _country_name(party, "en"),
                        _country_name(party, "ru"),
                        _country_name(party, "zh"),
                    )
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
        n = slot.numbered
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
