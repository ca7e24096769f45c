"""The forms of the meeting record: the meeting itself, and one formset each for its
participants, agenda items, actions and decisions. They parse what was typed; every
rule is the services' (`accord.meetings.services`, `accord.decisions.services`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.dates import PartialDate, range_problem
from accord.core.models import Classification
from accord.decisions.models import DecisionOutcome, Procedure, Verb
from accord.meetings.models import (
    AbsenceReason,
    Attendance,
    Format,
    ItemKind,
    Level,
    MeetingKind,
    Mode,
    Role,
    SessionKind,
    TimingReason,
)
from accord.web.recording import widgets
from accord.web.recording.common import RecordForm
from accord.web.recording.decides import DecidesField, decides_problem

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PARTIAL_DATE_HELP = _("YYYY-MM-DD, or YYYY-MM or YYYY where only that much is known.")
BAD_DATE = _("Enter a date such as 2019-05-15, 2019-04 or 2004.")
CODE_HELP = _("A party's code, such as KG.")


def _text(
    label: StrOrPromise,
    *,
    required: bool = False,
    max_length: int | None = None,
    date: str | None = None,
    **attrs: Any,
) -> forms.CharField:
    """A text field; `date` ("partial" or "full") marks it for the date picker (dates.js)."""
    if date is not None:
        attrs["data-date"] = date
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=widgets.TextInput(attrs=attrs),
    )


def _party(label: StrOrPromise, help_text: StrOrPromise = CODE_HELP) -> forms.CharField:
    field = _text(label, max_length=20, list="parties", size=8, autocomplete="off")
    field.help_text = help_text
    return field


def parse_partial(value: str, *, required: bool) -> str:
    """`value` if it reads as a date of some precision ('' when blank and allowed)."""
    value = (value or "").strip()
    if not value:
        if required:
            raise forms.ValidationError(forms.Field.default_error_messages["required"])
        return ""
    try:
        found = PartialDate.read(value)
    except ValueError:
        raise forms.ValidationError(BAD_DATE) from None
    if problem := range_problem(found):
        raise forms.ValidationError(problem)
    return value


class MeetingForm(RecordForm):
    """The meeting's own fields. `number` and `slug` only when it is new."""

    problem_fields = {"date.to": "end", "id": "slug", "date": "date"}

    number = forms.IntegerField(
        widget=widgets.NumberInput, label=_("Number in the series"), min_value=1, required=False
    )
    slug = forms.SlugField(
        label=pgettext_lazy("identifier", "Id"),
        widget=widgets.TextInput,
        required=False,
        max_length=80,
        help_text=_("Needed only for a meeting outside the numbered series."),
    )
    kind = forms.ChoiceField(
        widget=widgets.Select,
        label=_("Kind of meeting"),
        choices=[("", _("as its number says")), *MeetingKind.choices],
        required=False,
        help_text=_("Left blank: regular when numbered, ad hoc when not."),
    )
    joint_bodies = _text(_("Joint meeting with"), max_length=400, size=24)
    title = _text(_("Title"), max_length=300)
    date = _text(_("Date"), required=True, size=12, date="partial")
    end = _text(_("Last day"), size=12, date="partial")
    city = _text(_("City"), max_length=120)
    country = _party(_("Country"))
    venue = _text(_("Venue"), max_length=200)
    mode = forms.ChoiceField(
        widget=widgets.Select, label=_("Mode"), choices=Mode.choices, initial=Mode.IN_PERSON
    )
    host = _party(_("Host"))
    chair = _party(
        _("Chair"), _("Only where the record names a chair other than the rule's (a code).")
    )
    chair_person = _text(_("Chaired by"), max_length=80, size=14, list="people", autocomplete="off")
    co_chairs = _text(_("Co-chairs"), max_length=400, size=16)
    format = forms.ChoiceField(
        widget=widgets.Select, label=_("Format"), choices=Format.choices, initial=Format.RESTRICTED
    )
    classification = forms.ChoiceField(
        widget=widgets.Select,
        label=_("Classification"),
        choices=Classification.choices,
        initial=Classification.PUBLIC,
    )
    outcome = forms.CharField(
        label=pgettext_lazy("of a meeting", "Outcome"),
        required=False,
        widget=widgets.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, new: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].help_text = PARTIAL_DATE_HELP
        self.fields["end"].help_text = _("For a meeting of more than one day.")
        self.fields["co_chairs"].help_text = _(
            "Parties chairing together with the chair: their codes, separated by spaces;"
            " code:person names the person who co-chaired for the party."
        )
        self.fields["chair_person"].help_text = _("The person who chaired (a person's id).")
        self.fields["joint_bodies"].help_text = _(
            "Other bodies of the organization this meeting belongs to: their ids, separated"
            " by spaces; id:number gives its number in that body's series."
        )
        if not new:
            del self.fields["number"]
            del self.fields["slug"]

    def clean_date(self) -> str:
        return parse_partial(self.cleaned_data.get("date", ""), required=True)

    def clean_end(self) -> str:
        return parse_partial(self.cleaned_data.get("end", ""), required=False)

    def clean_joint_bodies(self) -> list[tuple[str, int | None]]:
        """Each body named, with the number given after a colon (None: none)."""
        found: list[tuple[str, int | None]] = []
        for given in self.cleaned_data.get("joint_bodies", "").replace(",", " ").split():
            slug, _sep, number = given.partition(":")
            if number and not (number.isdigit() and int(number) >= 1):
                raise forms.ValidationError(
                    _("%(given)s: a number in a series is a whole number from 1.")
                    % {"given": given}
                )
            found.append((slug, int(number) if number else None))
        return found

    def clean_co_chairs(self) -> list[str]:
        codes = self.cleaned_data.get("co_chairs", "").replace(",", " ").split()
        return list(dict.fromkeys(codes))


