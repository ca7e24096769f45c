"""An object's audit history, as its reader may read it.

The audit trail (`accord.core.audit`) holds every write of the installation; an
object's history shows the entries about that object to those who may read the
object, and shows them as the reader may see the record:

- to the organization's secretariat and the administrator, the entries as written:
  the writer's name, the request id, the trail's own numbers (`seq`) and hashes;
- to everyone else, the writer as a role ("secretariat", "delegation of KZ",
  "administrator", "record loader", "system"); no request id, `seq` or hash (the
  trail's numbers would count the writes made elsewhere); a reference to a row the
  reader cannot read shown as "(withheld)" (left out of a list of references), a
  change to nothing but such references left out.

Every entry carries `number`, its place in the object's history (1, 2, ...).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model, QuerySet
from django.utils import timezone

from accord.accounts import access
from accord.accounts.models import Affiliation, Role
from accord.core.models import AuditEntry
from accord.registry.models import Organization

WITHHELD = "(withheld)"

# Rows everyone may read (the organizations, parties, bodies and document types of the
# record); a reference to any other kind is shown only when the access layer admits
# the reader to the row, and to a kind it has no rule for, never.
PUBLIC = frozenset(
    {"registry.Organization", "registry.Party", "bodies.Body", "documents.DocumentType"}
)
READABLE: dict[str, Callable[[access.Viewer, QuerySet], QuerySet]] = {
    "meetings.Meeting": access.meetings,
    "meetings.AgendaItem": access.agenda_items,
    "documents.Document": access.documents,
    "decisions.Action": access.actions,
    "decisions.Decision": access.decisions,
    "decisions.Position": access.positions,
    "publishing.PressRelease": access.press_releases,
    "registry.Person": access.people,
}


@dataclass(frozen=True)
class Entry:
    number: int
    seq: int | None
    at: dt.datetime
    actor: str
    request_id: str | None
    operation: str
    model: str
    object_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    hash: str | None


def history(viewer: access.Viewer, obj: Model, organization: Organization) -> list[Entry]:
    """The entries about `obj` (of `organization`), oldest first, as `viewer` may see
    them. Callers have checked that the viewer may read `obj`."""
    rows = list(
        AuditEntry.objects.filter(model=obj._meta.label, object_id=str(obj.pk)).order_by("seq")
    )
    if access.can_edit(viewer, organization):
        return [_entry(e, n) for n, e in enumerate(rows, start=1)]
    references = references_of(type(obj))
    readable = _readable(viewer, references, rows)
    roles = _Roles(organization, {e.actor for e in rows})
    shown: list[Entry] = []
    for e in rows:
        before = _redacted(e.before, references, readable)
        after = _redacted(e.after, references, readable)
        if e.operation == "update" and before is not None and after is not None:
            same = [k for k in after if k in before and before[k] == after[k]]
            for key in same:
                del before[key], after[key]
            if not after and not before:
                continue  # a change of nothing the reader may see
        shown.append(
            _entry(
                e,
                len(shown) + 1,
                seq=None,
                actor=roles.of(e.actor, e.at),
                request_id=None,
                before=before,
                after=after,
                hash=None,
            )
        )
    return shown


def _entry(e: AuditEntry, number: int, **shown: Any) -> Entry:
    values = {
        "seq": e.seq,
        "at": e.at,
        "actor": e.actor,
        "request_id": e.request_id,
        "operation": e.operation,
        "model": e.model,
        "object_id": e.object_id,
        "before": e.before,
        "after": e.after,
        "hash": e.hash,
    }
    return Entry(number=number, **{**values, **shown})


def references_of(model: type[Model]) -> dict[str, str]:
    """The snapshot keys of `model` that hold references: key -> the referred model."""
    # Once the apps are loaded a relation's model is a class, never a lazy name ("self").
    found = {
        f.attname: f.related_model._meta.label
        for f in model._meta.concrete_fields
        if f.is_relation and isinstance(f.related_model, type)
    }
    found.update(
        {
            f.name: f.related_model._meta.label
            for f in model._meta.many_to_many
            if isinstance(f.related_model, type)
        }
    )
    return found


def _readable(
    viewer: access.Viewer, references: dict[str, str], rows: Iterable[AuditEntry]
) -> dict[str, set[Any]]:
    """Of the rows the entries refer to, by model, those the viewer may read (one query
    per model the access layer judges)."""
    wanted: dict[str, set[Any]] = {}
    for e in rows:
        for side in (e.before, e.after):
            for key, value in (side or {}).items():
                label = references.get(key)
                if label is None or label in PUBLIC or value is None:
                    continue
                values = value if isinstance(value, list) else [value]
                wanted.setdefault(label, set()).update(values)
    readable: dict[str, set[Any]] = {}
    for label, ids in wanted.items():
        rule = READABLE.get(label)
        if rule is None:
            readable[label] = set()
            continue
        model = AuditEntry._meta.apps.get_model(label)
        rows_of = rule(viewer, model._default_manager.filter(pk__in=sorted(ids, key=str)))
        readable[label] = set(rows_of.values_list("pk", flat=True))
    return readable


def _redacted(
    values: dict[str, Any] | None, references: dict[str, str], readable: dict[str, set[Any]]
) -> dict[str, Any] | None:
    if values is None:
        return None
    shown = dict(values)
    for key, value in values.items():
        label = references.get(key)
        if label is None or label in PUBLIC or value is None:
            continue
        admitted = readable.get(label, set())
        if isinstance(value, list):
            shown[key] = [v for v in value if v in admitted]
        elif value not in admitted:
            shown[key] = WITHHELD
    return shown


ROLE_NAMES: dict[str, str] = {
    Role.SECRETARIAT: "secretariat",
    Role.DELEGATION: "delegation of {party}",
    Role.CHAIR_TEAM: "chair team of {party}",
    Role.OBSERVER: "observer delegation of {party}",
}
# When a user held several roles in the organization, the one named.
PRECEDENCE: list[str] = [Role.SECRETARIAT, Role.CHAIR_TEAM, Role.DELEGATION, Role.OBSERVER]
# Writers that are no user: the record loader's ways in, and the other commands
# (run on the server, by whoever administers the installation).
LOADERS = ("load", "cli:load", "cli:import")


class _Roles:
    """The role each writer of the entries held in `organization`, on each entry's day:
    a user's affiliation then (else the latest they held there); an administrator;
    the record loader; the command line; Accord itself. Two queries, when users wrote."""

    def __init__(self, organization: Organization, actors: set[str]) -> None:
        names = sorted(a.removeprefix("user:") for a in actors if a.startswith("user:"))
        self.admins: set[str] = set()
        self.affiliations: dict[str, list[tuple[str, str, Any, Any]]] = {}
        if not names:
            return
        users = get_user_model().objects.filter(username__in=names)
        self.admins = set(users.filter(is_superuser=True).values_list("username", flat=True))
        rows = (
            Affiliation.objects.filter(organization=organization, user__username__in=names)
            .order_by("start", "pk")
            .values_list("user__username", "role", "party__code", "start", "end")
        )
        for name, role, party, start, end in rows:
            self.affiliations.setdefault(name, []).append((role, party, start, end))

    def of(self, actor: str, at: dt.datetime) -> str:
        if actor.startswith("user:"):
            return self._user(actor.removeprefix("user:"), timezone.localtime(at).date())
        if actor in LOADERS or actor.startswith(tuple(f"{p} " for p in LOADERS)):
            return "record loader"
        if actor.startswith("cli:"):
            return "administrator"
        return "system"

    def _user(self, name: str, day: dt.date) -> str:
        if name in self.admins:
            return "administrator"
        held = self.affiliations.get(name, [])
        then = [a for a in held if (a[2] is None or a[2] <= day) and (a[3] is None or a[3] >= day)]
        candidates = then or held
        if not candidates:
            return "user"
        role, party, _, _ = min(candidates, key=lambda a: PRECEDENCE.index(a[0]))
        return ROLE_NAMES[role].format(party=party)
