"""The database layout, its version, how older files are brought up to date, and how a file's
schema is told apart from one another program changed.

Invariants live in the schema itself so that no writer, ours or another program's, can break
them: CHECK constraints refuse a date that is not real or does not match its precision and
text that import would refuse (text_rules); the epoch seconds the timeline draws with are
generated columns, computed by SQLite from the dates, so an UPDATE of a date by any tool moves
the event; triggers refuse an excerpt that is not verbatim in its source and keep the search
index in step with every INSERT, UPDATE and DELETE, whoever runs it.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from timeline_app.errors import ValidationError
from timeline_app.model.schema_v1 import SCHEMA_V1
from timeline_app.model.text_rules import sql_check

APPLICATION_ID = 0x414E544C  # "ANTL": tells our files apart from other SQLite files
SCHEMA_VERSION = 3
FIRST_YEAR, LAST_YEAR = 1, 9999  # the years Python's dates (and so the app) can show

_DAY_OK = (
    "{col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date({col}, '+0 day') IS {col}"
)
_MONTH_OK = (
    "{col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' "
    "AND date({col} || '-01', '+0 day') IS {col} || '-01'"
)
_YEAR_OK = "{col} GLOB '[0-9][0-9][0-9][0-9]'"


def _date_matches_precision(col: str) -> str:
    return (
        f"typeof({col}) = 'text' AND {col} >= '{FIRST_YEAR:04d}' AND "
        f"CASE precision WHEN 'day' THEN ({_DAY_OK.format(col=col)}) "
        f"WHEN 'month' THEN ({_MONTH_OK.format(col=col)}) "
        f"WHEN 'year' THEN ({_YEAR_OK.format(col=col)}) ELSE 0 END"
    )


def _period_start(col: str) -> str:
    return (
        f"CASE precision WHEN 'day' THEN {col} WHEN 'month' THEN {col} || '-01' "
        f"WHEN 'year' THEN {col} || '-01-01' END"
    )


def _seconds(day_expr: str) -> str:
    return f"CAST(strftime('%s', {day_expr}) AS INTEGER)"


def _period_end(col: str) -> str:
    """The first day after the period `col` names (the timeline's spans are half-open)."""
    return (
        f"CASE precision WHEN 'day' THEN date({col}, '+1 day') "
        f"WHEN 'month' THEN date({col} || '-01', '+1 month') "
        f"WHEN 'year' THEN date({col} || '-01-01', '+1 year') END"
    )


# The text of each excerpt of event `{event}`, in a fixed order, as the search index holds it.
EXCERPTS_OF = (
    "coalesce((SELECT group_concat(text, ' … ') FROM "
    "(SELECT text FROM excerpts WHERE event_id = {event} ORDER BY id)), '')"
)


def _search_row(event: str) -> str:
    return (
        "INSERT INTO events_fts (rowid, title, summary, excerpts) "
        f"SELECT e.id, e.title, e.summary, {EXCERPTS_OF.format(event='e.id')} "
        f"FROM events e WHERE e.id = {event};"
    )


SEARCH_TRIGGERS = {
    "events_search_insert": f"""CREATE TRIGGER events_search_insert AFTER INSERT ON events
BEGIN {_search_row("NEW.id")} END""",
    "events_search_update": f"""CREATE TRIGGER events_search_update AFTER UPDATE ON events
WHEN OLD.id IS NOT NEW.id OR OLD.title IS NOT NEW.title OR OLD.summary IS NOT NEW.summary
BEGIN DELETE FROM events_fts WHERE rowid = OLD.id; {_search_row("NEW.id")} END""",
    "events_search_delete": """CREATE TRIGGER events_search_delete AFTER DELETE ON events
BEGIN DELETE FROM events_fts WHERE rowid = OLD.id; END""",
    "excerpts_search_insert": f"""CREATE TRIGGER excerpts_search_insert AFTER INSERT ON excerpts
BEGIN DELETE FROM events_fts WHERE rowid = NEW.event_id; {_search_row("NEW.event_id")} END""",
    "excerpts_search_update": f"""CREATE TRIGGER excerpts_search_update AFTER UPDATE ON excerpts
WHEN OLD.event_id IS NOT NEW.event_id OR OLD.text IS NOT NEW.text OR OLD.id IS NOT NEW.id
BEGIN DELETE FROM events_fts WHERE rowid = OLD.event_id; {_search_row("OLD.event_id")}
DELETE FROM events_fts WHERE rowid = NEW.event_id; {_search_row("NEW.event_id")} END""",
    "excerpts_search_delete": f"""CREATE TRIGGER excerpts_search_delete AFTER DELETE ON excerpts
BEGIN DELETE FROM events_fts WHERE rowid = OLD.event_id; {_search_row("OLD.event_id")} END""",
}

# Every change to what the timeline draws of an event bumps meta's events_version, whoever
# makes it: the lane cache records the version it was built at, so a cache another program
# made stale is known at once, without reading the rows.
_BUMP = "UPDATE meta SET value = value + 1 WHERE key = 'events_version';"
VERSION_TRIGGERS = {
    "events_version_insert": f"""CREATE TRIGGER events_version_insert AFTER INSERT ON events
BEGIN {_BUMP} END""",
    "events_version_update": f"""CREATE TRIGGER events_version_update
AFTER UPDATE OF id, company_id, category_id, start_date, end_date, precision, approximate
ON events BEGIN {_BUMP} END""",
    "events_version_delete": f"""CREATE TRIGGER events_version_delete AFTER DELETE ON events
BEGIN {_BUMP} END""",
}
ROW_TRIGGERS = {**SEARCH_TRIGGERS, **VERSION_TRIGGERS}  # set aside together by bulk writes

# A stable identifier as text in its canonical form: lower-case hex, 8-4-4-4-12.
_UUID_GLOB = "-".join("[0-9a-f]" * n for n in (8, 4, 4, 4, 12))
# A random (version 4) UUID made by SQLite itself, so that rows other programs insert get
# one too: the app gives its own rows one from Python (uuid.uuid4), which is cheaper.
NEW_UUID = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "
    "substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || "
    "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
)

