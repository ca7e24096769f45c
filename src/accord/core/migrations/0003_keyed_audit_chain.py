# The audit trail's entries were chained by plain SHA-256; they are chained by
# HMAC-SHA256 under the installation's audit key from now on (accord.core.audit.key:
# ACCORD_AUDIT_KEY, else the key file, made here if need be). The trail is verified as
# it was before it is chained anew: a trail that does not verify is left as it was,
# and the migration stops, naming its first bad entry.

import hashlib
import hmac
import json

from django.db import migrations

GENESIS = "0" * 64
CHUNK = 2000


def _fields(entry, previous_hash):
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "request_id": entry.request_id,
        "operation": entry.operation,
        "model": entry.model,
        "object_id": entry.object_id,
        "before": entry.before,
        "after": entry.after,
        "previous_hash": previous_hash,
    }


def _canonical(fields):
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def _plain(fields):
    return hashlib.sha256(_canonical(fields)).hexdigest()


def _keyed(secret):
    return lambda fields: hmac.new(secret, _canonical(fields), hashlib.sha256).hexdigest()


def _chunks(rows):
    """The entries in order, CHUNK at a time."""
    after = 0
    while True:
        chunk = list(rows.filter(seq__gt=after).order_by("seq")[:CHUNK])
        if not chunk:
            return
        yield chunk
        after = chunk[-1].seq


def _check(rows, digest):
    previous, expected = GENESIS, 1
    for chunk in _chunks(rows):
        for entry in chunk:
            if entry.seq != expected or entry.previous_hash != previous:
                problem = f"entry {expected} is missing or out of place"
            elif digest(_fields(entry, entry.previous_hash)) != entry.hash:
                problem = f"entry {entry.seq} was altered after it was written"
            else:
                previous, expected = entry.hash, expected + 1
                continue
            raise RuntimeError(
                f"the audit trail does not verify ({problem}); it was left as it was."
                " Find what changed it, or restore a backup made before, then migrate again."
            )


def _rechain(apps, schema_editor, old, new):
    AuditEntry = apps.get_model("core", "AuditEntry")
    rows = AuditEntry.objects.using(schema_editor.connection.alias)
    if not rows.exists():
        return
    from accord.core import audit

    secret = audit.key(rechaining=True)
    old, new = old(secret), new(secret)
    _check(rows, old)
    previous = GENESIS
    for chunk in _chunks(rows):
        for entry in chunk:
            entry.previous_hash = previous
            entry.hash = previous = new(_fields(entry, previous))
        rows.bulk_update(chunk, ["previous_hash", "hash"])


def keyed(apps, schema_editor):
    _rechain(apps, schema_editor, lambda secret: _plain, _keyed)


def plain(apps, schema_editor):
    _rechain(apps, schema_editor, _keyed, lambda secret: _plain)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_btree_gist"),
    ]

    operations = [
        migrations.RunPython(keyed, plain, elidable=False),
    ]
