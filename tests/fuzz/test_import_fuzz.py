"""Random damage to valid import files, a fixed number of times with a fixed seed: every
outcome is either a correct import (the file then passes every check) or the app's own
error with a readable message, and after an error the database is byte for byte unchanged.
Any other exception, a hang or a damaged database fails the test with the case that made it."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import random
import shutil
from pathlib import Path

import pytest

from timeline_app.errors import TimelineError
from timeline_app.formats.records import COLUMNS
from timeline_app.model.dataset import builtin_database_path
from timeline_app.model.derived import open_derived
from timeline_app.model.importer import import_file_into
from timeline_app.model.integrity import check_file
from timeline_app.model.store import open_store

# Per format: about ten seconds each. TIMELINE_FUZZ_CASES=20000 runs a longer search.
CASES = int(os.environ.get("TIMELINE_FUZZ_CASES", "1000"))
SEED = 20261202
SOURCE = (
    "Acme Corp said on Monday that it would stop selling Rocket to police forces. "
    "It also announced a partnership with Beta Labs. The pause would last a year."
)
NASTY = [
    "\x00", "\x07", "\x1b[2J", "\r", "\n", "\t", "\u202e", "\u200b", "\ufeff", "\ud800",
    "😀", "שלום", '"', "'", ",", ";", "=cmd|' /C calc'!A0", "<script>", "9" * 40,
    "-1", "1e999", "NaN", "null", "true", "2020-02-30", "0000", "99999-01-01", "2021-13",
    " ", "", "x" * 600, "\\", "{", "[", "]", "}",
]  # fmt: skip


def good_rows(rng: random.Random) -> list[dict]:
    rows = []
    for number in range(rng.randint(1, 6)):
        quote = rng.choice(["stop selling Rocket", "partnership with Beta Labs", "a year"])
        start = SOURCE.index(quote)
        precision = rng.choice(["day", "month", "year"])
        date = {"day": "2021-03-04", "month": "2021-03", "year": "2021"}[precision]
        rows.append(
            {
                "company": rng.choice(["Acme Corp", "Beta Labs", "IBM"]),
                "title": f"Event {number} {rng.random():.6f}",
                "summary": rng.choice(["", "A sentence."]),
                "category": rng.choice(["Policy", "Statement"]),
                "start": date,
                "precision": precision,
                "approximate": rng.choice(["", "true", "0"]),
                "source_title": "Acme pauses Rocket",
                "source_url": "https://wire.example/acme",
                "source_published": "2021-03-05",
                "source_text": SOURCE,
                "excerpt": quote,
                "excerpt_start": str(start),
                "excerpt_end": str(start + len(quote)),
            }
        )
        if number and rng.random() < 0.5:
            rows[-1]["source_text"] = ""  # the text given once, on an earlier row
    return rows


def as_csv(rows: list[dict], rng: random.Random) -> bytes:
    columns = list(COLUMNS) + sorted({key for row in rows for key in row} - set(COLUMNS))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")  # a lone surrogate: bad UTF-8


def as_json(rows: list[dict], rng: random.Random) -> bytes:
    ascii_only = rng.random() < 0.5  # "\ud800" escaped, or raw (then not UTF-8)
    text = json.dumps({"events": rows}, ensure_ascii=ascii_only)
    return text.encode("utf-8", "surrogatepass")


def _slide(row: dict) -> dict:
    """A TimelineJS slide saying what an import row says (whatever damage it carries)."""
    parts = str(row.get("start", "")).split("-")
    date = dict(zip(("year", "month", "day"), parts, strict=False))
    quote = row.get("excerpt", "")
    link = f'<a href="{row.get("source_url", "")}">{row.get("source_title", "")}</a>'
    return {
        "start_date": date,
        "text": {"headline": row.get("title"),
                 "text": f"<p>{row.get('summary', '')}</p><blockquote>“{quote}”</blockquote>"
                         f"<p>— {link}</p>"},
        "group": row.get("company"),
        "display_date": "c. " if row.get("approximate") == "true" else "",
    }  # fmt: skip


def as_timelinejs(rows: list[dict], rng: random.Random) -> bytes:
    text = json.dumps({"title": {"text": {"headline": "T"}}, "events": [_slide(r) for r in rows]},
                      ensure_ascii=rng.random() < 0.5)  # fmt: skip
    return text.encode("utf-8", "surrogatepass")


def as_sheet(rows: list[dict], rng: random.Random) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Year", "Month", "Day", "Headline", "Text", "Group", "Type", "Tag"])
    for row in rows:
        slide = _slide(row)
        date = slide["start_date"]
        kind = rng.choice(["", "", "title", "era"])
        writer.writerow([date.get("year", ""), date.get("month", ""), date.get("day", ""),
                         slide["text"]["headline"], slide["text"]["text"], slide["group"],
                         kind, row.get("category", "")])  # fmt: skip
    return out.getvalue().encode("utf-8", "surrogatepass")


WRITERS = {"csv": as_csv, "json": as_json, "timelinejs": as_timelinejs, "sheet": as_sheet}
SUFFIX = {"csv": "csv", "json": "json", "timelinejs": "json", "sheet": "csv"}


def mutate_value(rng: random.Random, rows: list[dict]) -> None:
    row = rng.choice(rows)
    key = rng.choice(list(row))
    roll = rng.random()
    if roll < 0.5:
        row[key] = rng.choice(NASTY)
    elif roll < 0.7:
        row[key] = str(row[key]) + rng.choice(NASTY)
    elif roll < 0.8:
        del row[key]
    elif roll < 0.9:
        row[rng.choice(["unknown", "Title", " company "])] = rng.choice(NASTY)
    else:
        rows.append(dict(row))  # a duplicate row


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not data:
            break
        at = rng.randrange(len(data))
        roll = rng.random()
        if roll < 0.3:
            data[at] = rng.randrange(256)
        elif roll < 0.5:
            data[at:at] = rng.choice([b"\x00", b"\xff\xfe", b"\xc3", b'"', b",", b"\n", b"\\u"])
        elif roll < 0.7:
            del data[at : at + rng.randint(1, 40)]
        elif roll < 0.85:
            del data[at:]  # cut short
        else:
            data[at:at] = data[: rng.randint(1, 200)]  # a piece repeated
    return bytes(data)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_case(tmp_path: Path, kind: str, number: int) -> str:
    rng = random.Random(f"{SEED}-{kind}-{number}")
    rows = good_rows(rng)
    for _ in range(rng.randint(0, 3)):
        mutate_value(rng, rows)
    data = WRITERS[kind](rows, rng)
    if rng.random() < 0.5:
        data = mutate_bytes(rng, data)
    source = tmp_path / f"case.{SUFFIX[kind]}"
    source.write_bytes(data)
    db = tmp_path / "fuzz.db"
    shutil.copyfile(builtin_database_path(), db)
    before_digest = digest(db)
    with open_store(db, readonly=True) as store:
        before = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    try:
        result = import_file_into(source, db)
    except TimelineError as exc:
        message = str(exc)
        assert message.strip() and len(message) < 20_000, (kind, number, message[:300])
        assert digest(db) == before_digest, (kind, number, "changed on error", message)
        return "refused"
    with open_store(db) as store:
        after = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        assert after == before + result.added, (kind, number)
        open_derived(store)
        problems = check_file(store)
        assert problems == [], (kind, number, problems)
    return "imported"


@pytest.mark.parametrize("kind", ["csv", "json", "timelinejs", "sheet"])
def test_damaged_import_files_are_imported_correctly_or_refused_cleanly(tmp_path, kind):
    cases = CASES if kind in ("csv", "json") else CASES // 2  # TimelineJS: half as many
    outcomes = [one_case(tmp_path, kind, number) for number in range(cases)]
    # The cases cover both outcomes, or the mutations are too mild (or too harsh) to test.
    assert 0.1 < outcomes.count("imported") / cases < 0.9, outcomes.count("imported")
