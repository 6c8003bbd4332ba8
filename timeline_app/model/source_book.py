"""Source texts given once. In an import file the first row that names a source (by its
title, publisher, publication date and url) carries the source's full text; later rows may
leave source_text empty and name the source by the same details, or by its title alone
when only one source has that title. A separate sources file can give the texts instead
(`import events.csv --sources sources.csv`). Both import passes fill the rows the same way,
so the second pass sees exactly what the first one checked."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from timeline_app.errors import TimelineError
from timeline_app.formats.json_stream import JsonItems
from timeline_app.formats.records import Record

_IDENTITY = ("source_title", "source_publisher", "source_published", "source_url")


def _value(record: dict[str, Any], name: str) -> str:
    return _tidy(record.get(name))


def _tidy(value: object) -> str:
    if type(value) is str:
        return value.strip()
    return "" if value is None else str(value).strip()


class SourceBook:
    def __init__(self) -> None:
        self._texts: dict[tuple[str, ...], str] = {}
        self._by_title: dict[str, set[tuple[str, ...]]] = {}
        self._keys: dict[tuple[object, ...], tuple[str, ...]] = {}

    def add(self, record: dict[str, Any]) -> None:
        """Remember the source a record gives with its text (the first text wins; a
        different text later is the import's own error to report)."""
        text = record.get("source_text")
        if not isinstance(text, str) or not text or not _value(record, "source_title"):
            return
        key = tuple(_value(record, name) for name in _IDENTITY)
        if key not in self._texts:
            self._texts[key] = text
            self._by_title.setdefault(key[0], set()).add(key)

    def _key(self, entry: dict[str, Any]) -> tuple[str, ...]:
        """The identity a record names, as _IDENTITY orders it, tidied; remembered by the
        values as written (a file names the same few sources again and again)."""
        get = entry.get
        written = (get("source_title"), get("source_publisher"), get("source_published"),
                   get("source_url"))  # fmt: skip
        try:
            return self._keys[written]
        except KeyError:
            key = tuple(_tidy(value) for value in written)
            if all(value is None or type(value) is str for value in written):
                if len(self._keys) > 1 << 16:
                    self._keys.clear()
                self._keys[written] = key  # (not 1 and True: equal keys, other texts)
            return key
        except TypeError:  # a list or object where text belongs (JSON)
            return tuple(_tidy(value) for value in written)

    def fill(self, record: Record) -> None:
        """Give a quoting record (and each entry of its "excerpts") the text of the source
        it names, when it leaves source_text empty; remember the texts it gives."""
        self._fill_one(record)
        extra = record.get("excerpts")
        if extra:
            for entry in extra if isinstance(extra, list) else ():
                if isinstance(entry, dict):
                    self._fill_one(entry)

    def _fill_one(self, entry: dict[str, Any]) -> None:
        get = entry.get
        given = get("source_text")
        if given is not None and _tidy(given):
            self.add(entry)
            return
        if not (_tidy(get("excerpt")) or _tidy(get("text"))):
            return
        key = self._key(entry)
        title = key[0]
        if not title:
            return
        text = self._texts.get(key)
        if text is None and len(self._by_title.get(title, ())) == 1:
            (only,) = self._by_title[title]
            if all(not given or given == known for given, known in zip(key, only, strict=True)):
                text = self._texts[only]  # named by its title alone
                for name, known in zip(_IDENTITY, only, strict=True):
                    entry.setdefault(name, known)
                    if not _value(entry, name):
                        entry[name] = known
        if text is not None:
            entry["source_text"] = text


def source_records(path: Path, format_name: str) -> Iterator[tuple[int, Record]]:
    """The rows of a sources file: CSV with a header naming the source columns, or JSON (a
    list of objects, or {"sources": [...]}). Numbered as import files are (line, item)."""
    if format_name == "csv":
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise TimelineError(f"{path}: cannot be read as UTF-8 text ({exc})") from None
        reader = csv.DictReader(io.StringIO(text, newline=""))
        for record in reader:
            yield reader.line_num, {str(k).strip().lower(): v for k, v in record.items() if k}
        return
    for number, item in enumerate(JsonItems(path, list_key="sources"), start=1):
        if isinstance(item, dict):
            yield number, {str(k).strip().lower(): v for k, v in item.items()}
        else:
            yield number, {}
