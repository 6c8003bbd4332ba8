"""What the date labels say: day ticks name their month ("7 Jun", not "07"), and the
overview strip's two ends name the real first and last dates of the events."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from timeline_app import cli

SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def svg_texts(path: Path) -> list[str]:
    return ["".join(n.itertext()) for n in ET.parse(path).getroot().iter(SVG_TEXT)]


def test_day_ticks_name_their_month(tmp_path: Path) -> None:
    out = tmp_path / "june.svg"
    args = ["export", "--out", str(out), "--from", "2020-06-01", "--to", "2020-06-21"]
    assert cli.main(args) == 0
    texts = svg_texts(out)
    days = [t for t in texts if re.fullmatch(r"\d{1,2} Jun", t)]
    assert len(days) >= 3, texts  # e.g. "7 Jun", "12 Jun", "17 Jun"
    assert all(not t.startswith("0") for t in days)
    assert not [t for t in texts if re.fullmatch(r"\d{1,2}", t)], "bare day numbers"


def test_day_ticks_in_the_window_name_their_month(make_window, builtin_copy, qtbot) -> None:
    window = make_window(builtin_copy)
    view = window.timeline
    june_1 = 1_590_969_600  # 2020-06-01 UTC
    view.set_visible_range(june_1, june_1 + 20 * 86_400)
    view.grab()  # the axis lays its ticks out as it paints
    axis = view.axis_time
    lo, hi = view.visible_range()
    strings = [
        text
        for spacing, values in axis.tickValues(lo, hi, axis.width())
        for text in axis.tickStrings(values, 1, spacing)
        if text
    ]
    assert any(re.fullmatch(r"\d{1,2} Jun", s) for s in strings), strings
    assert not [s for s in strings if re.fullmatch(r"\d{1,2}", s)], strings


def _database(tmp_path: Path, starts: list[tuple[str, str]]) -> Path:
    events = [
        {"company": "Acme", "title": f"Event {i}", "category": "Launch", "start": start,
         "precision": precision}
        for i, (start, precision) in enumerate(starts)
    ]  # fmt: skip
    source = tmp_path / "events.json"
    source.write_text(json.dumps({"events": events}), encoding="utf-8")
    db = tmp_path / "t.db"
    assert cli.main(["import", str(source), "--db", str(db)]) == 0
    return db


def test_overview_ends_show_the_real_range_within_one_year(make_window, tmp_path) -> None:
    db = _database(tmp_path, [("2023-01-12", "day"), ("2023-06", "month"), ("2023-12-03", "day")])
    window = make_window(db)
    assert window.timeline.overview.end_labels() == ("Jan 2023", "Dec 2023")


def test_overview_ends_show_days_within_one_month_and_years_over_many(
    make_window, tmp_path
) -> None:
    db = _database(tmp_path, [("2020-06-03", "day"), ("2020-06-17", "day")])
    assert make_window(db).timeline.overview.end_labels() == ("3 Jun 2020", "17 Jun 2020")
    long = tmp_path / "long"
    long.mkdir()
    db = _database(long, [("2001", "year"), ("2025-03-01", "day")])
    assert make_window(db).timeline.overview.end_labels() == ("2001", "2025")
