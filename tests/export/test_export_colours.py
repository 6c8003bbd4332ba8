"""Colours chosen in a file travel with it: `timeline-app export` draws them, headless, in
the legend and on the markers, and the palette's colours where none is chosen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6 import QtGui

from tests.export.test_export_cli import run_cli
from timeline_app.model import edits
from timeline_app.model.store import open_store

MAGENTA = QtGui.QColor("#ff00ff")


def choose_colour(db: Path, kind: str, name: str, colour: str | None) -> None:
    table = "companies" if kind == "company" else "categories"
    conn = sqlite3.connect(db)
    try:
        (row_id,) = conn.execute(f"SELECT id FROM {table} WHERE name = ?", (name,)).fetchone()
    finally:
        conn.close()
    store = open_store(db)
    try:
        with store.transaction() as write:
            edits.set_colour(write, kind, row_id, colour)
    finally:
        store.close()


def magenta_pixels(path: Path) -> int:
    image = QtGui.QImage(str(path))
    assert not image.isNull()
    found = 0
    for x in range(image.width()):
        for y in range(image.height()):
            pixel = image.pixelColor(x, y)
            if pixel.red() > 215 and pixel.blue() > 215 and pixel.green() < 40:
                found += 1
    return found


def test_a_chosen_category_colour_is_in_the_exported_png_and_svg(
    builtin_copy: Path, tmp_path: Path
) -> None:
    plain = tmp_path / "plain.png"
    assert run_cli("export", "--db", str(builtin_copy), "--out", str(plain)).returncode == 0
    assert magenta_pixels(plain) == 0

    choose_colour(builtin_copy, "category", "Policy", "#ff00ff")
    png, svg = tmp_path / "policy.png", tmp_path / "policy.svg"
    for out in (png, svg):
        done = run_cli("export", "--db", str(builtin_copy), "--out", str(out))
        assert done.returncode == 0, done.stderr
    assert magenta_pixels(png) > 100  # three markers and the legend's
    assert "#ff00ff" in svg.read_text(encoding="utf-8").lower()


def test_a_chosen_company_colour_marks_its_lane_in_the_export(
    builtin_copy: Path, tmp_path: Path
) -> None:
    choose_colour(builtin_copy, "company", "IBM", "#ff00ff")
    out = tmp_path / "ibm.png"
    done = run_cli("export", "--db", str(builtin_copy), "--company", "IBM", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert magenta_pixels(out) > 40  # the lane's colour strip
