"""How the API reads what a client sends: JSON bodies, query strings and form fields,
each checked (`accord.core.inputs`) before any of it is used to look something up.

A body that is not UTF-8, or is nested too deeply to be JSON Accord reads, answers
400; a string holding a character text may not hold (a NUL, which PostgreSQL refuses
even in a look-up) answers 422 naming its field, like any other invalid field.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.parser import Parser

from accord.core import inputs
from accord.core.errors import DomainError, Problem


class Unreadable(DomainError):
    """The body cannot be read as JSON at all (400)."""


class Refused(DomainError):
    """The body reads as JSON, but holds values Accord does not take (422)."""


class CheckedParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        try:
            text = request.body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Unreadable.at("body", f"is not UTF-8 text (byte {exc.start})") from None
        try:
            data = json.loads(text)
        except RecursionError:
            raise Unreadable.at(
                "body", f"nested more than {inputs.MAX_DEPTH} levels deep"
            ) from None
        except json.JSONDecodeError as exc:
            raise Unreadable.at(
                "body", f"is not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            ) from None
        if not isinstance(data, dict | list):
            # Every body Accord reads is an object or a list; a bare value such as "" or
            # 0 would otherwise be read as an empty object, the change as no change.
            raise Refused.at("body", "must be a JSON object or list, not a single value")
        if problems := inputs.check_tree(data):
            depth = [p for p in problems if "levels deep" in p.reason]
            raise (Unreadable if depth else Refused)(problems)
        return data

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        problems = []
        for key, values in data.lists():
            for value in [key, *values]:
                if isinstance(value, str) and (reason := inputs.text_problem(value)):
                    problems.append(Problem(key, reason))
                    break
        if problems:
            raise DomainError(problems)
        return super().parse_querydict(data, list_fields, request)
