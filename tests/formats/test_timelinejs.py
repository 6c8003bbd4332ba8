"""TimelineJS files, both ways: the JSON and the spreadsheet CSV that Knight Lab's
TimelineJS reads, written from the timeline and read back to the same events, dates,
precisions and quotes; and files written as TimelineJS users write them (groups, HTML,
media credits, title and era slides) read as a person would expect."""

from __future__ import annotations

import json
import sqlite3

import pytest

from timeline_app.cli import main
from timeline_app.formats import registry
from timeline_app.formats.timelinejs import UNGROUPED


def events_of(db) -> set[tuple]:
    """(company, title, start, end, precision, approximate, the quoted words in order)."""
    conn = sqlite3.connect(db)
    try:
        events = conn.execute(
            "SELECT e.id, c.name, e.title, e.start_date, coalesce(e.end_date, ''), e.precision, "
            "e.approximate FROM events e JOIN companies c ON c.id = e.company_id"
        ).fetchall()
        quotes = conn.execute(
            "SELECT x.event_id, substr(s.text, x.start + 1, x.end - x.start) FROM excerpts x "
            "JOIN sources s ON s.id = x.source_id"
        ).fetchall()
    finally:
        conn.close()
    quoted: dict[int, list[str]] = {}
    for event_id, words in quotes:
        quoted.setdefault(event_id, []).append(words)
    return {(*row[1:], " | ".join(sorted(quoted.get(row[0], [])))) for row in events}


@pytest.mark.parametrize("name, suffix", [("timelinejs", ".json"), ("timelinejs-csv", ".csv")])
def test_an_export_reads_back_to_the_same_events_dates_precisions_and_quotes(
    tmp_path, builtin_copy, name, suffix
):
    out = tmp_path / f"timeline{suffix}"
    assert main(["export", "--db", str(builtin_copy), "--format", name, "--out", str(out)]) == 0
    back = tmp_path / "back.db"
    assert main(["import", str(out), "--db", str(back)]) == 0
    assert events_of(back) == events_of(builtin_copy)


