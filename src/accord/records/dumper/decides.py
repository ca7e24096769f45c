"""What a decision decides, written back as its record file's `decides:`
(`records.loader.decides`)."""

from __future__ import annotations

from accord.decisions.decides import refs_of
from accord.decisions.effects import SECTIONS
from accord.decisions.models import Decision


def decides_record(decision: Decision) -> dict | None:
    """The `decides:` of `decision` (its effects prefetched), or None."""
    out: dict[str, list[dict]] = {}
    for ref in refs_of(decision.effects.all()):
        entry = {
            "post": ref.post or None,
            "person": ref.person or None,
            "body": ref.body or None,
            "party": ref.party or None,
            "from": ref.start.isoformat(),
            "previous_end": ref.previous_end.isoformat() if ref.previous_end else None,
        }
        out.setdefault(ref.section, []).append({k: v for k, v in entry.items() if v})
    return {s: out[s] for s in SECTIONS if s in out} or None
