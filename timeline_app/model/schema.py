"""The database layout, its version, and how older files are brought up to date.

Invariants live in the schema itself (CHECK constraints and triggers) so that no writer,
ours or another program's, can store an excerpt that is not verbatim in its source or a date
that does not match its precision.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x414E544C  # "ANTL": tells our files apart from other SQLite files
SCHEMA_VERSION = 1

_DAY_OK = "{col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date({col}) IS {col}"
_MONTH_OK = (
    "{col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND date({col} || '-01') IS {col} || '-01'"
)
_YEAR_OK = "{col} GLOB '[0-9][0-9][0-9][0-9]'"


def _date_matches_precision(col: str) -> str:
    return (
        f"CASE precision WHEN 'day' THEN ({_DAY_OK.format(col=col)}) "
        f"WHEN 'month' THEN ({_MONTH_OK.format(col=col)}) "
        f"WHEN 'year' THEN ({_YEAR_OK.format(col=col)}) ELSE 0 END"
    )


def _period_start_seconds(col: str) -> str:
    return (
        f"CAST(strftime('%s', CASE precision WHEN 'day' THEN {col} "
        f"WHEN 'month' THEN {col} || '-01' ELSE {col} || '-01-01' END) AS INTEGER)"
    )


SCHEMA_V1 = f"""
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value
);
CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind TEXT NOT NULL DEFAULT 'company'
);
CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    publisher TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    UNIQUE (title, publisher, published, url)
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    category_id INTEGER NOT NULL REFERENCES categories(id),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    summary TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL CHECK ({_date_matches_precision("start_date")}),
    end_date TEXT CHECK (end_date IS NULL OR (({_date_matches_precision("end_date")})
                                              AND end_date >= start_date)),
    precision TEXT NOT NULL CHECK (precision IN ('day', 'month', 'year')),
    approximate INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1)),
    start_ts INTEGER NOT NULL CHECK (start_ts = {_period_start_seconds("start_date")}),
    end_ts INTEGER NOT NULL CHECK (end_ts > start_ts),
    UNIQUE (company_id, start_date, title)
);
CREATE INDEX events_company_start ON events (company_id, start_ts);
CREATE INDEX events_start ON events (start_ts);
CREATE INDEX events_category ON events (category_id, start_ts);
CREATE TABLE excerpts (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    start INTEGER NOT NULL CHECK (start >= 0),
    end INTEGER NOT NULL CHECK (end > start),
    text TEXT NOT NULL
);
CREATE INDEX excerpts_event ON excerpts (event_id);
CREATE INDEX excerpts_source ON excerpts (source_id);
CREATE TRIGGER excerpts_verbatim_insert BEFORE INSERT ON excerpts
WHEN NEW.text IS NOT (SELECT substr(text, NEW.start + 1, NEW.end - NEW.start)
                      FROM sources WHERE id = NEW.source_id)
  OR NEW.end > (SELECT length(text) FROM sources WHERE id = NEW.source_id)
BEGIN SELECT RAISE(ABORT, 'excerpt text is not verbatim in its source at those offsets'); END;
CREATE TRIGGER excerpts_verbatim_update BEFORE UPDATE ON excerpts
WHEN NEW.text IS NOT (SELECT substr(text, NEW.start + 1, NEW.end - NEW.start)
                      FROM sources WHERE id = NEW.source_id)
  OR NEW.end > (SELECT length(text) FROM sources WHERE id = NEW.source_id)
BEGIN SELECT RAISE(ABORT, 'excerpt text is not verbatim in its source at those offsets'); END;
CREATE TRIGGER sources_text_frozen BEFORE UPDATE OF text ON sources
WHEN NEW.text IS NOT OLD.text AND EXISTS (SELECT 1 FROM excerpts WHERE source_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a source quoted by excerpts cannot change its text'); END;
CREATE VIRTUAL TABLE events_fts USING fts5(
    title, summary, excerpts, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE lane_cache (
    generation INTEGER NOT NULL,
    data BLOB NOT NULL
);
INSERT INTO meta (key, value) VALUES ('generation', 0);
"""

# Tables and the columns the app reads; checked on open so a damaged file gets a clear message.
EXPECTED_COLUMNS: dict[str, set[str]] = {
    "meta": {"key", "value"},
    "companies": {"id", "name", "kind"},
    "categories": {"id", "name"},
    "sources": {"id", "title", "publisher", "url", "published", "text"},
    "events": {
        "id",
        "company_id",
        "category_id",
        "title",
        "summary",
        "start_date",
        "end_date",
        "precision",
        "approximate",
        "start_ts",
        "end_ts",
    },
    "excerpts": {"id", "event_id", "source_id", "start", "end", "text"},
    "events_fts": {"title", "summary", "excerpts"},
    "lane_cache": {"generation", "data"},
}
EXPECTED_TRIGGERS = {"excerpts_verbatim_insert", "excerpts_verbatim_update", "sources_text_frozen"}


def split_statements(script: str) -> list[str]:
    """Cut a script into statements (triggers included) so they run inside our transaction;
    executescript() would commit first."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements


def _create_v1(conn: sqlite3.Connection) -> None:
    for statement in split_statements(SCHEMA_V1):
        conn.execute(statement)


# MIGRATIONS[n] brings a file at user_version n to n + 1. Version 0 is a new, empty file.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _create_v1}


def migrate(conn: sqlite3.Connection, from_version: int) -> None:
    """Apply each migration in order; the caller holds the transaction."""
    for version in range(from_version, SCHEMA_VERSION):
        MIGRATIONS[version](conn)
        conn.execute(f"PRAGMA user_version = {version + 1}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
