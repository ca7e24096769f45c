"""`accord synth`: a synthetic history of organizations, written as record files.

The history is made up but keeps every rule Accord enforces, so that it loads with
`accord load` and can be used to measure Accord at scale:

- each organization has a founding summit, founders, and a standing that changes
  over time (observers and dialogue partners admitted, observers becoming members,
  now and then a member leaving; in some organizations the two non-member statuses
  are merged into "partner" on a date);
- bodies form a hierarchy (heads of state; heads of government; foreign ministers;
  national coordinators; security council secretaries; a secretariat; and for each
  sector a ministers' meeting, a meeting of senior officials and an expert group),
  each with powers over document types;
- the presidency rotates from summit to summit in English alphabetical order of the
  members (now and then another member, by decision); the heads of government have
  their own chair terms, held by each meeting's host;
- numbered meetings (with gaps where history is "not recorded") and ad hoc ones,
  with participants, agendas, actions and decisions with each member's position;
- documents move through several bodies: drafted by an expert group, considered
  and referred by the senior officials, approved by the ministers, referred on and
  adopted (or deferred, after an objection) at a summit; declarations drafted by
  the secretariat go through the national coordinators and the foreign ministers;
- joint exercises and events with partner organizations; names, titles and texts
  in English, Russian and Chinese.

The same options give the same files, byte for byte. Files are written one
organization-year at a time, so memory does not grow with the length of the history.
Layout: `DIR/<organization>/organization.json` (the organization, its standing,
bodies, chair terms, posts and events) and `DIR/<organization>/<year>.json` (that
year's people, documents, meetings and actions). The files of one organization are
one record: load them together (`accord load DIR/*/*.json`).
"""

from accord.records.synthetic.common import Options, Summary, write_record
from accord.records.synthetic.organization import synthesize

__all__ = ["Options", "Summary", "synthesize", "write_record"]
