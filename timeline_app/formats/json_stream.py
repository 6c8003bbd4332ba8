"""Reading the items of a JSON list one at a time, so memory stays bounded by one item.

Each item is decoded by the standard library's own JSON scanner (json.JSONDecoder
.raw_decode) from a buffer refilled as the file is read, so values come out exactly as
json.loads would give them (lone surrogates included, for the importer to refuse by item
number), and errors carry the line and column json.loads would report. Streaming libraries
with C parsers were tried and rejected: the one we measured silently turns a lone surrogate
into "?", which would change the user's text without a word.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from timeline_app.errors import TimelineError

CHUNK_CHARS = 1 << 20
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class JsonError(TimelineError):
    """The file is not JSON this app can read; the message says where."""


class _Buffer:
    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self.handle = handle
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.text = ""
        self.pos = 0
        self.dropped_chars = 0  # characters before text[0]
        self.dropped_lines = 0  # line breaks among them
        self.bytes_read = 0
        self.eof = False
        self.first = True

    # ----- reading
    def more(self) -> bool:
        """Append the next chunk; False at the end of the file."""
        if self.eof:
            return False
        raw = self.handle.read(CHUNK_CHARS)
        self.bytes_read += len(raw)
        try:
            chunk = self.decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            # The decoder may hold bytes of a character begun in the previous chunk: they
            # come before `raw` in what it decoded.
            decoded = exc.object
            offset = self.bytes_read - len(decoded) + exc.start
            raise JsonError(
                f"{self.path}: is not UTF-8 text (byte 0x{decoded[exc.start]:02X} at byte "
                f"offset {offset:,} cannot be decoded); save it as UTF-8 and import it again"
            ) from None
        if self.first:
            chunk = chunk.removeprefix("\ufeff")
            self.first = False
        if "\x00" in chunk:
            raise JsonError(f"{self.path}: is a binary file, not JSON text")
        if not raw:
            self.eof = True
        if self.pos > CHUNK_CHARS:  # forget what was read, keeping the counts for messages
            self.dropped_lines += self.text.count("\n", 0, self.pos)
            self.dropped_chars += self.pos
            self.text = self.text[self.pos :]
            self.pos = 0
        self.text += chunk
        return bool(raw)

    def skip_space(self) -> None:
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text) or not self.more():
                return

    def peek(self) -> str:
        self.skip_space()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    # ----- messages
    def where(self, pos: int | None = None) -> str:
        pos = self.pos if pos is None else pos
        line = self.dropped_lines + self.text.count("\n", 0, pos) + 1
        column = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        if line == 1:
            column += self.dropped_chars
        return f"line {line}, column {column}"

    def fail(self, message: str, pos: int | None = None) -> JsonError:
        return JsonError(f"{self.path}: is not valid JSON: {message} ({self.where(pos)})")

    # ----- values
    def value(self) -> Any:
        """The next complete JSON value, reading more of the file as it needs."""
        self.skip_space()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                truncated = exc.pos >= len(self.text) - 1 or exc.msg.startswith("Unterminated")
                if truncated and self.more():
                    continue
                raise self.fail(exc.msg, exc.pos) from None
            except RecursionError:
                raise JsonError(
                    f"{self.path}: is not usable JSON: it is nested too deeply"
                ) from None
            except ValueError as exc:  # e.g. an integer of more than 4,300 digits
                raise JsonError(
                    f"{self.path}: is not usable JSON: {str(exc).split(';')[0]} ({self.where()})"
                ) from None
            if end == len(self.text) and not self.eof and self.more():
                continue  # a number cut by the end of the buffer: read on and decode again
            self.pos = end
            return value

    def expect(self, char: str, what: str) -> None:
        if self.peek() != char:
            raise self.fail(f"Expecting {what}")
        self.pos += 1


class JsonItems:
    """The items of a JSON file that is a list of objects, or an object whose "events" key
    holds that list (its other keys are kept in `extras`, if small)."""

    def __init__(self, path: Path, list_key: str = "events") -> None:
        self.path = path
        self.list_key = list_key
        self.extras: dict[str, Any] = {}
        self.bytes_read = 0

    def __iter__(self) -> Iterator[Any]:
        with self.path.open("rb") as handle:
            buffer = _Buffer(self.path, handle)
            yield from self._items(buffer)
            self.bytes_read = buffer.bytes_read

    def _items(self, buffer: _Buffer) -> Iterator[Any]:
        first = buffer.peek()
        if not first:
            raise JsonError(f"{self.path}: is empty; it has no JSON content")
        if first == "[":
            yield from self._list(buffer)
        elif first == "{":
            found = False
            buffer.pos += 1
            first_key = True
            while True:
                if buffer.peek() == "}":
                    buffer.pos += 1
                    break
                if not first_key:
                    buffer.expect(",", "',' delimiter")
                first_key = False
                key = buffer.value()
                if not isinstance(key, str):
                    raise buffer.fail("Expecting property name enclosed in double quotes")
                buffer.expect(":", "':' delimiter")
                if key == self.list_key and buffer.peek() == "[" and not found:
                    found = True
                    yield from self._list(buffer)
                else:
                    self.extras[key] = buffer.value()
            if not found:
                raise self._shape_error()
        else:
            buffer.value()  # a syntax error is reported as such
            raise self._shape_error()
        if buffer.peek():
            raise buffer.fail("Extra data")
        self.bytes_read = buffer.bytes_read

    def _list(self, buffer: _Buffer) -> Iterator[Any]:
        buffer.pos += 1  # "["
        if buffer.peek() == "]":
            buffer.pos += 1
            return
        while True:
            item = buffer.value()
            self.bytes_read = buffer.bytes_read
            yield item
            char = buffer.peek()
            if char == "]":
                buffer.pos += 1
                return
            buffer.expect(",", "',' delimiter")

    def _shape_error(self) -> JsonError:
        return JsonError(
            f"{self.path}: must hold a list of event objects, or an object with an "
            f'"{self.list_key}" list'
        )
