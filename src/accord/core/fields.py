"""Typed inputs of the services: a frozen dataclass per kind of row, stating each field
a way in (API, web, record loader, CLI) may give and its type.

A field left out holds `KEEP`: a new row gets the model's default there, a row recorded
already keeps its value (as a change that names only what it changes). `given()` is
what a writer stores: the fields given, by name.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any, Final


class Keep(enum.Enum):
    """A field left out of a service's input."""

    KEEP = "keep"

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = Keep.KEEP


@dataclasses.dataclass(frozen=True, kw_only=True)
class Fields:
    """Base of the services' inputs (`KEEP` for each field left out)."""

    def given(self) -> dict[str, Any]:
        """The fields given, by name (those left out are not named)."""
        return {
            f.name: value
            for f in dataclasses.fields(self)
            if (value := getattr(self, f.name)) is not KEEP
        }

    def __contains__(self, name: str) -> bool:
        return getattr(self, name, KEEP) is not KEEP
