"""A document's authors, signatories and counterparties as a record file gives them:

    author_parties: [KZ, UZ]          # or author_party: KZ (one author)
    signatories:
      - {party: CN, agency: Ministry of Foreign Affairs, person: wang-yi, date: "2019-06"}
      - {organization: sco, signer: Vladimir Norov, date: "2019-06-14"}
    counterparties:
      - {organization: asean}         # an organization of the record
      - {name: United Nations Office on Drugs and Crime}

Read here into the values `documents.services.set_parties` writes (and written back by
`values_of` for the dumper), so the loader only calls these two.
"""

from __future__ import annotations

from typing import Any, Protocol

from accord.core.dates import PartialDate
from accord.core.errors import DomainError
from accord.documents.models import Document
from accord.registry.models import Organization, Party, Person


class _Resolver(Protocol):
    def party(self, code: str | None, field: str) -> Party | None: ...

    def person(self, slug: str | None, field: str) -> Person | None: ...


def first_author(d: dict) -> str | None:
    """The author party's code: `author_party`, or the first of `author_parties`."""
    if d.get("author_party") and d.get("author_parties"):
        raise DomainError.at(
            "author_parties", "give author_party (one author) or author_parties, not both"
        )
    return d.get("author_party") or next(iter(d.get("author_parties") or []), None)


def _organization(slug: str | None, field: str) -> Organization | None:
    if slug is None:
        return None
    found = Organization.objects.filter(slug=slug).first()
    if found is None:
        raise DomainError.at(
            field, f"unknown organization {slug!r}: load its record first, or give its name"
        )
    return found


def _date(raw: Any, field: str) -> dict:
    if not raw:
        return {"date": None, "date_precision": "day"}
    try:
        when = PartialDate.parse(str(raw))
    except ValueError as exc:
        raise DomainError.at(field, str(exc)) from None
    return {"date": when.value, "date_precision": when.precision.value}


def parties(resolve: _Resolver, d: dict) -> dict:
    """The keyword arguments of `set_parties` for the document entry `d`."""
    codes = d.get("author_parties") or []
    return {
        "co_authors": [
            resolve.party(code, f"author_parties[{i}]") for i, code in enumerate(codes) if i
        ],
        "signatories": [
            {
                "party": resolve.party(s.get("party"), f"signatories[{i}].party"),
                "organization": _organization(
                    s.get("organization"), f"signatories[{i}].organization"
                ),
                "agency": s.get("agency", ""),
                "person": resolve.person(s.get("person"), f"signatories[{i}].person"),
                "signer": s.get("signer", ""),
                **_date(s.get("date"), f"signatories[{i}].date"),
                "source": s.get("source", ""),
            }
            for i, s in enumerate(d.get("signatories", []))
        ],
        "counterparties": [
            {
                "organization": _organization(
                    c.get("organization"), f"counterparties[{i}].organization"
                ),
                "name": c.get("name", ""),
                "source": c.get("source", ""),
            }
            for i, c in enumerate(d.get("counterparties", []))
        ],
    }


def values_of(d: Document) -> dict:
    """The record file's fields for `d`'s authors, signatories and counterparties
    (prefetched with `documents.selectors.parties_prefetch`), empty ones left out."""
    out: dict[str, Any] = {}
    co = [c.party.code for c in d.co_authors.all()]
    if co and d.author_party:
        out["author_parties"] = [d.author_party.code, *co]
    signed = []
    for s in d.signatories.all():
        row = {
            "party": s.party.code if s.party else None,
            "organization": s.organization.slug if s.organization else None,
            "agency": s.agency or None,
            "person": s.person.slug if s.person else None,
            "signer": s.signer or None,
            "date": day.isoformat() if (day := s.partial_date) else None,
            "source": s.source or None,
        }
        signed.append({k: v for k, v in row.items() if v is not None})
    if signed:
        out["signatories"] = signed
    sides = []
    for c in d.counterparties.all():
        row = {
            "organization": c.organization.slug if c.organization else None,
            "name": c.name or None,
            "source": c.source or None,
        }
        sides.append({k: v for k, v in row.items() if v is not None})
    if sides:
        out["counterparties"] = sides
    return out
