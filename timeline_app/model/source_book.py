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
        if _tidy(get("source_text")):
            self.add(entry)
            return
        title = _tidy(get("source_title"))
        if not title or not (_tidy(get("excerpt")) or _tidy(get("text"))):
            return
        # The identity, as _IDENTITY orders it (spelt out: this runs for every row).
        key = (title, _tidy(get("source_publisher")), _tidy(get("source_published")),
               _tidy(get("source_url")))  # fmt: skip
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
