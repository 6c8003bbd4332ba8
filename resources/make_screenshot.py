"""Regenerate the README screenshot: `xvfb-run -a -s "-screen 0 1600x1000x24" python
resources/make_screenshot.py` (a real X server gives real fonts and window decorations)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from timeline_app.model.dataset import builtin_database_path
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.settings import AppSettings

OUT = Path(__file__).resolve().parent / "screenshot.png"


def main() -> int:
    app = QtWidgets.QApplication(sys.argv)
    settings = AppSettings(Path(tempfile.mkdtemp()) / "screenshot.ini")
    window = MainWindow(settings=settings)
    window.resize(1500, 900)
    window.open_path(builtin_database_path())
    window.show()
    controller = window.controller
    amazon_pause = next(
        event_id
        for event_id in controller.shown_ids()
        if controller.event_detail(int(event_id)).event.title.startswith("Amazon pauses")
    )

    def shoot() -> None:
        controller.select(int(amazon_pause))
        app.processEvents()
        window.grab().save(str(OUT))
        print(f"wrote {OUT}")
        app.quit()

    QtCore.QTimer.singleShot(800, shoot)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
