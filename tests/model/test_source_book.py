"""A source's text given once: the first row that quotes it carries the text, later rows
name the source (by all its details, or by its title alone), or a sources file gives the
texts. An export writes each text once and imports again as it is."""

from __future__ import annotations

import csv
import json
import sqlite3

from timeline_app.cli import main

ARTICLE = "IBM said on Monday it would stop. Amazon said on Wednesday it would pause."
HEADER = "company,title,category,start,source_title,source_text,excerpt\n"


def quotes(db) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute(
            "SELECT e.title, substr(s.text, x.start + 1, x.end - x.start) FROM excerpts x "
            "JOIN events e ON e.id = x.event_id JOIN sources s ON s.id = x.source_id"
        ))  # fmt: skip
    finally:
        conn.close()


def test_later_rows_name_the_source_by_its_title(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(
        HEADER
        + f"IBM,IBM stops,Policy,2020-06-08,The article,{ARTICLE},IBM said on Monday\n"
        + "Amazon,Amazon pauses,Policy,2020-06-10,The article,,Amazon said on Wednesday\n",
        encoding="utf-8",
    )
    db = tmp_path / "t.db"
    assert main(["import", str(path), "--db", str(db)]) == 0
    assert quotes(db) == [("Amazon pauses", "Amazon said on Wednesday"),
                          ("IBM stops", "IBM said on Monday")]  # fmt: skip
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM sources").fetchone() == (1,)
    conn.close()


def test_a_source_named_but_never_given_is_refused_by_its_row(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "Amazon,Amazon pauses,Policy,2020-06-10,Unknown,,Amazon said\n",
                    encoding="utf-8")  # fmt: skip
    assert main(["import", str(path), "--db", str(tmp_path / "t.db")]) == 1
    err = capsys.readouterr().err
    assert "line 2" in err and "source_text is empty" in err
    assert not (tmp_path / "t.db").exists()


def test_a_sources_file_gives_the_texts(tmp_path, capsys):
    sources = tmp_path / "sources.csv"
    with sources.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source_title", "source_url", "source_text"])
        writer.writerow(["The article", "https://example.org/a", ARTICLE])
    events = tmp_path / "events.csv"
    events.write_text(
        "company,title,category,start,source_title,excerpt\n"
        "IBM,IBM stops,Policy,2020-06-08,The article,IBM said on Monday\n",
        encoding="utf-8",
    )
    db = tmp_path / "t.db"
    assert main(["import", str(events), "--db", str(db), "--sources", str(sources)]) == 0
    assert quotes(db) == [("IBM stops", "IBM said on Monday")]
    bad = tmp_path / "bad-sources.csv"
    bad.write_text("source_title,source_text\nNo text,\n", encoding="utf-8")
    assert main(["import", str(events), "--db", str(tmp_path / "u.db"), "--sources",
                 str(bad)]) == 1  # fmt: skip
    assert "has no source_text" in capsys.readouterr().err


def test_an_export_writes_each_text_once_and_imports_as_it_is(tmp_path, builtin_copy):
    out = tmp_path / "all.csv"
    assert main(["export", "--db", str(builtin_copy), "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sum(1 for row in rows if row["source_text"]) == 1  # one article, written once
    article = next(row["source_text"] for row in rows if row["source_text"])
    assert out.stat().st_size < len(rows) * len(article) / 2  # not the article on every row
    back = tmp_path / "back.db"
    assert main(["import", str(out), "--db", str(back)]) == 0
    assert quotes(back) == quotes(builtin_copy)


def test_a_problem_names_the_spreadsheet_row_and_the_line_where_they_differ(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text(
        "company,title,category,start,summary\n"
        'IBM,IBM stops,Policy,2020-06-08,"two\nlines"\n'
        "Amazon,,Policy,2020-06-10,\n",
        encoding="utf-8",
    )
    assert main(["import", str(path), "--db", str(tmp_path / "t.db")]) == 1
    err = capsys.readouterr().err
    assert "row 3 (line 4): title is empty" in err


def test_a_json_export_lists_each_source_once_and_imports_as_it_is(tmp_path, builtin_copy):
    out = tmp_path / "all.json"
    assert main(["export", "--db", str(builtin_copy), "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [s["source_title"] for s in data["sources"]] == [
        "Microsoft follows Amazon and IBM in restricting police use of facial recognition"
    ]
    assert all("source_text" not in row for row in data["events"])
    back = tmp_path / "back.db"
    assert main(["import", str(out), "--db", str(back)]) == 0
    assert quotes(back) == quotes(builtin_copy)


def test_a_json_sources_list_that_is_not_a_list_is_refused(tmp_path, capsys):
    path = tmp_path / "events.json"
    path.write_text(
        json.dumps({"sources": "oops", "events": [
            {"company": "IBM", "title": "IBM stops", "category": "Policy", "start": "2020",
             "source_title": "The article", "excerpt": "IBM said"}]}),
        encoding="utf-8",
    )  # fmt: skip
    assert main(["import", str(path), "--db", str(tmp_path / "t.db")]) == 1
    err = capsys.readouterr().err
    assert "the file: sources must be a list of source objects, not text" in err
