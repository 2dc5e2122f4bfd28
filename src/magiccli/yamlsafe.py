"""Read a YAML file into plain Python values, remembering the line of every value.

Only plain YAML is accepted: strings, numbers, booleans, nulls, lists and mappings. A tag such as
``!!python/object`` is refused (nothing it names is ever constructed), and so are anchors and aliases,
which the corpus never needs and which a "billion laughs" file would use to blow up memory.
"""

from __future__ import annotations

import math
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
import yaml.reader
from yaml.constructor import SafeConstructor
from yaml.events import Event, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, StreamEndEvent
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

_Parser: Any
try:  # libyaml's parser is several times faster; the pure-Python one reads the same documents
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Parser


@lru_cache(maxsize=4096)
def _plain_tag(value: str) -> str:
    """The type of a plain scalar: files repeat the same keys and values, and each is looked up once."""
    return Resolver().resolve(ScalarNode, value, (True, False))


MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_INT_DIGITS = 18  # any such integer fits SQLite's and JSON's 64 bits
# Lists and mappings nest at most this deep: a corpus record needs four levels, and every walk over a value (the
# checks, the JSON the index keeps) may then recurse without reaching Python's limit of 1,000 frames.
MAX_DEPTH = 64

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
    text = _read_text(path)
    doc = Document(None)
    try:
        doc.value = _Values(text, doc.lines if with_lines else None).document()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise YamlProblem(mark.line + 1 if mark else 1, f"YAML syntax: {err.problem or err}") from None
    except yaml.reader.ReaderError as err:  # a character YAML does not allow in a file, such as a raw ESC or NUL
        character = chr(err.character) if isinstance(err.character, int) else err.character
        line = text.count("\n", 0, max(text.find(character), 0)) + 1
        raise YamlProblem(
            line,
            f"YAML syntax: control character U+{ord(character):04X} is not allowed"
            " (write it as an escape in a double-quoted string)",
        ) from None
    return doc


def _read_text(path: Path) -> str:
    """The file's text, if it is a regular file of at most MAX_FILE_BYTES: opened without blocking and checked
    once open, so that a FIFO or a device put in its place after the corpus walk is refused, not read for ever."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(handle, "rb") as file:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem(1, "not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise YamlProblem(1, f"file is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # grew since
        raise YamlProblem(1, f"file is over the limit of {MAX_FILE_BYTES:,} bytes")
    return data.decode("utf-8")


class _Values:
    """Values built straight from the parser's events (no tree of nodes in between), refusing what plain YAML does
    not need."""

    def __init__(self, text: str, lines: dict | None):
        # the parser's events: PyYAML's stubs give the base Event none of the attributes every event here has
        self._next: Callable[[], Any] = _Parser(text).get_event
        self._lines = lines
        self._depth = 0  # the lists and mappings open around the value being read

    def document(self):
        self._next()  # the stream's start
        event = self._next()
        if isinstance(event, StreamEndEvent):
            return None
        value = self._child(self._next(), ())
        self._next()  # the document's end
        event = self._next()
        if not isinstance(event, StreamEndEvent):
            raise YamlProblem(_line(event), "YAML syntax: a second document in the file (only one is read)")
        return value

    def _child(self, event: Event, path: tuple):
        """The value that starts with ``event``, at ``path`` in the document."""
        if self._lines is not None:
            self._lines[path] = _line(event)
        return self._value(event, path)

    def _value(self, event: Event, path: tuple):
        _refuse_anchor(event)
        if isinstance(event, ScalarEvent):
            return _scalar(event, _tag(event))
        if self._depth == MAX_DEPTH:
            raise YamlProblem(_line(event), f"lists and mappings nested more than {MAX_DEPTH} deep")
        self._depth += 1
        try:
            return self._collection(event, path)
        finally:
            self._depth -= 1

    def _collection(self, event: Event, path: tuple):
        if isinstance(event, MappingStartEvent):
            _plain(event, _TAG + "map")
            value = {}
            while not isinstance(key_event := self._next(), MappingEndEvent):
                key = self._key(key_event)
                if key in value:
                    raise YamlProblem(_line(key_event), f"duplicate key '{key}'")
                value[key] = self._child(self._next(), path + (key,))
            return value
        _plain(event, _TAG + "seq")  # a sequence: the events left
        items: list = []
        while not isinstance(item := self._next(), SequenceEndEvent):
            items.append(self._child(item, path + (len(items),)))
        return items

    def _key(self, event: Event) -> str:
        if not isinstance(event, ScalarEvent):
            raise YamlProblem(_line(event), "a mapping key must be a string, not a list, mapping or alias")
        _refuse_anchor(event)
        tag = _tag(event)
        if tag == _TAG + "merge":
            raise YamlProblem(_line(event), "YAML merge keys ('<<') are not allowed")
        key = _scalar(event, tag)
        if not isinstance(key, str):
            raise YamlProblem(_line(event), f"mapping key {key!r} is not a string")
        return key


def _refuse_anchor(event: Any) -> None:
    if event.anchor is not None:  # an anchor, or an alias (whose anchor is the name it refers to)
        raise YamlProblem(_line(event), "YAML anchors and aliases are not allowed")


def _tag(event: ScalarEvent) -> str:
    """As PyYAML's composer tags a scalar: its own tag, else a plain one's type, else a string."""
    if event.tag not in (None, "!"):
        return event.tag
    return _plain_tag(event.value) if event.implicit[0] else _TAG + "str"


def _plain(event: Any, tag: str) -> None:
    if event.tag not in (None, "!", tag):
        raise _refused_tag(event)


def _refused_tag(event: Any) -> YamlProblem:
    return YamlProblem(_line(event), f"YAML tag '{event.tag}' is not allowed (only plain YAML is read)")


def _line(event: Any) -> int:
    return event.start_mark.line + 1


def _scalar(event: ScalarEvent, tag: str):
    tag = tag.removeprefix(_TAG)
    if tag in ("str", "timestamp"):  # dates stay strings: the schema checks them
        return event.value
    if tag in ("int", "float") and ":" in event.value and event.implicit[0]:
        # YAML 1.1's base-60 numbers (190:20:30 is 685,230; 12:30 is 750) are read as the text they look like,
        # as YAML 1.2 reads them: nobody writes a number so, and a time written so is not a count of minutes
        return event.value
    if tag == "null":
        return None
    node = ScalarNode(tag, event.value)  # what PyYAML's constructors read
    if tag == "bool":
        return _SCALARS.construct_yaml_bool(node)
    if tag == "int":
        digits = sum(c.isalnum() for c in event.value)
        if digits > MAX_INT_DIGITS:  # Python refuses to read 4,300 digits; nothing the corpus counts has 19
            raise YamlProblem(_line(event), f"an integer of {digits:,} digits is too long (at most {MAX_INT_DIGITS})")
        return _SCALARS.construct_yaml_int(node)
    if tag == "float":
        number = _SCALARS.construct_yaml_float(node)
        if not math.isfinite(number):  # JSON has no Infinity or NaN: strict parsers (the page's script) refuse them
            raise YamlProblem(_line(event), f"{event.value!r} is not a finite number")
        return number
    raise _refused_tag(event)
