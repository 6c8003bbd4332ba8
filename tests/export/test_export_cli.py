"""`timeline-app export`: images of the requested size and kind, data that reads back,
and clear refusals of bad options. Runs the real command, headless, as a user would."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6 import QtGui

SVG_NS = "{http://www.w3.org/2000/svg}"


def run_cli(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the command must manage without a display by itself
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-c", "from timeline_app.cli import main; raise SystemExit(main())",
         *args],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip


def svg_texts(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(node.itertext()) for node in root.iter(f"{SVG_NS}text")]


def test_png_has_the_requested_pixel_size(tmp_path: Path) -> None:
    out = tmp_path / "timeline.png"
    result = run_cli("export", "--out", str(out), "--width", "1920", "--height", "1080")
    assert result.returncode == 0, result.stderr
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)


def test_png_scale_multiplies_the_pixels_for_print(tmp_path: Path) -> None:
    out = tmp_path / "print.png"
    result = run_cli("export", "--out", str(out), "--width", "1000", "--height", "600",
                     "--scale", "2")  # fmt: skip
    assert result.returncode == 0, result.stderr
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == (2000, 1200)


def test_png_is_not_blank_and_dark_theme_is_dark(tmp_path: Path) -> None:
    light, dark = tmp_path / "light.png", tmp_path / "dark.png"
    assert run_cli("export", "--out", str(light)).returncode == 0
    assert run_cli("export", "--out", str(dark), "--theme", "dark").returncode == 0

    def mean_lightness(path: Path) -> float:
        image = QtGui.QImage(str(path))
        samples = [
            image.pixelColor(x, y).lightnessF()
            for x in range(0, image.width(), 37)
            for y in range(0, image.height(), 23)
        ]
        return sum(samples) / len(samples)

    assert mean_lightness(light) > 0.8
    assert mean_lightness(dark) < 0.3
    image = QtGui.QImage(str(light))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 5)
               for y in range(0, image.height(), 5)}  # fmt: skip
    assert len(colours) > 20  # markers, lanes and text, not an empty canvas


def test_svg_keeps_text_as_text_and_shows_exactly_the_filtered_lanes(tmp_path: Path) -> None:
    out = tmp_path / "ibm.svg"
    result = run_cli("export", "--out", str(out), "--company", "IBM", "--company", "amazon",
                     "--title", "Two companies")  # fmt: skip
    assert result.returncode == 0, result.stderr
    texts = svg_texts(out)
    joined = " ".join(texts)
    assert "Two companies" in texts
    assert "IBM" in texts and "Amazon" in texts
    assert "Microsoft" not in texts  # the lane is filtered out
    assert "3 of 19 events" in joined
    assert "Amazon pauses police facial recognition for a year" in joined
    assert "Sources:" in joined and "2020-06-11" in joined
    assert "Sales halt" in texts  # the legend


def test_the_busiest_lane_grows_so_its_events_are_drawn_and_titled(tmp_path: Path) -> None:
    out = tmp_path / "all.svg"
    assert run_cli("export", "--out", str(out)).returncode == 0
    texts = svg_texts(out)
    assert not [t for t in texts if t.isdigit() and len(t) < 4], "no counted badge: no pile"
    microsoft = [  # 9 events, six of them in 2019-2020: they need sub-rows, not a badge
        "Brad Smith warns", "Microsoft refuses California", "Microsoft caught providing",
        "Microsoft backs California", "Microsoft divests", "Microsoft won't sell",
        "Microsoft adds review",
    ]  # fmt: skip
    assert all(any(start in text for text in texts) for start in microsoft)


def test_pdf_is_vector_with_searchable_text(tmp_path: Path) -> None:
    out = tmp_path / "timeline.pdf"
    result = run_cli("export", "--out", str(out), "--search", "Rekognition")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())
    assert "Amazon may keep Rekognition" in text
    assert "1 of 19 events" in text
    assert "Washington Post Live" not in text  # lanes without a match give way
    content = reader.pages[0].get_contents().get_data()
    assert b" re" in content or b" l\n" in content or b" c\n" in content  # path operators
    assert not reader.pages[0].images  # drawn, not pasted as a bitmap


def test_date_range_limits_the_events(tmp_path: Path) -> None:
    out = tmp_path / "june.csv"
    result = run_cli("export", "--out", str(out), "--from", "2020-06-09", "--to", "2020-06-30")
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8") as handle:
        titles = {row["title"] for row in csv.DictReader(handle)}
    assert "Amazon pauses police facial recognition for a year" in titles
    assert "IBM ends facial recognition sales and research" in titles  # spans into the range
    assert not any("2019" in t for t in titles)
    assert "Microsoft refuses California police facial recognition" not in titles


def test_json_export_has_one_object_per_event_row(tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    assert run_cli("export", "--out", str(out), "--category", "Sales halt").returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    rows = data["events"]
    assert {row["category"] for row in rows} == {"Sales halt"}
    # Each source's text comes once, in the "sources" list before the events.
    texts = {source["source_title"]: source["source_text"] for source in data["sources"]}
    assert len(texts) == len(data["sources"]) == 1
    for row in rows:
        assert "source_text" not in row
        text = texts[row["source_title"]]
        assert text[row["excerpt_start"] : row["excerpt_end"]] == row["excerpt"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--company", "Nokia"], "unknown company 'Nokia'"),
        (["--category", "Sports"], "unknown category 'Sports'"),
        (["--from", "2020-02-30"], "--from"),
        (["--from", "2020-06-01", "--to", "2020-01-01"], "before"),
        (["--width", "10"], "--width"),
        (["--scale", "100"], "--scale"),
        (["--theme", "pink"], "invalid choice"),
    ],
)
def test_bad_options_exit_non_zero_with_one_clear_line(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    out = tmp_path / "x.png"
    result = run_cli("export", "--out", str(out), *args)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert expected in result.stderr
    assert len(lines) == 1
    assert not out.exists()


def test_unknown_extension_and_missing_folder_are_refused(tmp_path: Path) -> None:
    result = run_cli("export", "--out", str(tmp_path / "x.gif"))
    assert result.returncode == 1 and "unknown file type .gif" in result.stderr
    result = run_cli("export", "--out", str(tmp_path / "nowhere" / "x.png"))
    assert result.returncode == 1 and "does not exist" in result.stderr


def test_bad_database_is_refused_without_touching_it(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("just some notes", encoding="utf-8")
    before = bogus.read_bytes()
    result = run_cli("export", "--db", str(bogus), "--out", str(tmp_path / "x.png"))
    assert result.returncode == 1
    assert str(bogus) in result.stderr and "not a timeline database" in result.stderr
    assert bogus.read_bytes() == before


def _content(db: Path) -> tuple[list, list]:
    from timeline_app.model.store import open_store

    with open_store(db, readonly=True) as store:
        events = store.conn.execute(
            "SELECT c.name, c.kind, e.title, e.summary, g.name, e.start_date, e.end_date, "
            "e.precision, e.approximate FROM events e JOIN companies c ON c.id = e.company_id "
            "JOIN categories g ON g.id = e.category_id ORDER BY c.name, e.start_date, e.title"
        ).fetchall()
        excerpts = store.conn.execute(
            "SELECT c.name, e.title, x.start, x.end, x.text, s.title, s.publisher, s.url, "
            "s.published, s.text FROM excerpts x JOIN events e ON e.id = x.event_id "
            "JOIN companies c ON c.id = e.company_id JOIN sources s ON s.id = x.source_id "
            "ORDER BY c.name, e.title, x.start"
        ).fetchall()
    return events, excerpts


def _add_formula_like_event(db: Path) -> None:
    from timeline_app.model.dates import validate_span
    from timeline_app.model.store import open_store
    from timeline_app.model.types import DatePrecision
    from timeline_app.model.writer import NewEvent, NewExcerpt, NewSource, Writer

    text = "=cmd|' /C calc'!A0 said the hostile cell; -5 was the score."
    with open_store(db) as store, store.transaction() as conn:
        writer = Writer(conn)
        source = writer.source(NewSource(title="+Odd source", text=text, published="2021"))
        writer.company("@Home Robotics")
        writer.events(
            [
                NewEvent(
                    company="@Home Robotics", category="-Other", title="=HYPERLINK(\"x\")",
                    summary="'=already quoted", span=validate_span("2021-02", None,
                    DatePrecision.MONTH), approximate=True,
                    excerpts=(NewExcerpt(source, 0, 19, text[:19]),),
                )
            ]
        )  # fmt: skip
        writer.finish()


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_exported_data_imports_back_to_the_same_timeline(
    builtin_copy: Path, tmp_path: Path, suffix: str
) -> None:
    _add_formula_like_event(builtin_copy)
    out = tmp_path / f"events{suffix}"
    result = run_cli("export", "--db", str(builtin_copy), "--out", str(out))
    assert result.returncode == 0, result.stderr
    if suffix == ".csv":
        with out.open(encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
        assert '\'=HYPERLINK("x")' in cells and "''=already quoted" in cells
    copy = tmp_path / "copy.db"
    result = run_cli("import", str(out), "--db", str(copy))
    assert result.returncode == 0, result.stderr
    assert ": 20 event(s) added" in result.stdout
    assert _content(copy) == _content(builtin_copy)


def test_a_timeline_of_100000_generated_events_exports_as_an_image(tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    made = run_cli("generate", "--events", "100000", "--companies", "60", "--out", str(db))
    assert made.returncode == 0, made.stderr
    out = tmp_path / "big.png"
    result = run_cli("export", "--db", str(db), "--out", str(out), "--width", "1920")
    assert result.returncode == 0, result.stderr
    image = QtGui.QImage(str(out))
    assert image.width() == 1920
    assert image.height() >= 60 * 34  # the picture grows with the lanes instead of squashing
    svg = tmp_path / "big.svg"
    assert run_cli("export", "--db", str(db), "--out", str(svg)).returncode == 0
    texts = svg_texts(svg)
    assert "100,000 of 100,000 events" in " ".join(texts)
    assert len(texts) < 3000  # aggregated: not one element per event
    # The footer names the first sources and counts the rest, all of them.
    with sqlite3.connect(db) as conn:
        quoted = conn.execute("SELECT count(DISTINCT source_id) FROM excerpts").fetchone()[0]
    assert quoted > 50
    assert f"and {quoted - 4:,} more." in " ".join(texts)


def test_a_height_too_small_for_every_lane_shows_the_busiest_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "cramped.svg"
    result = run_cli("export", "--out", str(out), "--height", "300")
    assert result.returncode == 0, result.stderr
    assert "note: the 3 busiest of 10 companies are shown" in result.stderr
    texts = svg_texts(out)
    assert "Microsoft" in texts and "Amazon" in texts  # 9 and 2 events: the busiest
    assert "Oakland" not in texts
    assert "the 3 busiest of 10 companies" in " ".join(texts)  # the image says so too
    assert run_cli("export", "--out", str(out), "--height", "200").returncode == 1


def test_unwritable_targets_get_one_line_and_leave_nothing(tmp_path: Path) -> None:
    folder_named_like_a_file = tmp_path / "taken.png"
    folder_named_like_a_file.mkdir()
    result = run_cli("export", "--out", str(folder_named_like_a_file))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"timeline-app: error: {folder_named_like_a_file}: is a folder; give a file name"
    )
    for suffix in (".png", ".svg", ".pdf", ".csv"):
        out = tmp_path / f"fine{suffix}"
        result = run_cli("export", "--out", str(out))
        assert result.returncode == 0
        assert result.stderr == ""  # no chatter from Qt on success
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "fine.csv", "fine.pdf", "fine.png", "fine.svg", "taken.png",
    ]  # fmt: skip


def test_an_export_that_cannot_be_written_is_one_line_and_no_traceback(
    tmp_path: Path, monkeypatch
) -> None:
    """A read-only folder (root ignores permission bits, so the check is simulated)."""
    from timeline_app import cli

    real_open = Path.open

    def refuse_partials(self: Path, *args, **kwargs):
        if ".partial" in self.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse_partials)
    for suffix in (".png", ".pdf", ".json"):
        out = tmp_path / f"x{suffix}"
        assert cli.main(["export", "--out", str(out)]) == 1
        assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_dates_that_are_not_dates_are_named_as_such(tmp_path: Path) -> None:
    result = run_cli("export", "--out", str(tmp_path / "x.png"), "--from", "junk")
    assert result.returncode == 1
    assert "--from: 'junk' is not a date (YYYY-MM-DD)" in result.stderr


def test_an_export_matching_nothing_says_so(tmp_path: Path) -> None:
    result = run_cli("export", "--out", str(tmp_path / "x.png"), "--search", "zebra")
    assert result.returncode == 0
    assert "note: no event matches the filters" in result.stderr
