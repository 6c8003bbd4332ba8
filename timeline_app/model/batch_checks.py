"""Checking a batch of import records at once, with the rules of row_checks.

parse_record() checks one record field by field: about a hundred Python steps a row, half of
an import's time. Most rows of a real file are plain text that passes every rule, so a batch
is checked column by column first (each free-text column in one scan, names, dates, sources
and published dates once per distinct value) and only the rows that fail any of these
checks, or that hold anything but text, go through parse_record(): it alone words the
problems, so a bad row is named exactly as it always was, wherever it sits in its batch.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Callable, Sequence

from timeline_app.errors import ValidationError
from timeline_app.formats.records import Record
from timeline_app.model.dates import DateSpan, infer_precision, period_start
from timeline_app.model.row_checks import (
    FALSE_WORDS,
    TRUE_WORDS,
    ParsedExcerpt,
    Row,
    checked_span,
    parse_record,
)
from timeline_app.model.text_rules import all_allowed, problem_with
from timeline_app.model.writer import NewSource

# Free-text columns, each checked in one scan per batch (source_text once per distinct text).
_SCANNED = ("title", "summary", "excerpt", "source_title", "source_publisher", "source_url")
_SHORT_MAX = 100  # longer start, end, precision or published values are refused by name
_CANONICAL_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CACHE_MAX = 1 << 16  # distinct values remembered per kind, so memory stays bounded

Report = Callable[[int, str], None]


class BatchChecker:
    """Checks batches of one file's records, remembering what it learnt about values that
    repeat (company names, dates, sources) from one batch to the next."""

    def __init__(self) -> None:
        # By field: each name as written -> tidied (None: refused).
        self._names: dict[str, dict[str, str | None]] = {
            "company": {}, "category": {}, "company_kind": {}}  # fmt: skip
        self._spans: dict[tuple[str, str, str], DateSpan | None] = {}
        self._sources: dict[tuple[str, str, str, str, str], NewSource | None] = {}
        self._good_texts: set[str] = set()

    def check(self, batch: Sequence[tuple[int, Record]], report: Report) -> list[Row | None]:
        """Each record's Row, or None after its problems went to report(line, reason)."""
        suspect = self._scan_columns(batch)
        rows: list[Row | None] = []
        errors: list[str] = []
        for index, (number, record) in enumerate(batch):
            row = None if index in suspect else self._row(number, record)
            if row is None:
                errors.clear()
                row = parse_record(number, record, errors)
                for reason in errors:
                    report(number, reason)
            rows.append(row)
        return rows

    def _scan_columns(self, batch: Sequence[tuple[int, Record]]) -> set[int]:
        """Rows that hold something other than text, or fail a free-text rule."""
        suspect: set[int] = set()
        try:  # one C-level pass: join() refuses anything but text
            "".join(itertools.chain.from_iterable(record.values() for _n, record in batch))
        except TypeError:
            suspect.update(
                index
                for index, (_number, record) in enumerate(batch)
                if not all(type(value) is str for value in record.values())
            )
        suspect.update(i for i, (_n, record) in enumerate(batch) if "excerpts" in record)
        for field in _SCANNED:
            column = [record.get(field) or "" for _number, record in batch]
            if not all_allowed(field, column):
                suspect.update(i for i, value in enumerate(column) if problem_with(field, value))
        texts = {record.get("source_text") or "" for _number, record in batch}
        for text in texts - self._good_texts:
            if problem_with("source_text", text):
                suspect.update(
                    i for i, (_n, record) in enumerate(batch) if record.get("source_text") == text
                )
            elif len(self._good_texts) < _CACHE_MAX:
                self._good_texts.add(text)
        return suspect

    def _name(self, field: str, value: str) -> str | None:
        """The tidied name, or None when it breaks the rules of names."""
        names = self._names[field]
        if value in names:
            return names[value]
        name: str | None = " ".join(value.split())
        if problem_with(field, name or ""):
            name = None
        if len(names) < _CACHE_MAX:
            names[value] = name
        return name

    def _span(self, start: str, end: str, given: str) -> DateSpan | None:
        key = (start, end, given)  # as written: the same few thousand dates again and again
        if key not in self._spans:
            span = None
            if len(start) <= _SHORT_MAX and len(end) <= _SHORT_MAX and len(given) <= _SHORT_MAX:
                tidy = (start.strip(), end.strip(), given.strip())
                span = checked_span(*tidy) if tidy[0] else None
            if len(self._spans) >= _CACHE_MAX:
                self._spans.clear()
            self._spans[key] = span if isinstance(span, DateSpan) else None
        return self._spans[key]

    def _source(
        self, title: str, text: str, publisher: str, url: str, published: str
    ) -> NewSource | None:
        """The source a quoting row names (its free text already scanned), or None when its
        title is blank, its url or published date is refused."""
        key = (title, text, publisher, url, published)
        if key in self._sources:
            return self._sources[key]
        source = None
        tidy_url, tidy_published = url.strip(), published.strip()
        if (
            title.strip()
            and text
            and len(published) <= _SHORT_MAX
            and (not tidy_url or tidy_url.lower().startswith(("http://", "https://")))
            and (not tidy_published or _is_date(tidy_published))
        ):
            source = NewSource(title, text, publisher, tidy_url, tidy_published)
        if len(self._sources) >= _CACHE_MAX:
            self._sources.clear()
        self._sources[key] = source
        return source

    def _row(self, number: int, record: Record) -> Row | None:
        """The Row parse_record() would give, when every check passes here; None sends the
        record to parse_record() (which words the problems, or finds there are none)."""
        get = record.get
        company_text, title, category_text, start = (
            get("company"), get("title"), get("category"), get("start"))  # fmt: skip
        if company_text is None or title is None or category_text is None or start is None:
            return None
        company = self._name("company", company_text)
        category = self._name("category", category_text)
        if not company or not category or not title.strip():
            return None
        kind = self._name("company_kind", get("company_kind") or "")
        span = self._span(start, get("end") or "", get("precision") or "")
        if kind is None or span is None:
            return None
        word = (get("approximate") or "").strip().lower()
        if word in TRUE_WORDS:
            approximate = True
        elif word in FALSE_WORDS:
            approximate = False
        else:
            return None
        uid = get("id") or None
        if uid is not None and not _CANONICAL_UID.fullmatch(uid):
            uid = _canonical_uid(uid)
            if uid == "":
                return None
        excerpts: list[ParsedExcerpt] = []
        quote = get("excerpt") or ""
        begin_text, end_text = get("excerpt_start"), get("excerpt_end")
        begin: int | None
        end: int | None
        if begin_text and end_text and begin_text.isdigit() and end_text.isdigit() and (
            begin_text.isascii() and end_text.isascii()
            and len(begin_text) <= 15 and len(end_text) <= 15
        ):  # fmt: skip
            begin, end = int(begin_text), int(end_text)  # the usual case, spelt out
        else:
            begin, end = _offset(begin_text), _offset(end_text)
            if begin == -1 or end == -1:
                return None
        if quote:
            text = get("source_text") or ""
            source = self._source(
                get("source_title") or "", text, get("source_publisher") or "",
                get("source_url") or "", get("source_published") or "",
            )  # fmt: skip
            if source is None or (begin is None) != (end is None):
                return None
            if begin is None or end is None:
                begin = text.find(quote)
                if begin < 0:
                    return None
                end = begin + len(quote)
            elif end > len(text) or end - begin != len(quote) or not text.startswith(quote, begin):
                return None
            excerpts.append(ParsedExcerpt(source, begin, end, quote))
        elif begin is not None or end is not None:
            return None
        return Row(number, company, kind, title, get("summary") or "", category, span,
                   approximate, excerpts, uid)  # fmt: skip


def _offset(value: str | None) -> int | None:
    """A quote's offset as written: None when not given, -1 when not a whole number ≥ 0."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 15:
        return -1
    return int(value)


def _canonical_uid(value: str) -> str | None:
    """An id in its canonical form; None when blank, "" when it is no UUID."""
    if not value.strip():
        return None
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        return ""


def _is_date(text: str) -> bool:
    try:
        period_start(text, infer_precision(text))
    except ValidationError:
        return False
    return True
