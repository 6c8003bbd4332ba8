"""The first released file format (version 1), kept so that files it wrote can be told
apart from changed ones, upgraded (schema.py) and made in tests. Never changed."""

from __future__ import annotations

_V1_DAY_OK = "{col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date({col}) IS {col}"
_V1_MONTH_OK = (
    "{col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND date({col} || '-01') IS {col} || '-01'"
)


def _v1_date_ok(col: str) -> str:
    return (
        f"CASE precision WHEN 'day' THEN ({_V1_DAY_OK.format(col=col)}) "
        f"WHEN 'month' THEN ({_V1_MONTH_OK.format(col=col)}) "
        f"WHEN 'year' THEN ({col} GLOB '[0-9][0-9][0-9][0-9]') ELSE 0 END"
    )


def _v1_period_start(col: str) -> str:
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
    start_date TEXT NOT NULL CHECK ({_v1_date_ok("start_date")}),
    end_date TEXT CHECK (end_date IS NULL OR (({_v1_date_ok("end_date")})
                                              AND end_date >= start_date)),
    precision TEXT NOT NULL CHECK (precision IN ('day', 'month', 'year')),
    approximate INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1)),
    start_ts INTEGER NOT NULL CHECK (start_ts = {_v1_period_start("start_date")}),
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
