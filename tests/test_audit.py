"""The audit trail: every write attributed and chained; tampering is found."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accord.core.audit import acting, verify
from accord.core.models import AuditEntry
from accord.registry import selectors
from accord.registry import services as registry_services

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
            "sco", {"description": "Shanghai Cooperation Organisation (updated)"}
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
    registry_services.save_organization("sco", {"description": org.description})
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
            registry_services.save_person(f"batch-person-{n}", {"name": f"Person {n}"})
        audit.settle(at_least=5)  # fewer gathered: nothing appended yet
        assert AuditEntry.objects.count() == before
        audit.settle(at_least=3)
        assert AuditEntry.objects.count() == before + 3
        registry_services.save_person("batch-person-3", {"name": "Person 3"})
    assert AuditEntry.objects.count() == before + 4
    assert verify()[1] is None
