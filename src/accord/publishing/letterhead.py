"""The letterhead of a release's files: what the organization's record says of it (its
name in each language, an address line, colours, a logo), with neutral defaults for an
organization that says nothing: its own name, no address, no logo, dark grey on white.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accord.publishing.models import LANGUAGES, PublishingProfile
from accord.registry.models import Organization

ACCENT = "#333333"
TEXT = "#1a1a1a"
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
KEYS = ("names", "address", "colours", "logo")
COLOURS = ("accent", "text")
# A logo is an image a letterhead shows small: PNG or JPEG (what PDF and DOCX both take).
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
LOGO_MAX_BYTES = 512 * 1024
_SIGNATURES = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}


@dataclass(frozen=True)
class Letterhead:
    """The letterhead in one language, ready to print."""

    name: str
    address: str
    accent: str
    text: str
    logo: bytes | None
    logo_type: str  # image/png or image/jpeg; "" without a logo


def letterhead_problems(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, reason) for what is wrong with a record's letterhead."""
    problems = []
    if not isinstance(values, Mapping):
        return [("letterhead", "a mapping of names, address, colours and logo")]
    for key in values:
        if key not in KEYS:
            problems.append((f"letterhead.{key}", f"unknown: one of {', '.join(KEYS)}"))
    names = values.get("names", {})
    if not isinstance(names, Mapping):
        problems.append(("letterhead.names", "the name by language code (en, ru, zh)"))
    else:
        for language, name in names.items():
            if language not in LANGUAGES:
                problems.append(
                    (f"letterhead.names.{language}", f"not one of {', '.join(LANGUAGES)}")
                )
            elif not isinstance(name, str) or not name.strip():
                problems.append((f"letterhead.names.{language}", "an empty name"))
    if not isinstance(values.get("address", ""), str):
        problems.append(("letterhead.address", "one line of text"))
    elif "\n" in values.get("address", ""):
        problems.append(("letterhead.address", "one line of text, not several"))
    colours = values.get("colours", {})
    if not isinstance(colours, Mapping):
        problems.append(("letterhead.colours", "a mapping of accent and text colours"))
    else:
        for key, colour in colours.items():
            if key not in COLOURS:
                problems.append((f"letterhead.colours.{key}", "unknown: accent or text"))
            elif not isinstance(colour, str) or not COLOUR.match(colour):
                problems.append((f"letterhead.colours.{key}", f"{colour!r}: a colour as #rrggbb"))
    return problems


def read_logo(path: Path) -> str:
    """The logo at `path` as a data: URI; ValueError with the reason when it is not a
    PNG or JPEG image file of at most LOGO_MAX_BYTES."""
    content_type = LOGO_TYPES.get(path.suffix.lower())
    if content_type is None:
        raise ValueError(f"{path.name}: a logo is a PNG or JPEG file (.png, .jpg)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > LOGO_MAX_BYTES:
        raise ValueError(f"{path.name}: larger than {LOGO_MAX_BYTES // 1024} KB")
    if not data.startswith(_SIGNATURES[content_type]):
        raise ValueError(f"{path.name}: not a {content_type.split('/')[1].upper()} image")
    return f"data:{content_type};base64,{base64.b64encode(data).decode()}"


def letterhead_of(
    organization: Organization, profile: PublishingProfile, language: str
) -> Letterhead:
    """The letterhead in `language`: the record's, or the neutral defaults."""
    values = profile.letterhead or {}
    names = values.get("names", {})
    name = names.get(language) or organization.names.get(language) or organization.name
    colours = values.get("colours", {})
    logo, logo_type = None, ""
    if profile.letterhead_logo:
        head, _, encoded = profile.letterhead_logo.partition(",")
        logo_type = head.removeprefix("data:").split(";")[0]
        logo = base64.b64decode(encoded)
    return Letterhead(
        name=name,
        address=values.get("address", ""),
        accent=colours.get("accent", ACCENT),
        text=colours.get("text", TEXT),
        logo=logo,
        logo_type=logo_type,
    )


def fingerprint(letterhead: Letterhead) -> dict[str, Any]:
    """The letterhead as plain values, for the content hash of the files it is on."""
    return {
        "name": letterhead.name,
        "address": letterhead.address,
        "accent": letterhead.accent,
        "text": letterhead.text,
        "logo": base64.b64encode(letterhead.logo).decode() if letterhead.logo else "",
    }
