"""A body's meeting series as the viewer may see it, each query's SQL built once per
standing and day and run again for every body (`accord.core.compiled`): the body
page's list of meetings as light rows of the columns it shows (`SeriesMeeting`: no
model instance made for each of them), with the names of their country, host, chair
and the person who chaired, each party or person made once however many meetings name
it; the meetings' joint bodies, in two queries whatever the series' length (the
co-chairs, never shown in the list, are not read).

The joint bodies are read for every meeting of the body's series, and attached only
to the meetings the viewer may see (the others are never shown).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from accord.accounts import access
from accord.accounts.access import Viewer
from accord.bodies.models import Body
from accord.core import choices, compiled
from accord.core.models import name_in
from accord.meetings import joint
from accord.meetings.joint import JointBody
from accord.meetings.models import Meeting


class Name:
    """A party or person read as its name and its translations (what `tr` shows)."""

    __slots__ = ("name", "names")

    def __init__(self, name: str, names: dict[str, str] | None) -> None:
        self.name = name
        self.names = names or {}

    def name_in(self, language: str) -> str:
        return name_in(self.name, self.names, language)


def _display(field: str, value: str) -> str:
    """As `Meeting.get_<field>_display()`: the choice's label in the active language."""
    return choices.label(Meeting._meta.get_field(field), value)


class SeriesMeeting:
    """A meeting of a body's series as its page shows it: its own columns, its
    convening body, the names of its country, host, chair and person who chaired
    (`Name`) and joint bodies (each body's id, the meeting's number in its series, and
    the body) as read."""

    __slots__ = (
        "body",
        "body_id",
        "chair",
        "chair_id",
        "chair_person",
        "city",
        "city_names",
        "country",
        "date_precision",
        "end",
        "host",
        "joint",
        "kind",
        "mode",
        "number",
        "pk",
        "slug",
        "start",
        "status",
    )

    body: Body
    body_id: int
    chair: Name | None
    chair_id: int | None
    chair_person: Name | None
    city: str
    city_names: dict[str, str]
    country: Name | None
    date_precision: str
    end: dt.date
    host: Name | None
    joint: list[tuple[int, int | None, Body]]
    kind: str
    mode: str
    number: int | None
    pk: int
    slug: str
    start: dt.date
    status: str

    @property
    def ref(self) -> str:
        """As `Meeting.ref`: its number, or its id outside the numbered series."""
        return str(self.number) if self.number else self.slug

    def get_status_display(self) -> str:
        return _display("status", self.status)

    def get_mode_display(self) -> str:
        return _display("mode", self.mode)

    def get_kind_display(self) -> str:
        return _display("kind", self.kind)

    def number_in(self, body: int) -> int | None:
        """As `meetings.joint.number_in`: its number in the series of the body `body`."""
        if self.body_id == body:
            return self.number
        return next((number for pk, number, _ in self.joint if pk == body), None)

    def others(self, body: int) -> list[Body]:
        """As `meetings.joint.others`: its bodies other than the body `body`, the
        convening one first."""
        if not self.joint:
            return [] if self.body_id == body else [self.body]
        return [b for b in (self.body, *(b for _, _, b in self.joint)) if b.pk != body]


_OWN = (
    *("pk", "slug", "number", "kind", "status", "start", "end", "date_precision", "city"),
    *("city_names", "mode", "body_id", "chair_id"),
)
# (each relation's id, name and names: a `Name` made once per id)
_NAMED = ("country", "host", "chair", "chair_person")
_COLUMNS = (*_OWN, *(f"{r}{c}" for r in _NAMED for c in ("_id", "__name", "__names")))


def body_series(viewer: Viewer, body: Body) -> list[SeriesMeeting]:
    """The meetings `body` convenes or joins that `viewer` may see, by date, number and
    id, with their convening body, the names of their country, host, chair and the
    person who chaired, and their joint bodies read.

    A meeting `body` convenes is given `body` itself; one it joins, its convening body
    as the joint bodies' query reads it (with `body`'s organization, theirs: a joint
    meeting's bodies are of one organization)."""
    shape = (access.standing(viewer), timezone.localdate().isoformat())
    found = compiled.tuples(
        ("body series rows", *shape),
        lambda pk: (
            access.meetings(viewer, Meeting.objects.filter(joint.of_body(pk)))
            .order_by("start", "number", "slug")
            .values_list(*_COLUMNS)
        ),
        body.pk,
        shared=True,  # (the names and a city's only read)
    )
    if not found:
        return []
    joint_rows: list[JointBody] = compiled.rows(
        ("body series joint bodies",),
        lambda pk: JointBody.objects.filter(
            meeting__in=Meeting.objects.filter(joint.of_body(pk)).values("pk")
        ).select_related("body", "meeting__body"),
        body.pk,
    )
    series = _made(found, body, joint_rows)
    by_id = {m.pk: m for m in series}
    for row in joint_rows:
        if row.meeting_id in by_id:  # (else a meeting the viewer may not see)
            by_id[row.meeting_id].joint.append((row.body_id, row.number, row.body))
    return series


def _made(found: list[tuple[Any, ...]], body: Body, joint_rows: list[JointBody]) -> list[Any]:
    """The light rows of `found`, each with its convening body: `body`, or the one
    the joint rows read (given `body`'s organization, when read with it)."""
    to_organization = Body._meta.get_field("organization")
    organization = to_organization.get_cached_value(body, None)
    convening = {body.pk: body}
    for row in joint_rows:
        other = row.meeting.body
        if other.organization_id == body.organization_id and organization is not None:
            to_organization.set_cached_value(other, organization)
        convening.setdefault(other.pk, other)
    parties: dict[int, Name] = {}
    people: dict[int, Name] = {}

    def named(kept: dict[int, Name], pk: int | None, name: str, names: Any) -> Name | None:
        if pk is None:
            return None
        found = kept.get(pk)
        if found is None:
            found = kept[pk] = Name(name, names)
        return found

    series = []
    for values in found:
        m = SeriesMeeting()
        (
            m.pk, m.slug, m.number, m.kind, m.status, m.start, m.end, m.date_precision,
            m.city, m.city_names, m.mode, m.body_id, m.chair_id,
            country, country_name, country_names, host, host_name, host_names,
            chair, chair_name, chair_names, person, person_name, person_names,
        ) = values  # fmt: skip
        m.country = named(parties, country, country_name, country_names)
        m.host = named(parties, host, host_name, host_names)
        m.chair = named(parties, chair, chair_name, chair_names)
        m.chair_person = named(people, person, person_name, person_names)
        m.body = convening.get(m.body_id) or Body.objects.get(pk=m.body_id)
        m.joint = []
        series.append(m)
    return series