def test_the_json_is_what_timelinejs_reads(tmp_path, builtin_copy):
    out = tmp_path / "timeline.json"
    main(["export", "--db", str(builtin_copy), "--format", "timelinejs", "--out", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["events"]) == 19
    by_title = {s["text"]["headline"]: s for s in data["events"]}
    year = by_title["Brad Smith warns about unregulated facial recognition"]
    assert year["start_date"] == {"year": "2018"}  # only the parts that are known
    assert year["display_date"].startswith("c. 2018")
    day = next(s for s in data["events"] if s["start_date"].get("day"))
    assert set(day["start_date"]) == {"year", "month", "day"}
    assert all(s["group"] for s in data["events"])
    assert "<blockquote>" in day["text"]["text"]


def test_markup_in_titles_is_escaped_and_reads_back_as_text(tmp_path):
    db = tmp_path / "t.db"
    main(["add-event", "--db", str(db), "--company", "Acme", "--title", "<script>x</script> & co",
          "--start", "2020-06"])  # fmt: skip
    out = tmp_path / "t.json"
    main(["export", "--db", str(db), "--format", "timelinejs", "--out", str(out)])
    raw = out.read_text(encoding="utf-8")
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    back = tmp_path / "back.db"
    assert main(["import", str(out), "--db", str(back)]) == 0
    assert {e[1] for e in events_of(back)} == {"<script>x</script> & co"}


KNIGHT_LAB = {
    "title": {"text": {"headline": "Facial recognition, 2020", "text": "<p>An example</p>"}},
    "eras": [{"start_date": {"year": 2019}, "end_date": {"year": 2020},
              "text": {"headline": "AB 2261 debate"}}],
    "events": [
        {"start_date": {"year": 2020, "month": 6, "day": 10},
         "text": {"headline": "Amazon <b>pauses</b> Rekognition",
                  "text": "<p>For one year.</p><p>Police use &amp; more.</p>"},
         "media": {"url": "https://example.org/amazon", "caption": "Amazon's statement",
                   "credit": "Amazon"},
         "group": "Amazon"},
        {"start_date": {"year": "2019"}, "display_date": "c. 2019",
         "text": {"headline": "A year event"}},
        {"start_date": {"year": 2020, "month": 3}, "end_date": {"year": 2020, "month": 5},
         "text": {"headline": "A span of months"}, "group": "Microsoft"},
    ],
}  # fmt: skip


def test_a_file_as_timelinejs_users_write_it(tmp_path, capsys):
    path = tmp_path / "knightlab.json"
    path.write_text(json.dumps(KNIGHT_LAB), encoding="utf-8")
    assert registry.for_reading(path, path.read_bytes()[:4096]).name == "timelinejs"
    db = tmp_path / "t.db"
    assert main(["import", str(path), "--db", str(db)]) == 0
    assert UNGROUPED in capsys.readouterr().out  # the lane of slides with no group is named
    rows = {e[1]: e for e in events_of(db)}
    assert set(rows) == {"Amazon pauses Rekognition", "A year event", "A span of months"}
    amazon = rows["Amazon pauses Rekognition"]
    assert amazon[0] == "Amazon" and amazon[2:5] == ("2020-06-10", "", "day")
    assert amazon[6] == "Amazon's statement"  # the media caption, quoted from its source
    assert rows["A year event"][0] == UNGROUPED
    assert rows["A year event"][4] == "year" and rows["A year event"][5] == 1  # "c. 2019"
    assert rows["A span of months"][2:5] == ("2020-03", "2020-05", "month")
    conn = sqlite3.connect(db)
    summary, url = conn.execute(
        "SELECT e.summary, s.url FROM events e JOIN excerpts x ON x.event_id = e.id "
        "JOIN sources s ON s.id = x.source_id").fetchone()  # fmt: skip
    conn.close()
    assert summary == "For one year.\nPolice use & more."
    assert url == "https://example.org/amazon"


SHEET = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background,Alt Text,Tag\n"
    ",,,,,,,,,My timeline,<p>Intro</p>,,,,,title,,,,\n"
    "2019,,,,2020,,,,,The debate,,,,,,era,,,,\n"
    "2020,6,8,,,,,,,IBM ends its work,<p>Letter to Congress</p>,,,,,,IBM,,,Policy\n"
    "2020,6,,,,,,,,June news,,,,,,,Amazon,,,\n"
)


def test_the_spreadsheet_csv_title_and_era_rows_are_no_events(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET, encoding="utf-8")
    assert registry.for_reading(path, path.read_bytes()).name == "timelinejs-csv"
    db = tmp_path / "t.db"
    assert main(["import", str(path), "--db", str(db)]) == 0
    rows = {e[1]: e for e in events_of(db)}
    assert set(rows) == {"IBM ends its work", "June news"}
    assert rows["IBM ends its work"][2:5] == ("2020-06-08", "", "day")
    assert rows["June news"][2:5] == ("2020-06", "", "month")
    conn = sqlite3.connect(db)
    category = conn.execute(
        "SELECT name FROM categories c JOIN events e ON e.category_id = c.id "
        "WHERE e.title = 'IBM ends its work'"
    ).fetchone()
    assert category == ("Policy",)
    conn.close()


def test_a_bad_date_is_named_by_its_spreadsheet_row(tmp_path, capsys):
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET.replace("2020,6,,,", "2020,June,,,"), encoding="utf-8")
    assert main(["import", str(path), "--db", str(tmp_path / "t.db")]) == 1
    err = capsys.readouterr().err
    assert "line 5" in err and "not a number" in err
    assert not (tmp_path / "t.db").exists()


def test_a_format_named_for_the_wrong_extension_is_refused(tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["export", "--format", "timelinejs", "--out", str(out)]) == 1
    assert "TimelineJS JSON is written as a .json file" in capsys.readouterr().err
    assert not out.exists()