# Each table's rules by column, as SQL: used in the tables below and, row by row, by the
# checks that find rows another program stored with the checks turned off.
COLUMN_CHECKS: dict[str, dict[str, str]] = {
    "companies": {
        "name": sql_check("name", "company"),
        "kind": sql_check("kind", "company_kind"),
    },
    "categories": {"name": sql_check("name", "category")},
    "sources": {
        "title": sql_check("title", "source_title"),
        "publisher": sql_check("publisher", "source_publisher", nonempty=False),
        "url": sql_check("url", "source_url", nonempty=False),
        "published": "typeof(published) = 'text' AND length(published) <= 10",
        "text": sql_check("text", "source_text", nonempty=False),
    },
    "events": {
        "title": sql_check("title", "title"),
        "summary": sql_check("summary", "summary", nonempty=False),
        "start_date": _date_matches_precision("start_date"),
        "end_date": (
            f"end_date IS NULL OR (({_date_matches_precision('end_date')}) "
            "AND end_date >= start_date)"
        ),
        "precision": "precision IN ('day', 'month', 'year')",
        "approximate": "approximate IN (0, 1)",
        "uid": f"uid IS NULL OR uid GLOB '{_UUID_GLOB}'",
    },
    "eras": {
        "name": sql_check("name", "era"),
        "start_date": _DAY_OK.format(col="start_date"),
        "end_date": f"({_DAY_OK.format(col='end_date')}) AND end_date >= start_date",
    },
    "excerpts": {
        "start": "typeof(start) = 'integer' AND start >= 0",
        "end": "typeof(end) = 'integer' AND end > start",
        "text": sql_check("text", "excerpt"),
    },
}


_ROW_TRIGGERS_SQL = ";\n".join(ROW_TRIGGERS.values())


def _checked(table: str, column: str) -> str:
    return f"CHECK ({COLUMN_CHECKS[table][column]})"


