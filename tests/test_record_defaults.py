"""A value left out means the same whichever way a row is recorded: the record file's
default (`records.defaults`, which the loader writes and the dumper leaves out), the
API's default for a field a request leaves out, and a new row's own default."""

from __future__ import annotations

import pytest
from django.db import models

from accord.api.schemas.documents import DocumentIn
from accord.api.schemas.meetings import (
    ActionIn,
    AgendaItemIn,
    DecisionIn,
    EventIn,
    EventParticipantIn,
    MeetingIn,
    ParticipantIn,
)
from accord.api.schemas.standing import ChairTermIn
from accord.bodies.models import ChairTerm
from accord.decisions.models import Action, Decision
from accord.documents.models import Document
from accord.meetings.models import AgendaItem, Event, EventParticipation, Meeting, Participation
from accord.records.defaults import DEFAULTS

pytestmark = pytest.mark.database_independent

# (place in a record file, key, the API's schema, the model)
SHARED = [
    ("meetings", "mode", MeetingIn, Meeting),
    ("meetings", "classification", MeetingIn, Meeting),
    ("meetings.participants", "role", ParticipantIn, Participation),
    ("meetings.agenda", "kind", AgendaItemIn, AgendaItem),
    ("meetings.agenda", "classification", AgendaItemIn, AgendaItem),
    ("meetings.decisions", "classification", DecisionIn, Decision),
    ("actions", "classification", ActionIn, Action),
    ("documents", "classification", DocumentIn, Document),
    ("events", "kind", EventIn, Event),
    ("events.participants", "role", EventParticipantIn, EventParticipation),
    ("chairmanships", "basis", ChairTermIn, ChairTerm),
]


@pytest.mark.parametrize(
    ("place", "key", "schema", "model"), SHARED, ids=[f"{p}.{k}" for p, k, _, _ in SHARED]
)
def test_a_value_left_out_is_the_same_in_a_file_a_request_and_a_new_row(
    place: str, key: str, schema: type, model: type[models.Model]
) -> None:
    default = DEFAULTS[place][key]
    assert schema.model_fields[key].default == default
    assert model._meta.get_field(key).get_default() == default