class RowForm(RecordForm):
    """A row of one of the record's formsets (`Rows`), which gives it its place."""

    index: int = 0
    # Fields shown inside another field's cell rather than in a column of their own:
    # by the field whose cell holds them, each with the value of that field it is
    # relevant for (the page's script shows it then only; "-x": any value but x).
    grouped: Mapping[str, Sequence[tuple[str, str]]] = {}
    # Fields folded under another field's cell (a disclosure, open when they hold
    # something): by that field, the disclosure's label, its relevance, its fields.
    folded: Mapping[str, tuple[StrOrPromise, str, Sequence[str]]] = {}
    # The fields of `folded` whose disclosure is too wide for a column: it takes a line
    # of its own under the row, across the table's width.
    wide: frozenset[str] = frozenset()
    # Fields too wide for a column (who attended a session): each on a line of its own
    # under the row, across the table's width, with its label.
    below: Sequence[str] = ()

    def columns(self) -> list[Column]:
        """The row's visible fields by column, each with the fields its cell holds too."""
        inside = {name for group in self.grouped.values() for name, _when in group}
        inside |= {name for _label, _when, names in self.folded.values() for name in names}
        inside |= set(self.below)
        found = []
        for f in self.visible_fields():
            if f.name in inside:
                continue
            label, when, names = self.folded.get(f.name, ("", "", ()))
            fold = [self[name] for name in names]
            found.append(
                Column(
                    field=f,
                    inner=[(self[name], w) for name, w in self.grouped.get(f.name, ())],
                    fold_label=str(label),
                    fold_when=when,
                    fold=fold,
                    fold_open=any(b.value() or b.errors for b in fold),
                    fold_wide=f.name in self.wide,
                    fold_quiet=len(fold) == 1 and str(fold[0].label) == str(label),
                )
            )
        return found

    def lines(self) -> list[forms.BoundField]:
        """The fields shown on a line of their own under the row (`below`)."""
        return [self[name] for name in self.below]


