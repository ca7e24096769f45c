"""Meetings of bodies, who took part, their agenda, statements made; and other events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accord.bodies.models import Body
from accord.core.dates import PartialDate
from accord.core.models import Classification, Named, PrecisionChoices, Sourced, partial_date
from accord.registry.models import Organization, Party, Person


class Mode(models.TextChoices):
    IN_PERSON = "in-person", _("in person")
    VIDEO = "video", _("by video")
    HYBRID = "hybrid", _("hybrid")
    UNKNOWN = "unknown", _("unknown")


class Format(models.TextChoices):
    RESTRICTED = "restricted", _("restricted (members only)")
    EXTENDED = "extended", _("extended (with observers, partners, guests)")
    RESTRICTED_THEN_EXTENDED = "restricted-then-extended", _("restricted, then extended")
    UNKNOWN = "unknown", _("unknown")


class MeetingKind(models.TextChoices):
    """What kind of session a meeting is; a regular one may lack a known number."""

    REGULAR = "regular", _("regular")
    EXTRAORDINARY = "extraordinary", _("extraordinary")
    INFORMAL = "informal", _("informal")
    AD_HOC = "ad-hoc", _("ad hoc")


def kind_by_default(number: int | None) -> str:
    """The kind of a meeting whose record does not say it: a numbered meeting is
    regular, one without a number ad hoc (as records read before kinds were kept)."""
    return MeetingKind.REGULAR if number is not None else MeetingKind.AD_HOC


class PlanKind(models.TextChoices):
    """What a change of a meeting's plan did (`meetings.lifecycle.PlanChange`); a
    meeting's `status` is the kind of the latest."""

    ANNOUNCED = "announced", _("announced")
    SCHEDULED = "scheduled", _("scheduled")
    POSTPONED = "postponed", _("postponed")
    RESCHEDULED = "rescheduled", _("rescheduled")
    MOVED_ONLINE = "moved-online", _("moved online")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class Meeting(Sourced):
    """One session of a body. `number` is its place in the body's series (null: not
    known, or outside the series); `kind` says whether it is a regular session."""

    if TYPE_CHECKING:
        # Annotated where the record is read (accounts.visibility.meeting_record).
        prepares_visible: bool

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    slug = models.SlugField(max_length=80)
    number = models.PositiveIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=MeetingKind.choices, default=MeetingKind.REGULAR)
    title = models.CharField(max_length=300, blank=True)
    titles = models.JSONField(default=dict, blank=True)
    start = models.DateField()
    end = models.DateField()
    date_precision = models.CharField(
        max_length=5, choices=PrecisionChoices.choices, default=PrecisionChoices.DAY
    )
    city = models.CharField(max_length=120, blank=True)
    city_names = models.JSONField(default=dict, blank=True)
    country = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    venue = models.CharField(max_length=200, blank=True)
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    host = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chair = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="set only where the record names a chair other than the rule's",
    )
    chair_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chaired_meetings",
        help_text="the person who chaired, where the record names one",
    )
    co_chairs: models.ManyToManyField[Party, CoChair] = models.ManyToManyField(
        Party, through="CoChair", blank=True, related_name="+"
    )
    # The other bodies of a joint meeting (`body` convenes it and holds its number).
    joint_bodies: models.ManyToManyField[Body, JointBody] = models.ManyToManyField(
        Body, through="JointBody", blank=True, related_name="joint_meetings"
    )
    format = models.CharField(max_length=30, choices=Format.choices, default=Format.RESTRICTED)
    prepares = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="prepared_by"
    )
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.PUBLIC
    )
    outcome = models.TextField(blank=True)
    outcomes = models.JSONField(default=dict, blank=True)  # the outcome's translations
    status = models.CharField(
        max_length=20,
        choices=PlanKind.choices,
        blank=True,
        help_text="the kind of the latest change of its plan (blank: no plan history)",
    )

    class Meta:
        ordering = ["body", "start", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "slug"], name="meeting_slug_unique"),
            models.UniqueConstraint(
                fields=["body", "number"],
                condition=Q(number__isnull=False),
                name="meeting_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="meeting_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["start"])]

    def __str__(self) -> str:
        label = f"{self.number}" if self.number else self.slug
        return f"{self.body} {label} ({self.partial_date})"

    @property
    def ref(self) -> str:
        """How URLs name the meeting: its number, or its id when it is outside the
        numbered series."""
        return str(self.number) if self.number else self.slug

    @property
    def partial_date(self) -> PartialDate:
        return partial_date(self.start, self.date_precision)  # type: ignore[return-value]


