"""Template filters of the reading pages: dates to the precision recorded, meeting
labels and references, and the words for statuses, outcomes and verbs."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import template
from django.utils.translation import get_language

from accord.core.dates import PartialDate
from accord.core.languages import translated
from accord.core.models import partial_date
from accord.decisions import selectors as decisions
from accord.decisions.verbs import Verbs
from accord.implementation.models import Progress
from accord.meetings.models import Meeting
from accord.publishing import joint, labels, terms
from accord.publishing import selectors as publishing
from accord.publishing.models import ReleaseState
from accord.registry.models import Organization
from accord.web.untranslated import note

register = template.Library()


def _language() -> str:
    return (get_language() or "en").lower()


@register.filter
def when(obj: Any) -> str:
    """`{{ meeting|when }}`: a meeting's or event's dates, a document's or action's date,
    a PartialDate or a date, in the reader's locale and to the precision recorded."""
    if obj is None or obj == "":
        return ""
    if isinstance(obj, PartialDate | dt.date):
        return labels.when(obj)
    precision = getattr(obj, "date_precision", "day")
    if hasattr(obj, "start"):
        start = partial_date(obj.start, precision)
        end = partial_date(getattr(obj, "end", None), precision)
        return labels.span(start, end)
    return labels.when(partial_date(getattr(obj, "date", None), precision))


@register.filter
def ref(meeting: Meeting) -> str:
    """How URLs name a meeting (`Meeting.ref`)."""
    return meeting.ref


@register.filter
def meeting_label(meeting: Meeting | None) -> str:
    return labels.meeting_label(meeting, _language()) if meeting is not None else ""


@register.filter
def joint_meeting_label(meeting: Meeting) -> str:
    """A joint meeting's label, naming all its bodies (its joint bodies read beforehand)."""
    return joint.joint_label(meeting, _language())


@register.filter
def status_label(status: str | None, verbs: Verbs | None = None) -> str:
    """A document's status in the reader's language, named as the organization's
    `verbs` name it where they do."""
    return labels.status_label(status, verbs)


@register.filter
def outcome_label(outcome: Any) -> str:
    return labels.outcome_label(str(outcome))


@register.filter
def chairmanship(organization: Organization) -> str:
    """What the organization calls its chairmanship (presidency, Chairpersonship...), in
    the reader's language (`publishing.terms`)."""
    publishing.read_profile(organization)
    return terms.chairmanship_of(organization, _language())


@register.filter
def purpose_label(purpose: str) -> str:
    """A referral's purpose in the reader's words; a purpose of the record's own words
    is shown as recorded (and noted when untranslated)."""
    shown = labels.purpose_label(purpose)
    note(shown)
    return shown


@register.filter
def verb_label(verb: str) -> str:
    return labels.verb_label(verb)


@register.filter
def outside_organization(action: Any) -> str:
    """The outside organization an action names, in the reader's language where the
    record gives it."""
    return translated(action.target_organization_names, _language()) or action.target_organization


@register.simple_tag(takes_context=True)
def verb_name(context: template.Context, verb: str) -> str:
    """`{% verb_name action.verb %}`: the verb in the reader's language, in the words of
    the page's `organization` where it declares its own verbs (the page's `verbs` where
    the view read them, else read once a page)."""
    given = context.get("verbs")
    if isinstance(given, Verbs):
        return labels.verb_label(verb, given)
    org = context.get("organization")
    if not isinstance(org, Organization):
        return labels.verb_label(verb)
    # The render's outermost context holds what the whole page shares; the stubs type
    # its values as str, and it holds any value.
    memo = cast("dict[str, Verbs]", context.render_context.dicts[0])
    key = f"verbs:{org.pk}"
    if key not in memo:
        memo[key] = decisions.verbs_of(org)
    return labels.verb_label(verb, memo[key])


@register.filter
def release_state_label(state: str) -> str:
    """A release version's state (`draft`, `reviewed`) in the reader's words."""
    try:
        return str(ReleaseState(state).label)
    except ValueError:
        return state


@register.filter
def progress_label(status: str) -> str:
    """A measure's or programme's progress (`in-progress`) in the reader's words."""
    try:
        return str(Progress(status).label)
    except ValueError:
        return status


@register.filter
def slugify_status(status: str | None) -> str:
    """A status as a CSS class suffix: `under consideration` -> `under-consideration`."""
    return (status or "none").replace(" ", "-")