def test_a_year_the_app_cannot_show_is_named(tmp_path, capsys):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"events": [
        {"start_date": {"year": -500}, "text": {"headline": "Athens"}},
        {"start_date": {"year": 2020}, "text": {"headline": "Now"}},
    ]}), encoding="utf-8")  # fmt: skip
    assert main(["import", str(path), "--db", str(tmp_path / "t.db")]) == 1
    assert "item 1: has the year -500; only the years 1 to 9999" in capsys.readouterr().err


# ----------------------------------------------------------- title, eras and ids


def eras_and_title(db) -> tuple[str | None, list[tuple[str, str, str]]]:
    conn = sqlite3.connect(db)
    try:
        title = conn.execute("SELECT value FROM meta WHERE key = 'title'").fetchone()
        eras = conn.execute("SELECT name, start_date, end_date FROM eras ORDER BY id").fetchall()
    finally:
        conn.close()
    return (title[0] if title else None), eras


def test_the_title_slide_and_eras_of_a_json_file_are_kept(tmp_path, capsys):
    path = tmp_path / "knightlab.json"
    path.write_text(json.dumps(KNIGHT_LAB), encoding="utf-8")
    db = tmp_path / "t.db"
    assert main(["import", str(path), "--db", str(db)]) == 0
    said = capsys.readouterr().out
    assert "1 era(s) added" in said and "title “Facial recognition, 2020”" in said
    assert eras_and_title(db) == (
        "Facial recognition, 2020",
        [("AB 2261 debate", "2019-01-01", "2020-12-31")],
    )
    assert main(["import", str(path), "--db", str(db)]) == 0  # again: nothing doubled
    assert "era(s) added" not in capsys.readouterr().out
    assert len(eras_and_title(db)[1]) == 1


def test_the_title_and_era_rows_of_a_sheet_are_kept(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET, encoding="utf-8")
    db = tmp_path / "t.db"
    assert main(["import", str(path), "--db", str(db)]) == 0
    assert eras_and_title(db) == ("My timeline", [("The debate", "2019-01-01", "2020-12-31")])


@pytest.mark.parametrize("name, suffix", [("timelinejs", ".json"), ("timelinejs-csv", ".csv")])
def test_title_eras_and_ids_make_the_round_trip(tmp_path, builtin_copy, name, suffix):
    conn = sqlite3.connect(builtin_copy)
    conn.execute("INSERT INTO meta (key, value) VALUES ('title', 'Face recognition <2020>')")
    conn.execute(
        "INSERT INTO eras (name, start_date, end_date) "
        "VALUES ('Moratoria', '2020-06-08', '2020-06-30')"
    )
    conn.commit()
    ids = dict(conn.execute("SELECT title, uid FROM events"))
    conn.close()
    out = tmp_path / f"timeline{suffix}"
    assert main(["export", "--db", str(builtin_copy), "--format", name, "--out", str(out)]) == 0
    if suffix == ".json":
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["title"]["text"]["headline"] == "Face recognition &lt;2020&gt;"
        assert data["eras"][0]["start_date"] == {"year": "2020", "month": "6", "day": "8"}
        assert {s["unique_id"] for s in data["events"]} == set(ids.values())
    back = tmp_path / "back.db"
    assert main(["import", str(out), "--db", str(back)]) == 0
    assert eras_and_title(back) == (
        "Face recognition <2020>",
        [("Moratoria", "2020-06-08", "2020-06-30")],
    )
    if suffix == ".json":  # the sheet has no column for them
        conn = sqlite3.connect(back)
        assert dict(conn.execute("SELECT title, uid FROM events")) == ids
        conn.close()


def test_an_era_without_a_year_is_refused_and_nothing_imported(tmp_path, capsys):
    broken = {**KNIGHT_LAB, "eras": [{"start_date": {"month": 3}, "text": {"headline": "X"}}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    db = tmp_path / "t.db"
    assert main(["import", str(path), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "the file: eras[1] has no start_date with a year" in err
    assert not db.exists()