class CoChair(models.Model):
    """A party that co-chaired a meeting, with the person who co-chaired for it where the
    record names one. A co-chair holds a standing in the organization on the meeting
    date or is the meeting's host (`rules.co_chair_problem`)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="co_chair_rows")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="co_chaired"
    )

    class Meta:
        db_table = "meetings_meeting_co_chairs"  # the table of the former plain link
        ordering = ["meeting", "party__code"]
        unique_together = [("meeting", "party")]

    def __str__(self) -> str:
        return f"{self.party_id} co-chairing {self.meeting_id}"


class JointBody(models.Model):
    """Another body of the same organization that a meeting belongs to (a joint
    meeting), in the order the record names them, with the meeting's number in that
    body's own series where it has one (`meetings.joint`)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="joint_rows")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="joint_rows")
    number = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "body"], name="joint_body_once"),
            models.UniqueConstraint(
                fields=["body", "number"],
                condition=Q(number__isnull=False),
                name="joint_body_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body_id} joining {self.meeting_id}"


def co_chair_rows() -> models.Prefetch:
    """Prefetch a meeting's co-chairs with their parties and persons (`chair_of` reads
    them from here), in one query for any number of meetings."""
    return models.Prefetch(
        "co_chair_rows", queryset=CoChair.objects.select_related("party", "person")
    )


class Role(models.TextChoices):
    DELEGATION = "delegation", _("member delegation")
    OBSERVER = "observer", _("observer delegation")
    SECRETARIAT = "secretariat", _("secretariat")
    BODY_OFFICIAL = "official", _("official of a body")
    GUEST = "guest", _("guest")
    HOST = "host", _("host")


class Attendance(models.TextChoices):
    PRESENT = "present", _("present")
    ABSENT = "absent", _("absent")
    VIDEO = "video", _("by video")
    MESSAGE = "message", _("by message")
    REPRESENTED = "represented", _("represented at another level")


class AbsenceReason(models.TextChoices):
    BOYCOTT = "boycott", _("boycott")
    DECLINED = "declined", _("declined")
    NOT_INVITED = "not-invited", _("not invited")
    SUSPENDED = "suspended", _("suspended")


class Level(models.TextChoices):
    LOWER = "lower", _("at a lower level than usual")
    HIGHER = "higher", _("at a higher level than usual")


class TimingReason(models.TextChoices):
    PROTEST = "protest", _("in protest")
    OTHER = "other", _("other reason")


# A participant's attendance facts, by field: written and kept together by every way in.
ATTENDANCE_FIELDS = (
    "attendance",
    "absence_reason",
    "level",
    "level_text",
    "level_names",
    "joined_at_item",
    "joined_at_time",
    "left_at_item",
    "left_at_time",
    "timing_reason",
)


class Participation(Sourced):
    """One participant of a meeting and how it attended (`rules.attendance_problems`
    says which attendance facts go together)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    position = models.PositiveSmallIntegerField(default=0)
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="participations"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.DELEGATION)
    head_of_delegation = models.BooleanField(default=False)
    post_title = models.CharField(max_length=300, blank=True)
    post_names = models.JSONField(default=dict, blank=True)  # the post's translations
    attendance = models.CharField(
        max_length=20, choices=Attendance.choices, default=Attendance.PRESENT
    )
    absence_reason = models.CharField(max_length=20, choices=AbsenceReason.choices, blank=True)
    level = models.CharField(max_length=10, choices=Level.choices, blank=True)
    level_text = models.CharField(
        max_length=300, blank=True, help_text="the level or post it was represented at"
    )
    level_names = models.JSONField(default=dict, blank=True)  # the level's translations
    joined_at_item = models.ForeignKey(
        "AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    joined_at_time = models.TimeField(null=True, blank=True)
    left_at_item = models.ForeignKey(
        "AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    left_at_time = models.TimeField(null=True, blank=True)
    timing_reason = models.CharField(max_length=20, choices=TimingReason.choices, blank=True)

    class Meta:
        ordering = ["meeting", "position"]

    @property
    def joined_late(self) -> bool:
        return self.joined_at_item_id is not None or self.joined_at_time is not None

    @property
    def left_early(self) -> bool:
        return self.left_at_item_id is not None or self.left_at_time is not None


class Topic(Named):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="topics")
    slug = models.SlugField(max_length=80)

    class Meta:
        ordering = ["organization", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="topic_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.slug


class ItemKind(models.TextChoices):
    DISCUSSION = "discussion", _("exchange of views")
    REPORT = "report", _("report")
    BRIEFING = "briefing", _("briefing")
    DECISION = "decision", _("decision")


class AgendaItem(Sourced):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=500)
    titles = models.JSONField(default=dict, blank=True)
    kind = models.CharField(max_length=20, choices=ItemKind.choices, default=ItemKind.DISCUSSION)
    topics = models.ManyToManyField(Topic, blank=True, related_name="agenda_items")
    emphasis = models.BooleanField(default=False, help_text="particular attention was paid")
    events: models.ManyToManyField[Event, Any] = models.ManyToManyField(
        "Event", blank=True, related_name="agenda_items"
    )
    session = models.ForeignKey(
        "Session",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
        help_text="the session of the meeting it was taken up in",
    )
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.PUBLIC
    )

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "slug"], name="agenda_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class SessionKind(models.TextChoices):
    RESTRICTED = "restricted", _("restricted session")
    EXTENDED = "extended", _("extended session")
    OUTREACH = "outreach", _("outreach session (with non-members)")
    RETREAT = "retreat", _("retreat")
    OPENING = "opening", _("opening session")
    CLOSING = "closing", _("closing session")
    PLENARY = "plenary", _("plenary session")
    OTHER = "other", _("session")


class Session(Sourced):
    """A sitting of a meeting on one of its days, with its own venue and mode where they
    differ from the meeting's, who of the meeting's participants attended it
    (`attendees`: every session participant is a meeting participant), and the agenda
    items taken up in it (`AgendaItem.session`). `meetings.sessions` writes them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    position = models.PositiveSmallIntegerField(default=0)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=20, choices=SessionKind.choices, default=SessionKind.OTHER)
    title = models.CharField(max_length=300, blank=True)
    titles = models.JSONField(default=dict, blank=True)
    date = models.DateField()
    venue = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=120, blank=True)
    city_names = models.JSONField(default=dict, blank=True)
    mode = models.CharField(
        max_length=20, choices=Mode.choices, blank=True, help_text="blank: as the meeting's"
    )
    attendees = models.ManyToManyField(Participation, blank=True, related_name="sessions")

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "slug"], name="session_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.slug


