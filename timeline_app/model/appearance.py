"""How each category and company looks, kept in the file so it never changes by itself.

A category's marker is a (shape, colour) pair of its own and a company's lane a colour; the
pairs were once taken from the category's place in the name-sorted list, so a new category
moved the others (Legislation turned from a pink triangle into a blue hexagon after an
import, and earlier exports no longer matched the window). Now every write (an import, an
edit, a new timeline) ends with `store_missing`, which gives each category and company that
has none the look `planned` says and stores it in the meta table next to the colours a
person chose ("category_colour:ID", "category_shape:ID", "company_colour:ID"). A stored look
is never reassigned; a file that cannot be written is shown with the same plan, unstored.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from timeline_app.colours import SHAPE_NAMES, plan_categories, plan_companies
from timeline_app.errors import ValidationError

SHAPE_PREFIX = "category_shape:"
_COLOUR_CHARS = set("0123456789abcdef")


def shape_key(row_id: int) -> str:
    return f"{SHAPE_PREFIX}{row_id}"


def _stored(conn: sqlite3.Connection, prefix: str) -> dict[int, str]:
    """meta values under a prefix, by id; keys or values another program mangled are left
    out (the plan then fills them in)."""
    found: dict[int, str] = {}
    for key, value in conn.execute(
        "SELECT key, value FROM meta WHERE key >= ? AND key < ?", (prefix, prefix + "\U0010ffff")
    ):
        number = key[len(prefix) :]
        if isinstance(value, str) and number.isascii() and number.isdigit():
            found[int(number)] = value
    return found


def stored_colours(conn: sqlite3.Connection, kind: str) -> dict[int, str]:
    return {
        row_id: value
        for row_id, value in _stored(conn, f"{kind}_colour:").items()
        if len(value) == 7 and value[0] == "#" and set(value[1:]) <= _COLOUR_CHARS
    }


def stored_shapes(conn: sqlite3.Connection) -> dict[int, str]:
    return {k: v for k, v in _stored(conn, SHAPE_PREFIX).items() if v in SHAPE_NAMES}


@dataclass(frozen=True, slots=True)
class Looks:
    colours: dict[str, dict[int, str]]  # "company"/"category" -> id -> "#rrggbb"
    shapes: dict[int, str]  # category id -> shape name


def planned(conn: sqlite3.Connection) -> Looks:
    """Every company's colour and every category's (shape, colour): the stored ones, and for
    the others what `store_missing` would store."""
    companies = [
        row[0] for row in conn.execute("SELECT id FROM companies ORDER BY name COLLATE NOCASE, id")
    ]
    category_ids = [row[0] for row in conn.execute("SELECT id FROM categories ORDER BY id")]
    pairs = plan_categories(category_ids, stored_colours(conn, "category"), stored_shapes(conn))
    return Looks(
        {
            "company": plan_companies(companies, stored_colours(conn, "company")),
            "category": {cid: colour for cid, (_shape, colour) in pairs.items()},
        },
        {cid: shape for cid, (shape, _colour) in pairs.items()},
    )


def _missing(conn: sqlite3.Connection) -> bool:
    """Does any company or category lack its stored look? (One indexed look-up each.)"""
    return bool(
        conn.execute(
            "SELECT EXISTS (SELECT 1 FROM companies c WHERE NOT EXISTS (SELECT 1 FROM meta "
            "WHERE key = 'company_colour:' || c.id)) OR EXISTS (SELECT 1 FROM categories k "
            "WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = 'category_colour:' || k.id) "
            "OR NOT EXISTS (SELECT 1 FROM meta WHERE key = 'category_shape:' || k.id))"
        ).fetchone()[0]
    )


def store_missing(conn: sqlite3.Connection) -> int:
    """Store the planned look of every company and category that has none stored (inside
    the caller's transaction); returns how many values were written."""
    if not _missing(conn):
        return 0
    looks = planned(conn)
    rows = [
        (f"{kind}_colour:{row_id}", colour)
        for kind, by_id in looks.colours.items()
        for row_id, colour in by_id.items()
    ]
    rows += [(shape_key(cid), shape) for cid, shape in looks.shapes.items()]  # fmt: skip
    before = conn.total_changes
    conn.executemany("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", rows)
    return conn.total_changes - before


def set_shape(conn: sqlite3.Connection, category_id: int, shape: str) -> None:
    """A category's marker shape, by name ("triangle down")."""
    if shape not in SHAPE_NAMES:
        raise ValidationError(f"“{shape}” is not a shape; one of {', '.join(SHAPE_NAMES)}")
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (shape_key(category_id), shape),
    )


def forget(conn: sqlite3.Connection, kind: str, row_id: int) -> None:
    """A deleted or merged company or category takes its look with it."""
    keys = [f"{kind}_colour:{row_id}"] + ([shape_key(row_id)] if kind == "category" else [])
    conn.executemany("DELETE FROM meta WHERE key = ?", [(key,) for key in keys])
