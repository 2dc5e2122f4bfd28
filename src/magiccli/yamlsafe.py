"""Read a YAML file into plain Python values, remembering the line of every value.

Only plain YAML is accepted: strings, numbers, booleans, nulls, lists and mappings. A tag such as
``!!python/object`` is refused (nothing it names is ever constructed), and so are anchors and aliases,
which the corpus never needs and which a "billion laughs" file would use to blow up memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml's parser is several times faster; the pure-Python one reads the same documents
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

MAX_FILE_BYTES = 2 * 1024 * 1024

_TAG = "tag:yaml.org,2002:"
_SCALARS = SafeConstructor()


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Document:
    """A file's value, and the line of each value in it keyed by its path (a tuple of keys and indexes)."""

    value: object
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, path: tuple) -> int:
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def read_yaml(path: Path, *, with_lines: bool = True) -> Document:
    """The file's value and, ``with_lines``, the line of each value in it (a problem's line: the corpus loader reads
    a file again for it, since a map of every value's line costs more than the reading when nothing is wrong)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlProblem(1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")
    text = path.read_bytes().decode("utf-8")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise YamlProblem(mark.line + 1 if mark else 1, f"YAML syntax: {err.problem or err}") from None
    doc = Document(None)
    if node is not None:
        doc.value = _build(node, (), doc.lines if with_lines else None, set())
    return doc


def _build(node: Node, path: tuple, lines: dict | None, seen: set):
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise YamlProblem(line, "YAML anchors and aliases are not allowed")
    seen.add(id(node))
    if lines is not None:
        lines[path] = line
    if isinstance(node, (MappingNode, SequenceNode)) and node.tag not in (_TAG + "map", _TAG + "seq"):
        raise YamlProblem(line, f"YAML tag '{node.tag}' is not allowed (only plain YAML is read)")
    if isinstance(node, MappingNode):
        value = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise YamlProblem(key_node.start_mark.line + 1, "YAML merge keys ('<<') are not allowed")
            key = _build(key_node, path, None, seen)
            if not isinstance(key, str):
                raise YamlProblem(key_node.start_mark.line + 1, f"mapping key {key!r} is not a string")
            if key in value:
                raise YamlProblem(key_node.start_mark.line + 1, f"duplicate key '{key}'")
            value[key] = _build(value_node, path + (key,), lines, seen)
        return value
    if isinstance(node, SequenceNode):
        return [_build(item, path + (i,), lines, seen) for i, item in enumerate(node.value)]
    return _scalar(node, line)


def _scalar(node: ScalarNode, line: int):
    tag = node.tag.removeprefix(_TAG)
    if tag in ("str", "timestamp"):  # dates stay strings: the schema checks them
        return node.value
    if tag == "null":
        return None
    if tag == "bool":
        return _SCALARS.construct_yaml_bool(node)
    if tag == "int":
        return _SCALARS.construct_yaml_int(node)
    if tag == "float":
        return _SCALARS.construct_yaml_float(node)
    raise YamlProblem(line, f"YAML tag '{node.tag}' is not allowed (only plain YAML is read)")
