"""`accord load`: a record file (or several) into the database, in one transaction.

Every object goes through the domain services, so every rule that holds for the
CLI and the API holds here. A file is first checked against the schema; then each
entry is written inside a savepoint, and a refused entry is reported with the file,
its path inside the file and the reason. If anything was refused, the whole load
is rolled back: a bad file changes nothing. Loading the same files twice writes
nothing the second time; a changed file updates what changed.
"""

from accord.records.loader.base import LoadError
from accord.records.loader.core import Report, load

__all__ = ["LoadError", "Report", "load"]
