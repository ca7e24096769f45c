"""`accord dump ORG`: the organization's record written back in the record format.

What `dump` writes, `load` reads back to the same record: load → dump → load is
lossless. Empty and default values are left out, so the file stays readable.
"""

from accord.records.dumper.core import dump
from accord.records.dumper.meetings import entries_by_key, entry_of, meeting_entry, meetings_of
from accord.records.dumper.registry import party_ids_of, people_of
from accord.records.dumper.values import as_yaml, stamped, version_of

__all__ = [
    "as_yaml",
    "dump",
    "entries_by_key",
    "entry_of",
    "meeting_entry",
    "meetings_of",
    "party_ids_of",
    "people_of",
    "stamped",
    "version_of",
]
