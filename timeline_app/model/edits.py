"""Every change a person makes to a timeline, checked before anything is written.

Each function runs inside the caller's transaction (an Editor step, so it can be undone),
refuses what the file's rules would refuse with a reason tied to the field it concerns
(FieldErrors: the event editor shows each next to its field), and leaves the rows whole:
a deleted event takes its quotes with it, a merged company its events' quotes.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline_app.errors import ValidationError
from timeline_app.model import appearance
from timeline_app.model.dates import DateSpan, infer_precision, validate_span
from timeline_app.model.text_rules import name_key, problem_with
from timeline_app.model.types import DatePrecision

UNCATEGORISED = "Uncategorised"
COLOUR = re.compile(r"#[0-9a-f]{6}")
_KINDS_OF_NAME = {"company": "companies", "category": "categories"}


class FieldErrors(ValidationError):
    """Reasons by field ("title", "start", ...), all found at once."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{name}: {why}" for name, why in errors.items()))


@dataclass(frozen=True, slots=True)
class Quote:
    """Words of a stored source, by character offsets into its text."""

    source_id: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EventFields:
    company: str
    title: str
    start: str
    precision: DatePrecision
    category: str = UNCATEGORISED
    summary: str = ""
    end: str | None = None
    approximate: bool = False
    company_kind: str = "company"  # for a company not stored yet
    quotes: tuple[Quote, ...] = field(default=())


def short(text: str, limit: int = 40) -> str:
    """A title as a step's name shows it."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ------------------------------------------------------------------------------ checking


def _tidy_name(value: str) -> str:
    return " ".join(value.split())


def check_event(fields: EventFields) -> DateSpan:
    """The event's date span, or FieldErrors saying what is wrong with which field."""
    errors: dict[str, str] = {}
    for name, rule, value in (
        ("company", "company", _tidy_name(fields.company)),
        ("category", "category", _tidy_name(fields.category)),
        ("title", "title", fields.title.strip()),
    ):
        if not value:
            errors[name] = f"a {name} is needed"
        elif problem := problem_with(rule, value, named=False):
            errors[name] = problem
    if problem := problem_with("summary", fields.summary, named=False):
        errors["summary"] = problem
    if problem := problem_with(
        "company_kind", _tidy_name(fields.company_kind) or "company", named=False
    ):
        errors["company_kind"] = problem
    span = None
    if not fields.start.strip():
        errors["start"] = "a start date is needed"
    else:
        try:
            span = validate_span(fields.start.strip(), None, fields.precision)
        except ValidationError as exc:
            errors["start"] = _date_reason(str(exc), fields.start, fields.precision)
    if fields.end and fields.end.strip() and span is not None:
        try:
            span = validate_span(fields.start.strip(), fields.end.strip(), fields.precision)
        except ValidationError as exc:
            errors["end"] = _date_reason(str(exc), fields.end, fields.precision)
    if errors:
        raise FieldErrors(errors)
    assert span is not None
    return span


def _date_reason(message: str, value: str, precision: DatePrecision) -> str:
    """Why a typed date is refused, in the words of the precision chosen beside it: a day
    typed at year precision is a mismatch, not a bad year."""
    if "before start" in message:
        return "the end is before the start"
    value = value.strip()
    shapes = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}
    try:
        written = infer_precision(value)
    except ValidationError:
        written = precision  # no date's shape at all
    if written is not precision:
        return (
            f"“{value}” is written as a {written.value} ({shapes[written.value]}) but the "
            f"precision is {precision.value}: write {shapes[precision.value]} or change the "
            "precision"
        )
    return f"“{value}” is not a real date of the form {shapes[precision.value]}"


def _check_name(kind: str, name: str) -> str:
    name = _tidy_name(name)
    if not name:
        raise FieldErrors({"name": f"a {kind} needs a name"})
    if problem := problem_with(kind, name, named=False):
        raise FieldErrors({"name": problem})
    return name


# ------------------------------------------------------------------------------ names


def company_id(conn: sqlite3.Connection, name: str, kind: str = "company") -> int:
    """The lane of that name (whatever its case and spacing), made if there is none."""
    name = _check_name("company", name)
    for row_id, stored in conn.execute("SELECT id, name FROM companies ORDER BY id"):
        if name_key(stored) == name_key(name):
            return int(row_id)
    kind = _tidy_name(kind) or "company"
    cur = conn.execute("INSERT INTO companies (name, kind) VALUES (?, ?)", (name, kind))
    assert cur.lastrowid is not None
    return cur.lastrowid