# Raw SQL, not sqlite-utils' create(): CHECK expressions, generated columns and triggers are
# beyond what it can express, and the exact text is what an opened file is compared with.
SCHEMA_V2 = f"""
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value
);
CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE {_checked("companies", "name")},
    kind TEXT NOT NULL DEFAULT 'company' {_checked("companies", "kind")}
);
CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE {_checked("categories", "name")}
);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL {_checked("sources", "title")},
    publisher TEXT NOT NULL DEFAULT '' {_checked("sources", "publisher")},
    url TEXT NOT NULL DEFAULT '' {_checked("sources", "url")},
    published TEXT NOT NULL DEFAULT '' {_checked("sources", "published")},
    text TEXT NOT NULL {_checked("sources", "text")},
    UNIQUE (title, publisher, published, url)
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    category_id INTEGER NOT NULL REFERENCES categories(id),
    title TEXT NOT NULL {_checked("events", "title")},
    summary TEXT NOT NULL DEFAULT '' {_checked("events", "summary")},
    start_date TEXT NOT NULL {_checked("events", "start_date")},
    end_date TEXT {_checked("events", "end_date")},
    precision TEXT NOT NULL {_checked("events", "precision")},
    approximate INTEGER NOT NULL DEFAULT 0 {_checked("events", "approximate")},
    start_ts INTEGER NOT NULL GENERATED ALWAYS AS
        ({_seconds(_period_start("start_date"))}) STORED,
    end_ts INTEGER NOT NULL GENERATED ALWAYS AS
        ({_seconds(_period_end("coalesce(end_date, start_date)"))}) STORED,
    UNIQUE (company_id, start_date, title)
);
CREATE INDEX events_lane ON events (company_id, start_ts, end_ts, category_id, precision,
                                    approximate);
CREATE INDEX events_start ON events (start_ts);
CREATE INDEX events_category ON events (category_id, start_ts);
CREATE TABLE excerpts (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    start INTEGER NOT NULL {_checked("excerpts", "start")},
    end INTEGER NOT NULL {_checked("excerpts", "end")},
    text TEXT NOT NULL {_checked("excerpts", "text")}
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
{_ROW_TRIGGERS_SQL};
CREATE TABLE lane_cache (
    data BLOB NOT NULL
);
INSERT INTO meta (key, value) VALUES ('events_version', 0);
"""

# Version 3 is version 2 with these added, so that an upgraded file and a new one are the
# same, statement for statement: every event's stable identifier (exported as `id`, matched
# on import so a corrected file updates its events), and named periods drawn across lanes.
V3_ADDITIONS = f"""
ALTER TABLE events ADD COLUMN uid TEXT {_checked("events", "uid")};
CREATE UNIQUE INDEX events_uid ON events (uid);
CREATE TRIGGER events_uid_insert AFTER INSERT ON events WHEN NEW.uid IS NULL
BEGIN UPDATE events SET uid = {NEW_UUID} WHERE id = NEW.id; END;
CREATE TRIGGER events_uid_update AFTER UPDATE OF uid ON events WHEN NEW.uid IS NULL
BEGIN UPDATE events SET uid = {NEW_UUID} WHERE id = NEW.id; END;
CREATE TABLE eras (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL {_checked("eras", "name")},
    start_date TEXT NOT NULL {_checked("eras", "start_date")},
    end_date TEXT NOT NULL {_checked("eras", "end_date")}
);
"""
SCHEMA = SCHEMA_V2 + V3_ADDITIONS

SCRIPTS = {1: SCHEMA_V1, 2: SCHEMA_V2, SCHEMA_VERSION: SCHEMA}
TABLES = (
    "meta", "companies", "categories", "sources", "events", "excerpts", "lane_cache", "eras"
)  # fmt: skip
_V1_TABLES = TABLES[:-1]
# Rows of these are copied by the upgrade from version 1, in an order foreign keys accept.
_V1_COPIED = {
    "meta": "key, value",
    "companies": "id, name, kind",
    "categories": "id, name",
    "sources": "id, title, publisher, url, published, text",
    "events": "id, company_id, category_id, title, summary, start_date, end_date, precision, "
    "approximate",
    "excerpts": "id, event_id, source_id, start, end, text",
}