def session_rows() -> models.Prefetch:
    """Prefetch a meeting's sessions in order with their attendees (their parties and
    persons): two queries for any number of meetings and sessions."""
    attendees = Participation.objects.select_related("party", "person").order_by("position")
    return models.Prefetch(
        "sessions",
        queryset=Session.objects.order_by("position").prefetch_related(
            models.Prefetch("attendees", queryset=attendees)
        ),
    )


class StatementKind(models.TextChoices):
    STATEMENT = "statement", _("statement")
    PROTEST = "protest", _("protest")
    RESERVATION = "reservation", _("reservation")
    INTERPRETATIVE = "interpretative", _("interpretative statement")
    EXPLANATION_OF_VOTE = "explanation-of-vote", _("explanation of vote")
    ADDRESS = "address", _("address")


class Statement(Sourced):
    """Words attributed to a person or a party (or a person speaking for a party), at or
    after a meeting; `verbatim` tells a quotation from reported speech."""

    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="statements"
    )
    position = models.PositiveSmallIntegerField(default=0)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    kind = models.CharField(
        max_length=30, choices=StatementKind.choices, default=StatementKind.STATEMENT
    )
    verbatim = models.BooleanField(
        default=True, help_text="the words as spoken (a quotation), not reported speech"
    )
    date = models.DateField(null=True, blank=True)
    after_meeting = models.BooleanField(default=False)
    text = models.TextField()
    texts = models.JSONField(default=dict, blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(party__isnull=False),
                name="statement_has_a_speaker",
            ),
        ]


class EventKind(models.TextChoices):
    EXERCISE = "exercise", _("joint exercise")
    JOINT_EVENT = "joint-event", _("joint event with an international organization")
    OTHER = "other", _("other event")


class Event(Named, Sourced):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="events")
    slug = models.SlugField(max_length=120)
    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.OTHER)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=PrecisionChoices.choices, default=PrecisionChoices.DAY
    )
    place = models.CharField(max_length=200, blank=True)
    place_names = models.JSONField(default=dict, blank=True)
    city = models.CharField(max_length=120, blank=True)
    city_names = models.JSONField(default=dict, blank=True)
    country = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organiser = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="organised_events"
    )
    host_body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="hosted_events"
    )

    class Meta:
        ordering = ["organization", "start", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="event_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def partial_date(self) -> PartialDate | None:
        return partial_date(self.start, self.date_precision)


class EventRole(models.TextChoices):
    PARTICIPANT = "participant", _("participant")
    PARTNER = "partner", _("partner organization")
    CO_ORGANISER = "co-organiser", _("co-organiser")


class EventParticipation(Sourced):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="event_participations")
    role = models.CharField(max_length=20, choices=EventRole.choices, default=EventRole.PARTICIPANT)
    first_participation = models.BooleanField(default=False)
    detail = models.CharField(max_length=200, blank=True, help_text="e.g. 'armed forces'")
    detail_names = models.JSONField(default=dict, blank=True)  # the detail's translations

    class Meta:
        ordering = ["event", "party__code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "party"], name="event_party_unique"),
        ]


# A meeting's plan over time, in its own module; imported here so that Django finds it.
from accord.meetings.lifecycle import PlanChange  # noqa: E402, F401
