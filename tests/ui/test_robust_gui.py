"""Things that must not break the window: errors in handlers, hostile data, no display."""

from __future__ import annotations

import io
import logging
import threading
from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from timeline_app.ui import app as app_module
from timeline_app.ui.crash import ErrorReporter
from timeline_app.ui.event_table import EventTableModel

HOSTILE_TITLE = "<b>Bold?</b> <script>alert('x')</script> &amp; entity"
RTL = "قالت الشركة إنها ستتوقف — החברה אמרה"
EMOJI = "Face ID 😀🧑🏽‍💻 launch"


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_handler_is_shown_logged_and_survived(
    qtbot, make_window, builtin_copy, caplog, monkeypatch
):
    window = make_window(builtin_copy)
    reporter = ErrorReporter(lambda: window).install()
    try:

        def broken(*_args):
            raise RuntimeError("neighbour lookup exploded")

        monkeypatch.setattr(window.controller.visible, "neighbour", broken)
        viewport = window.timeline.viewport_widget()
        viewport.setFocus()
        with caplog.at_level(logging.ERROR, logger="timeline_app"):
            with qtbot.waitSignal(reporter.errorShown, timeout=2000):
                qtbot.keyClick(viewport, QtCore.Qt.Key.Key_Right)
            window.next_action.trigger()  # again, while the box is up
        assert reporter.last_error == "RuntimeError: neighbour lookup exploded"
        assert reporter.errors_shown == 2
        dialog = reporter.dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.icon() == QtWidgets.QMessageBox.Icon.Critical
        assert "neighbour lookup exploded" in dialog.text()
        assert "Traceback" in dialog.detailedText() and "broken" in dialog.detailedText()
        assert "1 more error(s)" in dialog.informativeText()
        boxes = [
            w
            for w in QtWidgets.QApplication.topLevelWidgets()
            if isinstance(w, QtWidgets.QMessageBox) and w.isVisible()
        ]
        assert boxes == [dialog]  # never a second box on top
        logged = [r for r in caplog.records if r.name == "timeline_app.ui.crash"]
        assert len(logged) == 2 and "Traceback" in logged[0].getMessage()
        dialog.close()
        assert reporter.dialog is None

        monkeypatch.undo()
        # The window still works.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        viewport.setFocus()
        qtbot.keyClick(viewport, QtCore.Qt.Key.Key_Right)
        assert window.controller.selected_id is not None
        window.controller.set_companies([1])
        assert window.count_label.text().startswith("9 of 19 events")
    finally:
        reporter.uninstall()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_thread_reaches_the_window(qtbot):
    reporter = ErrorReporter(lambda: None)
    reporter.show_dialogs = False
    reporter.install()
    try:

        def work():
            raise ValueError("background failure")

        with qtbot.waitSignal(reporter.errorShown, timeout=2000) as signal:
            thread = threading.Thread(target=work)
            thread.start()
            thread.join()
        assert signal.args == ["ValueError: background failure"]
    finally:
        reporter.uninstall()


@pytest.fixture
def hostile_db(tmp_path: Path, write_db) -> Path:
    big = "x" * 20_000  # the longest quote allowed, in a one-megabyte source
    text = (
        f"Intro paragraph.\n\n{HOSTILE_TITLE} was said.\n\n{RTL} and {EMOJI}.\n\n"
        f"{big}\n\n{'y' * 1_000_000}\n\nAfter the big one."
    )
    events = [
        {"company": "<i>Evil</i> & Co", "title": HOSTILE_TITLE, "start": "2020-01-02",
         "quote": HOSTILE_TITLE, "summary": ""},
        {"company": "شركة", "title": RTL, "start": "2020-02-03", "quote": RTL,
         "summary": "Right-to-left text"},
        {"company": "Emoji Inc 😀", "title": EMOJI, "start": "2020-03", "precision": "month",
         "quote": EMOJI, "approximate": True},
        {"company": "Big", "title": "The longest quote", "start": "2020-04-05", "quote": big},
    ]  # fmt: skip
    return write_db(
        tmp_path / "hostile.db",
        events,
        text,
        source={"title": "<a href='javascript:alert(1)'>Source</a>", "url": "javascript:alert(1)"},
    )


