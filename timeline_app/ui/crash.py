"""Unexpected exceptions: logged with their traceback, shown once, and survived.

PySide hands an exception raised in a slot or an overridden Qt method to sys.excepthook and
carries on; `ErrorReporter.install()` puts a hook there (and on threading.excepthook) that
writes the traceback to the log and shows a non-blocking critical message box with the
details. While one such box is open, further errors are only logged and counted, so a
failing paint handler cannot stack up dialogs; an error raised while showing the box is
written to stderr instead of recursing.

Tests read `last_error` / `errors_shown` or connect to `errorShown`, and close `dialog`.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6 import QtCore, QtWidgets

from timeline_app.log import get_logger, log_file_path

log = get_logger("ui.crash")


def _summary(exc_type: type[BaseException], exc: BaseException | None) -> str:
    text = str(exc).strip() if exc is not None else ""
    first_line = text.splitlines()[0] if text else ""
    if len(first_line) > 300:
        first_line = first_line[:300] + "…"
    return f"{exc_type.__name__}: {first_line}" if first_line else exc_type.__name__


class ErrorReporter(QtCore.QObject):
    errorShown = QtCore.Signal(str)  # the summary line of an error that was reported
    _fromThread = QtCore.Signal(str, str)

    def __init__(
        self,
        parent_widget: Callable[[], QtWidgets.QWidget | None] | None = None,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent_widget = parent_widget or QtWidgets.QApplication.activeWindow
        self.show_dialogs = True
        self.last_error: str | None = None
        self.last_details: str | None = None
        self.errors_shown = 0  # errors reported since the app started
        self.dialog: QtWidgets.QMessageBox | None = None
        self._suppressed = 0
        self._showing = False
        self._installed = False
        self._previous: tuple[object, object] | None = None
        self._fromThread.connect(self._report, QtCore.Qt.ConnectionType.QueuedConnection)

    # ----- hooks
    def install(self) -> ErrorReporter:
        if not self._installed:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self.excepthook
            threading.excepthook = self.thread_excepthook
            self._installed = True
        return self

    def uninstall(self) -> None:
        if self._installed and self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._installed = False

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc or exc_type(), tb)
            app = QtCore.QCoreApplication.instance()
            if app is not None:
                app.quit()
            return
        try:
            details = "".join(traceback.format_exception(exc_type, exc, tb))
            log.error("unexpected error\n%s", details.rstrip())
            summary = _summary(exc_type, exc)
            if threading.current_thread() is threading.main_thread():
                self._report(summary, details)
            else:
                self._fromThread.emit(summary, details)
        except Exception:  # the hook itself must never raise
            sys.__excepthook__(exc_type, exc or exc_type(), tb)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    # ----- showing
    def _report(self, summary: str, details: str) -> None:
        self.last_error = summary
        self.last_details = details
        self.errors_shown += 1
        if self._showing:
            return  # raised while building the box: logged above, never recursive
        if self.dialog is not None:
            self._suppressed += 1
            self.dialog.setInformativeText(self._informative())
            self.errorShown.emit(summary)
            return
        self._showing = True
        try:
            if self.show_dialogs:
                self.dialog = self._make_dialog(summary, details)
                self.dialog.open()
            self.errorShown.emit(summary)
        except Exception:
            sys.stderr.write("Announcement Timeline: could not show an error:\n")
            traceback.print_exc()
        finally:
            self._showing = False

    def _informative(self) -> str:
        more = (
            f"\n\n{self._suppressed} more error(s) happened since; they are in the log too."
            if self._suppressed
            else ""
        )
        return (
            "The app is still running. If something looks wrong, open the file again.\n\n"
            f"The details were written to the log:\n{log_file_path()}{more}"
        )

    def _make_dialog(self, summary: str, details: str) -> QtWidgets.QMessageBox:
        parent = self._parent_widget()
        box = QtWidgets.QMessageBox(parent)
        box.setIcon(QtWidgets.QMessageBox.Icon.Critical)
        box.setWindowTitle("Unexpected error")
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        box.setText(f"Something went wrong:\n{summary}")
        box.setInformativeText(self._informative())
        box.setDetailedText(details)
        box.setStandardButtons(QtWidgets.QMessageBox.StandardButton.Close)
        box.setObjectName("unexpectedErrorDialog")
        box.finished.connect(self._dialog_closed)
        return box

    def _dialog_closed(self, *_args: object) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self._suppressed = 0


def install(parent_widget: Callable[[], QtWidgets.QWidget | None] | None = None) -> ErrorReporter:
    """Create an ErrorReporter owned by the application and install its hooks."""
    app = QtCore.QCoreApplication.instance()
    return ErrorReporter(parent_widget, parent=app).install()
