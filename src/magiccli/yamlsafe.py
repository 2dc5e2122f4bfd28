"""Read a YAML file into plain Python values, remembering the line of every value.

Only plain YAML is accepted: strings, numbers, booleans, nulls, lists and mappings. A tag such as
``!!python/object`` is refused (nothing it names is ever constructed), and so are anchors and aliases,
which the corpus never needs and which a "billion laughs" file would use to blow up memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml's parser is several times faster; the pure-Python one reads the same documents
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _SafeLoader


class _Loader(_SafeLoader):
    """The safe loader, remembering what type a plain scalar has: files repeat the same keys and values, and the
    parser asks for every one."""

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:  # a quoted or block scalar is a string (the safe loader has no path resolvers)
            return _plain_tag(value) if implicit[0] else self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


@lru_cache(maxsize=4096)
def _plain_tag(value: str) -> str:
    return Resolver().resolve(ScalarNode, value, (True, False))

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
        doc.value = _build(node, set())
        if with_lines:
            _map_lines(node, (), doc.lines)
    return doc


def _build(node: Node, seen: set):
    """The node's value, refusing what plain YAML does not need."""
    if id(node) in seen:
        raise YamlProblem(_line(node), "YAML anchors and aliases are not allowed")
    seen.add(id(node))
    if isinstance(node, MappingNode):
        _plain(node, _TAG + "map")
        value = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise YamlProblem(_line(key_node), "YAML merge keys ('<<') are not allowed")
            key = _build(key_node, seen)
            if not isinstance(key, str):
                raise YamlProblem(_line(key_node), f"mapping key {key!r} is not a string")
            if key in value:
                raise YamlProblem(_line(key_node), f"duplicate key '{key}'")
            value[key] = _build(value_node, seen)
        return value
    if isinstance(node, SequenceNode):
        _plain(node, _TAG + "seq")
        return [_build(item, seen) for item in node.value]
    return _scalar(node)


def _plain(node: Node, tag: str) -> None:
    if node.tag != tag:
        raise _refused_tag(node)


def _refused_tag(node: Node) -> YamlProblem:
    return YamlProblem(_line(node), f"YAML tag '{node.tag}' is not allowed (only plain YAML is read)")


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _map_lines(node: Node, path: tuple, lines: dict) -> None:
    """The line of each value of a document _build has read, by its path of keys and indexes."""
    lines[path] = _line(node)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            _map_lines(value_node, path + (key_node.value,), lines)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, path + (index,), lines)


def _scalar(node: ScalarNode):
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
    raise _refused_tag(node)
