"""Check a record against the corpus's JSON Schema (corpus/schema.json).

A small validator for the part of JSON Schema that schema uses — type, const, enum, pattern, minLength,
minItems, format "date", properties, required, additionalProperties, items, oneOf and local $ref —
so that loading needs no extra dependency and every problem comes back with the path to its value.
The test suite checks the bundled corpus against the same schema with the `jsonschema` package.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

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
    def __init__(self, schema: dict):
        self.schema = schema

    def definition(self, name: str) -> dict:
        return self.schema["$defs"][name]

    def errors(self, value, schema: dict, path: tuple = ()) -> list[Problem]:
        if "$ref" in schema:
            schema = {**self._resolve(schema["$ref"]), **{k: v for k, v in schema.items() if k != "$ref"}}
        if "oneOf" in schema:
            branches = [self.errors(value, branch, path) for branch in schema["oneOf"]]
            if any(not found for found in branches):
                return []
            return min(branches, key=len)
        problems: list[Problem] = []
        expected = schema.get("type")
        if expected is not None:
            names = [expected] if isinstance(expected, str) else expected
            if not any(_TYPES[name](value) for name in names):
                return [(path, f"{_where(path)}: expected {' or '.join(names)}, got {_describe(value)}")]
        if "const" in schema and value != schema["const"]:
            problems.append((path, f"{_where(path)}: must be {schema['const']!r}, not {value!r}"))
        if "enum" in schema and value not in schema["enum"]:
            problems.append((path, f"{_where(path)}: {value!r} is not one of: {', '.join(map(str, schema['enum']))}"))
        if isinstance(value, str):
            problems += self._string_errors(value, schema, path)
        elif isinstance(value, list):
            if len(value) < schema.get("minItems", 0):
                problems.append((path, f"{_where(path)}: needs at least {schema['minItems']} item(s)"))
            if "items" in schema:
                for index, item in enumerate(value):
                    problems += self.errors(item, schema["items"], path + (index,))
        elif isinstance(value, dict):
            problems += self._object_errors(value, schema, path)
        return problems

    def _string_errors(self, value: str, schema: dict, path: tuple) -> list[Problem]:
        if len(value) < schema.get("minLength", 0):
            return [(path, f"{_where(path)}: must not be empty")]
        if "pattern" in schema and not _pattern(schema["pattern"]).search(value):
            return [(path, f"{_where(path)}: {value!r} does not match {schema['pattern']}")]
        if schema.get("format") == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return [(path, f"{_where(path)}: {value!r} is not a real date")]
        return []

    def _object_errors(self, value: dict, schema: dict, path: tuple) -> list[Problem]:
        problems = [(path, f"missing field '{_where(path + (name,))}'") for name in schema.get("required", []) if name not in value]
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                problems += self.errors(item, properties[key], path + (key,))
            elif schema.get("additionalProperties") is False:
                problems.append((path + (key,), f"unknown field '{_where(path + (key,))}'"))
        return problems

    def _resolve(self, ref: str) -> dict:
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"only local $defs references are supported, not {ref}")
        return self.definition(ref.removeprefix("#/$defs/"))


@lru_cache(maxsize=None)
def _pattern(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _where(path: tuple) -> str:
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
