"""The meeting page's form to draft a release written in Python (`accord_meeting_forms`)
is web/recording/release_draft_form.html's HTML byte for byte: unbound (made, or kept
for the organization), and refused (errors of a field and of the whole form), in
English, Russian and Chinese; and a field with a help text and errors is
web/recording/field.html's."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from accord.bodies.models import Body
from accord.meetings.models import Meeting
from accord.registry.models import Organization
from accord.web.recording.releases import draft_form
from accord.web.templatetags.accord_meeting_forms import field_html
from tests.web.rendering import rendered

pytestmark = pytest.mark.django_db

INCLUDE = '{% include "web/recording/release_draft_form.html" %}'
TAG = "{% load accord_meeting_forms %}{% release_draft_form form %}"


class _Helped(forms.Form):
    name = forms.CharField(label="A <name>", help_text='Said "so" & more')


def _refused(org: Organization) -> forms.Form:
    form = draft_form(org, {"kind": "nothing", "language": "xx", "replace_edits": "on"})
    assert not form.is_valid()
    form.add_error(None, ValidationError("Not <now> & not here"))
    return form


def test_the_draft_form_written_in_python_is_the_templates_html():
    sco = Organization.objects.get(slug="sco")
    body = Body.objects.get(organization=sco, slug="security-council-secretaries")
    meeting = Meeting.objects.filter(body=body).order_by("pk").first()
    request = RequestFactory().get("/")
    for token in (get_token(request), ""):
        for language in ("en", "ru", "zh-hans"):
            with translation.override(language):
                for form in (None, None, draft_form(sco), _refused(sco)):
                    values = {
                        "organization": sco,
                        "body": body,
                        "meeting": meeting,
                        "form": form,
                        "csrf_token": token,
                    }
                    # (None: the organization's form not yet filled in, kept once made)
                    included = {**values, "form": form or draft_form(sco)}
                    assert rendered(TAG, values) == rendered(INCLUDE, included), language


def test_a_field_written_in_python_is_the_templates_html():
    form = _Helped({"name": ""})
    assert not form.is_valid()
    form.add_error("name", ValidationError('Too <short> & "odd"'))
    for bound in (form["name"], _Helped()["name"]):
        include = Template('{% include "web/recording/field.html" %}')
        assert field_html(bound) == include.render(Context({"field": bound}))