@dataclass
class Column:
    """One column of a row: its field, the fields shown with it, and those folded."""

    field: forms.BoundField
    inner: list[tuple[forms.BoundField, str]]
    fold_label: str
    fold_when: str
    fold: list[forms.BoundField]
    fold_open: bool
    fold_wide: bool = False
    fold_quiet: bool = False  # its one folded field's label is what its summary says


def rows_of(forms_: Iterable[forms.Form]) -> list[RowForm]:
    """The forms of one of the record's formsets, as the rows they are (`Rows` builds
    each from a `RowForm` class and sets its `index`)."""
    return [cast(RowForm, f) for f in forms_]


def _time(label: StrOrPromise) -> forms.TimeField:
    return forms.TimeField(
        label=label, required=False, widget=widgets.TimeInput(attrs={"size": 6}, format="%H:%M")
    )


def _choice(label: StrOrPromise, choices: Sequence[tuple[str, Any]]) -> forms.ChoiceField:
    return forms.ChoiceField(
        widget=widgets.Select, label=label, choices=[("", "—"), *choices], required=False
    )


class ParticipantForm(RowForm):
    # The attendance facts go together as `meetings.rules.attendance_problems` says;
    # the services name them as the API does (`joined.item`, `reason`).
    problem_fields = {
        "joined": "joined_item",
        "joined.item": "joined_item",
        "joined.time": "joined_time",
        "left": "left_item",
        "left.item": "left_item",
        "left.time": "left_time",
        "reason": "timing_reason",
    }
    # Whether one heads the delegation goes with the role; the attendance facts with the
    # attendance.
    grouped = {
        "role": (("head", ""),),
        "attendance": (
            ("absence_reason", "absent"),
            ("level", "represented"),
            ("level_text", "represented"),
        ),
    }
    folded = {
        "attendance": (
            _("Joined late or left early"),
            "-absent",
            ("joined_item", "joined_time", "left_item", "left_time", "timing_reason"),
        )
    }

    party = _party(_("Party"), "")
    person = _text(_("Person"), max_length=80, list="people", autocomplete="off")
    role = forms.ChoiceField(
        widget=widgets.Select, label=_("Role"), choices=Role.choices, initial=Role.DELEGATION
    )
    head = forms.BooleanField(
        widget=widgets.CheckboxInput, label=_("Head of delegation"), required=False
    )
    post = _text(_("Post"), max_length=300)
    attendance = forms.ChoiceField(
        widget=widgets.Select(attrs={"data-shows": ""}),
        label=_("Attendance"),
        choices=Attendance.choices,
        initial=Attendance.PRESENT,
    )
    absence_reason = _choice(_("Reason for the absence"), AbsenceReason.choices)
    level = _choice(_("Level"), Level.choices)
    level_text = _text(_("Level or post it was represented at"), max_length=300, size=16)
    joined_item = _text(_("Joined at item"), max_length=80, size=10, list="agenda-items")
    joined_time = _time(_("Joined at (time)"))
    left_item = _text(_("Left at item"), max_length=80, size=10, list="agenda-items")
    left_time = _time(_("Left at (time)"))
    timing_reason = _choice(_("Why it joined late or left early"), TimingReason.choices)


