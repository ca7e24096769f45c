"""Writing in a batch (as `accord load` does): what is filed under a row the batch
created is not looked for in the database, and the result is the same as without."""

from __future__ import annotations

from django.db import transaction

from accord.core import audit, identity, persist
from accord.documents import services as documents
from accord.documents.inputs import DocumentFields
from accord.documents.models import DocumentVersion
from accord.implementation import services as implementation
from accord.implementation.inputs import MeasureFields
from accord.implementation.models import Measure
from accord.meetings.models import AgendaItem, Topic
from tests.services.build import D, World, hold

V1 = {"number": 1, "language": "en", "text": "first"}
V2 = {"number": 2, "language": "en", "text": "second"}


def new_plan(world: World, slug: str):
    return documents.save_document(
        world.org, slug, DocumentFields(type=world.plan_type, title=slug)
    )


def test_rows_under_a_row_just_created_are_written_without_looking(
    world, django_assert_num_queries
):
    with transaction.atomic(), audit.batched(), identity.batch():
        plan = new_plan(world, "batch-plan")
        # one insert of both versions, nothing read first (audit entries go at the end)
        with django_assert_num_queries(1):
            documents.set_versions(plan, [V1, V2])
    assert list(plan.versions.values_list("number", flat=True)) == [1, 2]


def test_a_second_write_under_the_same_row_looks_again(world):
    with transaction.atomic(), identity.batch():
        plan = new_plan(world, "batch-plan")
        documents.set_versions(plan, [V1])
        assert not identity.nothing_under(DocumentVersion, {"document": plan})
        documents.set_versions(plan, [V1, V2])  # v1 is found, not inserted twice
        documents.set_versions(plan, [V2])  # and v1 goes
    assert list(plan.versions.values_list("number", flat=True)) == [2]


def test_rows_of_an_existing_row_are_looked_for_in_a_batch_too(world):
    documents.set_versions(world.plan, [V1])
    with transaction.atomic(), identity.batch():
        assert not identity.nothing_under(DocumentVersion, {"document": world.plan})
        documents.set_versions(world.plan, [V2])
    assert list(world.plan.versions.values_list("number", flat=True)) == [2]


def test_outside_a_batch_every_look_up_is_made(world, django_assert_num_queries):
    with transaction.atomic(), audit.batched():
        plan = new_plan(world, "plain-plan")
        assert not identity.nothing_under(DocumentVersion, {"document": plan})
        with django_assert_num_queries(2):  # the look-up, then the insert
            documents.set_versions(plan, [V1])


def test_pruning_under_a_new_row_keeps_what_was_written_and_removes_the_rest(world):
    responsible = {"text": "do it", "responsible_body": world.council}
    with transaction.atomic(), identity.batch():
        plan = new_plan(world, "batch-plan")
        first = implementation.save_measure(plan, "m1", MeasureFields(**responsible))
        second = implementation.save_measure(plan, "m2", MeasureFields(**responsible))
        assert persist.prune_under(Measure, {"document": plan}, [first.pk, second.pk]) == 0
        assert persist.prune_under(Measure, {"document": plan}, [first.pk]) == 1
    assert list(plan.measures.values_list("slug", flat=True)) == ["m1"]


def test_a_row_filed_under_a_new_row_is_found_in_memory_and_kept_up_to_date(
    world, django_assert_num_queries
):
    responsible = {"text": "do it", "responsible_body": world.council}
    with transaction.atomic(), audit.batched(), identity.batch():
        plan = new_plan(world, "batch-plan")
        first = implementation.save_measure(plan, "m1", MeasureFields(**responsible))
        implementation.save_measure(plan, "m2", MeasureFields(**responsible))
        # Found among the batch's rows (no look-up), then changed: only the update.
        with django_assert_num_queries(1):
            again = implementation.save_measure(
                plan, "m1", MeasureFields(**{**responsible, "text": "do more"})
            )
        assert again is first and first.text == "do more"
        # A copy read from the database and changed keeps the batch's copy current.
        copy = Measure.objects.get(pk=first.pk)
        persist.upsert(Measure, {}, {"text": "do it all"}, instance=copy)
        assert first.text == "do it all"
        key = {"document": plan, "slug": "m1"}
        assert persist.upsert(Measure, key, {"text": "do it all"})[1] == "unchanged"
        # A deleted row is no longer found: writing it again creates it again.
        persist.delete(Measure.objects.filter(pk=first.pk))
        _, outcome = persist.upsert(Measure, key, responsible)
        assert outcome == "created"
    assert sorted(plan.measures.values_list("slug", "text")) == [
        ("m1", "do it"),
        ("m2", "do it"),
    ]


def test_a_row_renamed_in_the_batch_is_found_by_its_new_key_only(world):
    responsible = {"text": "do it", "responsible_body": world.council}
    with transaction.atomic(), identity.batch():
        plan = new_plan(world, "batch-plan")
        first = implementation.save_measure(plan, "m1", MeasureFields(**responsible))
        assert persist.upsert(Measure, {"document": plan, "slug": "m1"}, responsible)[0] is first
        persist.upsert(Measure, {}, {"slug": "m1-renamed"}, instance=first)
        renamed = {"document": plan, "slug": "m1-renamed"}
        assert persist.upsert(Measure, renamed, responsible) == (first, "unchanged")
        _, outcome = persist.upsert(Measure, {"document": plan, "slug": "m1"}, responsible)
        assert outcome == "created"
    assert sorted(plan.measures.values_list("slug", flat=True)) == ["m1", "m1-renamed"]


def test_an_answer_is_kept_in_a_batch_until_the_rows_it_read_are_written(world):
    from accord.registry import selectors as registry
    from accord.registry import services as registry_services
    from accord.registry.models import Membership

    day = D(2030, 1, 1)
    asked = []

    def members() -> set[str]:
        asked.append(day)
        return registry.decision_takers_on(world.org, day)

    with transaction.atomic(), identity.batch():
        first = identity.remembered(("members", day), (Membership,), members)
        assert identity.remembered(("members", day), (Membership,), members) == first
        assert len(asked) == 1  # asked once
        # A new member: the answer read from the memberships is asked again.
        registry_services.save_membership(
            world.org, registry_services.ensure_state("NZ"), world.member, D(2029, 1, 1), None
        )
        again = identity.remembered(("members", day), (Membership,), members)
        assert len(asked) == 2 and again == first | {"NZ"}
        # A savepoint rolled back: the batch forgets all it knew.
        identity.forget()
        identity.remembered(("members", day), (Membership,), members)
        assert len(asked) == 3
    # Outside a batch, asked every time.
    identity.remembered(("members", day), (Membership,), members)
    identity.remembered(("members", day), (Membership,), members)
    assert len(asked) == 5


def test_a_guard_is_shown_the_links_a_change_of_many_rows_would_make(world):
    """`set_links` asks the guard with the linked rows named (slugs), before and after."""
    meeting = hold(world.council, "guarded-links", D(2024, 5, 1))
    item = AgendaItem.objects.create(meeting=meeting, position=1, slug="item-1", title="Item")
    water, energy = (
        Topic.objects.create(organization=world.org, slug=slug, name=slug)
        for slug in ("water", "energy")
    )
    persist.set_links([item], "topics", [[water]], created=[item.pk])
    asked: list[tuple[object, object]] = []
    with persist.guarded(lambda row, changes: asked.append((row, changes))):
        persist.set_links([item], "topics", [[water, energy]])
    assert asked == [(item, {"topics": (["water"], ["energy", "water"])})]
    assert sorted(t.slug for t in item.topics.all()) == ["energy", "water"]
