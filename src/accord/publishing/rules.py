"""Pure rules of publishing: release states, versions, calendar sequence numbers,
safe spreadsheet cells. No database here."""

from __future__ import annotations

import zoneinfo

from accord.publishing.models import LANGUAGES, ReleaseState

# What each step of a release's life needs its latest version to be in.
REVIEWABLE = ReleaseState.DRAFT
PUBLISHABLE = ReleaseState.REVIEWED


def language_problem(language: str, allowed: list[str] | tuple[str, ...] = LANGUAGES) -> str:
    """Why `language` cannot be drafted in ('' when it can)."""
    if language not in LANGUAGES:
        return f"{language!r} is not a language releases are written in (one of: en, ru, zh)"
    if language not in allowed:
        listed = ", ".join(allowed)
        return f"{language!r} is not among the organization's publishing languages ({listed})"
    return ""


def missing_problem(language: str, missing: list[str], *, edited: bool) -> str:
    """Why a release in `language` drafted without the translations `missing` cannot be
    published ('' when it can): a version as drafted holds the record's own words, or
    leaves text out, where a translation was missing. An edited version is the
    secretariat's own text."""
    if not missing or edited:
        return ""
    listed = "; ".join(missing)
    return (
        f"the release needs in {language!r} what the record does not have: {listed};"
        " add the translations to the record and draft it again, or edit the draft"
    )


def timezone_problem(name: str) -> str:
    """Why `name` is not an IANA time zone ('' when it is, or is empty)."""
    if not name:
        return ""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return f"{name!r} is not a time zone of the IANA database (an Area/City name, or UTC)"
    return ""


def edit_outcome(latest_state: str) -> str:
    """What editing does to a release whose latest version is in `latest_state`:
    'in-place' (a draft changes), 'back-to-draft' (a reviewed version needs review
    again) or 'new-version' (a published version is never changed: a correction)."""
    if latest_state == ReleaseState.PUBLISHED:
        return "new-version"
    if latest_state == ReleaseState.REVIEWED:
        return "back-to-draft"
    return "in-place"


def step_problem(step: str, latest_state: str) -> str:
    """Why `step` (review, publish) cannot be taken now ('' when it can)."""
    needed = {"review": REVIEWABLE, "publish": PUBLISHABLE}[step]
    if latest_state == needed:
        return ""
    if step == "publish" and latest_state == ReleaseState.DRAFT:
        return "the latest version is a draft: review it before publishing"
    if latest_state == ReleaseState.PUBLISHED:
        return "the latest version is already published; edit it to write a correction"
    return f"the latest version is {latest_state}, not {needed}"


def sequence(updates: int) -> int:
    """iCalendar SEQUENCE of an entry: how many times it was revised since created."""
    return max(0, updates)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula: text starting with
    = + - @ tab or carriage return gets a leading apostrophe."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text
