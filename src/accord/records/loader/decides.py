"""What a decision of a record file decides (`decides:`), as the domain's natural keys:

    decides:
      appoints: [{post: head-of-secretariat, person: a-person, from: "2019-01-01"}]
      fixes_chair: [{party: XA, from: "2018-06-11"}]        # body: for a body's chair
      extends: [{post: head-of-secretariat, from: "2020-12-04", previous_end: "2023-12-03"}]

An extension names the end the term had before it; its new end is the term's `to`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from accord.core.errors import DomainError
from accord.decisions.decides import Ref
from accord.decisions.effects import SECTIONS


def _day(value: Any, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DomainError.at(field, f"{value!r} is not a day (YYYY-MM-DD)") from None


def refs_from_record(decides: dict | None) -> list[Ref]:
    """The records a decision's `decides` names, in the order of its sections."""
    refs: list[Ref] = []
    for section, kind in SECTIONS.items():
        for i, e in enumerate((decides or {}).get(section, [])):
            where = f"decides.{section}[{i}]"
            if "from" not in e:
                raise DomainError.at(f"{where}.from", "the term's first day is needed")
            refs.append(
                Ref(
                    kind=kind,
                    start=_day(e["from"], f"{where}.from"),
                    post=e.get("post", ""),
                    person=e.get("person", ""),
                    party=e.get("party", ""),
                    body=e.get("body", ""),
                    previous_end=_day(e["previous_end"], f"{where}.previous_end")
                    if e.get("previous_end")
                    else None,
                    where=where,
                )
            )
    return refs
