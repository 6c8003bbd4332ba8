"""File > Export from the window: the user picks what to draw and a file, and gets exactly
what the window's filters show."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.ui import export_dialog
from timeline_app.ui.export_dialog import ExportDialog

SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def svg_texts(path: Path) -> list[str]:
    return ["".join(n.itertext()) for n in ET.parse(path).getroot().iter(SVG_TEXT)]


@pytest.fixture
def answer_dialogs(monkeypatch):
    """Stand in for the person at the dialogs: fill the form, then name the file."""
    choices: dict = {}

    def fake_exec(dialog: ExportDialog) -> int:
        dialog.title_edit.setText(choices.get("title", "My export"))
        if choices.get("visible_only"):
            dialog.visible_range.setChecked(True)
        dialog.width_box.setValue(choices.get("width", 1200))
        dialog.height_box.setValue(choices.get("height", 0))
        return QtWidgets.QDialog.DialogCode.Accepted

    def fake_save(*_args, **_kwargs):
        return str(choices["path"]), choices.get("filter", "")

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", fake_save)
    return choices


def test_ctrl_e_exports_what_the_filters_show(qtbot, make_window, builtin_copy, tmp_path,
                                              answer_dialogs):  # fmt: skip
    window = make_window(builtin_copy)
    amazon = next(c.id for c in window.controller.companies if c.name == "Amazon")
    others = [c.id for c in window.controller.companies if c.id != amazon]
    window.controller.set_companies(others)
    answer_dialogs.update(path=tmp_path / "filtered.svg", title="Without Amazon")
    qtbot.keyClick(window, QtCore.Qt.Key.Key_E, QtCore.Qt.KeyboardModifier.ControlModifier)
    out = tmp_path / "filtered.svg"
    qtbot.waitUntil(out.exists, timeout=10_000)
    texts = svg_texts(out)
    assert "Without Amazon" in texts
    assert "Microsoft" in texts and "Amazon" not in texts
    assert "17 of 19 events" in " ".join(texts)
    assert str(out) in window.statusBar().currentMessage()


def test_export_of_the_visible_range_only(qtbot, make_window, builtin_copy, tmp_path,
                                          answer_dialogs):  # fmt: skip
    window = make_window(builtin_copy)
    june = QtCore.QDateTime(QtCore.QDate(2020, 6, 1), QtCore.QTime(0, 0), QtCore.QTimeZone.UTC)
    start = june.toSecsSinceEpoch()
    window.timeline.set_visible_range(start, start + 30 * 86_400)
    answer_dialogs.update(path=tmp_path / "june", filter="PNG image (*.png)", visible_only=True,
                          width=1000, height=700)  # fmt: skip
    window.export_image()
    out = tmp_path / "june.png"  # the extension follows the chosen file type
    assert out.exists()
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    answer_dialogs.update(path=tmp_path / "june.svg")
    window.export_image()
    texts = svg_texts(tmp_path / "june.svg")
    assert "2019" not in texts  # year ticks of the whole timeline are not drawn
    assert "Amazon pauses police facial recognition for a year" in " ".join(texts)


def test_a_failed_export_is_explained_and_the_window_stays_usable(
    qtbot, make_window, builtin_copy, tmp_path, answer_dialogs
):
    window = make_window(builtin_copy)
    answer_dialogs.update(path=tmp_path / "missing-folder" / "x.pdf")
    in_view = window.timeline.visible_range()
    assert export_dialog.run_export_dialog(window, window.controller, in_view) is None
    assert window.last_message is not None
    assert "could not be exported" in window.last_message[1]
    window.close_messages()
    window.controller.select_next()
    assert window.controller.selected_id is not None


def test_the_file_type_chosen_decides_between_formats_of_one_extension(
    qtbot, make_window, builtin_copy, tmp_path, answer_dialogs
):
    import json

    window = make_window(builtin_copy)
    answer_dialogs.update(path=tmp_path / "web", filter="TimelineJS JSON (*.json)")
    qtbot.keyClick(window, QtCore.Qt.Key.Key_E, QtCore.Qt.KeyboardModifier.ControlModifier)
    out = tmp_path / "web.json"
    qtbot.waitUntil(out.exists, timeout=10_000)
    slides = json.loads(out.read_text(encoding="utf-8"))["events"]
    assert len(slides) == 19 and "start_date" in slides[0]  # TimelineJS, not our own JSON
    answer_dialogs.update(path=tmp_path / "data.json", filter="JSON data (*.json)")
    qtbot.keyClick(window, QtCore.Qt.Key.Key_E, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil((tmp_path / "data.json").exists, timeout=10_000)
    rows = json.loads((tmp_path / "data.json").read_text(encoding="utf-8"))["events"]
    assert "company" in rows[0]


def test_the_web_page_file_type_writes_one_interactive_page(
    qtbot, make_window, builtin_copy, tmp_path, answer_dialogs
):
    import json
    import re

    window = make_window(builtin_copy)
    amazon = next(c.id for c in window.controller.companies if c.name == "Amazon")
    window.controller.set_companies([c.id for c in window.controller.companies if c.id != amazon])
    june = QtCore.QDateTime(QtCore.QDate(2020, 6, 1), QtCore.QTime(0, 0), QtCore.QTimeZone.UTC)
    start = june.toSecsSinceEpoch()
    window.timeline.set_visible_range(start, start + 30 * 86_400)
    answer_dialogs.update(path=tmp_path / "web", title="Without Amazon", visible_only=True,
                          filter="Interactive web page (HTML) (*.html *.htm)")  # fmt: skip
    qtbot.keyClick(window, QtCore.Qt.Key.Key_E, QtCore.Qt.KeyboardModifier.ControlModifier)
    out = tmp_path / "web.html"  # the first extension of the file type chosen
    qtbot.waitUntil(out.exists, timeout=10_000)
    page = out.read_text(encoding="utf-8")
    assert page.endswith("</html>\n") and "<title>Without Amazon</title>" in page
    assert "17 of 19 events" in page
    (raw,) = re.findall(r'<script type="application/json" id="timeline-data">(.*?)</script>',
                        page, re.S)  # fmt: skip
    data = json.loads(raw)
    assert len(data["events"]) == 17 and "Amazon" not in [lane[1] for lane in data["lanes"]]
    assert data["range"][0] == pytest.approx(start, abs=86_400)  # the range in view
    assert str(out) in window.statusBar().currentMessage()


def test_a_preset_fills_in_size_and_text_size(qtbot, make_window, builtin_copy, tmp_path,
                                             monkeypatch):  # fmt: skip
    from timeline_app.export.options import PRESETS

    window = make_window(builtin_copy)
    dialog = ExportDialog(window, "Slides")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.preset_box.setFocus()
    while dialog.preset_box.currentData() != "slide":  # the arrow keys, as a person would
        qtbot.keyClick(dialog.preset_box, QtCore.Qt.Key.Key_Down)
    slide = PRESETS["slide"]
    assert (dialog.width_box.value(), dialog.height_box.value()) == (slide.width, slide.height)
    assert dialog.font_box.value() == slide.font_size
    options = dialog.options((0.0, 1.0))
    assert (options.width, options.height, options.font_size) == (1920, 1080, 22)
    # and the picture is what the preset promises
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QtWidgets.QDialog.DialogCode.Accepted)
    monkeypatch.setattr(ExportDialog, "options", lambda self, visible: options)
    out = tmp_path / "slide.png"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.export_image()
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)


def test_the_dialog_starts_from_the_command_lines_defaults(qtbot, make_window, builtin_copy,
                                                          tmp_path):  # fmt: skip
    from tests.export.test_export_layout import svg_text_sizes
    from timeline_app import cli

    window = make_window(builtin_copy)
    dialog = ExportDialog(window, "Defaults")
    qtbot.addWidget(dialog)
    out = tmp_path / "cli.png"
    assert cli.main(["export", "--out", str(out), "--db", str(builtin_copy)]) == 0
    assert QtGui.QImage(str(out)).width() == dialog.width_box.value()
    svg = tmp_path / "cli.svg"
    assert cli.main(["export", "--out", str(svg), "--db", str(builtin_copy)]) == 0
    smallest_text = min(svg_text_sizes(svg).values())
    assert smallest_text == pytest.approx(dialog.font_box.value(), abs=0.05)
    assert dialog.height_box.value() == 0  # both: as tall as the lanes need


def test_the_export_form_starts_with_the_title_the_file_keeps(
    qtbot, make_window, builtin_copy, tmp_path, monkeypatch
):
    conn = sqlite3.connect(builtin_copy)
    with conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('title', 'Big tech and police')")
    conn.close()
    window = make_window(builtin_copy)
    offered: list[str] = []

    def look(dialog: ExportDialog) -> int:
        offered.append(dialog.title_edit.text())
        return QtWidgets.QDialog.DialogCode.Accepted  # the title as offered

    out = tmp_path / "titled.svg"
    monkeypatch.setattr(ExportDialog, "exec", look)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.keyClick(window, QtCore.Qt.Key.Key_E, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(out.exists, timeout=10_000)
    assert offered == ["Big tech and police"]
    assert "Big tech and police" in svg_texts(out)
