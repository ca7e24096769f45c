"""Backups of an installation (database and document files) and their restoring.

`create_backup(path)` writes one archive from a consistent snapshot while Accord keeps
serving and writing; `restore_backup(path)` restores it into an empty installation, on
the same database or the other (SQLite, PostgreSQL). See `accord.backup.service`.
"""

from accord.backup.archive import BackupError
from accord.backup.service import Summary, create_backup, restore_backup

__all__ = ["BackupError", "Summary", "create_backup", "restore_backup"]
