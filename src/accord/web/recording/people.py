"""Adding a person from the record page: a small form beside the participants that
records a person through the same use case as the API's (`registry.actions.create_person`)
and brings the page back with everything typed kept; the person is then offered by the
Person fields' pickers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.accounts import refs
from accord.accounts.access import Viewer
from accord.core import races
from accord.core.errors import DomainError
from accord.registry import actions as registry_actions
from accord.registry.inputs import PersonFields
from accord.registry.models import Person
from accord.web.recording import widgets
from accord.web.recording.common import RecordForm, blank

PREFIX = "new-person"


class NewPersonForm(RecordForm):
    """A person not yet in the record: an id, a name, and (optionally) the party the
    person is a national of."""

    problem_fields = {"id": "id", "name": "name", "party": "party"}

    id = forms.SlugField(
        label=pgettext_lazy("identifier", "Id"),
        max_length=80,
        widget=widgets.TextInput(attrs={"size": 20, "autocomplete": "off"}),
        help_text=_("How the record names the person, such as aigul-sarsenova."),
    )
    name = forms.CharField(
        label=pgettext_lazy("of a person", "Name"),
        max_length=300,
        widget=widgets.TextInput(attrs={"size": 28}),
    )
    party = forms.CharField(
        label=_("Nationality"),
        max_length=20,
        required=False,
        widget=widgets.TextInput(attrs={"size": 8, "list": "parties", "autocomplete": "off"}),
        help_text=_("A party's code, such as KG."),
    )


def new_person_form(data: Mapping[str, Any] | None = None) -> NewPersonForm:
    return NewPersonForm(data, prefix=PREFIX)


def add_person(who: Viewer, form: NewPersonForm) -> Person | None:
    """The person `form` describes, recorded; None (the problems on the form) when the
    form does not read or the use case refuses it."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        with races.refusals(), transaction.atomic():
            return registry_actions.create_person(
                who,
                data["id"],
                PersonFields(
                    name=data["name"].strip(),
                    names={},
                    party=refs.party_at(blank(data["party"]), "party"),
                    source="",
                    note="",
                ),
            )
    except DomainError as refusal:
        for p in refusal.problems:
            form.add_problem(p.field, p.reason)
        return None
