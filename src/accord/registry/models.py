"""Organizations, the parties that take part in them, and who held which status when."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accord.core.models import Named, Sourced, SpanQuerySet


class DecisionRule(models.TextChoices):
    CONSENSUS = "consensus", _("consensus")
    VOTE = "vote", _("vote")


class Organization(Named, Sourced):
    slug = models.SlugField(max_length=60, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    short_names = models.JSONField(default=dict, blank=True)
    # The short name as it stands inside a sentence, by language, when it differs
    # ("ASEAN" without an article); absent: the language's default ("the SCO").
    text_names = models.JSONField(default=dict, blank=True)
    founded_on = models.DateField(null=True, blank=True)
    official_languages = models.JSONField(default=list, blank=True)
    working_languages = models.JSONField(default=list, blank=True)
    decision_rule = models.CharField(
        max_length=20, choices=DecisionRule.choices, default=DecisionRule.CONSENSUS
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.short_name or self.name


class PartyKind(models.TextChoices):
    STATE = "state", _("state")
    ORGANIZATION = "organization", _("international organization")
    AGENCY = "agency", _("agency")


class Party(Named, Sourced):
    """A state (by ISO 3166 alpha-2 code), an international organization or an agency.

    Parties exist independently of organizations; an agency (the Russian Defence
    Ministry) is part of a state through `parent`.
    """

    code = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=20, choices=PartyKind.choices)
    # The name as it stands inside a sentence, by language, when it differs from the
    # name ("the Russian Federation", "the Philippines").
    text_names = models.JSONField(default=dict, blank=True)
    # The party as the side speaking in reported speech, by language ("the Indian
    # side", "индийская сторона", "印方"); absent: its name.
    side_names = models.JSONField(default=dict, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="parts"
    )

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return self.code


class MembershipStatus(Named):
    """A kind of standing in an organization (member, observer, partner ...), as data.

    Status types change over time: the SCO merged observers and dialogue partners
    into "partner" on 2025-09-01. `takes_decisions` marks the statuses whose holders
    take part in decisions (members).
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="statuses"
    )
    slug = models.SlugField(max_length=60)
    takes_decisions = models.BooleanField(default=False)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    rank = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["organization", "rank", "slug"]
        verbose_name_plural = "membership statuses"
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="status_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.slug


class MembershipQuerySet(SpanQuerySet["Membership"]):
    """Standings: `.on(day)` those in force on a day, `.deciding()` those whose status
    takes part in decisions (members, as opposed to observers or partners)."""

    def deciding(self) -> Self:
        return self.filter(status__takes_decisions=True)


class PostHoldingQuerySet(SpanQuerySet["PostHolding"]):
    """Terms in posts: `.on(day)` those in force on a day."""


class Membership(Sourced):
    """A party's status in an organization from `start` to `end` (inclusive; open if null)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="memberships")
    status = models.ForeignKey(MembershipStatus, on_delete=models.PROTECT, related_name="+")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "party__code", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "party", "start"], name="membership_start_unique"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="membership_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["organization", "start", "end"])]

    def __str__(self) -> str:
        return f"{self.party_id} {self.status_id} {self.start}..{self.end or ''}"


class Person(Named, Sourced):
    slug = models.SlugField(max_length=80, unique=True)
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="nationals"
    )

    class Meta:
        ordering = ["slug"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class Post(Named, Sourced):
    """An office: the SCO Secretary-General, Kyrgyzstan's Security Council Secretary.

    A post of an organization has `organization` (and may name its `body`). A national
    office (a head of state, a state's security council secretary) belongs to its state:
    `party` and no organization; it is global, shared by every organization whose
    record files name it (see `Declaration`)."""

    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="posts"
    )
    slug = models.SlugField(max_length=80)
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="posts"
    )
    body = models.ForeignKey(
        "bodies.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="posts"
    )

    class Meta:
        ordering = ["organization", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "slug"],
                condition=Q(organization__isnull=False),
                name="post_slug_unique",
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(organization__isnull=True),
                name="national_office_slug_unique",
            ),
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(party__isnull=False),
                name="post_of_an_organization_or_a_state",
            ),
        ]

    @property
    def national(self) -> bool:
        """Whether this is a national office (global, belonging to its state)."""
        return self.organization_id is None

    def __str__(self) -> str:
        return self.name


class PostHolding(Sourced):
    """A person in a post over an interval; terms may start in the future."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="holdings")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="holdings")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    appointed_on = models.DateField(null=True, blank=True)
    acting = models.BooleanField(default=False)

    objects = PostHoldingQuerySet.as_manager()

    class Meta:
        ordering = ["post", "start"]
        constraints = [
            models.UniqueConstraint(fields=["post", "start"], name="holding_start_unique"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="holding_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} as {self.post} {self.start}..{self.end or ''}"


class Declaration(models.Model):
    """That an organization's record files define a global record (a party, a person
    or a national office): `accord dump ORG` writes it back even while nothing of ORG
    refers to it.
    Written by `accord load`, never removed by it (another file of the organization may
    still define the record)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="declarations"
    )
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.CASCADE, related_name="declarations"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="declarations"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="declarations"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "party"],
                condition=Q(party__isnull=False),
                name="declaration_of_a_party_unique",
            ),
            models.UniqueConstraint(
                fields=["organization", "person"],
                condition=Q(person__isnull=False),
                name="declaration_of_a_person_unique",
            ),
            models.UniqueConstraint(
                fields=["organization", "post"],
                condition=Q(post__isnull=False),
                name="declaration_of_an_office_unique",
            ),
            models.CheckConstraint(
                condition=Q(party__isnull=True, person__isnull=False, post__isnull=True)
                | Q(party__isnull=False, person__isnull=True, post__isnull=True)
                | Q(party__isnull=True, person__isnull=True, post__isnull=False),
                name="declaration_of_one_global_record",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} declares {self.party or self.person or self.post}"


class PostRotationOrder(models.TextChoices):
    ALPHABETICAL = "alphabetical", _("alphabetical order of the members' names in a language")
    SEQUENCE = "sequence", _("a fixed sequence")


class PostRotation(models.Model):
    """A post of an organization that rotates among its members by turn: the order the
    turns follow (alphabetical in `language`, or `sequence`) and a turn's length in
    years (null: as long as its holders serve). A proposal only: the recorded holdings
    say who held each turn (see `accord.registry.rotation`)."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="rotation")
    order = models.CharField(max_length=20, choices=PostRotationOrder.choices)
    language = models.CharField(max_length=12, blank=True)
    sequence = models.JSONField(default=list, blank=True)
    term_years = models.PositiveSmallIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.post_id}: {self.order} {self.language}, {self.term_years or '-'} years"
