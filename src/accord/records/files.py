"""Reading record files (YAML or JSON) and checking them against the published schema."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

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
def _validator() -> jsonschema_rs.Draft202012Validator:
    """The schema compiled (Rust): a valid file is accepted in milliseconds. Formats are
    not checked (`date` fields are checked against the calendar by the loader)."""
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


# What a value that does not match a pattern of the schema should have been.
_PATTERNS = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "is not an id (lower-case letters, digits and hyphens)",
    r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$": "is not a party code (upper-case, such as KG or RU-MOD)",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "is not a date such as 2019-05-15, 2019-04 or 2004",
    r"^\d{4}-\d{2}-\d{2}$": "is not a date such as 2019-05-15",
    r"^\d{4}(-\d{4})?$": "is not a year or a span of years such as 2019 or 2019-2021",
    r"^\d{2}:\d{2}$": "is not a time of day such as 09:30",
    r"^#[0-9a-fA-F]{6}$": "is not a colour such as #1f4e79",
    r"^[a-z]{2,3}(-[A-Za-z]+)?$": "is not a language code such as en, ru or zh-Hans",
    r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$": "is not a time zone such as Asia/Bishkek",
    r"^[^\n]*$": "must be a single line",
}

_TYPES: dict[str, type | tuple[type, ...]] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def _declared(node: Any) -> set[str]:
    """The fields a (sub)schema declares, through its `allOf` and `$ref`s."""
    if not isinstance(node, dict):
        return set()
    names = set(node.get("properties", {}))
    if isinstance(ref := node.get("$ref"), str) and ref.startswith("#/$defs/"):
        names |= _declared(schema()["$defs"].get(ref.removeprefix("#/$defs/")))
    for part in node.get("allOf", []):
        names |= _declared(part)
    return names


def _subschema(error: jsonschema_rs.ValidationError) -> Any:
    """The part of the schema whose keyword `error` failed, or None."""
    node: Any = schema()
    for part in error.schema_path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _unexpected(keys: list[str]) -> str:
    names = ", ".join(repr(key) for key in sorted(keys))
    verb = "is not a field" if len(keys) == 1 else "are not fields"
    return f"Additional properties are not allowed ({names} {verb} of this record)"


def _message(error: jsonschema_rs.ValidationError) -> str:
    """The reason Accord gives for `error`: Python's spelling of values, and the
    schema's patterns and choices said in words."""
    kind, value = error.kind, error.instance
    match kind:
        case jsonschema_rs.ValidationErrorKind.AdditionalProperties(unexpected):
            return _unexpected(unexpected)
        case jsonschema_rs.ValidationErrorKind.UnevaluatedProperties(unexpected):
            declared = _declared(_subschema(error))
            return _unexpected([key for key in unexpected if key not in declared])
        case jsonschema_rs.ValidationErrorKind.Type(types):
            return f"{value!r} is not of type {', '.join(repr(t) for t in types)}"
        case jsonschema_rs.ValidationErrorKind.Required(name):
            return f"{name!r} is a required property"
        case jsonschema_rs.ValidationErrorKind.Enum(options):
            return f"{value!r} is not one of {options!r}"
        case jsonschema_rs.ValidationErrorKind.Constant(expected):
            return f"{expected!r} was expected"
        case jsonschema_rs.ValidationErrorKind.Pattern(pattern):
            return f"{value!r} {_PATTERNS.get(pattern, f'does not match {pattern!r}')}"
        case jsonschema_rs.ValidationErrorKind.MinLength(
            limit
        ) | jsonschema_rs.ValidationErrorKind.MinItems(limit):
            return f"{value!r} {'should be non-empty' if limit == 1 else 'is too short'}"
        case jsonschema_rs.ValidationErrorKind.MaxLength(
            _
        ) | jsonschema_rs.ValidationErrorKind.MaxItems(_):
            return f"{value!r} is too long"
        case jsonschema_rs.ValidationErrorKind.Minimum(limit):
            return f"{value!r} is less than the minimum of {limit!r}"
        case jsonschema_rs.ValidationErrorKind.Maximum(limit):
            return f"{value!r} is greater than the maximum of {limit!r}"
        case jsonschema_rs.ValidationErrorKind.UniqueItems():
            return f"{value!r} has non-unique elements"
        case jsonschema_rs.ValidationErrorKind.PropertyNames(inner):
            return _message(inner)
        case jsonschema_rs.ValidationErrorKind.AnyOf(branches) if names := _required_names(
            branches
        ):
            return f"needs {', '.join(names[:-1])} or {names[-1]}"
        case (
            jsonschema_rs.ValidationErrorKind.OneOfNotValid()
            | jsonschema_rs.ValidationErrorKind.OneOfMultipleValid()
            | jsonschema_rs.ValidationErrorKind.AnyOf()
        ):
            return f"{value!r} is not valid here (see the schema's description of this field)"
    return error.message


