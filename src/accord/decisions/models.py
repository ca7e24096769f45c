"""What bodies did: actions on documents and items, referrals, decisions and positions."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord.bodies.models import Body
from accord.core.dates import PartialDate
from accord.core.models import Classification, PrecisionChoices, Sourced, partial_date
from accord.documents.models import Document
from accord.meetings.models import AgendaItem, Event, Meeting
from accord.registry.models import Organization, Party, Person


class Verb(models.TextChoices):
    """Accord's default verbs (`verbs.DEFAULT`), with their labels; an organization may
    declare its own (`VerbDefinition`)."""

    DRAFTED = "drafted", _("drafted")
    CONSIDERED = "considered", _("considered")
    HEARD = "heard", _("heard")
    APPROVED = "approved", _("approved")
    ENDORSED = "endorsed", _("endorsed")
    ADOPTED = "adopted", _("adopted")
    SIGNED = "signed", _("signed")
    TOOK_NOTE = "took-note", _("took note of")
    PRAISED = "praised", _("praised")
    SUBMITTED = "submitted", _("submitted")
    EXAMINED = "examined", _("examined")
    DEFERRED = "deferred", _("deferred")
    REJECTED = "rejected", _("rejected")
    # A referral closed without the target acting: withdrawn by those who made it, or
    # marked lapsed by the organization. Each names the referral's target (`to`).
    WITHDRAWN = "withdrawn", _("withdrawn")
    LAPSED = "lapsed", _("lapsed")
    NOMINATED = "nominated", _("nominated")
    RECOMMENDED = "recommended", _("recommended")
    WELCOMED = "welcomed", _("welcomed")
    CIRCULATED = "circulated", _("circulated")
    EXTENDED = "extended", _("extended")


class VerbTarget(models.TextChoices):
    """What an action's verb names besides its subject (`verbs.TARGETS`)."""

    NONE = "", _("nothing")
    BODY = "body", _("a body or an office")
    ORGANIZATION = "organization", _("an outside organization")


class VerbDefinition(models.Model):
    """One of the verbs an organization declares (`verbs.VerbSpec`); an organization
    that declares none has Accord's default set. `order` is the verb's place in a
    document's lifecycle."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="verbs")
    key = models.CharField(max_length=30)
    names = models.JSONField(default=dict, blank=True, help_text="language: past tense")
    status = models.CharField(max_length=40, blank=True)
    status_names = models.JSONField(
        default=dict, blank=True, help_text="language: the status's name (a status of its own)"
    )
    final = models.BooleanField(default=False)
    settles = models.BooleanField(default=False)
    closes = models.BooleanField(default=False)
    target = models.CharField(max_length=20, choices=VerbTarget.choices, blank=True)
    target_required = models.BooleanField(default=False)
    reference = models.BooleanField(default=False)
    reported = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["organization", "order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="verb_key_unique"),
        ]

    def __str__(self) -> str:
        return self.key


class Action(Sourced):
    """A body's act on a document, an agenda item or an event, at a meeting or not.

    `submitted` is a referral: it names `target_body` (and optionally the meeting), or
    an office (`target_post`), and stays pending for that body until the body acts on
    the same subject, or until a `withdrawn` or `lapsed` action on the subject names the
    same target.
    """

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    date = models.DateField()
    date_precision = models.CharField(
        max_length=5, choices=PrecisionChoices.choices, default=PrecisionChoices.DAY
    )
    # One of the organization's verbs (`selectors.verbs_of`), checked by the services.
    verb = models.CharField(max_length=30)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    target_body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    target_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    target_post = models.ForeignKey(
        "registry.Post",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
        help_text="for a referral to an office rather than a body",
    )
    target_organization = models.CharField(
        max_length=200, blank=True, help_text="an outside organization, e.g. a circulation's"
    )
    target_organization_names = models.JSONField(default=dict, blank=True)
    reference = models.CharField(
        max_length=100, blank=True, help_text="a reference number, e.g. a document symbol"
    )
    by_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    purpose = models.CharField(max_length=40, blank=True, help_text="for referrals: e.g. approval")
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.PUBLIC
    )

    class Meta:
        ordering = ["date", "body", "meeting", "position", "id"]
        indexes = [
            models.Index(fields=["target_body", "date"]),
            models.Index(fields=["document", "date"]),
            # The referrals an organization's bodies made (pending referrals, "My tasks"):
            # found by their bodies, not among every organization's referrals.
            models.Index(
                fields=["body"],
                condition=models.Q(target_body__isnull=False),
                name="decisions_action_referrals",
            ),
        ]

    def __str__(self) -> str:
        subject = self.document_id or self.agenda_item_id or self.event_id
        return f"{self.body} {self.verb} {subject} on {self.partial_date}"

    @property
    def partial_date(self) -> PartialDate:
        return partial_date(self.date, self.date_precision)  # type: ignore[return-value]

    def get_verb_display(self) -> str:
        """The verb's label in Accord's default set, else its key (an organization's own
        names: `publishing.labels.verb_label` with `selectors.verbs_of`)."""
        try:
            return str(Verb(self.verb).label)
        except ValueError:
            return self.verb


class DecisionOutcome(models.TextChoices):
    """A decision's outcome as recorded (`rules.Recorded`)."""

    ADOPTED = "adopted", _("adopted")
    NOT_ADOPTED = "not-adopted", _("not adopted")
    OPEN = "open", _("open")
    DEFERRED = "deferred", _("deferred")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Procedure(models.TextChoices):
    """How a decision was taken (`rules.Procedure`); blank: the body's decision rule."""

    CONSENSUS = "consensus", _("consensus")
    NO_OBJECTION = "no-objection", _("no objection")
    SILENCE = "silence", _("silence procedure")
    VOTE = "vote", _("vote")


