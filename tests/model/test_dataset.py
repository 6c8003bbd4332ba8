"""The built-in dataset: every excerpt is verbatim in the article, every date follows from the
article's own words, and the shipped file is exactly what the build makes."""

from __future__ import annotations

import shutil
import sqlite3
import tomllib
from datetime import date
from pathlib import Path

import pytest

from timeline_app.errors import ValidationError
from timeline_app.ingest.dating import resolve_phrase
from timeline_app.model import query
from timeline_app.model.dataset import (
    DATA_DIR,
    build_dataset,
    builtin_database_path,
    load_dataset,
    locate_quote,
)
from timeline_app.model.filters import FilterState
from timeline_app.model.store import open_store
from timeline_app.model.types import DatePrecision

SHARED_SOURCES = Path(__file__).resolve().parents[3] / "shared" / "sources"
SPEC = tomllib.loads((DATA_DIR / "dataset.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shipped():
    with open_store(builtin_database_path(), readonly=True) as store:
        yield store


def test_every_excerpt_is_verbatim_in_its_source(shipped):
    rows = shipped.conn.execute(
        "SELECT x.id, x.start, x.end, x.text, s.text FROM excerpts x "
        "JOIN sources s ON s.id = x.source_id"
    ).fetchall()
    assert len(rows) >= len(SPEC["events"])
    for excerpt_id, start, end, text, source in rows:
        assert source[start:end] == text, excerpt_id
    assert shipped.check_invariants() == []


def test_the_stored_article_is_the_article_file_byte_for_byte(shipped):
    (text,) = shipped.conn.execute("SELECT text FROM sources").fetchone()
    assert shipped.conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 1
    assert text.encode("utf-8") == (DATA_DIR / "article.txt").read_bytes()


@pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="no shared sources folder beside the repo")
def test_the_article_file_is_the_shared_source():
    article = (DATA_DIR / "article.txt").read_bytes()
    copies = [p for p in SHARED_SOURCES.iterdir() if p.is_file()]
    assert any(p.read_bytes() == article for p in copies), [p.name for p in copies]


def test_the_source_is_described(shipped):
    (source,) = shipped.conn.execute("SELECT title, publisher, published FROM sources").fetchall()
    meta = SPEC["source"]
    assert source == (meta["title"], meta["publisher"], meta["published"])


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_the_shipped_file_is_what_the_build_makes(tmp_path):
    fresh = build_dataset(tmp_path / "fresh.db")
    assert fresh == tmp_path / "fresh.db"
    assert not (tmp_path / "fresh.db.partial").exists()
    assert dump(fresh) == dump(builtin_database_path()), (
        "timeline_app/builtin/timeline.db is out of date: run `timeline-app build-data`"
    )


def test_the_build_is_repeatable(tmp_path):
    first = build_dataset(tmp_path / "one.db")
    second = build_dataset(tmp_path / "two.db")
    assert first.read_bytes() == second.read_bytes()


def test_a_rebuild_replaces_the_old_file_whole(tmp_path):
    out = tmp_path / "timeline.db"
    out.write_bytes(b"an old file")
    build_dataset(out)
    with open_store(out, readonly=True) as store:
        assert query.count_events(store) == len(SPEC["events"])


def test_every_event_has_an_excerpt(shipped):
    bare = shipped.conn.execute(
        "SELECT title FROM events e WHERE NOT EXISTS "
        "(SELECT 1 FROM excerpts x WHERE x.event_id = e.id)"
    ).fetchall()
    assert bare == []
    assert query.count_events(shipped) == len(SPEC["events"])


def test_every_company_has_an_event(shipped):
    companies = query.list_companies(shipped)
    assert {c.name for c in companies} == {c["name"] for c in SPEC["companies"]}
    assert [c.name for c in companies if c.event_count == 0] == []


def one(shipped, title_words: str, company: str):
    """The one event of `company` whose title holds these words."""
    ids = frozenset(c.id for c in query.list_companies(shipped) if c.name == company)
    found = query.find_events(shipped, FilterState(companies=ids, text=title_words))
    found = [e for e in found if title_words.lower() in e.title.lower()]
    assert len(found) == 1, [e.title for e in found]
    return found[0]


def test_the_headline_events(shipped):
    ibm = one(shipped, "IBM ends facial recognition", "IBM")
    assert (ibm.start, ibm.end, ibm.approximate) == ("2020-06-08", "2020-06-11", True)
    assert "cease all sales" in " ".join(
        x.text for x in query.event_detail(shipped, ibm.id).excerpts
    )

    amazon = one(shipped, "Amazon pauses police", "Amazon")
    assert (amazon.start, amazon.end, amazon.precision) == (
        "2020-06-10",
        "2021-06-10",
        DatePrecision.DAY,
    )
    words = " ".join(x.text for x in query.event_detail(shipped, amazon.id).excerpts)
    assert "one year" in words

    microsoft = one(shipped, "federal law", "Microsoft")
    assert (microsoft.start, microsoft.precision) == ("2020-06-11", DatePrecision.DAY)
    assert microsoft.category == "Policy"


def test_every_date_phrase_gives_the_stored_date(shipped):
    published = date.fromisoformat(SPEC["source"]["published"])
    stored = {(e.company, e.title): e for e in query.find_events(shipped)}
    phrased = [item for item in SPEC["events"] if "date_phrase" in item]
    assert len(phrased) == len(SPEC["events"])  # every date is backed by the article's words
    for item in phrased:
        event = stored[(item["company"], item["title"])]
        said = resolve_phrase(item["date_phrase"], published)
        assert (said.start, said.precision, bool(said.approximate)) == (
            event.start,
            event.precision,
            event.approximate,
        ), item["title"]


def copied_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("dataset.toml", "article.txt"):
        shutil.copyfile(DATA_DIR / name, folder / name)
    return folder


def replace_once(path: Path, old: str, new: str, after: str = "") -> None:
    """Replace the first `old` that follows `after` (e.g. an event's title line)."""
    text = path.read_text(encoding="utf-8")
    begin = text.index(after)
    at = text.index(old, begin)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def test_a_date_that_does_not_follow_from_its_phrase_is_rejected(tmp_path):
    folder = copied_data(tmp_path)
    title = "Amazon pauses police facial recognition for a year"
    replace_once(
        folder / "dataset.toml", 'start = "2020-06-10"', 'start = "2020-06-09"', f'"{title}"'
    )
    with pytest.raises(ValidationError, match="on wednesday") as caught:
        load_dataset(folder)
    assert title in str(caught.value)
    assert "dataset.toml" in str(caught.value)
    with pytest.raises(ValidationError):
        build_dataset(tmp_path / "never.db", data_dir=folder)
    assert not (tmp_path / "never.db").exists()


def test_a_quote_not_in_the_article_is_rejected(tmp_path):
    folder = copied_data(tmp_path)
    replace_once(
        folder / "dataset.toml",
        'quote = "Last year, Microsoft denied California law enforcement access',
        'quote = "Last year, Microsoft refused California law enforcement access',
    )
    with pytest.raises(ValidationError, match="not found") as caught:
        load_dataset(folder)
    assert "Microsoft refuses California police facial recognition" in str(caught.value)


def test_an_edited_article_no_longer_matches_its_quotes(tmp_path):
    folder = copied_data(tmp_path)
    article = folder / "article.txt"
    article.write_bytes(article.read_bytes().replace("’".encode(), b"'"))
    with pytest.raises(ValidationError, match="not found"):
        load_dataset(folder)


def test_locate_quote():
    text = "one two one three"
    assert locate_quote(text, "two") == 4
    assert locate_quote(text, "one", occurrence=2) == 8
    with pytest.raises(ValidationError, match="not found"):
        locate_quote(text, "four")
    with pytest.raises(ValidationError, match="2 time"):
        locate_quote(text, "one", occurrence=3)


def test_killing_build_data_leaves_the_previous_database_intact(tmp_path: Path) -> None:
    """build-data writes a new file beside the old one and swaps it in only when whole."""
    import os
    import signal
    import subprocess
    import sys

    from timeline_app.model.store import PAUSE_ENV

    target = tmp_path / "timeline.db"
    target.write_bytes(builtin_database_path().read_bytes())
    before = target.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-c", "from timeline_app.cli import main; raise SystemExit(main())",
         "build-data", "--out", str(target)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env={**os.environ, PAUSE_ENV: "60"},
    )  # fmt: skip
    try:
        assert "pausing before commit" in process.stderr.readline()
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
        process.stderr.close()
    assert target.read_bytes() == before
    with open_store(target, readonly=True) as store:
        assert store.check_invariants() == []
    rebuilt = build_dataset(target)  # the next build cleans up after the killed one
    assert rebuilt == target and sorted(p.name for p in tmp_path.iterdir()) == [target.name]
