"""Qt's own messages: passed on to stderr, except the offscreen plugin's harmless chatter,
so that a headless command prints only what the user needs."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator

from PySide6 import QtCore

HARMLESS = ("does not support propagateSizeHints", "does not support raise")


def _forward(kind: QtCore.QtMsgType, context: QtCore.QMessageLogContext, message: str) -> None:
    if not any(text in message for text in HARMLESS):
        print(message, file=sys.stderr)


def quiet_harmless_messages() -> None:
    QtCore.qInstallMessageHandler(_forward)


@contextlib.contextmanager
def captured() -> Iterator[list[str]]:
    """Qt's messages while the body runs, kept (not printed) for the caller to explain a
    failure in its own words ("libpng error: Write Error" when the disk is full)."""
    messages: list[str] = []

    def keep(kind: QtCore.QtMsgType, context: QtCore.QMessageLogContext, message: str) -> None:
        if not any(text in message for text in HARMLESS):
            messages.append(message)

    previous = QtCore.qInstallMessageHandler(keep)
    try:
        yield messages
    finally:
        QtCore.qInstallMessageHandler(previous)


@contextlib.contextmanager
def captured_c_stderr() -> Iterator[list[str]]:
    """What C libraries print straight to stderr while the body runs (libpng reports a
    failed write with fprintf, not through Qt), kept for the caller's own message."""
    lines: list[str] = []
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield lines
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            lines.extend(sink.read().decode("utf-8", "replace").splitlines())
