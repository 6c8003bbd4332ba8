"""Regenerate the README's "Build your own timeline" picture: the source reader with its
highlighted quotes, and the event editor proposed from selected words, with the date worked
out from them. `QT_QPA_PLATFORM=offscreen python resources/make_build_screenshot.py`
(or under xvfb-run for a real X server's fonts)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.model.dataset import builtin_database_path
from timeline_app.ui.event_editor import EventEditor
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.settings import AppSettings

OUT = Path(__file__).resolve().parent / "build-your-own.png"
WORDS = "Amazon on Wednesday said it would stop providing it to police for one year"


def main() -> int:
    app = QtWidgets.QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp())
    copy = folder / "timeline.db"
    shutil.copyfile(builtin_database_path(), copy)
    window = MainWindow(settings=AppSettings(folder / "shot.ini"))
    window.resize(1500, 900)
    window.open_path(copy)
    window.show()
    window.show_reader()
    reader = window.reader
    start = reader.source.text.index(WORDS) if reader.source else 0
    reader.show_quote(reader.source.id if reader.source else 0, start, start + len(WORDS))

    def shoot() -> None:
        editor = QtWidgets.QApplication.activeModalWidget()
        if not isinstance(editor, EventEditor):
            QtCore.QTimer.singleShot(100, shoot)
            return
        app.processEvents()
        picture = window.grab().toImage()
        dialog = editor.grab().toImage()
        painter = QtGui.QPainter(picture)
        at = QtCore.QPoint(250, 120)
        painter.fillRect(
            QtCore.QRect(at + QtCore.QPoint(6, 6), dialog.size()), QtGui.QColor(0, 0, 0, 60)
        )
        painter.drawImage(at, dialog)
        painter.setPen(QtGui.QPen(QtGui.QColor("#8C959F"), 1))
        painter.drawRect(QtCore.QRect(at, dialog.size()).adjusted(0, 0, -1, -1))
        painter.end()
        picture.save(str(OUT))
        print(f"wrote {OUT}")
        editor.reject()

    QtCore.QTimer.singleShot(500, shoot)
    QtCore.QTimer.singleShot(
        300, lambda: window.new_event_from_selection(reader.source.id, start, start + len(WORDS))
    )
    QtCore.QTimer.singleShot(1500, app.quit)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