def test_hostile_text_is_plain_and_quick(qtbot, make_window, hostile_db):
    window = make_window(hostile_db)
    assert window.count_label.text() == "4 of 4 events"
    assert "<i>Evil</i> & Co" in window.timeline.lane_names()
    entries = [window.filter_panel.companies.proxy.index(r, 0).data() for r in range(4)]
    assert "<i>Evil</i> & Co (1)" in entries
    assert "\u2068شركة\u2069 (1)" in entries  # the count stays right of a right-to-left name
    ids = [int(i) for i in window.controller.visible.shown_ids_by_time()]
    for event_id in ids:
        window.controller.select(event_id)
        QtWidgets.QApplication.processEvents()
        window.grab()  # lays out and paints everything, as on screen
        text = window.detail.plain_text()
        assert "javascript:alert(1)" in text  # shown, as text
        assert "<a href='javascript:alert(1)'>Source</a>" in text

    window.controller.select(ids[0])
    text = window.detail.plain_text()
    assert HOSTILE_TITLE in text
    assert "No summary recorded." in text
    document = window.detail.browser.document()
    assert not any(
        fmt.isAnchor() for fmt in (document.find(w).charFormat() for w in ("javascript", "Source"))
    )
    window.controller.select(ids[1])
    assert RTL in window.detail.plain_text()
    window.controller.select(ids[2])
    assert EMOJI in window.detail.plain_text()
    window.controller.select(ids[3])
    assert "quote shortened for display" in window.detail.plain_text()
    assert len(window.detail.plain_text()) < 30_000

    # The table shows titles as typed, and its tooltips escape them.
    model: EventTableModel = window.table.model()
    assert model.index(0, 3).data() == HOSTILE_TITLE
    tip = model.index(0, 3).data(QtCore.Qt.ItemDataRole.ToolTipRole)
    assert "&lt;script&gt;" in tip and "<script>" not in tip


def test_no_display_is_refused_unless_offscreen_is_asked_for():
    environ: dict[str, str] = {}
    err = io.StringIO()
    assert not app_module.ensure_display(environ, "linux", err)
    assert "QT_QPA_PLATFORM" not in environ
    message = err.getvalue()
    assert message.count("\n") == 1
    assert "no display" in message and "xvfb-run -a" in message and "--screenshot" in message
    assert app_module.ensure_display(environ, "linux", err, screenshot=True)
    assert environ["QT_QPA_PLATFORM"] == "offscreen"
    for env in ({"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"}, {"QT_QPA_PLATFORM": "xcb"}):
        assert app_module.ensure_display(dict(env), "linux", err)
    assert app_module.ensure_display({}, "darwin", err)
    assert err.getvalue() == message  # said once, only when refused


def test_run_gui_opens_the_given_file(qtbot, builtin_copy, monkeypatch):
    shown = {}

    def fake_exec(self):
        window = next(
            w
            for w in QtWidgets.QApplication.topLevelWidgets()
            if w.objectName() == "mainWindow" and w.isVisible()
        )
        shown["title"] = window.windowTitle()
        shown["count"] = window.count_label.text()
        window.close()
        window.deleteLater()
        return 0

    installed = []
    monkeypatch.setattr(app_module, "configure", lambda **kwargs: None)
    monkeypatch.setattr(app_module, "_quit_on_ctrl_c", lambda window: None)
    monkeypatch.setattr(QtWidgets.QApplication, "exec", fake_exec)
    monkeypatch.setattr(
        "timeline_app.ui.crash.install", lambda parent=None: installed.append(parent)
    )
    assert app_module.run_gui(builtin_copy) == 0
    assert shown == {"title": "timeline.db — Announcement Timeline", "count": "19 of 19 events"}
    assert len(installed) == 1