def _required_names(branches: list[list[jsonschema_rs.ValidationError]]) -> list[str]:
    """The fields an `anyOf` of `required` branches asks for one of, or [] if its
    branches ask for more than fields."""
    kinds = [e.kind for branch in branches for e in branch]
    if len(kinds) < 2 or len(kinds) != len(branches):
        return []
    names = [
        repr(k.property) for k in kinds if isinstance(k, jsonschema_rs.ValidationErrorKind.Required)
    ]
    return names if len(names) == len(kinds) else []


def _fits_type(error: jsonschema_rs.ValidationError) -> bool:
    """Whether the value has the type the failing (sub)schema asks for."""
    node = _subschema(error)
    wanted = node.get("type") if isinstance(node, dict) else None
    if wanted is None or isinstance(error.kind, jsonschema_rs.ValidationErrorKind.Type):
        return False
    names = [wanted] if isinstance(wanted, str) else wanted
    value = error.instance
    return any(
        isinstance(value, _TYPES[name]) and not (name != "boolean" and isinstance(value, bool))
        for name in names
        if name in _TYPES
    )


_WEAK = (
    jsonschema_rs.ValidationErrorKind.OneOfNotValid,
    jsonschema_rs.ValidationErrorKind.OneOfMultipleValid,
    jsonschema_rs.ValidationErrorKind.AnyOf,
)


def _closest(error: jsonschema_rs.ValidationError) -> jsonschema_rs.ValidationError:
    """For a value that fits none of a `oneOf`'s or `anyOf`'s branches, the failure of
    the branch that came closest: the deepest inside the value, then (as jsonschema's
    `best_match` does) a nested choice, then one where at least the type was right.
    When two failures tie, neither explains better, and the choice's own is kept."""

    def remoteness(e: jsonschema_rs.ValidationError) -> tuple:
        return (
            -len(e.instance_path),
            tuple(map(str, e.instance_path)),
            not isinstance(e.kind, _WEAK),
            _fits_type(e) is False,
        )

    while isinstance(error.kind, _WEAK):
        nested = [e for branch in error.kind.context for e in branch]
        ranked = sorted(nested, key=remoteness)
        if not ranked or (len(ranked) > 1 and remoteness(ranked[0]) == remoteness(ranked[1])):
            return error
        error = ranked[0]
    return error


def check(name: str, data: dict) -> list[FileProblem]:
    """Every way `data` departs from the schema, each with its path."""
    validator = _validator()
    if validator.is_valid(data):
        return []
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.instance_path)))
    problems = []
    for error in errors:
        if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.UnevaluatedProperties):
            # When a field fails, the fields beside it count as unevaluated: only those
            # the schema does not declare are named (the failure is named on its own).
            declared = _declared(_subschema(error))
            if not [key for key in error.kind.unexpected if key not in declared]:
                continue
        best = _closest(error)
        problems.append(FileProblem(name, format_path(best.instance_path), _message(best)))
    return problems
