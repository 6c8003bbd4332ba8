"""Methods Qt calls while painting must never raise.

An exception that leaves a Python override called from Qt's C++ painting code (a graphics
item's paint, an axis's tickStrings, a widget's paintEvent) can crash PySide6 outright, and
a painter left open by one crashes Qt later. So these methods are wrapped: the error is
logged, shown once through the usual error hook after the paint has finished, and the
method returns a harmless value so the rest of the window goes on drawing.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6 import QtCore

from timeline_app.log import get_logger

log = get_logger("ui.paint")
F = TypeVar("F", bound=Callable[..., Any])
_reported: set[str] = set()


def _report_later(info: tuple) -> None:
    exc_type, exc, _tb = info
    key = f"{exc_type.__name__}: {exc}"
    log.error("error while painting", exc_info=info)
    if key in _reported:
        return
    _reported.add(key)
    QtCore.QTimer.singleShot(0, lambda: sys.excepthook(*info))


def never_raises(fallback: Callable[..., Any] | None = None) -> Callable[[F], F]:
    """Wrap a paint-time method; on an error return fallback(*args) (or None)."""

    def wrap(method: F) -> F:
        @functools.wraps(method)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            except Exception:
                _report_later(sys.exc_info())
                return fallback(*args, **kwargs) if fallback is not None else None

        return guarded  # type: ignore[return-value]

    return wrap


guarded_paint = never_raises()
