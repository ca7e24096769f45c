"""A meeting's plan over time: each change of it (announced, scheduled, postponed,
rescheduled, moved online, held, cancelled), dated by the day it became known and
sourced, with the plan it set. The meeting's own fields are the latest plan (or what
was held); its changes keep the original plan and every later one
(`meetings.plan_rules` folds them into the plan in force on a day)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from accord.core.dates import PartialDate
from accord.core.models import PrecisionChoices, Sourced, partial_date
from accord.meetings.models import Meeting, Mode, PlanKind
from accord.registry.models import Party


class PlanChange(Sourced):
    """One change of a meeting's plan, known from `known_on` (to its precision;
    `known_by` is the last day it covers: the change is surely known from then). The
    plan it sets, where it sets one: its dates, its place (city, country), its mode;
    blank fields keep the plan before it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="plan_changes")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=PlanKind.choices)
    known_on = models.DateField()
    known_precision = models.CharField(
        max_length=5, choices=PrecisionChoices.choices, default=PrecisionChoices.DAY
    )
    known_by = models.DateField(help_text="the last day of known_on")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=PrecisionChoices.choices, default=PrecisionChoices.DAY
    )
    city = models.CharField(max_length=120, blank=True)
    city_names = models.JSONField(default=dict, blank=True)
    country = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mode = models.CharField(max_length=20, choices=Mode.choices, blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="plan_change_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="plan_change_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "known_by"])]

    def __str__(self) -> str:
        return f"{self.kind} ({self.known_on}) of meeting {self.meeting_id}"

    @property
    def known(self) -> PartialDate:
        found = partial_date(self.known_on, self.known_precision)
        if found is None:  # never: known_on is required
            raise ValueError("a change of plan has no known_on")
        return found

    @property
    def partial_date(self) -> PartialDate | None:
        return partial_date(self.start, self.date_precision)
