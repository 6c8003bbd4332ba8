"""Starting the window: the Qt application, logging, the error hook and the first file."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import MutableMapping
from pathlib import Path
from typing import TextIO

from timeline_app.log import configure, get_logger

log = get_logger("ui.app")

NO_DISPLAY_MESSAGE = (
    "timeline-app: error: no display to show the window on (DISPLAY and WAYLAND_DISPLAY are "
    "not set); run it under a virtual display with `xvfb-run -a timeline-app`, or save a "
    "picture of the window with `timeline-app --screenshot FILE.png`"
)


def ensure_display(
    environ: MutableMapping[str, str] | None = None,
    platform: str | None = None,
    stderr: TextIO | None = None,
    *,
    screenshot: bool = False,
) -> bool:
    """Whether the window can go somewhere. On Linux without a display, a window nobody
    can see would run until Ctrl+C, so that is refused with one line on stderr; unless the
    user asked for offscreen (QT_QPA_PLATFORM) or wants only a screenshot, which Qt's
    offscreen platform draws without a display."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return True
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY") or environ.get("QT_QPA_PLATFORM"):
        return True
    if screenshot:
        environ["QT_QPA_PLATFORM"] = "offscreen"
        return True
    print(NO_DISPLAY_MESSAGE, file=stderr or sys.stderr)
    return False


def run_gui(
    path: Path | None = None,
    screenshot: Path | None = None,
    event: int | None = None,
    *,
    reset_settings: bool = False,
) -> int:
    if not ensure_display(screenshot=screenshot is not None):
        return 1
    configure(to_file=True)
    from timeline_app.ui import crash
    from timeline_app.ui.application import ensure_application
    from timeline_app.ui.main_window import MainWindow
    from timeline_app.ui.settings import AppSettings

    app = ensure_application()
    settings = AppSettings()
    if reset_settings:  # a fresh start: nothing remembered from earlier runs
        settings.clear()
        settings.sync()
        log.info("settings reset: %s", settings.qsettings.fileName())
    window = MainWindow(settings=settings)
    crash.install(lambda: window)
    log.info("starting with %s", path or "the last or built-in file")
    if not window.open_startup_file(Path(path) if path else None, only=path is not None):
        # A file named on the command line that cannot be opened: say why, as other
        # commands do, rather than show some other file.
        reason = window.controller.last_failure or f"{path}: could not be opened"
        print(f"timeline-app: error: {' '.join(reason.split())}", file=sys.stderr)
        window.close_messages()
        return 1
    if event is not None and not select_on_start(window, event):
        print(
            f"timeline-app: error: {window.controller.path}: has no event {event}",
            file=sys.stderr,
        )
        window.close_messages()
        return 1
    window.show()
    _quit_on_ctrl_c(window)
    if screenshot is not None:
        _save_screenshot_and_quit(window, Path(screenshot))
    return int(app.exec())


def select_on_start(window, event_id: int) -> bool:
    """Select an event given on the command line, showing every event if the filters
    remembered from last time hide it."""
    controller = window.controller
    if not controller.is_shown(event_id):
        controller.reset_filters()
    if not controller.is_shown(event_id):
        return False
    controller.select(event_id)
    return True


def _save_screenshot_and_quit(window, out: Path) -> None:
    """`timeline-app --screenshot FILE.png`: picture of the window as it first appears."""
    from PySide6 import QtCore, QtWidgets

    def shoot() -> None:
        try:
            saved = window.grab().save(str(out))
        except Exception as exc:  # never leave the process waiting with no window to close
            log.exception("screenshot failed")
            saved, reason = False, str(exc)
        else:
            reason = "could not save the screenshot"
        if not saved:
            print(f"timeline-app: error: {out}: {reason}", file=sys.stderr)
            QtWidgets.QApplication.exit(1)
            return
        print(f"wrote {out}")
        window.close()

    QtCore.QTimer.singleShot(600, shoot)


def _quit_on_ctrl_c(window) -> None:
    """Ctrl+C in the terminal closes the window (saving its state) instead of being ignored
    until the next Python call; a slow timer gives Python the chance to see the signal."""
    from PySide6 import QtCore

    try:
        signal.signal(signal.SIGINT, lambda *_args: window.close())
    except ValueError:  # not the main thread
        return
    timer = QtCore.QTimer(window)
    timer.timeout.connect(lambda: None)
    timer.start(300)
