"""The meeting page's form to draft a release written in Python (`{% release_draft_form
form %}`), as web/recording/release_draft_form.html writes it with a
web/recording/field.html for each choice: the HTML is the templates' byte for byte
(tests/web/test_meeting_forms.py renders both, of a form unbound and of one refused).
Each widget is the form's own (`str(field)`, safe HTML); the labels, help texts and
errors are escaped as `{{ }}` escapes them.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop

from accord.registry.models import Organization
from accord.web.recording.releases import draft_form, publishing_languages
from accord.web.words import Words, esc, of

register = template.Library()

# The words written inside f-strings below (`words.word` translates them), marked here
# for `makemessages`: xgettext does not read a call inside an f-string.
_MARKED = (gettext_noop("Draft from the record"),)


def _errors(errors: Any, attrs: str = "") -> str:
    items = "".join(f"<li>{esc(error)}</li>" for error in errors)
    return f'<ul class="errorlist"{attrs}>{items}</ul>'


def field_html(field: forms.BoundField) -> str:
    """web/recording/field.html of `field` (its final line break too)."""
    errors = field.errors
    auto_id = esc(field.auto_id)
    help_text = (
        f'<span class="muted" id="{auto_id}_helptext">{esc(field.help_text)}</span>'
        if field.help_text
        else ""
    )
    listed = _errors(errors, f' id="{auto_id}-error"') if errors else ""
    return (
        f'<div class="field{" field-error" if errors else ""}">'
        f'\n  <label for="{esc(field.id_for_label)}">{esc(field.label)}</label>'
        f"\n  {field}"
        f"\n  {help_text}"
        f"\n  {listed}"
        "\n</div>\n"
    )


def csrf_input(context: template.Context) -> str:
    """`{% csrf_token %}`."""
    token = context.get("csrf_token")
    if not token:
        return ""
    if token == "NOTPROVIDED":
        return ""
    return str(format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token))


def _fields(words: Words, form: forms.Form) -> str:
    """The form's errors, fields and button, after its form token."""
    general = form.non_field_errors()
    replace = form["replace_edits"]
    out = [f"\n  {_errors(general) if general else ''}"]
    for name in ("kind", "language", "classification"):
        out.append(f"\n  {field_html(form[name])}")
    out.append(
        f'\n  <div class="field{" field-error" if replace.errors else ""}">{replace}'
        f' <label for="{esc(replace.id_for_label)}" class="inline">{esc(replace.label)}</label>'
        f'</div>\n  <p><button type="submit">{words.word("Draft from the record")}</button></p>'
        "\n</form>\n"
    )
    return "".join(out)


def _unbound(words: Words, org: Organization) -> str:
    """`_fields` of the organization's form not yet filled in: the same for every page
    in a language, but for the languages the organization publishes in (kept by
    both, as `Words` keeps a language's words)."""
    languages = publishing_languages(org)
    key = ("draft form", *languages)
    found = words.translated.get(key)
    if found is None:
        found = words.translated[key] = _fields(words, draft_form(org))
    return found


@register.simple_tag(takes_context=True)
def release_draft_form(context: template.Context, form: forms.Form | None) -> SafeString:
    """web/recording/release_draft_form.html of `form` (a `DraftForm`; None: the page's
    organization's, not yet filled in)."""
    words = of(context)
    org, body, meeting = context["organization"], context["body"], context["meeting"]
    action = words.path("web:draft-release", org.slug, body.slug, meeting.ref)
    fields = _unbound(words, org) if form is None else _fields(words, form)
    return mark_safe(
        f'<form class="stack narrow draft-release" method="post" action="{action}" novalidate>'
        f"\n  {csrf_input(context)}{fields}"
    )