class Decision(Sourced):
    """A draft decision put to a body at a meeting, with its outcome as recorded.

    Positions are optional; where recorded they agree with the outcome under the
    procedure (`rules.outcome_problems`). `date` is the day it was taken, within the
    meeting (blank: the meeting's last day, `services.decided_on`); positions are held
    by the parties taking decisions on that day. `order` is its place among the
    meeting's decisions. It is open (`is_open`) while its outcome is `open`.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=500)
    titles = models.JSONField(default=dict, blank=True)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    outcome = models.CharField(
        max_length=20, choices=DecisionOutcome.choices, default=DecisionOutcome.OPEN
    )
    procedure = models.CharField(max_length=20, choices=Procedure.choices, blank=True)
    votes_in_favour = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_abstaining = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True, help_text="blank: the meeting's last day")
    order = models.PositiveSmallIntegerField(default=0)
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.PUBLIC
    )

    class Meta:
        ordering = ["meeting", "order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "slug"], name="decision_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        """Positions may still be recorded: the outcome is not yet known."""
        return self.outcome == DecisionOutcome.OPEN


class Stance(models.TextChoices):
    CONCURS = "concurs", _("concurs")
    CONCURS_WITH_STATEMENT = "concurs-with-statement", _("concurs with a statement")
    OBJECTS = "objects", _("objects")
    ABSENT = "absent", _("absent")
    YES = "yes", _("votes in favour")
    NO = "no", _("votes against")
    ABSTAINS = "abstains", _("abstains")


class Position(Sourced):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="positions")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="positions")
    stance = models.CharField(max_length=30, choices=Stance.choices)
    statement = models.TextField(blank=True)

    class Meta:
        ordering = ["decision", "party__code"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "party"], name="position_unique"),
        ]


class EffectKind(models.TextChoices):
    """What a decision does to a record it names (`effects.Kind`)."""

    APPOINTS = "appoints", _("appoints")
    EXTENDS = "extends", _("extends")
    FIXES_CHAIR = "fixes-chair", _("fixes the chair")


class Effect(models.Model):
    """A record a decision decides: a person's term in a post it appoints, a chair term
    it fixes, or a term (in a post or in the chair) it extends, with the end the term
    had before (`previous_end`), so that "extended from X to Y" can be said. One
    decision may have several. The rules: `effects.problems`."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="effects")
    kind = models.CharField(max_length=20, choices=EffectKind.choices)
    holding = models.ForeignKey(
        "registry.PostHolding",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="decided_by",
    )
    chair_term = models.ForeignKey(
        "bodies.ChairTerm",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="decided_by",
    )
    previous_end = models.DateField(
        null=True, blank=True, help_text="an extension's: the end the term had before"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["decision", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(holding__isnull=False, chair_term__isnull=True)
                | Q(holding__isnull=True, chair_term__isnull=False),
                name="effect_names_one_record",
            ),
            models.CheckConstraint(
                condition=Q(kind="appoints", holding__isnull=False)
                | Q(kind="fixes-chair", chair_term__isnull=False)
                | Q(kind="extends", previous_end__isnull=False),
                name="effect_kind_fits_its_record",
            ),
            models.CheckConstraint(
                condition=Q(kind="extends") | Q(previous_end__isnull=True),
                name="effect_previous_end_only_of_an_extension",
            ),
            models.UniqueConstraint(
                fields=["decision", "kind", "holding"],
                condition=Q(holding__isnull=False),
                name="effect_on_a_holding_unique",
            ),
            models.UniqueConstraint(
                fields=["decision", "kind", "chair_term"],
                condition=Q(chair_term__isnull=False),
                name="effect_on_a_chair_term_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.kind} {self.holding_id or self.chair_term_id}"

    @property
    def decided_end(self) -> dt.date | None:
        """The end of the term as this decision set it: the end before the term's next
        extension where a later decision extended it (read as `next_extended_from`, see
        `decides.effects_prefetch`), else the term's end as recorded."""
        later = getattr(self, "next_extended_from", None)
        if later is not None:
            return later
        record = self.holding if self.holding_id is not None else self.chair_term
        return record.end if record is not None else None
