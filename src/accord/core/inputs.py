"""What Accord refuses in any input, whichever way it arrives: text a database or an
XML export cannot hold, and structures nested or repeated beyond reason.

Pure functions, no database. The services check every text field they write
(`persist.validate_fields`); the ways in check what they parse before looking
anything up with it (the API's JSON bodies, query strings and form fields; record
files), so that a hostile value is refused with its field's path, never turned into
a database error.
"""

from __future__ import annotations

import re
from typing import Any

from accord.core.errors import Problem

# C0 controls other than tab, line feed and carriage return (PostgreSQL refuses NUL;
# XML 1.0, hence Akoma Ntoso and Atom, cannot hold any of them); lone surrogates
# (not text at all); the two non-characters XML refuses; and the bidirectional
# overrides LRO and RLO, which show characters in an order other than the one stored
# (a way to disguise a name). Marks, embeddings, isolates and zero-width joiners are
# kept: right-to-left and Indic scripts use them.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\u202d\u202e]")
_NAMES = {
    "\x00": "a NUL character (U+0000)",
    "\u202d": "a left-to-right override (U+202D)",
    "\u202e": "a right-to-left override (U+202E)",
}

# How deep a request body or a record file may nest (the deepest Accord reads is
# about eight levels), and how many values YAML aliases may repeat in one file.
MAX_DEPTH = 64
MAX_REPEATED = 1_000_000


def text_problem(value: str) -> str | None:
    """Why `value` cannot be kept as text, or None when it can."""
    found = _REFUSED.search(value)
    if found is None:
        return None
    char = found.group()
    code = f"U+{ord(char):04X}"
    if char in _NAMES:
        name = _NAMES[char]
    elif "\ud800" <= char <= "\udfff":
        name = f"an unpaired surrogate ({code})"
    elif char in "\ufffe\uffff":
        name = f"a non-character ({code})"
    else:
        name = f"a control character ({code})"
    return f"contains {name}, which text in Accord may not hold"


def without_refused(value: str) -> str:
    """`value` without the characters `text_problem` refuses: for text Accord derives
    itself (read from an uploaded file), where there is no one to tell."""
    return _REFUSED.sub("", value)


def _join(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}[{part}]"
    return f"{path}.{part}" if path else str(part)


def _top(path: str) -> str:
    """The outermost field of `path` (`names.en[0][0]...` -> `names`): where a value
    nested too deeply starts, without a path as long as the nesting."""
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def _children(node: dict | list) -> list[tuple[str | int, Any]]:
    return list(node.items()) if isinstance(node, dict) else list(enumerate(node))


def check_tree(
    data: Any, *, max_depth: int = MAX_DEPTH, max_repeated: int = MAX_REPEATED
) -> list[Problem]:
    """What makes parsed data (JSON, YAML) unfit to read further: a string or key that
    `text_problem` refuses, nesting deeper than `max_depth`, a list or mapping that
    holds itself (a YAML alias to its own anchor), or aliases that repeat more than
    `max_repeated` values (an "alias bomb": a few lines that expand to billions).

    One pass over the distinct lists and mappings, without recursion: a value shared
    by many aliases is looked at once, however often it is repeated.
    """
    problems: list[Problem] = []
    height: dict[int, int] = {}  # id -> levels of nesting under and including it
    expanded: dict[int, int] = {}  # id -> values it holds, aliases counted each time
    written = 0  # values as written: each distinct list or mapping once
    open_: set[int] = set()  # the lists and mappings on the path being walked
    stack: list[tuple[Any, str, bool]] = [(data, "", False)]
    while stack:
        node, path, closing = stack.pop()
        key = id(node)
        if closing:
            open_.discard(key)
            kids = [child for _, child in _children(node)]
            nested = [child for child in kids if isinstance(child, dict | list)]
            height[key] = 1 + max((height[id(c)] for c in nested), default=0)
            expanded[key] = 1 + sum(expanded[id(c)] for c in nested) + len(kids) - len(nested)
            written += 1 + len(kids) - len(nested)
            if height[key] > max_depth:
                return [Problem(_top(path), f"nested more than {max_depth} levels deep")]
            continue
        if key in height:
            continue  # met before, through an alias: measured already
        if key in open_:
            return [Problem(path, "holds itself (an alias to the anchor it is in)")]
        open_.add(key)
        stack.append((node, path, True))
        for name, child in _children(node):
            where = _join(path, name)
            if isinstance(name, str) and (reason := text_problem(name)):
                problems.append(Problem(where, f"its name {reason}"))
            if isinstance(child, str):
                if reason := text_problem(child):
                    problems.append(Problem(where, reason))
            elif isinstance(child, dict | list):
                if id(child) in open_:
                    return [Problem(where, "holds itself (an alias to the anchor it is in)")]
                stack.append((child, where, False))
        if len(open_) > max_depth:
            return [Problem(_top(path), f"nested more than {max_depth} levels deep")]
    if isinstance(data, dict | list):
        repeated = expanded[id(data)] - written
        if repeated > max_repeated:
            return [
                Problem(
                    "",
                    f"its aliases repeat {repeated} values, more than the {max_repeated}"
                    " a record may (refused as an alias bomb)",
                )
            ]
    return problems


def json_problems(value: Any, path: str) -> list[Problem]:
    """`text_problem` of every string and key in a JSON value (a model's JSON field)."""
    if isinstance(value, str):
        reason = text_problem(value)
        return [Problem(path, reason)] if reason else []
    if isinstance(value, dict | list):
        return [p.under(path) for p in check_tree(value)]
    return []
