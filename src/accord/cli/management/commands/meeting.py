"""accord meeting ORG BODY NUMBER"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandParser

from accord.accounts import refs
from accord.accounts.access import ADMINISTRATOR
from accord.bodies.models import Body
from accord.cli.base import QueryCommand, ordinal, party_json, referral_text
from accord.decisions import selectors as decisions
from accord.decisions.models import Decision, DecisionOutcome, Procedure
from accord.decisions.services import decided_on
from accord.meetings import selectors as meetings
from accord.meetings.models import AgendaItem, Meeting, Participation, Session
from accord.meetings.record_decides import effects_out
from accord.meetings.rules import joint_phrase
from accord.publishing.plan_history import history
from accord.publishing.wording import Language
from accord.registry import selectors
from accord.registry.models import Person


def person_json(person: Person | None) -> dict | None:
    return {"slug": person.slug, "name": person.name} if person is not None else None


def decision_json(d: Decision, body: Body) -> dict:
    """A decision as `accord meeting` gives it: its outcome as recorded, how it was
    taken (the body's rule where the record names no procedure), counts and day."""
    taken = decisions.outcome_of(d, body)
    votes = taken.votes
    counts = {
        "in_favour": votes.in_favour,
        "against": votes.against,
        "abstaining": votes.abstaining,
    }
    return {
        "id": d.slug,
        "title": d.title,
        "outcome": taken.outcome,
        "procedure": taken.taken_by,
        "votes": counts if votes.given else None,
        "date": decided_on(d.meeting, d.date).isoformat(),
        "positions": {p.party.code: p.stance for p in d.positions.all()},
        "decides": [e.model_dump() for e in effects_out(d)],
    }


def effect_text(e: dict) -> str:
    """'appoints A. Person Head of the Secretariat, 2019-01-01..2021-12-31'."""
    span = f"{e['start']}..{e['end'] or ''}"
    if e["post"]:
        acting = " (acting)" if e["acting"] else ""
        said = f"{e['person']['name']} {e['post_name']}{acting}"
    else:
        said = e["party"]["name"] + (f" (chair of {e['body']})" if e["body"] else "")
    if e["kind"] == "extends":
        return f"extends the term of {said} from {e['previous_end']} to {e['end'] or 'no end'}"
    verb = "appoints" if e["kind"] == "appoints" else "fixes the chair:"
    return f"{verb} {said}, {span}"


def decision_text(d: dict) -> str:
    """'adopted by vote (14 in favour, 0 against, 1 abstaining) on 2022-12-09'."""
    outcome = DecisionOutcome(d["outcome"]).label
    text = f"{outcome} by {Procedure(d['procedure']).label}"
    if d["votes"]:
        votes = d["votes"].items()
        counts = [f"{n} {said.replace('_', ' ')}" for said, n in votes if n is not None]
        text += f" ({', '.join(counts)})"
    return f"{text} on {d['date']}"


class Command(QueryCommand):
    help = "One meeting's record: date, venue, chair, format, participants, agenda, actions."

    def add_query_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", metavar="ORG")
        parser.add_argument("body", metavar="BODY")
        parser.add_argument(
            "number",
            metavar="NUMBER",
            help="its number in BODY's series (a joint meeting's in any of its bodies'), or id",
        )

    def query(self, *, organization: str, body: str, number: str, **_: Any) -> dict:
        org = refs.organization(organization)
        # At a body that joins a joint meeting: the meeting, as its convening body names it.
        addressed = refs.meeting_addressed(ADMINISTRATOR, org, refs.body(org, body), number)
        found = meetings.record(addressed)
        chair = meetings.chair_of(found)
        members = selectors.decision_takers_on(org, found.start)
        return {
            "organization": org.slug,
            "body": found.body.slug,
            "body_name": found.body.name,
            "joint_bodies": [
                {"body": row.body.slug, "name": row.body.name, "number": row.number}
                for row in found.joint_rows.all()
            ],
            "number": found.number,
            "id": found.slug,
            "kind": found.kind,
            "title": found.title or None,
            "date": found.partial_date.isoformat(),
            "end": found.end.isoformat() if found.end != found.start else None,
            "city": found.city or None,
            "country": party_json(found.country),
            "venue": found.venue or None,
            "mode": found.mode,
            "status": found.status or None,
            "plan": [
                {
                    "kind": c.kind,
                    "known_on": c.known.isoformat(),
                    "date": c.partial_date.isoformat() if c.partial_date else None,
                    "end": c.end.isoformat() if c.end and c.end != c.start else None,
                    "city": c.city or None,
                    "country": party_json(c.country),
                    "mode": c.mode or None,
                    "source": c.source or None,
                    "note": c.note or None,
                }
                for c in found.plan_changes.all()
            ],
            "plan_history": history(list(found.plan_changes.all()), Language("en")) or None,
            "host": party_json(found.host),
            "chair": party_json(chair.party),
            "chair_rule": chair.rule,
            "chair_person": person_json(chair.person),
            "co_chairs": [
                {**party_json(p), "person": person_json(person)}  # type: ignore[dict-item]
                for p, person in chair.co_chair_people
            ],
            "format": found.format,
            "members_on_date": len(members),
            "prepares": (
                {
                    "body": found.prepares.body.slug,
                    "number": found.prepares.number,
                    "date": found.prepares.start.isoformat(),
                    "city": found.prepares.city or None,
                }
                if found.prepares is not None
                else None
            ),
            "participants": [
                {
                    "party": party_json(p.party),
                    "person": p.person.name if p.person is not None else None,
                    "role": p.role,
                    "head": p.head_of_delegation,
                    "post": p.post_title or None,
                    **attendance_json(p),
                }
                for p in found.participants.all()
            ],
            "agenda": [
                {
                    "id": i.slug,
                    "title": i.title,
                    "kind": i.kind,
                    "topics": [t.slug for t in i.topics.all()],
                    "events": [e.slug for e in i.events.all()],
                    "emphasis": i.emphasis,
                }
                for i in found.agenda.all()
            ],
            "actions": [
                {
                    "verb": a.verb,
                    "subject": decisions.subject_label(a),
                    "to": a.target_body.slug if a.target_body is not None else None,
                    "to_meeting": (
                        (a.target_meeting.number or a.target_meeting.slug)
                        if a.target_meeting is not None
                        else None
                    ),
                    "to_organization": a.target_organization or None,
                    "reference": a.reference or None,
                    "for": a.purpose or None,
                    "by": a.by_person.name if a.by_person is not None else None,
                }
                for a in found.actions.all()
            ],
            "decisions": [decision_json(d, found.body) for d in found.decisions.all()],
            "statements": [
                {
                    "person": s.person.name if s.person is not None else None,
                    "party": party_json(s.party),
                    "kind": s.kind,
                    "verbatim": s.verbatim,
                    "after_meeting": s.after_meeting,
                    "item": s.agenda_item.slug if s.agenda_item is not None else None,
                    "date": s.date.isoformat() if s.date else None,
                    "text": s.text,
                }
                for s in found.statements.all()
            ],
            "sessions": [session_json(x, found) for x in found.sessions.all()],
            "outcome": found.outcome or None,
            "classification": found.classification,
            "source": found.source or None,
            "note": found.note or None,
        }

    def as_text(self, data: dict) -> str:
        number = f"{ordinal(data['number'])} meeting" if data["number"] else data["id"]
        lines = [f"{data['body_name']}, {number}"]
        if data["joint_bodies"]:
            names = [
                f"the {n}" for n in (data["body_name"], *(j["name"] for j in data["joint_bodies"]))
            ]
            lines[0] = f"Joint meeting of {joint_phrase(names)}, {number}"
            for j in data["joint_bodies"]:
                if j["number"]:
                    lines.append(f"also:     {ordinal(j['number'])} meeting of the {j['name']}")
        if data["kind"] != "regular" or not data["number"]:
            lines.append(f"kind:     {data['kind']}")
        date = data["date"] + (f" to {data['end']}" if data["end"] else "")
        lines.append(f"date:     {date}")
        place = ", ".join(
            x for x in (data["venue"], data["city"], (data["country"] or {}).get("name")) if x
        )
        lines.append(f"venue:    {place or '-'} ({data['mode']})")
        if data["status"]:
            lines.append(f"status:   {data['status']}")
        if data["plan_history"]:
            lines.append(f"plan:     {data['plan_history']}")
        chair = data["chair"]
        chaired = f"{chair['name']} ({chair['code']})" if chair else "not recorded"
        if data["chair_person"]:
            chaired = f"{data['chair_person']['name']}, {chaired}"
        if data["co_chairs"]:
            chaired += ", co-chaired by " + ", ".join(
                f"{c['person']['name']} ({c['name']})" if c["person"] else c["name"]
                for c in data["co_chairs"]
            )
        lines.append(f"chair:    {chaired} [{data['chair_rule']}]")
        if data["host"]:
            lines.append(f"host:     {data['host']['name']} ({data['host']['code']})")
        fmt = data["format"]
        if fmt == "restricted":
            fmt += f" ({data['members_on_date']} members on the date)"
        lines.append(f"format:   {fmt}")
        if data["prepares"]:
            p = data["prepares"]
            label = f"{ordinal(p['number'])} meeting" if p["number"] else ""
            lines.append(f"prepares: {p['body']} {label} ({p['date']}, {p['city'] or ''})")
        if data["participants"]:
            lines.append("participants:")
            for p in data["participants"]:
                party = p["party"]["name"] if p["party"] else "-"
                who = ", ".join(x for x in (p["person"], p["post"]) if x)
                head = " (head of delegation)" if p["head"] else ""
                lines.append(f"  {party:<20} {who}{head} [{p['role']}]{attendance_text(p)}")
        if data["agenda"]:
            lines.append("agenda:")
            for n, i in enumerate(data["agenda"], 1):
                topics = f" [{', '.join(i['topics'])}]" if i["topics"] else ""
                lines.append(f"  {n}. {i['title']}{topics}")
        if data["actions"]:
            lines.append("actions:")
            for a in data["actions"]:
                lines.append(f"  {a['verb']} {a['subject']}{referral_text(a)}")
        for d in data["decisions"]:
            lines.append(f"decision: {d['title']}: {decision_text(d)}")
            for code, stance in d["positions"].items():
                lines.append(f"  {code}: {stance}")
            for e in d["decides"]:
                lines.append(f"  {effect_text(e)}")
        if data["statements"]:
            lines.append("statements:")
            for s in data["statements"]:
                lines.append(f"  {statement_text(s)}")
        if data["sessions"]:
            lines.append("sessions:")
            for x in data["sessions"]:
                lines += session_text(x)
        if data["outcome"]:
            lines.append(f"outcome:  {data['outcome']}")
        if data["note"]:
            lines.append(f"note:     {data['note']}")
        if data["source"]:
            lines.append(f"source:   {data['source']}")
        return "\n".join(lines)


def session_json(s: Session, meeting: Meeting) -> dict:
    """A session as `accord meeting` gives it: who attended it (a party code, a person's
    name) and the agenda items taken up in it."""
    return {
        "id": s.slug,
        "kind": s.kind,
        "title": s.title or None,
        "date": s.date.isoformat(),
        "venue": s.venue or None,
        "city": s.city or None,
        "mode": s.mode or None,
        "participants": [
            {
                "party": party_json(p.party),
                "person": p.person.name if p.person is not None else None,
            }
            for p in s.attendees.all()
        ],
        "items": [i.slug for i in meeting.agenda.all() if i.session_id == s.pk],
        "source": s.source or None,
        "note": s.note or None,
    }


def session_text(s: dict) -> list[str]:
    """'  retreat (retreat), 2023-09-05, Jakarta Convention Center' and who attended."""
    title = f" “{s['title']}”" if s["title"] else ""
    place = ", ".join(x for x in (s["venue"], s["city"], s["mode"]) if x)
    lines = [f"  {s['id']} ({s['kind']}){title}, {s['date']}" + (f", {place}" if place else "")]
    who = [
        (p["party"]["code"] + (f" ({p['person']})" if p["person"] else ""))
        if p["party"]
        else p["person"]
        for p in s["participants"]
    ]
    lines.append(f"    attended by: {', '.join(who) if who else 'not recorded'}")
    if s["items"]:
        lines.append(f"    items: {', '.join(s['items'])}")
    return lines


def attendance_json(p: Participation) -> dict:
    """How a participant attended, as the command's JSON gives it."""

    def moment(item: AgendaItem | None, time: dt.time | None) -> dict | None:
        if item is None and time is None:
            return None
        return {
            "item": item.slug if item is not None else None,
            "time": time.strftime("%H:%M") if time is not None else None,
        }

    return {
        "attendance": p.attendance,
        "absence_reason": p.absence_reason or None,
        "level": p.level or None,
        "level_text": p.level_text or None,
        "joined": moment(p.joined_at_item, p.joined_at_time),
        "left": moment(p.left_at_item, p.left_at_time),
        "reason": p.timing_reason or None,
    }


def _at(moment: dict) -> str:
    return " ".join(
        x for x in (f"at {moment['item']}" if moment["item"] else "", moment["time"] or "") if x
    )


def attendance_text(p: dict) -> str:
    """' absent: boycott', ' by video', ' left early at ukraine (protest)' ('' when the
    participant was simply present)."""
    said = []
    if p["attendance"] == "absent":
        said.append("absent" + (f": {p['absence_reason']}" if p["absence_reason"] else ""))
    elif p["attendance"] == "represented":
        level = f"{p['level']} level" if p["level"] else "another level"
        said.append(f"represented at {level}" + (f": {p['level_text']}" if p["level_text"] else ""))
    elif p["attendance"] != "present":
        said.append(f"by {p['attendance']}")
    reason = f" ({p['reason']})" if p["reason"] else ""
    if p["joined"]:
        said.append(f"joined late {_at(p['joined'])}" + ("" if p["left"] else reason))
    if p["left"]:
        said.append(f"left early {_at(p['left'])}{reason}")
    return (" " + "; ".join(said)) if said else ""


def statement_text(s: dict) -> str:
    """'Ann Smith (RU), protest, after the meeting (2019-05-16): ...'."""
    who = s["person"] or ""
    if s["party"]:
        who = f"{who} ({s['party']['code']})" if who else s["party"]["name"]
    how = [s["kind"]] if s["kind"] != "statement" else []
    if s["item"]:
        how.append(f"at {s['item']}")
    if s["after_meeting"]:
        how.append("after the meeting")
    if not s["verbatim"]:
        how.append("reported")
    when = f" ({s['date']})" if s["date"] else ""
    return f"{who}{', ' + ', '.join(how) if how else ''}{when}: {s['text']}"
