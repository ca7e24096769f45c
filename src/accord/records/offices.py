"""National offices in record files.

A `posts` entry that names a state (`party`) and no body of the organization is a
national office: a head of state, a state's security council secretary. It belongs to
its state, not to the organization whose file names it: it is defined once and shared
by every organization, like a party or a person. A file may say it again: what it
leaves out stays as held, names in other languages are added, a value said differently
is refused (naming the record and who wrote it) unless the entry says `update: true`.
Its holders are added to by their first day and never removed by a load (several
organizations' files may name them); a term said differently is refused the same way.

Each organization whose files name an office declares it (`registry.Declaration`):
its dump writes the office, and its pages and exports list it among its posts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accord.core.errors import DomainError, Problem
from accord.records.merge import OFFICES, national
from accord.registry import services as registry
from accord.registry.inputs import HoldingFields, PostFields
from accord.registry.models import Organization, Post, PostHolding

if TYPE_CHECKING:
    from accord.records.loader.base import _LoaderBase


def load_offices(loader: _LoaderBase, contents: list[tuple[str, dict]]) -> None:
    """Write the national offices of every file of the load (after the organizations:
    a holder may be a person another organization's file defines), then each
    organization's declarations of the offices its files name."""
    for name, data in contents:
        for index, d in enumerate(data.get("posts") or []):
            if not national("posts", d):
                continue
            with loader.entry(name, f"posts[{index}]", ("office", d["id"])):
                _load_office(loader, d)
    for slug, said in loader.declared.items():
        ids = [k for k in said.get(OFFICES, ()) if ("office", k) not in loader.failed]
        if not ids or ("organization", slug) in loader.failed:
            continue
        org = Organization.objects.filter(slug=slug).first()
        if org is None:
            continue
        offices = Post.objects.filter(organization=None, slug__in=ids)
        registry.declare(org, (), (), loader.tally, offices=offices)


def _load_office(loader: _LoaderBase, d: dict) -> None:
    from accord.records.loader.values import _day, _said_over

    if d.get("rotation") is not None:
        raise DomainError.at(
            "rotation", "a national office (a post of a state) does not rotate among parties"
        )
    held = Post.objects.filter(organization=None, slug=d["id"]).select_related("party").first()
    said = _said_over(
        held,
        d,
        {
            "name": lambda p: p.name,
            "party": lambda p: p.party.code,
            "source": lambda p: p.source,
        },
    )
    post = registry.save_office(
        d["id"],
        PostFields(
            name=said["name"],
            names=said.get("names", {}),
            party=loader.party(said.get("party"), "party"),
            body=None,
            source=said.get("source", ""),
        ),
        loader.tally,
    )
    terms = (
        {h.start: h for h in PostHolding.objects.filter(post=post).select_related("person")}
        if held is not None
        else {}
    )
    holders = d.get("holders", [])
    for i, h in sorted(enumerate(holders), key=lambda pair: pair[1]["from"]):
        try:
            start = _day(h["from"], "from")
            person = loader.person(h["person"], "person")
            end = _day(h.get("to"), "to")
            fields = HoldingFields(
                appointed_on=_day(h.get("appointed"), "appointed"),
                acting=h.get("acting", False),
                source=h.get("source", ""),
                note=h.get("note", ""),
            )
            term = terms.get(start)
            if term is not None and not d.get("update"):
                _same_term(term, {"person": person, "end": end, **fields.given()})
                continue
            registry.save_holding(post, person, start, end, fields, loader.tally)
        except DomainError as exc:
            raise exc.under(f"holders[{i}]") from None


_FIELDS = {"person": "person", "end": "to", "appointed_on": "appointed", "acting": "acting"}


def _same_term(term: PostHolding, wanted: dict[str, Any]) -> None:
    """A term the record holds, said again: what differs is refused (a national office
    is shared: say it the same way everywhere, or mark the entry `update: true`)."""
    problems = []
    for attr, field in _FIELDS.items():
        was, now = getattr(term, attr), wanted[attr]
        if was != now:
            show = (lambda v: v.slug) if attr == "person" else (lambda v: v)
            problems.append((field, show(now), show(was)))
    for attr in ("source", "note"):
        if wanted[attr] and wanted[attr] != getattr(term, attr):
            problems.append((attr, wanted[attr], getattr(term, attr)))
    if problems:
        raise DomainError(
            Problem(
                field,
                f"{now!r} here, the record holds {was!r}: a national office is shared by"
                " every organization; say its terms the same way everywhere, or mark the"
                " entry `update: true` to change them",
            )
            for field, now, was in problems
        )