class AgendaItemForm(RowForm):
    id = forms.SlugField(
        label=pgettext_lazy("identifier", "Id"),
        max_length=80,
        widget=widgets.TextInput(attrs={"size": 14}),
    )
    title = forms.CharField(
        label=_("Title"), max_length=500, widget=widgets.Textarea(attrs={"rows": 2})
    )
    kind = forms.ChoiceField(
        widget=widgets.Select,
        label=pgettext_lazy("of an agenda item", "Kind"),
        choices=ItemKind.choices,
        initial=ItemKind.DISCUSSION,
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        required=False,
        widget=widgets.SelectMultiple(attrs={"size": 3}),
    )
    emphasis = forms.BooleanField(
        widget=widgets.CheckboxInput, label=_("Particular attention"), required=False
    )

    def __init__(self, *args: Any, topics: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["topics"]
        assert isinstance(field, forms.MultipleChoiceField)  # declared so above
        field.choices = list(topics)


class ActionForm(RowForm):
    # The meeting a referral goes to and what for go with the body it is referred to
    # (shown once one is chosen); the reference number with the outside organization.
    grouped = {
        "to": (("to_meeting", "-"), ("purpose", "-")),
        "to_organization": (("reference", ""),),
    }

    verb = forms.ChoiceField(
        widget=widgets.Select, label=_("Action"), choices=[("", "—"), *Verb.choices]
    )
    document = _text(_("Document"), max_length=120, list="documents", autocomplete="off")
    item = _text(_("Agenda item"), max_length=80, size=10, list="agenda-items", autocomplete="off")
    to = forms.ChoiceField(
        widget=widgets.Select(attrs={"data-shows": ""}), label=_("Referred to"), required=False
    )
    to_meeting = _text(
        _("At its meeting"), max_length=80, size=6, list="meetings", autocomplete="off"
    )
    purpose = _text(_("For"), max_length=40, size=12)
    to_organization = _text(_("Outside organization"), max_length=200, size=14)
    reference = _text(_("Reference number"), max_length=100, size=10)
    date = _text(_("Date"), size=10, date="partial")

    def __init__(
        self,
        *args: Any,
        bodies: Sequence[tuple[str, str]] = (),
        verbs: Sequence[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        assert isinstance(field, forms.ChoiceField)  # declared so above
        field.choices = [("", "—"), *bodies]
        if verbs:  # the organization's verbs (`decisions.selectors.verbs_of`)
            verb = self.fields["verb"]
            assert isinstance(verb, forms.ChoiceField)  # declared so above
            verb.choices = [("", "—"), *verbs]

    def clean_date(self) -> str:
        return parse_partial(self.cleaned_data.get("date", ""), required=False)


def _count(label: StrOrPromise) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=32767,
        widget=widgets.NumberInput(attrs={"size": 4, "min": 0}),
    )


class DecisionForm(RowForm):
    # The document it is on goes with its title; whether it is open for positions with
    # its outcome; the counts of votes with the procedure, shown for a vote only.
    grouped = {
        "title": (("document", ""),),
        "outcome": (("open", ""),),
        "procedure": (
            ("votes_in_favour", "vote"),
            ("votes_against", "vote"),
            ("votes_abstaining", "vote"),
        ),
    }
    folded = {"outcome": (_("What it decides"), "", ("decides",))}
    wide = frozenset({"outcome"})

    id = forms.SlugField(
        label=pgettext_lazy("identifier", "Id"),
        max_length=80,
        widget=widgets.TextInput(attrs={"size": 14}),
    )
    title = forms.CharField(
        label=_("Title"), max_length=500, widget=widgets.Textarea(attrs={"rows": 2})
    )
    document = _text(_("Document"), max_length=120, list="documents", autocomplete="off")
    open = forms.BooleanField(
        widget=widgets.CheckboxInput, label=_("Open for positions"), required=False
    )
    outcome = forms.ChoiceField(
        widget=widgets.Select,
        label=pgettext_lazy("of a decision", "Outcome"),
        choices=[("", _("as the positions give it")), *DecisionOutcome.choices],
        required=False,
    )
    procedure = forms.ChoiceField(
        widget=widgets.Select(attrs={"data-shows": ""}),
        label=_("Procedure"),
        choices=[("", _("the body's decision rule")), *Procedure.choices],
        required=False,
    )
    votes_in_favour = _count(_("In favour"))
    votes_against = _count(_("Against"))
    votes_abstaining = _count(_("Abstaining"))
    date = forms.DateField(
        label=pgettext_lazy("of a decision", "Date"),
        required=False,
        widget=widgets.TextInput(attrs={"size": 10, "data-date": "full"}),
        help_text=_("left blank: the meeting's last day"),
    )
    classification = forms.ChoiceField(
        widget=widgets.Select,
        label=_("Classification"),
        choices=Classification.choices,
        initial=Classification.PUBLIC,
    )
    decides = DecidesField(
        label=_("What it decides"),
        required=False,
        help_text=_(
            "Each record the decision decides: a term in a post (post, person, from) or a"
            " chair term (party, from; the body left blank for the organization's chair);"
            " an extension names the end the term had before. Only an adopted decision"
            " decides."
        ),
    )

    def add_problem(self, field: str, reason: str) -> None:
        # What it decides is one field here: a problem of a line says which.
        line = decides_problem(field)
        if line is not None:
            super().add_problem("decides", f"{line}: {reason}")
        else:
            super().add_problem(field, reason)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.initial.get("id"):
            # A recorded decision keeps its id (the positions recorded on it name it).
            self.fields["id"].disabled = True


def _words(value: str) -> list[str]:
    return list(dict.fromkeys((value or "").replace(",", " ").split()))


class SessionForm(RowForm):
    """A sitting of the meeting: its attendees are among the meeting's participants
    (party codes, person ids, or code:person), its items among the agenda's ids."""

    problem_fields = {"participants": "attendees", "items": "items"}
    # Its city goes with its venue.
    grouped = {"venue": (("city", ""),)}
    # Who attended (picked among the participants) and the agenda items taken up are
    # lists: each on a line of its own under the row.
    below = ("attendees", "items")

    id = forms.SlugField(
        label=pgettext_lazy("identifier", "Id"),
        max_length=80,
        widget=widgets.TextInput(attrs={"size": 12}),
    )
    kind = forms.ChoiceField(
        widget=widgets.Select,
        label=pgettext_lazy("of a session", "Kind"),
        choices=SessionKind.choices,
        initial=SessionKind.OTHER,
    )
    title = _text(_("Title"), max_length=300, size=18)
    date = forms.DateField(
        label=pgettext_lazy("of a session", "Day"),
        widget=widgets.TextInput(attrs={"size": 10, "data-date": "full"}),
    )
    venue = _text(_("Venue"), max_length=200, size=14)
    city = _text(_("City"), max_length=120, size=12)
    mode = forms.ChoiceField(
        widget=widgets.Select,
        label=_("Mode"),
        choices=[("", _("as the meeting's")), *Mode.choices],
        required=False,
    )
    attendees = forms.CharField(
        label=_("Who attended"),
        required=False,
        max_length=2000,
        widget=widgets.Textarea(attrs={"rows": 2, "cols": 22, "data-attendees": ""}),
    )
    items = _text(_("Agenda items taken up"), max_length=2000, size=16)

    def add_problem(self, field: str, reason: str) -> None:
        # The services name each attendee and item by its place (`participants[2]`).
        super().add_problem(re.sub(r"\[\d+\]$", "", field), reason)

    def clean_attendees(self) -> list[str]:
        return _words(self.cleaned_data.get("attendees", ""))

    def clean_items(self) -> list[str]:
        return _words(self.cleaned_data.get("items", ""))


class Rows(forms.BaseFormSet):
    """Rows that know their place (`form.index`): a row below the recorded ones' count
    is the recorded row of that place (the version check keeps the places fixed)."""

    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        # BaseFormSet's own hook for building each row (not in django-stubs).
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]
        form.index = i
        return form

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget = widgets.CheckboxInput()


ParticipantFormSet = forms.formset_factory(ParticipantForm, Rows, extra=2, can_delete=True)
AgendaFormSet = forms.formset_factory(AgendaItemForm, Rows, extra=2, can_delete=True)
ActionFormSet = forms.formset_factory(ActionForm, Rows, extra=2, can_delete=True)
DecisionFormSet = forms.formset_factory(DecisionForm, Rows, extra=1, can_delete=True)
SessionFormSet = forms.formset_factory(SessionForm, Rows, extra=1, can_delete=True)

# The formsets of the record, by the prefix their fields carry.
FORMSETS = {
    "participants": ParticipantFormSet,
    "agenda": AgendaFormSet,
    "actions": ActionFormSet,
    "decisions": DecisionFormSet,
    "sessions": SessionFormSet,
}
