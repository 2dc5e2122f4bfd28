"""Check a record against the corpus's JSON Schema (corpus/schema.json).

A small validator for the part of JSON Schema that schema uses — type, const, enum, pattern (with the
schema's own x-message saying what to write), minLength, minimum, minItems, format "date", properties, required,
dependentRequired, additionalProperties, items, oneOf and local $ref — so that loading needs no extra dependency
and every problem comes back with the path to its value.
The test suite checks the bundled corpus against the same schema with the `jsonschema` package.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache

_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}

Problem = tuple[tuple, str]  # (path to the value, what is wrong)


class Validator:
    """Checks values against the schema's definitions, each compiled once into a function of (value, path)."""

    def __init__(self, schema: dict):
        self.schema = schema
        self._compiled: dict[int, Callable] = {}

    def definition(self, name: str) -> dict:
        return self.schema["$defs"][name]

    def errors(self, value, schema: dict, path: tuple = ()) -> list[Problem]:
        return self._check(schema)(value, path)

    def _check(self, schema: dict) -> Callable[[object, tuple], list[Problem]]:
        check = self._compiled.get(id(schema))
        if check is None:

            def check(value, path, schema=schema):  # stands in for itself while a recursive definition compiles
                return self._compiled[id(schema)](value, path)

            self._compiled[id(schema)] = check
            self._compiled[id(schema)] = check = self._compile(schema)
        return check

    def _compile(self, schema: dict) -> Callable[[object, tuple], list[Problem]]:
        while "$ref" in schema:  # a definition may itself refine another one (graded_source refines source)
            schema = {**self._resolve(schema["$ref"]), **{k: v for k, v in schema.items() if k != "$ref"}}
        if "oneOf" in schema:
            branches = [self._check(branch) for branch in schema["oneOf"]]

            def one_of(value, path):
                found = []
                for branch in branches:
                    problems = branch(value, path)
                    if not problems:
                        return []
                    found.append(problems)
                return min(found, key=len)

            return one_of
        expected = schema.get("type")
        names = [] if expected is None else [expected] if isinstance(expected, str) else expected
        tests = [_TYPES[name] for name in names]
        of_type = tests[0] if len(tests) == 1 else lambda value: not tests or any(test(value) for test in tests)
        string_check = self._string_check(schema)
        items = self._check(schema["items"]) if "items" in schema else None
        object_check = self._object_check(schema)
        const, enum, min_items = schema.get("const", _ABSENT), schema.get("enum"), schema.get("minItems", 0)
        minimum = schema.get("minimum")

        def check(value, path):
            if not of_type(value):
                return [(path, f"{where(path)}: expected {' or '.join(names)}, got {_describe(value)}")]
            problems: list[Problem] = []
            if const is not _ABSENT and value != const:
                problems.append((path, f"{where(path)}: must be {const!r}, not {value!r}"))
            if enum is not None and value not in enum:
                problems.append((path, f"{where(path)}: {value!r} is not one of: {', '.join(map(str, enum))}"))
            if (
                minimum is not None
                and isinstance(value, (int, float))
                and not isinstance(value, bool)
                and value < minimum
            ):
                problems.append((path, f"{where(path)}: {value!r} is less than {minimum}"))
            if isinstance(value, str):
                problems += string_check(value, path)
            elif isinstance(value, list):
                if len(value) < min_items:
                    problems.append((path, f"{where(path)}: needs at least {min_items} item(s)"))
                if items is not None:
                    for index, item in enumerate(value):
                        problems += items(item, path + (index,))
            elif isinstance(value, dict):
                problems += object_check(value, path)
            return problems

        return check

    @staticmethod
    def _string_check(schema: dict) -> Callable[[str, tuple], list[Problem]]:
        min_length, pattern, is_date = schema.get("minLength", 0), schema.get("pattern"), schema.get("format") == "date"
        search = _pattern(pattern).search if pattern else None
        # what to write, where the schema says it (x-message); a bare regular expression helps few readers
        mismatch = schema.get("x-message") or f"does not match {pattern}"

        def check(value, path):
            if len(value) < min_length:
                return [(path, f"{where(path)}: must not be empty")]
            if search is not None and not search(value):
                return [(path, f"{where(path)}: {value!r}: {mismatch}")]
            if is_date:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    return [(path, f"{where(path)}: {value!r} is not a real date")]
            return []

        return check

    def _object_check(self, schema: dict) -> Callable[[dict, tuple], list[Problem]]:
        required = schema.get("required", [])
        dependent = schema.get("dependentRequired", {})  # a field that needs others beside it
        properties = {key: self._check(item) for key, item in schema.get("properties", {}).items()}
        closed = schema.get("additionalProperties") is False

        def check(value, path):
            problems = [(path, f"missing field '{where(path + (name,))}'") for name in required if name not in value]
            problems += [
                (path + (key,), f"missing field '{where(path + (name,))}' (needed with '{key}')")
                for key, names in dependent.items()
                if key in value
                for name in names
                if name not in value
            ]
            for key, item in value.items():
                property_check = properties.get(key)
                if property_check is not None:
                    problems += property_check(item, path + (key,))
                elif closed:
                    problems.append((path + (key,), f"unknown field '{where(path + (key,))}'"))
            return problems

        return check

    def _resolve(self, ref: str) -> dict:
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"only local $defs references are supported, not {ref}")
        return self.definition(ref.removeprefix("#/$defs/"))


_ABSENT = object()


@cache
def _pattern(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def where(path: tuple) -> str:
    """citation.url, footnotes[2].text: the path as a reader would write it."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else f".{step}" if out else step
    return out or "record"


def _describe(value) -> str:
    if value is None:
        return "null"
    for name in ("boolean", "integer", "number", "string", "array", "object"):
        if _TYPES[name](value):
            return f"{name} {value!r}" if name in ("boolean", "integer", "number") else name
    return type(value).__name__
