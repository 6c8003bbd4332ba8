"""Every format is one module and one entry in the registry: a format registered here, in
the test, is read and written through the command line like the built-in ones, and files
are recognised by what they hold rather than by their name."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from timeline_app import cli
from timeline_app.files import check_ends_with
from timeline_app.formats import registry
from timeline_app.formats.records import OnProgress, Problems, Record
from timeline_app.model import query
from timeline_app.model.store import open_store


# ----- a tiny format: one event per line, "company | title | category | start"
def read_pipes(
    path: Path, problems: Problems, on_progress: OnProgress | None = None
) -> Iterator[tuple[int, Record]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) != 4:
            problems.add(number, f"has {len(cells)} fields, not 4")
            continue
        yield number, dict(zip(("company", "title", "category", "start"), cells, strict=True))


def write_pipes(rows: Iterable[Record], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(" | ".join(str(row[k]) for k in ("company", "title", "category", "start")))
            handle.write("\n")
            count += 1
    return count


PIPES = registry.Format(
    "pipes", "Pipe-separated events", (".pipes",), "events", "line",
    read_pipes, write_pipes, lambda head: head.count(b"|") >= 3, check_ends_with(b"\n"),
)  # fmt: skip


@pytest.fixture
def pipes():
    registry.register(PIPES)
    yield PIPES
    registry.unregister("pipes")


def test_a_format_added_in_one_line_imports_and_exports_through_the_cli(pipes, tmp_path, capsys):
    source = tmp_path / "events.pipes"
    source.write_text(
        "Acme | Launches a rocket | Product launch | 2021-03-04\n"
        "Beta Labs | Joins a standard | Partnership | 2021-05\n",
        encoding="utf-8",
    )
    db = tmp_path / "t.db"
    assert cli.main(["import", str(source), "--db", str(db)]) == 0
    with open_store(db, readonly=True) as store:
        assert {e.title for e in query.find_events(store)} == {
            "Launches a rocket", "Joins a standard",
        }  # fmt: skip
    out = tmp_path / "again.pipes"
    assert cli.main(["export", "--db", str(db), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == [
        "Acme | Launches a rocket | Product launch | 2021-03-04",
        "Beta Labs | Joins a standard | Partnership | 2021-05",
    ]
    capsys.readouterr()
    bad = tmp_path / "bad.pipes"
    bad.write_text("Acme | no category | 2021\n", encoding="utf-8")
    assert cli.main(["import", str(bad), "--db", str(db)]) == 1
    assert "line 1: has 3 fields, not 4" in capsys.readouterr().err


def test_the_help_and_the_dialogs_list_every_format(pipes, capsys):
    with pytest.raises(SystemExit):
        cli.main(["import", "--help"])
    assert ".pipes" in capsys.readouterr().out
    assert "Pipe-separated events (*.pipes)" in registry.dialog_filter(registry.readers())
    assert "PNG image (*.png)" in registry.dialog_filter(registry.writers())


def test_a_file_is_read_by_what_it_holds_not_by_its_name(tmp_path):
    rows = [{"company": "Acme", "title": "Named .txt", "category": "Statement",
             "start": "2021-03-04"}]  # fmt: skip
    as_json = tmp_path / "exported.txt"
    as_json.write_text(json.dumps(rows), encoding="utf-8")
    as_csv = tmp_path / "looks-like.json"
    as_csv.write_text("company,title,category,start\nAcme,Named .json,Statement,2021\n")
    db = tmp_path / "t.db"
    assert cli.main(["import", str(as_json), "--db", str(db)]) == 0
    assert cli.main(["import", str(as_csv), "--db", str(db)]) == 0
    with open_store(db, readonly=True) as store:
        assert {e.title for e in query.find_events(store)} == {"Named .txt", "Named .json"}


def test_a_timelinejs_file_is_not_taken_for_this_apps_json(tmp_path):
    slides = {"events": [{"start_date": {"year": "2020"}, "text": {"headline": "A slide"}}]}
    path = tmp_path / "timeline.json"
    path.write_text(json.dumps(slides), encoding="utf-8")
    ours = next(fmt for fmt in registry.FORMATS if fmt.name == "json")
    assert ours.sniff is not None and not ours.sniff(path.read_bytes())
