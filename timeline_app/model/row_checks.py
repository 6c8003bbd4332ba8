"""Checking one record of an import file on its own: every field against the model's
rules (dates, text rules, quotes verbatim in their source), each problem a short reason
that the importer puts after the record's line or item number."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from typing import Any

from timeline_app.errors import ValidationError
from timeline_app.formats.records import (
    EXCERPT_ALIASES,
    EXCERPT_COLUMNS,
    REQUIRED,
    json_type,
    show,
)
from timeline_app.model.dates import (
    DateSpan,
    infer_precision,
    parse_precision,
    period_start,
    validate_span,
)
from timeline_app.model.text_rules import problem_with
from timeline_app.model.writer import NewSource

TRUE_WORDS = frozenset({"true", "1", "yes"})
FALSE_WORDS = frozenset({"false", "0", "no", ""})


@dataclass(slots=True)
class ParsedExcerpt:
    source: NewSource
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Row:
    where: int
    company: str
    kind: str
    title: str
    summary: str
    category: str
    span: DateSpan
    approximate: bool
    excerpts: list[ParsedExcerpt]
    uid: str | None = None  # the event's stable identifier, when the file gives one


_YEAR_FIELDS = frozenset({"start", "end", "source_published"})


# Free text checked against text_rules as it is read; names are checked once tidied.
_FREE_TEXT = frozenset(
    {"title", "summary", "source_title", "source_publisher", "source_url", "source_text",
     "excerpt"}
)  # fmt: skip
_SHORT = frozenset({"start", "end", "precision", "approximate", "source_published"})


def _text(record: dict[str, Any], name: str, errors: list[str], prefix: str = "") -> str:
    value = record.get(name)
    if value is None:
        return ""
    if isinstance(value, str):
        if name in _FREE_TEXT and (problem := problem_with(name, value)):
            errors.append(f"{prefix}{problem}")
            return ""
        if name in _SHORT and len(value) > 100:
            errors.append(f"{prefix}{name} is {len(value):,} characters long, not a date")
            return ""
        return value
    if name in _YEAR_FIELDS and isinstance(value, int) and not isinstance(value, bool):
        return str(value) if 0 <= value <= 9999 else f"{value}"[:12]  # JSON {"start": 2020}
    errors.append(f"{prefix}{name} must be text, not {json_type(value)}")
    return ""


def _name(record: dict[str, Any], field: str, errors: list[str]) -> str:
    """A company, category or kind: spaces tidied (" Acme  Corp " is "Acme Corp", so one
    lane is not split in look-alikes), then held to the rules of names."""
    name = " ".join(_text(record, field, errors).split())
    if problem := problem_with(field, name):
        errors.append(problem)
        return ""
    return name


def _approximate(record: dict[str, Any], errors: list[str]) -> bool:
    value = record.get("approximate")
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    word = value.strip().lower() if isinstance(value, str) else None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    errors.append(f"approximate must be true/false, yes/no, 1/0 or empty, not {show(value)}")
    return False


def _offset(value: Any, name: str, errors: list[str], prefix: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        if not value.isascii() or not value.isdigit() or len(value) > 15:
            errors.append(f"{prefix}{name} must be a whole number ≥ 0, not {show(value)}")
            return None
        number = int(value)
    else:
        errors.append(f"{prefix}{name} must be a whole number, not {json_type(value)}")
        return None
    if number < 0:
        errors.append(f"{prefix}{name} must be ≥ 0, not {number}")
        return None
    return number


def _uid(record: dict[str, Any], errors: list[str]) -> str | None:
    """An event's `id`: a UUID in any of its written forms, kept in the canonical one (so
    "{0F8F…}" and "0f8f…" name the same event); empty means none."""
    value = record.get("id")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        errors.append(f"id must be text (a UUID), not {json_type(value)}")
        return None
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        errors.append(
            f"id must be a UUID such as 123e4567-e89b-42d3-a456-426614174000, not {show(value)}"
        )
        return None


def _date_error(name: str, exc: ValidationError) -> str:
    return f"{name}: {exc}"


def _parse_span(record: dict[str, Any], errors: list[str]) -> DateSpan | None:
    start = _text(record, "start", errors).strip()
    end = _text(record, "end", errors).strip()
    given = _text(record, "precision", errors).strip()
    if not start:
        return None  # reported as an empty required field
    span = checked_span(start, end, given)
    if isinstance(span, str):
        errors.append(span)
        return None
    return span


@functools.lru_cache(maxsize=1 << 16)
def checked_span(start: str, end: str, given: str) -> DateSpan | str:
    """The checked dates of a row (start, end and precision stripped), or what is wrong with
    them; cached because files repeat dates a lot."""
    try:
        precision = parse_precision(given) if given else infer_precision(start)
    except ValidationError as exc:
        return _date_error("precision" if given else "start", exc)
    try:
        period_start(start, precision)
    except ValidationError as exc:
        return _date_error("start", exc)
    if end:
        try:
            period_start(end, precision)
        except ValidationError as exc:
            return _date_error("end", exc)
    try:
        return validate_span(start, end or None, precision)
    except ValidationError as exc:
        return str(exc)


def _parse_excerpt(
    record: dict[str, Any], errors: list[str], prefix: str = ""
) -> ParsedExcerpt | None:
    """The excerpt a row (or an `excerpts` entry) gives, or None when it gives none."""
    quote = _text(record, "excerpt", errors, prefix)
    start = _offset(record.get("excerpt_start"), "excerpt_start", errors, prefix)
    end = _offset(record.get("excerpt_end"), "excerpt_end", errors, prefix)
    if not quote:
        if start is not None or end is not None:
            errors.append(f"{prefix}excerpt_start/excerpt_end are given but the excerpt is empty")
        return None
    title = _text(record, "source_title", errors, prefix)
    text = _text(record, "source_text", errors, prefix)
    publisher = _text(record, "source_publisher", errors, prefix)
    url = _text(record, "source_url", errors, prefix).strip()
    published = _text(record, "source_published", errors, prefix).strip()
    ok = True
    if not title.strip():
        errors.append(f"{prefix}source_title is empty (needed with an excerpt)")
        ok = False
    if not text:
        why = f"no earlier row nor --sources file gives the text of {show(title, 40)}" if (
            title.strip()) else "needed with an excerpt"  # fmt: skip
        errors.append(f"{prefix}source_text is empty ({why})")
        return None
    if url and not url.lower().startswith(("http://", "https://")):
        errors.append(f"{prefix}source_url must start with http:// or https://, not {show(url)}")
        ok = False
    if published:
        try:
            period_start(published, infer_precision(published))
        except ValidationError as exc:
            errors.append(f"{prefix}source_published: {exc}")
            ok = False
    if (start is None) != (end is None):
        errors.append(f"{prefix}give both excerpt_start and excerpt_end, or neither")
        return None
    if start is None or end is None:
        start = text.find(quote)
        if start < 0:
            errors.append(f"{prefix}excerpt not found in source_text: {show(quote)}")
            return None
        end = start + len(quote)
    elif end > len(text) or start >= end:
        errors.append(
            f"{prefix}excerpt offsets {start}–{end} are outside the source text "
            f"({len(text):,} characters)"
            if end > len(text)
            else f"{prefix}excerpt_end ({end}) must be greater than excerpt_start ({start})"
        )
        return None
    elif text[start:end] != quote:
        errors.append(
            f"{prefix}source_text[{start}:{end}] is {show(text[start:end], 40)}, "
            f"not the excerpt {show(quote, 40)}"
        )
        return None
    if not ok:
        return None
    return ParsedExcerpt(NewSource(title, text, publisher, url, published), start, end, quote)


def parse_record(where: int, record: dict[str, Any], errors: list[str]) -> Row | None:
    """One row, checked on its own; problems are appended to `errors`."""
    company = _name(record, "company", errors)
    title = _text(record, "title", errors)
    category = _name(record, "category", errors)
    for name in REQUIRED:
        value = record.get(name)
        if name not in record:
            errors.append(f"missing required field '{name}'")
        elif value is None or (isinstance(value, str) and not value.strip()):
            errors.append(f"{name} is empty")
    summary = _text(record, "summary", errors)
    kind = _name(record, "company_kind", errors)
    span = _parse_span(record, errors)
    approximate = _approximate(record, errors)
    uid = _uid(record, errors)
    excerpts = []
    if (excerpt := _parse_excerpt(record, errors)) is not None:
        excerpts.append(excerpt)
    extra = record.get("excerpts")
    if extra is not None:
        if not isinstance(extra, list):
            errors.append(f"excerpts must be a list of objects, not {json_type(extra)}")
        else:
            for number, entry in enumerate(extra, start=1):
                prefix = f"excerpts[{number}]: "
                if not isinstance(entry, dict):
                    errors.append(f"{prefix}is {json_type(entry)}, not an object")
                    continue
                fields = {}
                for key, value in entry.items():
                    name = EXCERPT_ALIASES.get(str(key).strip().lower(), str(key).strip().lower())
                    if name not in EXCERPT_COLUMNS:
                        errors.append(f"{prefix}unknown field {show(key)}")
                    fields[name] = value
                if not fields.get("excerpt"):
                    errors.append(f"{prefix}has no excerpt text")
                    continue
                if (parsed := _parse_excerpt(fields, errors, prefix)) is not None:
                    excerpts.append(parsed)
    if errors or span is None:
        return None
    return Row(where, company, kind, title, summary, category, span, approximate, excerpts, uid)
