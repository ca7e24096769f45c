"""The audit trail: every write attributed and chained; tampering is found."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accord.core.audit import Break, acting, verify
from accord.core.models import AuditEntry
from accord.records.loader import load
from accord.registry import selectors
from accord.registry import services as registry_services
from accord.registry.inputs import OrganizationFields, PersonFields

pytestmark = pytest.mark.django_db


def test_loading_the_seed_left_an_intact_chain():
    count, broken = verify()
    assert broken is None
    assert count >= 495  # one entry per row written
    assert AuditEntry.objects.filter(actor="load").exists()


def test_a_write_is_attributed_with_before_and_after():
    org = selectors.organization("sco")
    with acting("user:officer", "req-42"):
        registry_services.save_organization(
            "sco", OrganizationFields(description="Shanghai Cooperation Organisation (updated)")
        )
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.actor, entry.request_id, entry.operation) == ("user:officer", "req-42", "update")
    assert (entry.model, entry.object_id) == ("registry.Organization", str(org.pk))
    assert entry.before == {"description": org.description}
    assert entry.after == {"description": "Shanghai Cooperation Organisation (updated)"}
    assert verify()[1] is None


def test_writing_the_same_thing_again_writes_no_entry():
    before = AuditEntry.objects.count()
    org = selectors.organization("sco")
    registry_services.save_organization("sco", OrganizationFields(description=org.description))
    assert AuditEntry.objects.count() == before


def verify_command() -> str:
    with pytest.raises(CommandError) as caught:
        call_command("audit", "verify", stdout=io.StringIO())
    return str(caught.value)


def test_an_altered_entry_is_named():
    target = AuditEntry.objects.order_by("seq")[10]
    AuditEntry.objects.filter(pk=target.pk).update(actor="someone-else")
    assert verify_command() == f"audit entry {target.seq} was altered after it was written"


def test_an_altered_change_is_named_even_with_its_hash_recomputed_alone():
    target = AuditEntry.objects.order_by("seq")[20]
    target.after = {"name": "forged"}
    from accord.core.audit import _digest

    target.hash = _digest(target.chained_fields())
    target.save()
    # The entry itself is consistent now, but the next one no longer follows it.
    assert verify_command() == (
        f"audit entry {target.seq + 1} does not follow the entry before it"
        " (removed, inserted or reordered)"
    )


def test_a_removed_entry_is_named():
    target = AuditEntry.objects.order_by("seq")[30]
    target.delete()
    assert verify_command() == (f"audit entry {target.seq} is missing (next is {target.seq + 1})")


def test_reordered_entries_are_named():
    first, second = AuditEntry.objects.order_by("seq")[40:42]
    AuditEntry.objects.filter(pk=first.pk).update(seq=10**12)
    AuditEntry.objects.filter(pk=second.pk).update(seq=first.seq)
    AuditEntry.objects.filter(pk=first.pk).update(seq=second.seq)
    assert verify_command().startswith(f"audit entry {first.seq} ")


def test_verify_reports_an_intact_trail():
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue().startswith("audit trail intact: ")


def test_a_long_batch_appends_its_entries_as_it_goes_and_keeps_the_chain():
    from django.db import transaction

    from accord.core import audit

    before = AuditEntry.objects.count()
    with transaction.atomic(), acting("cli:test"), audit.batched():
        for n in range(3):
            registry_services.save_person(f"batch-person-{n}", PersonFields(name=f"Person {n}"))
        audit.settle(at_least=5)  # fewer gathered: nothing appended yet
        assert AuditEntry.objects.count() == before
        audit.settle(at_least=3)
        assert AuditEntry.objects.count() == before + 3
        registry_services.save_person("batch-person-3", PersonFields(name="Person 3"))
    assert AuditEntry.objects.count() == before + 4
    assert verify()[1] is None


# --- the keyed chain ------------------------------------------------------------------
#
# Each entry's hash is an HMAC-SHA256 under the installation's audit key (kept outside
# the database): whoever changes an entry and computes every later hash again without
# that key makes a chain `accord audit verify` refuses at the changed entry.


def _canonical(fields: dict) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def plain_sha256(fields: dict) -> str:
    return hashlib.sha256(_canonical(fields)).hexdigest()


def hmac_under(key: bytes):
    return lambda fields: hmac.new(key, _canonical(fields), hashlib.sha256).hexdigest()


def forge(seq: int, digest) -> None:
    """Change entry `seq` and chain it and every later entry again with `digest`."""
    previous = AuditEntry.objects.get(seq=seq - 1).hash
    entries = list(AuditEntry.objects.filter(seq__gte=seq).order_by("seq"))
    entries[0].after = {"name": "forged"}
    for entry in entries:
        entry.previous_hash = previous
        entry.hash = previous = digest(entry.chained_fields())
    AuditEntry.objects.bulk_update(entries, ["after", "previous_hash", "hash"])


@pytest.mark.parametrize(
    "digest",
    [plain_sha256, hmac_under(b"not the installation's audit key, 32+ chars")],
    ids=["plain SHA-256", "HMAC under another key"],
)
def test_a_trail_chained_again_without_the_key_is_refused_at_the_changed_entry(digest):
    target = AuditEntry.objects.order_by("seq")[50]
    forge(target.seq, digest)
    assert verify_command() == f"audit entry {target.seq} was altered after it was written"


def test_the_trail_verifies_under_the_installation_key_only(settings):
    from accord.core import audit

    assert verify()[1] is None
    assert AuditEntry.objects.order_by("seq")[0].hash == hmac_under(audit.key())(
        AuditEntry.objects.order_by("seq")[0].chained_fields()
    )
    settings.ACCORD_AUDIT_KEY = "another audit key, long enough to be one"
    assert verify_command().startswith(
        "audit entry 1 was altered after it was written, or the trail was written under"
        " another audit key"
    )


def test_a_checkpoint_kept_elsewhere_finds_a_trail_chained_again_with_the_key(tmp_path, accord):
    from accord.core import audit

    kept = tmp_path / "checkpoints.jsonl"
    accord("audit", "checkpoint", "--output", str(kept))
    head = AuditEntry.objects.order_by("-seq").first()
    line = json.loads(kept.read_text().splitlines()[-1])
    assert (line["seq"], line["hash"]) == (head.seq, head.hash)
    assert "intact" in accord("audit", "verify", "--checkpoint", str(kept))
    with acting("user:officer"):
        registry_services.save_person("after-the-checkpoint", PersonFields(name="Later"))
    accord("audit", "checkpoint", "--output", str(kept))
    assert len(kept.read_text().splitlines()) == 2
    assert "intact" in accord("audit", "verify", "--checkpoint", str(kept))

    # Whoever holds the key can chain a changed trail again: `verify` passes, the
    # checkpoint does not.
    target = AuditEntry.objects.order_by("seq")[60]
    forge(target.seq, hmac_under(audit.key()))
    assert verify()[1] is None
    with pytest.raises(CommandError) as caught:
        call_command("audit", "verify", "--checkpoint", str(kept), stdout=io.StringIO())
    assert str(caught.value).startswith(
        f"audit entry {head.seq} is not the entry checkpointed at {line['at']}"
    )


def test_a_checkpoint_finds_the_newest_entries_removed(tmp_path, accord):
    kept = tmp_path / "checkpoints.jsonl"
    printed = json.loads(accord("audit", "checkpoint"))
    kept.write_text(json.dumps(printed) + "\n")
    AuditEntry.objects.filter(seq__gt=printed["seq"] - 3).delete()
    assert verify()[1] is None  # a shorter chain is still a chain
    with pytest.raises(CommandError) as caught:
        call_command("audit", "verify", "--checkpoint", str(kept), stdout=io.StringIO())
    assert str(caught.value) == (
        f"audit entry {printed['seq'] - 2} is missing: the trail ends at entry"
        f" {printed['seq'] - 3}, the checkpoint of {printed['at']} reaches entry {printed['seq']}"
    )


# --- verifying from an entry already verified ----------------------------------------


FOLLOWS = "does not follow the entry before it"


def _people_added(n: int) -> None:
    with acting("user:officer"):
        for i in range(n):
            registry_services.save_person(f"since-person-{i}", PersonFields(name=f"Later {i}"))


def test_verifying_since_an_entry_reads_that_entry_and_the_later_ones_only():
    from accord.core import audit

    full, broken = verify()
    assert broken is None
    known = audit.checkpoint()
    _people_added(3)
    assert verify(since=known) == (4, None)
    # The whole trail is still read without `since`.
    assert verify() == (full + 3, None)
    # From the empty trail: the whole trail.
    assert verify(since=audit.Checkpoint(0, audit.GENESIS)) == (full + 3, None)


@pytest.mark.parametrize("how", ["altered", "removed", "reordered"])
def test_a_tampered_entry_after_the_one_verified_is_found(how):
    from accord.core import audit

    known = audit.checkpoint()
    _people_added(4)
    first, second = AuditEntry.objects.filter(seq__gt=known.seq).order_by("seq")[1:3]
    if how == "altered":
        AuditEntry.objects.filter(pk=first.pk).update(actor="someone-else")
        expected = Break(first.seq, "was altered after it was written")
    elif how == "removed":
        first.delete()
        expected = Break(first.seq, f"is missing (next is {second.seq})")
    else:
        AuditEntry.objects.filter(pk=first.pk).update(seq=10**12)
        AuditEntry.objects.filter(pk=second.pk).update(seq=first.seq)
        AuditEntry.objects.filter(pk=first.pk).update(seq=second.seq)
        expected = Break(first.seq, f"{FOLLOWS} (removed, inserted or reordered)")
    assert verify(since=known)[1] == expected
    # The whole verify finds it the same.
    assert verify()[1] == expected


def test_the_entry_verified_must_be_there_with_its_hash():
    from accord.core import audit

    _people_added(2)
    known = audit.checkpoint()
    # Changed in place and given its hash again under the key: the hash it was known by
    # is gone, though the entry carries a valid hash of what it holds now.
    forge(known.seq, hmac_under(audit.key()))
    broken = verify(since=known)[1]
    assert broken is not None and broken.seq == known.seq
    assert broken.reason.startswith(f"is not the entry checkpointed at {known.at}")
    # Altered without the key.
    AuditEntry.objects.filter(seq=known.seq).update(actor="someone-else")
    assert verify(since=known)[1] == Break(known.seq, "was altered after it was written")
    # Removed with everything after it: the trail ends before it.
    AuditEntry.objects.filter(seq__gte=known.seq - 1).delete()
    assert verify(since=known)[1] == Break(
        known.seq - 1,
        f"is missing: the trail ends at entry {known.seq - 2}, the checkpoint of"
        f" {known.at} reaches entry {known.seq}",
    )


def test_an_entry_before_the_one_verified_is_left_to_the_whole_verify():
    from accord.core import audit

    known = audit.checkpoint()
    target = AuditEntry.objects.order_by("seq")[10]
    AuditEntry.objects.filter(pk=target.pk).update(actor="someone-else")
    assert verify(since=known) == (1, None)
    assert verify()[1] == Break(target.seq, "was altered after it was written")


def test_a_file_that_is_no_checkpoint_is_named(tmp_path):
    kept = tmp_path / "checkpoints.jsonl"
    kept.write_text('{"seq": 1, "hash": "00"}\nnot json\n')
    with pytest.raises(CommandError, match=r"checkpoints.jsonl line 1: not a checkpoint"):
        call_command("audit", "verify", "--checkpoint", str(kept), stdout=io.StringIO())


def test_a_short_audit_key_stops_accord(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from accord.config import settings as accord_settings

    monkeypatch.setenv("ACCORD_AUDIT_KEY", "too short")
    with pytest.raises(ImproperlyConfigured, match="ACCORD_AUDIT_KEY: expected at least 32"):
        accord_settings._audit_key()
    monkeypatch.setenv("ACCORD_AUDIT_KEY", "")
    assert accord_settings._audit_key() is None


def test_the_key_file_is_made_once_readable_by_its_owner_only(settings, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    from accord.core import audit

    settings.ACCORD_AUDIT_KEY = None
    settings.ACCORD_AUDIT_KEY_FILE = tmp_path / "keys" / "audit.key"
    # The trail holds entries: a key made now could not verify them.
    with pytest.raises(ImproperlyConfigured, match="the audit trail already holds entries"):
        audit.key()
    assert not settings.ACCORD_AUDIT_KEY_FILE.exists()
    AuditEntry.objects.all().delete()
    made = audit.key()
    assert len(made) >= 32
    assert settings.ACCORD_AUDIT_KEY_FILE.stat().st_mode & 0o777 == 0o600
    assert audit.key() == made
    settings.ACCORD_AUDIT_KEY_FILE.chmod(0o644)
    with pytest.raises(ImproperlyConfigured, match="readable by others"):
        audit.key()
    settings.ACCORD_AUDIT_KEY_FILE.chmod(0o600)
    settings.ACCORD_AUDIT_KEY_FILE.write_text("short\n")
    with pytest.raises(ImproperlyConfigured, match="expected at least 32 characters"):
        audit.key()


def _keying_migration():
    import importlib

    from django.apps import apps
    from django.db import connection

    class Editor:
        pass

    Editor.connection = connection
    module = importlib.import_module("accord.core.migrations.0003_keyed_audit_chain")
    return (lambda: module.keyed(apps, Editor)), (lambda: module.plain(apps, Editor))


def _chained_by(digest) -> bool:
    previous = "0" * 64
    for entry in AuditEntry.objects.order_by("seq"):
        if entry.previous_hash != previous or digest(entry.chained_fields()) != entry.hash:
            return False
        previous = entry.hash
    return True


def test_a_trail_chained_by_plain_sha256_is_chained_anew_under_the_key_when_migrating():
    keyed, plain = _keying_migration()
    plain()  # the trail as an older Accord wrote it
    assert _chained_by(plain_sha256)
    assert verify()[1] is not None
    keyed()
    assert verify()[1] is None


def test_a_plain_trail_that_does_not_verify_is_left_as_it_was_when_migrating():
    keyed, plain = _keying_migration()
    plain()
    target = AuditEntry.objects.order_by("seq")[70]
    AuditEntry.objects.filter(pk=target.pk).update(actor="someone-else")
    hashes = list(AuditEntry.objects.order_by("seq").values_list("hash", flat=True))
    with pytest.raises(RuntimeError, match=f"entry {target.seq} was altered after it was"):
        keyed()
    assert list(AuditEntry.objects.order_by("seq").values_list("hash", flat=True)) == hashes


@pytest.mark.django_db
def test_the_log_of_a_decision_or_an_agenda_item_named_in_four_words(tmp_path):
    record = Path(__file__).parent / "records" / "brics-national-security.yaml"
    load([record])

    def log(*words: str) -> list[dict]:
        out = io.StringIO()
        call_command("audit", "log", "--format", "json", "--object", *words, stdout=out)
        return json.loads(out.getvalue())

    decision = log("brics", "summit", "12", "counter-terrorism-strategy")
    assert decision and {e["model"] for e in decision} == {"decisions.Decision"}
    with pytest.raises(CommandError, match="this meeting has no decision or agenda item 'x'"):
        log("brics", "summit", "12", "x")
    with pytest.raises(CommandError, match="one to four words"):
        log("brics", "summit", "12", "x", "y")
