"""Bodies of an organization, what each may do, and who chairs them when."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accord.core.models import Named, Sourced, SpanQuerySet
from accord.registry.models import DecisionRule, Organization, Party


class ChairRule(models.TextChoices):
    PRESIDENCY = "presidency", _("the organization's presidency")
    OWN_TERMS = "own-terms", _("the body's own chair terms")
    HOST = "host", _("the host of each meeting")


class Body(Named, Sourced):
    """An organ of an organization; bodies form a hierarchy through `reports_to`."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="bodies")
    slug = models.SlugField(max_length=80)
    short_name = models.CharField(max_length=40, blank=True)
    reports_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="subordinates"
    )
    founded_on = models.DateField(null=True, blank=True)
    meets_since = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="first year of the meeting series"
    )
    chair_rule = models.CharField(
        max_length=20, choices=ChairRule.choices, default=ChairRule.PRESIDENCY
    )
    decision_rule = models.CharField(
        max_length=20,
        choices=DecisionRule.choices,
        blank=True,
        help_text="blank: the organization's",
    )
    function = models.TextField(blank=True)
    # What the body is, as a noun phrase with its article, by language ("a
    # coordinating-consultative mechanism for ..."): "It is ..." in a release.
    described_as = models.JSONField(default=dict, blank=True)
    rank = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["organization", "rank", "slug"]
        verbose_name_plural = "bodies"
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="body_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def effective_decision_rule(self) -> str:
        return self.decision_rule or self.organization.decision_rule


class Power(models.Model):
    """A body may take `verb` on documents of `document_type` (any subject when null)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="powers")
    verb = models.CharField(max_length=30)
    document_type = models.ForeignKey(
        "documents.DocumentType", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["body", "verb", "pk"]  # (pk: the record's order within a verb)
        constraints = [
            models.UniqueConstraint(fields=["body", "verb", "document_type"], name="power_unique"),
            models.UniqueConstraint(
                fields=["body", "verb"],
                condition=Q(document_type__isnull=True),
                name="power_any_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body_id} may {self.verb} {self.document_type_id or 'anything'}"


class RotationOrder(models.TextChoices):
    RUSSIAN_ALPHABETICAL = "russian-alphabetical", _("Russian alphabetical order of members")
    ENGLISH_ALPHABETICAL = "english-alphabetical", _("English alphabetical order of members")
    SEQUENCE = "sequence", _("a fixed sequence")


class RotationTerm(models.TextChoices):
    SUMMIT_TO_SUMMIT = "summit-to-summit", _("from one meeting of the handover body to the next")
    CALENDAR_YEAR = "calendar-year", _("a calendar year")


class RotationRule(models.Model):
    """How an organization's chairmanship is *proposed*; a recorded decision fixes it."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="rotation"
    )
    order = models.CharField(max_length=30, choices=RotationOrder.choices)
    sequence = models.JSONField(default=list, blank=True)
    term = models.CharField(max_length=30, choices=RotationTerm.choices)
    handover_body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.order}, {self.term}"


class TermBasis(models.TextChoices):
    DECISION = "decision", _("fixed by a decision")
    ROTATION = "rotation", _("as the rotation rule proposes")
    RECORD = "record", _("as recorded (basis unknown)")


class ChairTermQuerySet(SpanQuerySet["ChairTerm"]):
    """Chair terms: `.on(day)` those in force on a day."""


class ChairTerm(Sourced):
    """A party chairs the organization (body null) or one body, from `start` to `end`."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="chair_terms"
    )
    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.CASCADE, related_name="chair_terms"
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="chair_terms")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    basis = models.CharField(max_length=20, choices=TermBasis.choices, default=TermBasis.RECORD)
    decided_at = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ChairTermQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "body", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "body", "start"], name="chair_term_start_unique"
            ),
            models.UniqueConstraint(
                fields=["organization", "start"],
                condition=Q(body__isnull=True),
                name="presidency_start_unique",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="chair_term_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_id} chairs {self.body_id or self.organization_id} {self.start}.."