def split_statements(script: str) -> list[str]:
    """Cut a script into statements (triggers included) so they run inside our transaction;
    executescript() would commit first."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip().rstrip(";"))
            current = ""
    return statements


def create_current(
    conn: sqlite3.Connection, *, row_triggers: bool = True, script: str = SCHEMA
) -> None:
    for statement in split_statements(script):
        if row_triggers or not statement.startswith(tuple(_TRIGGER_HEADS)):
            conn.execute(statement)


_TRIGGER_HEADS = [f"CREATE TRIGGER {name}\n" for name in ROW_TRIGGERS] + [
    f"CREATE TRIGGER {name} " for name in ROW_TRIGGERS
]


def fill_search_index(conn: sqlite3.Connection, where: str = "1", params: tuple = ()) -> None:
    """(Re)index the events `where` selects, in one statement: what the search triggers do
    row by row, for bulk writes that suspend them."""
    conn.execute(
        "DELETE FROM events_fts WHERE rowid IN (SELECT e.id FROM events e WHERE " + where + ")",
        params,
    )
    conn.execute(
        "INSERT INTO events_fts (rowid, title, summary, excerpts) "
        f"SELECT e.id, e.title, e.summary, {EXCERPTS_OF.format(event='e.id')} "
        f"FROM events e WHERE {where}",
        params,
    )


def create_row_triggers(conn: sqlite3.Connection) -> None:
    """Put back the triggers a bulk write set aside, and count its changes as one."""
    for sql in ROW_TRIGGERS.values():
        conn.execute(sql)
    conn.execute(_BUMP)


def drop_row_triggers(conn: sqlite3.Connection) -> None:
    for name in ROW_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")


def events_version(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'events_version'").fetchone()
    return row[0] if row and isinstance(row[0], int) else None


def rule_breaking_rows(conn: sqlite3.Connection, prefix: str = "", limit: int = 5) -> list[str]:
    """Rows that break the schema's rules, as "events 12: start_date '2020-02-30'": possible
    only when another program wrote them with the checks turned off (or in a crafted file),
    and not found by PRAGMA integrity_check on a read-only connection."""
    found: list[str] = []
    present = {
        (table, row[1])
        for table in COLUMN_CHECKS
        for row in conn.execute(f'PRAGMA table_info("{prefix}{table}")')
    }
    for table, checks in COLUMN_CHECKS.items():
        for column, rule in checks.items():
            if (table, column) not in present:
                continue  # an older format's file, being upgraded
            rows = conn.execute(
                f'SELECT rowid, quote(substr("{column}", 1, 40)) FROM "{prefix}{table}" '
                f"WHERE NOT coalesce(({rule}), 0) LIMIT ?",
                (limit - len(found),),
            ).fetchall()
            found += [f"{table} {row_id}: {column} {value}" for row_id, value in rows]
            if len(found) >= limit:
                return found
    return found


def _create_v1(conn: sqlite3.Connection) -> None:
    for statement in split_statements(SCHEMA_V1):
        conn.execute(statement)


def _upgrade_v1(conn: sqlite3.Connection) -> None:
    """Version 1 to 2: new tables with generated timestamps and text rules, the rows copied
    across (a row the new rules refuse stops the upgrade: the caller rolls back), the search
    index rebuilt by its new triggers' rule and the lane cache left to be rebuilt. Runs with
    foreign keys off (the caller's job: the pragma cannot change inside a transaction)."""
    ours = expected_objects(1)
    theirs = [
        f"{kind} {name}"
        for kind, name, table in conn.execute("SELECT type, name, tbl_name FROM sqlite_master")
        if kind in ("trigger", "index") and name not in ours and table in TABLES
    ]
    if theirs:
        raise ValidationError(
            f"its tables carry {', '.join(theirs)}, which Announcement Timeline did not make; "
            "remove them with an SQLite tool, then open the file again"
        )
    for obj in ours.values():
        if obj.kind in ("trigger", "index") and not obj.name.startswith("sqlite_"):
            conn.execute(f'DROP {obj.kind.upper()} IF EXISTS "{obj.name}"')
    conn.execute("DROP TABLE IF EXISTS events_fts")
    conn.execute("PRAGMA legacy_alter_table = ON")  # keep references to the names as they are
    try:
        for table in _V1_TABLES:
            conn.execute(f'ALTER TABLE "{table}" RENAME TO "_v1_{table}"')
    finally:
        conn.execute("PRAGMA legacy_alter_table = OFF")
    if broken := rule_breaking_rows(conn, prefix="_v1_"):
        raise ValidationError(
            "rows break the rules of the new format (" + "; ".join(broken) + "); correct them "
            "with the version that wrote the file"
        )
    create_current(conn, row_triggers=False, script=SCHEMA_V2)
    for table, columns in _V1_COPIED.items():
        conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _v1_{table}")
    conn.execute("DELETE FROM meta WHERE key = 'generation'")
    for table in _V1_TABLES:
        conn.execute(f'DROP TABLE "_v1_{table}"')
    fill_search_index(conn)
    create_row_triggers(conn)


def _upgrade_v2(conn: sqlite3.Connection) -> None:
    """Version 2 to 3: the additions, and an identifier for every event already stored."""
    for statement in split_statements(V3_ADDITIONS):
        conn.execute(statement)
    # The file's triggers were checked to be ours before the upgrade began (or made by it),
    # so they may run (the search index's triggers touch a virtual table).
    conn.execute("PRAGMA trusted_schema = ON")
    try:
        conn.execute(f"UPDATE events SET uid = {NEW_UUID} WHERE uid IS NULL")
    finally:
        conn.execute("PRAGMA trusted_schema = OFF")


# MIGRATIONS[0] makes a new file at the current version; MIGRATIONS[n] (n > 0) brings a file
# at version n to n + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    0: create_current,
    1: _upgrade_v1,
    2: _upgrade_v2,
}