def category_id(conn: sqlite3.Connection, name: str) -> int:
    name = _check_name("category", name)
    for row_id, stored in conn.execute("SELECT id, name FROM categories ORDER BY id"):
        if name_key(stored) == name_key(name):
            return int(row_id)
    cur = conn.execute("INSERT INTO categories (name) VALUES (?)", (name,))
    assert cur.lastrowid is not None
    return cur.lastrowid


def rename(conn: sqlite3.Connection, kind: str, row_id: int, new_name: str) -> None:
    """Rename a company or category; a name another one already has is refused (merge
    them instead), but a change of case or spacing of its own name is fine."""
    table = _KINDS_OF_NAME[kind]
    new_name = _check_name(kind, new_name)
    for other_id, stored in conn.execute(f"SELECT id, name FROM {table} WHERE id != ?", (row_id,)):
        if name_key(stored) == name_key(new_name):
            raise FieldErrors(
                {"name": f"“{stored}” already exists (id {other_id}); merge the two instead"}
            )
    if conn.execute(f"UPDATE {table} SET name = ? WHERE id = ?", (new_name, row_id)).rowcount != 1:
        raise ValidationError(f"there is no {kind} {row_id}")


def set_company_kind(conn: sqlite3.Connection, row_id: int, kind: str) -> None:
    kind = _tidy_name(kind) or "company"
    if problem := problem_with("company_kind", kind, named=False):
        raise FieldErrors({"kind": problem})
    conn.execute("UPDATE companies SET kind = ? WHERE id = ?", (kind, row_id))


def colour_key(kind: str, row_id: int) -> str:
    """Chosen colours are kept in the file's meta table, so they travel with it."""
    return f"{kind}_colour:{row_id}"


def set_colour(conn: sqlite3.Connection, kind: str, row_id: int, colour: str | None) -> None:
    """A lane's or category's colour as "#rrggbb"; None goes back to the palette's."""
    if colour is None:
        conn.execute("DELETE FROM meta WHERE key = ?", (colour_key(kind, row_id),))
        return
    colour = colour.lower()
    if not COLOUR.fullmatch(colour):
        raise FieldErrors({"colour": f"“{colour}” is not a colour of the form #rrggbb"})
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (colour_key(kind, row_id), colour),
    )


def count_events(conn: sqlite3.Connection, kind: str, row_id: int) -> int:
    column = "company_id" if kind == "company" else "category_id"
    return int(
        conn.execute(f"SELECT count(*) FROM events WHERE {column} = ?", (row_id,)).fetchone()[0]
    )


def merge(conn: sqlite3.Connection, kind: str, from_id: int, into_id: int) -> int:
    """Move every event of one company (or category) to another and delete the first.
    An event the other already has (same start and title) becomes one event with the
    quotes of both. Returns the number of events moved."""
    if from_id == into_id:
        raise ValidationError(f"a {kind} cannot be merged into itself")
    table = _KINDS_OF_NAME[kind]
    if (
        conn.execute(
            f"SELECT count(*) FROM {table} WHERE id IN (?, ?)", (from_id, into_id)
        ).fetchone()[0]
        != 2
    ):
        raise ValidationError(f"there is no such {kind} to merge")
    moved = count_events(conn, kind, from_id)
    if kind == "company":
        twins = conn.execute(
            "SELECT a.id, b.id FROM events a JOIN events b ON b.company_id = ? "
            "AND b.start_date = a.start_date AND b.title = a.title WHERE a.company_id = ?",
            (into_id, from_id),
        ).fetchall()
        for twin, kept in twins:
            _move_quotes(conn, twin, kept)
            delete_event(conn, twin)
        conn.execute("UPDATE events SET company_id = ? WHERE company_id = ?", (into_id, from_id))
    else:
        conn.execute("UPDATE events SET category_id = ? WHERE category_id = ?", (into_id, from_id))
    appearance.forget(conn, kind, from_id)
    conn.execute(f"DELETE FROM {table} WHERE id = ?", (from_id,))
    return moved


def _move_quotes(conn: sqlite3.Connection, from_event: int, to_event: int) -> None:
    have = set(
        conn.execute("SELECT source_id, start, end FROM excerpts WHERE event_id = ?", (to_event,))
    )
    for excerpt_id, source_id, start, end in conn.execute(
        "SELECT id, source_id, start, end FROM excerpts WHERE event_id = ? ORDER BY id",
        (from_event,),
    ).fetchall():
        if (source_id, start, end) in have:
            conn.execute("DELETE FROM excerpts WHERE id = ?", (excerpt_id,))
        else:
            conn.execute("UPDATE excerpts SET event_id = ? WHERE id = ?", (to_event, excerpt_id))


