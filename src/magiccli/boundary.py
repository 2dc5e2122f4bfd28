"""Where text from corpus files (and file names, and what the user typed) meets the output.

A corpus file is data, never terminal commands: a title holding ``ESC ] 2 ; … ESC \\`` would rename the
terminal's window, ``ESC [ 5 m`` make it blink, an OSC 8 sequence plant a hyperlink, and U+202E (right-to-left
override) show text in an order other than the one stored. So every character that can change a terminal's state
or the order text is shown in — the C0 controls but tab and newline, DEL, the C1 controls and the bidi controls —
is shown escaped, as ``\\x1b`` (C0) or ``\\u202e`` (the rest). The ``\\uXXXX`` form is also a JSON string escape, so
the same escaping keeps JSON valid: json.dumps has already escaped the C0 controls, and the others may only sit
inside its strings.
"""

from __future__ import annotations

import codecs
import io
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from magiccli.text import CONTROLS as UNSAFE
from magiccli.text import Cleared

_SAFE_ASCII = bytes([0x09, 0x0A, *range(0x20, 0x7F)])  # what an ASCII text may hold as it is


def _escape(match: re.Match) -> str:
    return _escaped(match.group())


def _escaped(character: str) -> str:
    code = ord(character)
    if code == 0x09:
        return "\\t"
    if code == 0x0A:
        return "\\n"
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` with its unsafe characters escaped; tabs and line breaks kept."""
    if text.isascii() and not text.encode("ascii").translate(None, _SAFE_ASCII):
        return text  # the common case, told four times faster than the search below can
    return UNSAFE.sub(_escape, text) if UNSAFE.search(text) else text


# A line written waits in magiccli's buffers until they fill, unless the last flush was this long ago: a stream of
# many lines (a timeline) still goes out in blocks, and one whose lines come slowly (a search with few hits) shows
# each as it is found instead of after a block's worth of them.
FLUSH_AFTER_SECONDS = 0.1
_last_flush = time.monotonic()


def flush_if_due(flush: Callable[[], None]) -> None:
    """Call ``flush`` if no output was flushed for FLUSH_AFTER_SECONDS; called at the end of a line."""
    global _last_flush
    now = time.monotonic()
    if now - _last_flush >= FLUSH_AFTER_SECONDS:
        flush()
        _last_flush = now


_batches_open: list[Callable[[], None]] = []  # the deliver() of each batched_out at work now


def deliver_output() -> None:
    """Everything written so far out to the reader now, batches included: called before magiccli waits for input
    (the next reference on stdin), which a reader may send only once it has read the answers so far."""
    for deliver in _batches_open:
        deliver()
    sys.stdout.flush()


@contextmanager
def batched_out(stream: TextIO) -> Iterator[Callable[[str | Cleared], None]]:
    """A function that writes texts to the bytes under ``stream``'s text layer: each as shown() shows it, a Cleared
    text as it is (if ``stream`` is UTF-8). They go out in batches of the size of the text layer's buffer, so that
    a slow stream (a rare --grep) shows its first line no later than before, but searched, encoded and written a
    batch at a time instead of a line at a time, which took a fifth of a timeline's time; on a line-buffered
    stream (a terminal) each at once. What went to the text layer before is flushed first."""
    stream.flush()
    raw, encoding, errors = stream.buffer, stream.encoding, stream.errors or "strict"
    utf8 = codecs.lookup(encoding).name == "utf-8"
    batch_size = 0 if stream.line_buffering else io.DEFAULT_BUFFER_SIZE
    texts: list[str] = []  # the texts since the last Cleared one, shown together (shown(a + b) is shown(a) + shown(b))
    chunks: list[bytes] = []
    size = 0

    def encode_texts() -> None:
        if texts:
            chunks.append(shown("".join(texts)).encode(encoding, errors))
            texts.clear()

    def write_batch() -> None:
        nonlocal size
        encode_texts()
        raw.write(b"".join(chunks))
        chunks.clear()
        size = 0

    def deliver() -> None:
        write_batch()
        raw.flush()

    def write(text: str | Cleared) -> None:
        nonlocal size
        if isinstance(text, Cleared):
            encode_texts()
            chunks.append(text.utf8 if utf8 else text.utf8.decode().encode(encoding, errors))
            size += len(text.utf8)
        else:
            texts.append(text)
            size += len(text)
        if size >= batch_size:
            write_batch()
            if not batch_size:
                raw.flush()
        if not isinstance(text, Cleared) and text.endswith("\n"):  # whole lines only: a reader waits for the end
            flush_if_due(deliver)

    _batches_open.append(deliver)
    try:
        yield write
    finally:  # what was written before a failure goes out, as through the text layer
        _batches_open.remove(deliver)
        write_batch()


def one_line(text) -> str:
    """``str(text)`` escaped to one line, for a message: every character Python does not call printable (the
    unsafe ones, line breaks of every kind, tabs, format characters) is escaped, and the stray surrogates a file
    name that is not UTF-8 decodes to are shown as the bytes they stand for."""
    return "".join(character if character.isprintable() else _escaped(character) for character in str(text))


def warn(message: str) -> None:
    """A warning on stderr, one line: something was skipped but the command goes on."""
    print(f"magiccli: {one_line(message)}", file=sys.stderr)
