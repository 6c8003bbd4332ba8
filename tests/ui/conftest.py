"""Fixtures for driving the window as a person would, offscreen and without dialogs that
block: settings go to a file in tmp_path, message boxes are non-modal and closed after."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from timeline_app.model.dates import validate_span
from timeline_app.model.store import create_store
from timeline_app.model.types import DatePrecision
from timeline_app.model.writer import NewEvent, NewExcerpt, NewSource, Writer
from timeline_app.ui.controller import Controller
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.settings import AppSettings


@pytest.fixture(autouse=True)
def _isolated_qt_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Even a QSettings made without a path must not reach the user's settings or log."""
    folder = tmp_path_factory.mktemp("qsettings")
    for scope in (QtCore.QSettings.Scope.UserScope, QtCore.QSettings.Scope.SystemScope):
        for fmt in (QtCore.QSettings.Format.NativeFormat, QtCore.QSettings.Format.IniFormat):
            QtCore.QSettings.setPath(fmt, scope, str(folder))
    monkeypatch.setenv("XDG_STATE_HOME", str(folder / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "config"))


@pytest.fixture(autouse=True)
def _dialog_waits_end_with_their_test() -> Iterator[None]:
    from tests.ui.test_editing import TEST_ROUND

    yield
    TEST_ROUND[0] += 1


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def make_window(qtbot, settings_path: Path) -> Iterator[Callable[..., MainWindow]]:
    """make_window(path=None, size=None) opens a window on `path` (or the startup choice)
    and shows it."""
    windows: list[MainWindow] = []

    def make(
        path: Path | None = None, settings: Path | None = None, size: QtCore.QSize | None = None
    ) -> MainWindow:
        window = MainWindow(Controller(), AppSettings(path=settings or settings_path))
        qtbot.addWidget(window)
        window.open_startup_file(path)
        if size is not None:  # as on a screen of that size, before the window first shows
            window.resize(size)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        with contextlib.suppress(RuntimeError):  # already deleted
            window.close_messages()


def write_database(
    path: Path,
    events: list[dict],
    source_text: str = "",
    source: dict | None = None,
) -> Path:
    """A small timeline file: each event dict has company, title, start, precision and may
    have summary, category, approximate and quote (words of source_text)."""
    store = create_store(path)
    try:
        with store.transaction() as conn:
            writer = Writer(conn)
            source_id = writer.source(
                NewSource(
                    title=(source or {}).get("title", "A source"),
                    text=source_text,
                    publisher=(source or {}).get("publisher", "Publisher"),
                    url=(source or {}).get("url", ""),
                    published=(source or {}).get("published", "2021-01-01"),
                )
            )
            new = []
            for item in events:
                excerpts = ()
                if item.get("quote"):
                    at = source_text.index(item["quote"])
                    excerpts = (NewExcerpt(source_id, at, at + len(item["quote"]), item["quote"]),)
                precision = DatePrecision(item.get("precision", "day"))
                new.append(
                    NewEvent(
                        company=item["company"],
                        category=item.get("category", "Statement"),
                        title=item["title"],
                        summary=item.get("summary", ""),
                        span=validate_span(item["start"], item.get("end"), precision),
                        approximate=item.get("approximate", False),
                        excerpts=excerpts,
                    )
                )
            writer.events(new)
            writer.finish()
    finally:
        store.close()
    return path


@pytest.fixture
def write_db() -> Callable[..., Path]:
    return write_database


@pytest.fixture
def open_boxes() -> Callable[[], list[QtWidgets.QMessageBox]]:
    """The message boxes on screen now."""

    def boxes() -> list[QtWidgets.QMessageBox]:
        return [
            w
            for w in QtWidgets.QApplication.topLevelWidgets()
            if isinstance(w, QtWidgets.QMessageBox) and w.isVisible()
        ]

    return boxes
