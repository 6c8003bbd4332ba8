"""Named periods drawn across every lane ("California AB 2261 debate"), and the timeline's
own title: what a TimelineJS file holds besides its events, kept in the file so that they
travel with it and come back out in exports.

An era runs from its first day to its last, both included; a person may type a year or a
month for either end ("2020" to "2020-06": 1 January to 30 June 2020).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from timeline_app.errors import ValidationError
from timeline_app.model.dates import epoch_seconds, infer_precision, period_end, period_start
from timeline_app.model.edits import FieldErrors
from timeline_app.model.query import text_of
from timeline_app.model.text_rules import problem_with

TITLE_KEY = "title"  # the timeline's title, in meta


@dataclass(frozen=True, slots=True)
class Era:
    id: int  # 0 for one not stored yet
    name: str
    start: str  # YYYY-MM-DD, its first day
    end: str  # YYYY-MM-DD, its last day

    @property
    def start_ts(self) -> float:
        return float(epoch_seconds(date.fromisoformat(self.start)))

    @property
    def end_ts(self) -> float:
        """The end of its last day: a one-day era is a day wide (counted in seconds, as
        9999-12-31 has no day after it)."""
        return float(epoch_seconds(date.fromisoformat(self.end)) + 86_400)


def first_day(value: str) -> str:
    """The first day of a year, month or day typed as YYYY, YYYY-MM or YYYY-MM-DD."""
    value = value.strip()
    return period_start(value, infer_precision(value)).isoformat()


def last_day(value: str) -> str:
    """The last day of a year, month or day typed as YYYY, YYYY-MM or YYYY-MM-DD."""
    value = value.strip()
    precision = infer_precision(value)
    first = period_start(value, precision)  # "2020-31" is refused here, not stretched to 9999
    try:
        return (period_end(value, precision) - timedelta(days=1)).isoformat()
    except ValidationError:
        if first.year == date.max.year:  # a period ending on 9999-12-31: no day after it
            return date.max.isoformat()
        raise


def check_era(name: str, start: str, end: str) -> Era:
    """The era a person typed, or FieldErrors naming each field that cannot be stored."""
    errors: dict[str, str] = {}
    name = " ".join(name.split())
    if not name:
        errors["name"] = "the era has no name"
    elif problem := problem_with("era", name, named=False):
        errors["name"] = problem
    days: dict[str, str] = {}
    for field, value, to_day in (("start", start, first_day), ("end", end, last_day)):
        if not value.strip():
            errors[field] = f"the {field} is empty; give a year, a month or a day (YYYY-MM-DD)"
            continue
        try:
            days[field] = to_day(value)
        except ValidationError as exc:
            errors[field] = str(exc)
    if len(days) == 2 and days["end"] < days["start"]:
        errors["end"] = f"the end {days['end']} is before the start {days['start']}"
    if errors:
        raise FieldErrors(errors)
    return Era(0, name, days["start"], days["end"])


def list_eras(conn: sqlite3.Connection) -> list[Era]:
    """Every era in time order; a row another program broke is left out, not drawn wrong."""
    eras = []
    for row_id, name, start, end in conn.execute(
        "SELECT id, substr(name, 1, 201), start_date, end_date FROM eras "
        "ORDER BY start_date, end_date, id"
    ):
        try:
            era = check_era(text_of(name, "era"), text_of(start), text_of(end))
        except FieldErrors:
            continue
        eras.append(Era(row_id, era.name, era.start, era.end))
    return eras


def save_era(conn: sqlite3.Connection, era_id: int | None, era: Era) -> int:
    """Add an era (era_id None) or change one; returns its id."""
    checked = check_era(era.name, era.start, era.end)
    values = (checked.name, checked.start, checked.end)
    if era_id is None:
        cursor = conn.execute(
            "INSERT INTO eras (name, start_date, end_date) VALUES (?, ?, ?)", values
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid
    conn.execute(
        "UPDATE eras SET name = ?, start_date = ?, end_date = ? WHERE id = ?", (*values, era_id)
    )
    return era_id


def delete_era(conn: sqlite3.Connection, era_id: int) -> None:
    conn.execute("DELETE FROM eras WHERE id = ?", (era_id,))


def add_missing_eras(conn: sqlite3.Connection, eras: list[Era]) -> int:
    """Store the eras not stored yet (same name, start and end); returns how many."""
    added = 0
    for era in eras:
        checked = check_era(era.name, era.start, era.end)
        if conn.execute(
            "SELECT 1 FROM eras WHERE name = ? AND start_date = ? AND end_date = ?",
            (checked.name, checked.start, checked.end),
        ).fetchone():
            continue
        save_era(conn, None, checked)
        added += 1
    return added


def timeline_title(conn: sqlite3.Connection) -> str:
    """The timeline's own title ("" when it has none, or another program stored a bad one)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (TITLE_KEY,)).fetchone()
    title = " ".join(text_of(row[0] if row else "").split())
    return "" if problem_with("timeline_title", title) else title


def set_timeline_title(conn: sqlite3.Connection, title: str) -> None:
    """ "" removes it."""
    title = " ".join(title.split())
    if not title:
        conn.execute("DELETE FROM meta WHERE key = ?", (TITLE_KEY,))
        return
    if problem := problem_with("timeline_title", title, named=False):
        raise FieldErrors({"title": problem})
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (TITLE_KEY, title),
    )
