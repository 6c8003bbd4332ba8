"""The Qt application object: made once, with the names settings are kept under, and on a
machine with no display (a headless command drawing an image) on the offscreen platform."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app import __version__
from timeline_app.ui.qt_messages import quiet_harmless_messages
from timeline_app.ui.settings import APPLICATION, ORGANISATION


def ensure_application(*, headless: bool = False):
    """The application, made if there is none yet. Headless (a command that draws off
    screen), a machine with no display quietly uses Qt's offscreen platform."""
    app = QtWidgets.QApplication.instance()
    if app is not None:
        return app
    quiet_harmless_messages()
    if headless and sys.platform.startswith("linux"):
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return create_application()


def create_application(argv: list[str] | None = None):
    """The QApplication with the names QSettings files are kept under."""
    app = QtWidgets.QApplication.instance()
    if app is None:
        QtCore.QCoreApplication.setOrganizationName(ORGANISATION)
        QtCore.QCoreApplication.setApplicationName(APPLICATION)
        QtCore.QCoreApplication.setApplicationVersion(__version__)
        QtGui.QGuiApplication.setDesktopFileName("announcement-timeline")
        app = QtWidgets.QApplication(argv if argv is not None else sys.argv[:1])
    QtGui.QGuiApplication.setApplicationDisplayName(APPLICATION)
    QtGui.QGuiApplication.setWindowIcon(app_icon())
    return app


def app_icon() -> QtGui.QIcon:
    """The application's icon, shipped in the package beside this module (read as a file:
    importlib's resource readers cost 25 ms of every start to import)."""
    data = (Path(__file__).parent / "icons" / "app.png").read_bytes()
    pixmap = QtGui.QPixmap()
    pixmap.loadFromData(data, "PNG")
    return QtGui.QIcon(pixmap)