def delete_named(conn: sqlite3.Connection, kind: str, row_id: int) -> int:
    """Delete a company or category with its events (and their quotes); returns how many
    events went. The window asks first when there are any."""
    column = "company_id" if kind == "company" else "category_id"
    ids = [row[0] for row in conn.execute(f"SELECT id FROM events WHERE {column} = ?", (row_id,))]
    conn.execute(
        f"DELETE FROM excerpts WHERE event_id IN (SELECT id FROM events WHERE {column} = ?)",
        (row_id,),
    )
    conn.execute(f"DELETE FROM events WHERE {column} = ?", (row_id,))
    appearance.forget(conn, kind, row_id)
    conn.execute(f"DELETE FROM {_KINDS_OF_NAME[kind]} WHERE id = ?", (row_id,))
    return len(ids)


# ------------------------------------------------------------------------------ events


def save_event(conn: sqlite3.Connection, event_id: int | None, fields: EventFields) -> int:
    """Add an event (event_id None) or change one, its quotes becoming `fields.quotes`
    exactly (quotes it had that are not listed are removed). Returns its id."""
    span = check_event(fields)
    company = company_id(conn, fields.company, fields.company_kind)
    category = category_id(conn, fields.category)
    title = fields.title.strip()
    clash = conn.execute(
        "SELECT id FROM events WHERE company_id = ? AND start_date = ? AND title = ? "
        "AND id IS NOT ?",
        (company, span.start, title, event_id),
    ).fetchone()
    if clash:
        raise FieldErrors(
            {
                "title": f"{_tidy_name(fields.company)} already has an event with this title "
                f"on this date (event {clash[0]})"
            }  # fmt: skip
        )
    values = (
        company, category, title, fields.summary, span.start, span.end,
        span.precision.value, int(fields.approximate),
    )  # fmt: skip
    if event_id is None:
        cur = conn.execute(
            "INSERT INTO events (company_id, category_id, title, summary, start_date, "
            "end_date, precision, approximate) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            values,
        )
        assert cur.lastrowid is not None
        event_id = cur.lastrowid
    else:
        changed = conn.execute(
            "UPDATE events SET company_id = ?, category_id = ?, title = ?, summary = ?, "
            "start_date = ?, end_date = ?, precision = ?, approximate = ? WHERE id = ?",
            (*values, event_id),
        )
        if changed.rowcount != 1:
            raise ValidationError(f"there is no event {event_id} (deleted meanwhile?)")
    _set_quotes(conn, event_id, fields.quotes)
    return event_id


def _set_quotes(conn: sqlite3.Connection, event_id: int, quotes: Sequence[Quote]) -> None:
    wanted = list(dict.fromkeys(quotes))  # in order, each once
    have = {
        Quote(source, start, end): excerpt_id
        for excerpt_id, source, start, end in conn.execute(
            "SELECT id, source_id, start, end FROM excerpts WHERE event_id = ?", (event_id,)
        )
    }
    for quote, excerpt_id in have.items():
        if quote not in wanted:
            conn.execute("DELETE FROM excerpts WHERE id = ?", (excerpt_id,))
    for quote in wanted:
        if quote not in have:
            add_quote(conn, event_id, quote)


def quote_text(conn: sqlite3.Connection, quote: Quote) -> str:
    """The words at the quote's offsets; refuses offsets outside the source's text."""
    row = conn.execute(
        "SELECT length(text), substr(text, ? + 1, ? - ?) FROM sources WHERE id = ?",
        (quote.start, quote.end, quote.start, quote.source_id),
    ).fetchone()
    if row is None:
        raise ValidationError(f"there is no source {quote.source_id}")
    length, words = row
    if not 0 <= quote.start < quote.end <= length:
        raise ValidationError(
            f"characters {quote.start}–{quote.end} are not in the source (it has {length:,})"
        )
    if not words.strip():
        raise ValidationError("the selected words are only spaces")
    if problem := problem_with("excerpt", words):
        raise ValidationError(problem)
    return str(words)


