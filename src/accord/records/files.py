"""Reading record files (YAML or JSON) and checking them against the published schema."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

# jsonschema ships no type information and its stubs (types-jsonschema) are not locked.
import jsonschema  # type: ignore[import-untyped]
import jsonschema_rs
import yaml

from accord.core import inputs

SCHEMA_PATH = Path(__file__).with_name("schema.json")
FORMAT = "accord-record/1"

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RecordLoader(_Base):  # type: ignore[misc,valid-type]
    """YAML without implicit timestamps: dates stay strings, as in JSON, for the schema."""


RecordLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class FileProblem:
    file: str
    path: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}: {where}{self.reason}"


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


@cache
def _quick_validator() -> jsonschema_rs.Draft202012Validator:
    """The same schema, checked by a compiled validator: a hundred times faster on a
    valid file. Formats are not checked, as `_validator` does not check them."""
    return jsonschema_rs.Draft202012Validator(schema(), validate_formats=False)


def format_path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read(path: Path) -> tuple[dict | None, list[FileProblem]]:
    """The file's content, or the problems that stop it being read."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return None, [FileProblem(name, "", f"cannot be read ({exc.strerror or exc})")]
    except UnicodeDecodeError:
        return None, [FileProblem(name, "", "is not UTF-8 text")]
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            data = yaml.load(text, Loader=RecordLoader)
    except json.JSONDecodeError as exc:
        return None, [FileProblem(name, "", f"line {exc.lineno}: not valid JSON ({exc.msg})")]
    except RecursionError:
        return None, [FileProblem(name, "", f"nested more than {inputs.MAX_DEPTH} levels deep")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [FileProblem(name, "", f"{line}not valid YAML ({problem})")]
    if not isinstance(data, dict):
        return None, [FileProblem(name, "", "must hold a mapping with `format` and `organization`")]
    # Before the schema, which would walk every value an alias repeats, and recurse.
    if unfit := inputs.check_tree(data):
        return None, [FileProblem(name, p.field, p.reason) for p in unfit]
    return data, check(name, data)


def _message(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties" or error.validator == "unevaluatedProperties":
        return error.message.replace("were unexpected", "are not fields of this record")
    if error.validator == "oneOf" and error.validator_value:
        return f"{error.instance!r} is not valid here (see the schema's description of this field)"
    if error.validator == "pattern" and "\\d{4}" in str(error.validator_value):
        return f"{error.instance!r} is not a date such as 2019-05-15, 2019-04 or 2004"
    if error.validator == "pattern" and "[a-z0-9]" in str(error.validator_value):
        return f"{error.instance!r} is not an id (lower-case letters, digits and hyphens)"
    if error.validator == "pattern" and "[A-Z]" in str(error.validator_value):
        return f"{error.instance!r} is not a party code (upper-case, such as KG or RU-MOD)"
    return error.message


def check(name: str, data: dict) -> list[FileProblem]:
    """Every way `data` departs from the schema, each with its path."""
    if _quick_validator().is_valid(data):
        return []
    # What is wrong is told by the reference validator, with the messages Accord shows.
    problems = []
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        # A oneOf failure explains itself best through the branch that came closest.
        best = jsonschema.exceptions.best_match([error])
        problems.append(FileProblem(name, format_path(best.absolute_path), _message(best)))
    return problems
