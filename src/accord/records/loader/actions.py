"""Actions of a record file: those taken at a meeting (with decisions and positions)
and standalone ones."""

from __future__ import annotations

from accord.bodies.models import Body
from accord.core import persist
from accord.core.errors import DomainError
from accord.decisions import decides
from accord.decisions import services as decisions
from accord.decisions.inputs import ActionFields, DecisionFields
from accord.decisions.models import Decision
from accord.meetings.models import Meeting
from accord.records.defaults import given
from accord.records.files import FileProblem
from accord.records.loader.base import _Entry, _LoaderBase
from accord.records.loader.decides import refs_from_record
from accord.records.loader.values import _partial


def _outside(value: str | dict | None) -> tuple[str, dict[str, str]]:
    """An outside organization an action names, as its name and translations: the file
    gives its name, or {name, names}."""
    if isinstance(value, dict):
        return value.get("name", ""), value.get("names", {})
    return value or "", {}


class _Actions(_LoaderBase):
    """Actions and decisions, at a meeting or on their own."""

    def _action_values(self, a: dict, meeting: Meeting | None, body: Body) -> ActionFields:
        if a.get("date"):
            when = _partial(a["date"], "date")
        elif meeting is not None:
            when = meeting.partial_date
        else:
            raise DomainError.at("date", "an action outside a meeting needs a date")
        target = self.body(a.get("to"), "to")
        outside, outside_names = _outside(a.get("to_organization"))
        return ActionFields(
            meeting=meeting,
            date=when.value,
            date_precision=when.precision.value,
            verb=a["verb"],
            document=self.document(a.get("document"), "document"),
            agenda_item=self.item(meeting, a.get("item"), "item")
            if meeting or isinstance(a.get("item"), dict)
            else None,
            event=self.event(a.get("event"), "event"),
            target_body=target,
            target_meeting=self.meeting(target, a.get("to_meeting"), "to_meeting"),
            target_post=self.office(a.get("to_post"), "to_post"),
            target_organization=outside,
            target_organization_names=outside_names,
            reference=a.get("reference", ""),
            by_person=self.person(a.get("by"), "by"),
            purpose=a.get("purpose", ""),
            classification=given(a, "actions", "classification"),
            source=a.get("source", ""),
            note=a.get("note", ""),
        )

    def _meeting_acts(self, d: dict) -> None:
        meeting = self._this_meeting(d)
        actions = []
        for i, a in enumerate(d.get("actions", [])):
            try:
                actions.append(self._action_values(a, meeting, meeting.body))
            except DomainError as exc:
                raise exc.under(f"actions[{i}]") from None
        try:
            decisions.set_actions(meeting.body, meeting, actions, self.tally)
        except DomainError as exc:
            raise exc.under("actions") from None
        kept = []
        for i, x in enumerate(d.get("decisions", [])):
            where = f"decisions[{i}]"
            positions = [
                (
                    self.party(p["party"], f"{where}.positions[{j}].party"),
                    p["stance"],
                    p.get("statement", ""),
                )
                for j, p in enumerate(x.get("positions", []))
            ]
            try:
                decision = decisions.save_decision(
                    meeting,
                    x["id"],
                    self._decision_fields(x, i),
                    positions,
                    self.tally,
                    effects_follow=True,
                )
                decides.set_effects(
                    decision,
                    refs_from_record(x.get("decides")),
                    decisions.decided_on(meeting, decision.date),
                    self.tally,
                )
            except DomainError as exc:
                raise exc.under(where) from None
            kept.append(decision.pk)
        persist.prune_under(Decision, {"meeting": meeting}, kept, self.tally)

    def _decision_fields(self, x: dict, order: int) -> DecisionFields:
        """A decision's fields as the record gives them. A record with no outcome is
        open when it says `open: true`, else the positions give its outcome
        (`decisions.rules.outcome_from_positions`)."""
        votes = x.get("votes", {})
        return DecisionFields(
            title=x["title"],
            titles=x.get("titles", {}),
            document=self.document(x.get("document"), "document"),
            outcome=x.get("outcome") or ("open" if x.get("open") else None),
            procedure=x.get("procedure", ""),
            votes_in_favour=votes.get("in_favour"),
            votes_against=votes.get("against"),
            votes_abstaining=votes.get("abstaining"),
            date=_partial(x["date"], "date").value if x.get("date") else None,
            order=order,
            classification=given(x, "meetings.decisions", "classification"),
            source=x.get("source", ""),
            note=x.get("note", ""),
        )

    def load_standalone_actions(self, files: list[tuple[str, dict]]) -> None:
        grouped: dict[str, list[tuple[_Entry, ActionFields]]] = {}
        for e in self.entries(files, "actions"):
            with self.entry(e.file, e.path):
                body = self.body(e.data["body"], "body")
                grouped.setdefault(body.slug, []).append(
                    (e, self._action_values(e.data, None, body))
                )
        for slug, pairs in grouped.items():
            body = self.body(slug, "body")
            problems = []
            for e, values in pairs:
                problems += [
                    FileProblem(e.file, p.under(e.path).field, p.reason)
                    for p in decisions.check_action(body, values)
                ]
            if problems:
                self.problems += problems
                continue
            with self.entry(pairs[0][0].file, "actions"):
                decisions.set_actions(body, None, [v for _, v in pairs], self.tally)