def add_quote(conn: sqlite3.Connection, event_id: int, quote: Quote) -> int:
    """Add words of a source to an event as a further quote (nothing if it has them)."""
    words = quote_text(conn, quote)
    found = conn.execute(
        "SELECT id FROM excerpts WHERE event_id = ? AND source_id = ? AND start = ? AND end = ?",
        (event_id, quote.source_id, quote.start, quote.end),
    ).fetchone()
    if found:
        return int(found[0])
    cur = conn.execute(
        "INSERT INTO excerpts (event_id, source_id, start, end, text) VALUES (?, ?, ?, ?, ?)",
        (event_id, quote.source_id, quote.start, quote.end, words),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def remove_quote(conn: sqlite3.Connection, excerpt_id: int) -> None:
    conn.execute("DELETE FROM excerpts WHERE id = ?", (excerpt_id,))


def delete_event(conn: sqlite3.Connection, event_id: int) -> None:
    conn.execute("DELETE FROM excerpts WHERE event_id = ?", (event_id,))
    if conn.execute("DELETE FROM events WHERE id = ?", (event_id,)).rowcount != 1:
        raise ValidationError(f"there is no event {event_id}")


def event_title(conn: sqlite3.Connection, event_id: int) -> str:
    row = conn.execute("SELECT title FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise ValidationError(f"there is no event {event_id}")
    return str(row[0])


# ------------------------------------------------------------------------------ sources


@dataclass(frozen=True, slots=True)
class SourceFields:
    title: str
    publisher: str = ""
    url: str = ""
    published: str = ""  # YYYY-MM-DD or empty


def check_source(fields: SourceFields) -> SourceFields:
    errors: dict[str, str] = {}
    tidy = SourceFields(
        " ".join(fields.title.split()),
        " ".join(fields.publisher.split()),
        fields.url.strip(),
        fields.published.strip(),
    )
    if not tidy.title:
        errors["title"] = "a title is needed"
    for name, rule in (
        ("title", "source_title"),
        ("publisher", "source_publisher"),
        ("url", "source_url"),
    ):
        if name not in errors and (problem := problem_with(rule, getattr(tidy, name), named=False)):
            errors[name] = problem
    if tidy.published:
        try:
            validate_span(tidy.published, None, DatePrecision.DAY)
        except ValidationError:
            errors["published"] = f"“{tidy.published}” is not a real date of the form YYYY-MM-DD"
    if errors:
        raise FieldErrors(errors)
    return tidy


def add_source(conn: sqlite3.Connection, fields: SourceFields, text: str) -> int:
    """Store an article's text; its text never changes afterwards (quotes are offsets)."""
    tidy = check_source(fields)
    if not text.strip():
        raise FieldErrors({"text": "the source has no text"})
    if problem := problem_with("source_text", text, named=False):
        raise FieldErrors({"text": problem})
    _refuse_same_source(conn, tidy, None)
    cur = conn.execute(
        "INSERT INTO sources (title, publisher, url, published, text) VALUES (?, ?, ?, ?, ?)",
        (tidy.title, tidy.publisher, tidy.url, tidy.published, text),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def _refuse_same_source(
    conn: sqlite3.Connection, tidy: SourceFields, source_id: int | None
) -> None:
    row = conn.execute(
        "SELECT id FROM sources WHERE title = ? AND publisher = ? AND published = ? AND url = ? "
        "AND id IS NOT ?",
        (tidy.title, tidy.publisher, tidy.published, tidy.url, source_id),
    ).fetchone()
    if row:
        raise FieldErrors(
            {
                "title": f"source {row[0]} has the same title, publisher, date and link; "
                "change one of them"
            }  # fmt: skip
        )


def update_source(conn: sqlite3.Connection, source_id: int, fields: SourceFields) -> int:
    """Change a source's title, publisher, link or date; never its text. Returns its id."""
    tidy = check_source(fields)
    _refuse_same_source(conn, tidy, source_id)
    changed = conn.execute(
        "UPDATE sources SET title = ?, publisher = ?, url = ?, published = ? WHERE id = ?",
        (tidy.title, tidy.publisher, tidy.url, tidy.published, source_id),
    )
    if changed.rowcount != 1:
        raise ValidationError(f"there is no source {source_id}")
    return source_id


@dataclass(frozen=True, slots=True)
class SourceUse:
    quotes: int  # quotes taken from it
    events: int  # events that would lose a quote
    left_unsourced: int  # of those, events that would have no quote left


def source_use(conn: sqlite3.Connection, source_id: int) -> SourceUse:
    quotes, events = conn.execute(
        "SELECT count(*), count(DISTINCT event_id) FROM excerpts WHERE source_id = ?",
        (source_id,),
    ).fetchone()
    alone = conn.execute(
        "SELECT count(*) FROM (SELECT event_id FROM excerpts GROUP BY event_id "
        "HAVING sum(source_id = ?) = count(*) AND sum(source_id = ?) > 0)",
        (source_id, source_id),
    ).fetchone()[0]
    return SourceUse(int(quotes), int(events), int(alone))


def delete_source(conn: sqlite3.Connection, source_id: int) -> None:
    """Delete a source and the quotes taken from it; its events stay (some with no quote)."""
    conn.execute("DELETE FROM excerpts WHERE source_id = ?", (source_id,))
    if conn.execute("DELETE FROM sources WHERE id = ?", (source_id,)).rowcount != 1:
        raise ValidationError(f"there is no source {source_id}")