def migrate(conn: sqlite3.Connection, from_version: int) -> None:
    """Apply each migration in order; the caller holds the transaction."""
    if from_version == 0:
        MIGRATIONS[0](conn)
    else:
        for version in range(from_version, SCHEMA_VERSION):
            MIGRATIONS[version](conn)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


# ----------------------------------------------------------------------------------------
# Telling our schema apart from a changed one
# ----------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def _normal(sql: str | None) -> str:
    return _SPACES.sub(" ", sql or "").strip()


@dataclass(frozen=True, slots=True)
class SchemaObject:
    kind: str  # table, index, trigger, view
    name: str
    table: str
    sql: str  # normalised: runs of white space are one space


@functools.cache
def expected_objects(version: int) -> dict[str, SchemaObject]:
    """Every schema object the app creates at `version`, as SQLite itself records them
    (made once in memory, so the comparison cannot drift from the creating script)."""
    conn = sqlite3.connect(":memory:")
    try:
        for statement in split_statements(SCRIPTS[version]):
            conn.execute(statement)
        return {
            name: SchemaObject(kind, name, table, _normal(sql))
            for kind, name, table, sql in conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master"
            )
        }
    finally:
        conn.close()


@functools.cache
def expected_columns(version: int, table: str) -> frozenset[str]:
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(expected_objects(version)[table].sql)
        return frozenset(row[1] for row in conn.execute(f'PRAGMA table_xinfo("{table}")'))
    finally:
        conn.close()


@functools.cache
def _column_insertion_point(version: int, table: str) -> int:
    """Where ALTER TABLE ADD COLUMN puts a new column in the table's SQL (SQLite's own edit,
    found by making one in memory), so columns other programs add are told apart from a
    table that was rebuilt with other rules."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(expected_objects(version)[table].sql)
        conn.execute(f'ALTER TABLE "{table}" ADD COLUMN zz_probe INTEGER')
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
        return _normal(sql).index(", zz_probe INTEGER")
    finally:
        conn.close()


def _same_table(version: int, wanted: SchemaObject, sql: str) -> bool:
    """Our table as created, or with columns added after ours by another program."""
    if sql == wanted.sql:
        return True
    at = _column_insertion_point(version, wanted.name)
    return (
        len(sql) > len(wanted.sql)
        and sql.startswith(wanted.sql[:at] + ",")
        and sql.endswith(wanted.sql[at:])
    )


@dataclass
class SchemaReport:
    """How a file's schema differs from the one this app made at its version."""

    missing: list[str]  # our objects that are not there
    changed: list[str]  # our objects that are there, defined otherwise
    foreign_triggers: list[str]  # triggers we did not make: they would run on our writes
    foreign_other: list[str]  # tables, indexes and views we did not make (left alone)

    @property
    def intact(self) -> bool:
        return not (self.missing or self.changed)


def compare_schema(conn: sqlite3.Connection, version: int) -> SchemaReport:
    expected = expected_objects(version)
    report = SchemaReport([], [], [], [])
    found = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    names = set()
    for kind, name, table, sql in found:
        names.add(name)
        wanted = expected.get(name)
        if wanted is None:
            if name.startswith("sqlite_stat") or name.startswith("sqlite_autoindex_"):
                continue  # made by SQLite itself (ANALYZE, UNIQUE constraints)
            target = report.foreign_triggers if kind == "trigger" else report.foreign_other
            target.append(f"{kind} {name}")
            continue
        normal = _normal(sql)
        if kind != wanted.kind or table != wanted.table:
            report.changed.append(f"{wanted.kind} {name}")
        elif kind == "table" and name.startswith("events_fts_"):
            continue  # the search index's own tables, made by SQLite's FTS5 module
        elif kind == "table" and not _same_table(version, wanted, normal):
            report.changed.append(f"table {name}")
        elif kind != "table" and normal != wanted.sql:
            report.changed.append(f"{kind} {name}")
    report.missing = [
        f"{obj.kind} {name}"
        for name, obj in expected.items()
        if name not in names and not name.startswith("sqlite_autoindex_")
    ]
    return report


def our_triggers(version: int) -> list[str]:
    return [obj.name for obj in expected_objects(version).values() if obj.kind == "trigger"]
